"""The cloud operations lab: a datacenter of Xen hosts, tenants' domains, live migration with
every phase (libxc's pre-copy loop and policy, xl's handshake), the credit scheduler's
shares and runstates, metering and billing, energy and consolidation, service levels, and
host failures.

Importing this package registers its recipes, commands, narration, sources, scenario set-up,
snapshot section and its per-step observer (the datacenter's clock) with the engine.
"""

from webapp.model import extensions, narration
from webapp.model.cloud import commands, meter, ops, setup, view  # noqa: F401
from webapp.model.cloud.texts import TEMPLATES, WORDS
from webapp.model.narration import sources
from webapp.model.narration.sources.cloud import SOURCES
from webapp.model.narration.vocabulary import STATES

narration.register(TEMPLATES)
sources.register(SOURCES)
STATES.update(WORDS)
extensions.setup("cloud", setup.build)
extensions.section("cloud", view.section)
# The datacenter's clock runs first, so the guide's observer reads this step's state.
extensions.observer(meter.observe, first=True)
