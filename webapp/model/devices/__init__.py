"""The devices lab: split-driver I/O (xenstore handshake, grant tables, shared rings, event
channels) for a PV guest's disk and network, versus an emulated IDE disk on an HVM guest.

Importing this package registers its recipes, commands, narration, scenario set-up and
snapshot section with the engine.
"""

from webapp.model import extensions, narration
from webapp.model.devices import (  # noqa: F401  (registration side effects)
    blk,
    closing,
    commands,
    disk,
    emulated,
    handshake,
    net,
    notify,
    probes,
    setup,
    view,
    watches,
)
from webapp.model.narration.devices import PHASES, TEMPLATES
from webapp.model.narration.vocabulary import STATES

narration.register(TEMPLATES)
STATES.update(PHASES)
extensions.setup("devices", setup.build)
extensions.section("devices", view.section)
