"""The memory lab: address translation, one memory reference per step, in four modes.

Native paging, Xen PV direct paging (``mmu_update`` validated by Xen), HVM with shadow page
tables and HVM with nested paging (EPT, the 2D walk), on the same guest page tables and the
same access trace, with a TLB, counters per mode and a cycle model (§6.3 assumptions).
The walks themselves are ``webapp.model.paging``'s. Importing this package registers the
lab's setup, snapshot section, commands, recipe and narration.
"""

from webapp.model import extensions, narration
from webapp.model.memlab import commands  # noqa: F401  (registers the commands and recipe)
from webapp.model.memlab.section import section
from webapp.model.memlab.setup import LAB, lab_of, setup
from webapp.model.memlab.state import MODES, MemoryLab
from webapp.model.narration.memory import TEMPLATES

extensions.setup(LAB, setup)
extensions.section(LAB, section)
narration.register(TEMPLATES)

__all__ = ["LAB", "MODES", "MemoryLab", "lab_of"]
