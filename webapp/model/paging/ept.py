"""Extended page tables (EPT): guest-physical → host-physical, 4 levels.

Written from Intel SDM Vol. 3C §29.3 (EPT translation) and Xen's ``ept_entry_t``:

* EPTP[51:12] locates the EPT PML4; the walk length is taken as 4, and the memory
  type and A/D-enable fields of EPTP are ignored (no EPT A/D updates are modelled).
* The indexes are the same bit fields of the guest-physical address as 4-level paging
  uses for a linear address (47:39, 38:30, 29:21, 20:12).
* Entry bits: 0 R, 1 W, 2 X; R = W = X = 0 means not present; bit 7 in a PDPTE or PDE
  maps a 1 GiB or 2 MiB page; bits 51:12 hold the next table or the page frame.
* An access is allowed only if every entry used permits it (R for a read and for the
  guest's own page-table reads, W for a write, X for a fetch).
* Misconfiguration (exit 49) is modelled for W = 1 with R = 0 and for bit 7 in a PML4E
  only; memory-type and other reserved-bit checks are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.model.paging.memory import PhysicalMemory
from webapp.model.paging.results import (
    Access,
    EptCause,
    EptReason,
    EptViolation,
    Level,
    Reference,
    Stage,
)
from webapp.model.paging.x86_64 import ADDRESS_BITS, LEVELS, PAGE_SIZES, table_index

EPT_READ = 1 << 0
EPT_WRITE = 1 << 1
EPT_EXEC = 1 << 2
EPT_LARGE = 1 << 7
_NEEDED = {Access.READ: EPT_READ, Access.WRITE: EPT_WRITE, Access.EXEC: EPT_EXEC}


@dataclass(frozen=True)
class EptTranslation:
    """Where a guest-physical address lives in host-physical memory."""

    hpa: int
    page_size: int
    leaf_level: Level


@dataclass(frozen=True)
class EptWalk:
    """The EPT references made for one guest-physical address, and the outcome."""

    references: tuple[Reference, ...]
    outcome: EptTranslation | EptViolation


def is_ept_leaf(entry: int, level: Level) -> bool:
    """A PTE, or a PDPTE/PDE with bit 7 set."""
    return level is Level.PT or (level is not Level.PML4 and bool(entry & EPT_LARGE))


def ept_entry_stop(entry: int, level: Level) -> EptReason | None:
    """Not present (R = W = X = 0) or misconfigured (W without R, or bit 7 in a PML4E)."""
    if entry & (EPT_READ | EPT_WRITE | EPT_EXEC) == 0:
        return EptReason.NOT_PRESENT
    if entry & (EPT_READ | EPT_WRITE) == EPT_WRITE:
        return EptReason.MISCONFIG
    if level is Level.PML4 and entry & EPT_LARGE:
        return EptReason.MISCONFIG
    return None


def walk_ept(
    memory: PhysicalMemory, eptp: int, gpa: int, access: Access, cause: EptCause
) -> EptWalk:
    """Translate one guest-physical address through the EPT, recording every entry read."""
    references: list[Reference] = []
    table = eptp & ADDRESS_BITS
    for level in LEVELS:
        address = table + table_index(gpa, level) * 8
        references.append(Reference(level, address, memory.read(address), Stage.EPT, gpa))
        reason = ept_entry_stop(references[-1].entry, level)
        if reason is not None:
            return EptWalk(tuple(references), EptViolation(reason, level, gpa, access, cause))
        if is_ept_leaf(references[-1].entry, level):
            break
        table = references[-1].entry & ADDRESS_BITS
    return EptWalk(tuple(references), _ept_leaf_outcome(references, gpa, access, cause))


def _ept_leaf_outcome(
    used: list[Reference], gpa: int, access: Access, cause: EptCause
) -> EptTranslation | EptViolation:
    leaf = used[-1]
    allowed = EPT_READ | EPT_WRITE | EPT_EXEC
    for ref in used:
        allowed &= ref.entry
    if not allowed & _NEEDED[access]:
        return EptViolation(EptReason.PROTECTION, leaf.level, gpa, access, cause)
    size = PAGE_SIZES[leaf.level]
    base = leaf.entry & ADDRESS_BITS & ~(size - 1)
    return EptTranslation(base | (gpa % size), size, leaf.level)
