"""The pure model of Hypervisor Lab: a deterministic, step-able Xen-like hypervisor.

Everything in this package is a function of (scenario, seed, action log). It imports only the
standard library and itself: no Flask, no sockets, no clock, no file system, no threads.
"""
