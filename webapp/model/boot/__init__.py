"""The boot lab: how Xen builds and boots a PV domain, next to a traditional machine's boot.

The package's modules are imported by the lifecycle lab too (its ``create`` groups the same
micro-steps), so importing the package registers nothing; ``webapp.model.boot.lab`` does
(imported from ``webapp/model/labs.py``).
"""
