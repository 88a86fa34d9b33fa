"""Narration of the memory lab, in English and French (vocabulary of glossary.md): one module
per concept, merged here.

Code names (``mmu_update``, ``MMUEXT_NEW_BASEPTR``, CR3, ``invlpg``, PML4…) stay untranslated.
Keys under ``mem.`` are steps, ``fault.``/``exit.``/``trap.``/``hypercall.`` are the notable
steps (timeline markers), ``memory.``/``xen.mmu.`` are refusals and sub-sentences.
"""

from __future__ import annotations

from webapp.model.narration.memory.ept import TEMPLATES as EPT
from webapp.model.narration.memory.lab import TEMPLATES as LAB
from webapp.model.narration.memory.pv import TEMPLATES as PV
from webapp.model.narration.memory.quiz import TEMPLATES as QUIZ
from webapp.model.narration.memory.refusals import NOTHING_CHANGED, REFUSALS
from webapp.model.narration.memory.shadow import TEMPLATES as SHADOW
from webapp.model.narration.memory.tlb import TEMPLATES as TLB
from webapp.model.narration.memory.walk import TEMPLATES as WALK

T = dict[str, dict[str, str]]

TEMPLATES: T = {**WALK, **TLB, **PV, **SHADOW, **EPT, **QUIZ, **LAB, **REFUSALS}

__all__ = ["NOTHING_CHANGED", "REFUSALS", "TEMPLATES", "T"]
