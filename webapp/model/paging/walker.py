"""The level-by-level walk shared by 4-level, 32-bit and the guest side of a 2D walk.

A *geometry* says how a paging mode splits a linear address and decodes its entries; a
*fetch* reads one entry (natively, or through the EPT in a 2D walk). The walk stops at
the first entry that is not present or has a reserved bit set; otherwise the rights of
all the entries used are combined and checked (``rights.protection_violation``). Only a
walk that translates writes A (every entry used) and D (the leaf, on a write) back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from webapp.model.paging.errors import PagingError
from webapp.model.paging.memory import PhysicalMemory
from webapp.model.paging.results import (
    Access,
    EntryUpdate,
    EptViolation,
    FaultReason,
    Level,
    PageFault,
    Reference,
    Translation,
    Walk,
)
from webapp.model.paging.rights import (
    ACCESSED_BIT,
    DIRTY_BIT,
    P_BIT,
    CpuConfig,
    effective_rights,
    error_code,
    protection_violation,
)


class Geometry(Protocol):
    """How one paging mode indexes tables and decodes entries."""

    @property
    def levels(self) -> tuple[Level, ...]: ...

    @property
    def entry_bytes(self) -> int: ...

    @property
    def pae(self) -> bool: ...

    def index(self, va: int, level: Level) -> int: ...

    def is_leaf(self, entry: int, level: Level) -> bool: ...

    def reserved(self, entry: int, level: Level) -> int: ...

    def next_table(self, entry: int) -> int: ...

    def page_base(self, entry: int, level: Level) -> int: ...

    def page_size(self, level: Level) -> int: ...


#: Read the entry at a (guest-)physical address: the references made, or an EPT stop.
Fetch = Callable[[int, Level], tuple[tuple[Reference, ...], EptViolation | None]]


def memory_fetch(memory: PhysicalMemory) -> Fetch:
    """A fetch that reads entries straight from physical memory (a native walk)."""

    def fetch(address: int, level: Level) -> tuple[tuple[Reference, ...], EptViolation | None]:
        return (Reference(level, address, memory.read(address)),), None

    return fetch


@dataclass(frozen=True)
class Request:
    """One access to translate: the address, its kind, the privilege, the CPU bits."""

    va: int
    access: Access
    user: bool
    cpu: CpuConfig


@dataclass(frozen=True)
class TableWalk:
    """The walk down the tables: every reference, the entries used, and a stop if any."""

    references: tuple[Reference, ...]
    used: tuple[Reference, ...]
    stop: PageFault | EptViolation | None


def walk_tables(geometry: Geometry, fetch: Fetch, root: int, request: Request) -> TableWalk:
    """Walk from the root table to a leaf, stopping at the first bad entry."""
    references: list[Reference] = []
    used: list[Reference] = []
    table = root
    for level in geometry.levels:
        address = table + geometry.index(request.va, level) * geometry.entry_bytes
        fetched, violation = fetch(address, level)
        references.extend(fetched)
        if violation is not None:
            return TableWalk(tuple(references), tuple(used), violation)
        used.append(fetched[-1])
        fault = entry_fault(geometry, fetched[-1], request)
        if fault is not None or geometry.is_leaf(fetched[-1].entry, level):
            return TableWalk(tuple(references), tuple(used), fault)
        table = geometry.next_table(fetched[-1].entry)
    raise PagingError("a walk always ends at its last level")


def entry_fault(geometry: Geometry, ref: Reference, request: Request) -> PageFault | None:
    """#PF for a not-present entry, or a present one with a reserved bit set."""
    present = bool(ref.entry & P_BIT)
    reserved = present and geometry.reserved(ref.entry, ref.level) != 0
    if present and not reserved:
        return None
    reason = FaultReason.RESERVED_BIT if reserved else FaultReason.NOT_PRESENT
    code = error_code(
        request.access,
        request.user,
        request.cpu,
        present=present,
        reserved=reserved,
        pae=geometry.pae,
    )
    return PageFault(reason, ref.level, None, code, request.va)


def rights_fault(
    geometry: Geometry, used: Sequence[Reference], request: Request
) -> PageFault | None:
    """#PF(protection) at the leaf level when the combined rights refuse the access."""
    nxe = request.cpu.nxe and geometry.pae
    rights = effective_rights((ref.entry for ref in used), nxe)
    violation = protection_violation(rights, request.access, request.user, request.cpu)
    if violation is None:
        return None
    code = error_code(request.access, request.user, request.cpu, present=True, pae=geometry.pae)
    return PageFault(FaultReason.PROTECTION, used[-1].level, violation, code, request.va)


def leaf_translation(geometry: Geometry, leaf: Reference, va: int) -> Translation:
    """The physical address: the leaf's page base with the low bits of the address."""
    size = geometry.page_size(leaf.level)
    return Translation(geometry.page_base(leaf.entry, leaf.level) | (va % size), size, leaf.level)


def accessed_updates(used: Sequence[Reference], access: Access) -> tuple[EntryUpdate, ...]:
    """A in every entry used, D in the leaf on a write; one update per entry address."""
    updates: dict[int, EntryUpdate] = {}
    for position, ref in enumerate(used):
        is_leaf_write = access is Access.WRITE and position == len(used) - 1
        bits = ACCESSED_BIT | (DIRTY_BIT if is_leaf_write else 0)
        earlier = updates.get(ref.entry_address)
        first = earlier if earlier is not None else _unchanged(ref)
        updates[ref.entry_address] = EntryUpdate(
            first.level, first.entry_address, first.old, first.new | bits, first.stage
        )
    return tuple(u for u in updates.values() if u.new != u.old)


def _unchanged(ref: Reference) -> EntryUpdate:
    return EntryUpdate(ref.level, ref.entry_address, ref.entry, ref.entry, ref.stage)


def complete(geometry: Geometry, walk: TableWalk, request: Request) -> Walk:
    """Turn a native table walk into the final Walk: fault, or translation plus A/D."""
    if walk.stop is not None:
        return Walk(walk.references, walk.stop)
    fault = rights_fault(geometry, walk.used, request)
    if fault is not None:
        return Walk(walk.references, fault)
    translation = leaf_translation(geometry, walk.used[-1], request.va)
    return Walk(walk.references, translation, accessed_updates(walk.used, request.access))
