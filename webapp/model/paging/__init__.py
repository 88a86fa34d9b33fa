"""Paging: the page walks of the memory lab, pure and deterministic.

* ``walk_x86_64`` — x86-64 4-level paging (4 KiB, 2 MiB, 1 GiB pages), SDM Vol. 3A §4.5;
* ``walk_x86_32`` — 32-bit 2-level paging with 4 MiB PSE pages, SDM §4.3;
* ``walk_nested`` — the 2D walk of a guest under EPT (``walk_ept`` alone for gPA→hPA);
* ``walk_ostep`` / ``walk_linear`` — the OSTEP homework page tables;
* ``translate`` — the JSON document form used by ``POST /api/v1/translate``
  (``walk_document`` gives the same walk as a ``Walk``);
* ``import_ostep`` / ``parse_ostep_text`` — read the OSTEP simulators' printed problems;
* ``micro_steps`` — a walk as one step per reference or check, for step-by-step views.
"""

from webapp.model.paging.document import translate, walk_document
from webapp.model.paging.ept import EptTranslation, EptWalk, walk_ept
from webapp.model.paging.errors import MissingFrameError, PagingDocumentError, PagingError
from webapp.model.paging.memory import PhysicalMemory
from webapp.model.paging.nested import Ept, walk_nested
from webapp.model.paging.ostep import walk_linear, walk_ostep
from webapp.model.paging.ostep_text import import_ostep, parse_ostep_text
from webapp.model.paging.results import (
    Access,
    EntryUpdate,
    EptCause,
    EptReason,
    EptViolation,
    FaultReason,
    GeneralProtection,
    InvalidEntry,
    Level,
    NestedTranslation,
    PageFault,
    Reference,
    SimpleTranslation,
    Stage,
    Translation,
    Violation,
    Walk,
)
from webapp.model.paging.rights import DEFAULT_CPU, CpuConfig
from webapp.model.paging.serialize import walk_to_json
from webapp.model.paging.steps import MicroStep, StepKind, micro_steps
from webapp.model.paging.x86_32 import walk_x86_32
from webapp.model.paging.x86_64 import is_canonical, walk_x86_64

__all__ = [
    "DEFAULT_CPU",
    "Access",
    "CpuConfig",
    "EntryUpdate",
    "Ept",
    "EptCause",
    "EptReason",
    "EptTranslation",
    "EptViolation",
    "EptWalk",
    "FaultReason",
    "GeneralProtection",
    "InvalidEntry",
    "Level",
    "MicroStep",
    "MissingFrameError",
    "NestedTranslation",
    "PageFault",
    "PagingDocumentError",
    "PagingError",
    "PhysicalMemory",
    "Reference",
    "SimpleTranslation",
    "Stage",
    "StepKind",
    "Translation",
    "Violation",
    "Walk",
    "import_ostep",
    "is_canonical",
    "micro_steps",
    "parse_ostep_text",
    "translate",
    "walk_document",
    "walk_ept",
    "walk_linear",
    "walk_nested",
    "walk_ostep",
    "walk_to_json",
    "walk_x86_32",
    "walk_x86_64",
]
