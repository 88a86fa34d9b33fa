"""The categories lab: the same guest workload under full emulation, OS-level virtualization,
para-virtualization and hardware-assisted virtualization, side by side, in lockstep.

Importing this package registers its commands, recipes, narration (with its sources),
scenario set-up and snapshot section with the engine.
"""

from webapp.model import extensions, narration
from webapp.model.categories import commands, setup, view
from webapp.model.categories.sentences import TEMPLATES
from webapp.model.narration import sources
from webapp.model.narration.sources.categories import SOURCES

narration.register(TEMPLATES)
sources.register(SOURCES)
extensions.setup("categories", setup.build)
extensions.section("categories", view.section)

__all__ = ["commands"]
