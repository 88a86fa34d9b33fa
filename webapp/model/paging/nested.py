"""The 2D walk of hardware-assisted paging (EPT): guest 4-level tables under an EPT.

The guest's CR3 and the next-table addresses in its entries are guest-physical: before
the processor can read a guest entry it translates the entry's guest-physical address
through the EPT (4 references with 4 KiB EPT pages), then reads the guest entry (1
reference). After the guest leaf, the final guest-physical address needs one more EPT
walk. With n guest levels and m EPT levels that is n(m+1) + m = (n+1)(m+1) - 1
references: 24 for 4 KiB pages on both sides, with no paging-structure caches.

Guest tables are given in guest-physical frames (``guest_memory``); each guest reference
reports the host-physical address the EPT gave for the entry (``entry_address``) and the
entry's guest-physical address (``gpa``). The order of stops is: #GP for a non-canonical
address; then, level by level, an EPT violation while locating a guest entry, or a guest
#PF (not present / reserved bit) for the entry; then the guest's protection check (a
guest #PF, before the data address is translated); then an EPT violation for the data.
Guest A/D bits are written back only when the whole access translates.
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.model.paging.ept import walk_ept
from webapp.model.paging.memory import PhysicalMemory
from webapp.model.paging.results import (
    Access,
    EptCause,
    EptViolation,
    GeneralProtection,
    Level,
    NestedTranslation,
    Reference,
    Stage,
    Walk,
)
from webapp.model.paging.rights import DEFAULT_CPU, CpuConfig
from webapp.model.paging.walker import (
    Fetch,
    Request,
    TableWalk,
    accessed_updates,
    leaf_translation,
    rights_fault,
    walk_tables,
)
from webapp.model.paging.x86_64 import X86_64Geometry, is_canonical


@dataclass(frozen=True)
class Ept:
    """The EPT: its pointer (EPTP, the root in bits 51:12) and host memory of tables."""

    eptp: int
    memory: PhysicalMemory


def guest_fetch(guest_memory: PhysicalMemory, ept: Ept) -> Fetch:
    """Read a guest entry: translate its guest-physical address, then read it."""

    def fetch(gpa: int, level: Level) -> tuple[tuple[Reference, ...], EptViolation | None]:
        located = walk_ept(ept.memory, ept.eptp, gpa, Access.READ, EptCause.GUEST_TABLE)
        if isinstance(located.outcome, EptViolation):
            return located.references, located.outcome
        entry = guest_memory.read(gpa)
        guest = Reference(level, located.outcome.hpa, entry, Stage.GUEST, gpa)
        return (*located.references, guest), None

    return fetch


def walk_nested(
    guest_memory: PhysicalMemory,
    guest_cr3: int,
    ept: Ept,
    va: int,
    access: Access,
    user: bool,
    cpu: CpuConfig = DEFAULT_CPU,
) -> Walk:
    """Translate a guest linear address to a host-physical one with a 2D walk."""
    if not is_canonical(va):
        return Walk((), GeneralProtection())
    geometry = X86_64Geometry(cpu)
    request = Request(va, access, user, cpu)
    fetch = guest_fetch(guest_memory, ept)
    table_walk = walk_tables(geometry, fetch, guest_cr3 & geometry.address_mask, request)
    return _complete_nested(geometry, table_walk, request, ept)


def _complete_nested(
    geometry: X86_64Geometry, table_walk: TableWalk, request: Request, ept: Ept
) -> Walk:
    if table_walk.stop is not None:
        return Walk(table_walk.references, table_walk.stop)
    fault = rights_fault(geometry, table_walk.used, request)
    if fault is not None:
        return Walk(table_walk.references, fault)
    guest = leaf_translation(geometry, table_walk.used[-1], request.va)
    data = walk_ept(ept.memory, ept.eptp, guest.pa, request.access, EptCause.DATA)
    references = table_walk.references + data.references
    host = data.outcome
    if isinstance(host, EptViolation):
        return Walk(references, host)
    translation = NestedTranslation(
        guest.pa, host.hpa, guest.page_size, guest.leaf_level, host.page_size
    )
    return Walk(references, translation, accessed_updates(table_walk.used, request.access))
