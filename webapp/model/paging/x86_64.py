"""x86-64 4-level paging, written from Intel SDM Vol. 3A §4.5 (Tables 4-14 to 4-20).

* 48-bit linear addresses: PML4 = LA[47:39], PDPT = LA[38:30], PD = LA[29:21],
  PT = LA[20:12], offset = LA[11:0]; bits 63:48 must copy bit 47 (else #GP, vector 13).
* Every table is a 4 KiB frame of 512 eight-byte entries at ``base + index * 8``;
  CR3[M-1:12] locates the PML4 (CR3[11:0], PWT/PCD or a PCID, are ignored here).
* A PDPTE with PS (bit 7) maps a 1 GiB page, a PDE with PS a 2 MiB page, a PTE 4 KiB.
  In a large leaf bit 12 is PAT, not an address bit; in a PTE bit 7 is PAT.
* Ignored bits: 11:9 and 62:52 everywhere, D (6) and G (8) in non-leaf entries.
* Reserved bits (a present entry with one set gives #PF with RSVD=1 at that level):
  bits 51:M (M = MAXPHYADDR, 52 by default, so none), bit 63 when EFER.NXE = 0, PS in
  a PML4E, and bits 29:13 of a 1 GiB leaf / 20:13 of a 2 MiB leaf.

Fault order (SDM §4.6, §4.7): not canonical → #GP; then level by level, the first entry
that is not present (P = 0, whatever its other bits) → #PF not_present at that level, or
that has a reserved bit → #PF reserved_bit; then the combined rights of all entries used
(see ``rights.protection_violation``) → #PF protection at the leaf level. A and D are
written back only when the access translates (a simplification: a real CPU may set A in
upper-level entries before it meets a fault further down).
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.model.paging.memory import PhysicalMemory
from webapp.model.paging.results import (
    Access,
    GeneralProtection,
    Level,
    Walk,
)
from webapp.model.paging.rights import DEFAULT_CPU, NX_BIT, PS_BIT, CpuConfig
from webapp.model.paging.walker import Request, complete, memory_fetch, walk_tables

LEVELS = (Level.PML4, Level.PDPT, Level.PD, Level.PT)
SHIFTS = {Level.PML4: 39, Level.PDPT: 30, Level.PD: 21, Level.PT: 12}
PAGE_SIZES = {Level.PDPT: 1 << 30, Level.PD: 1 << 21, Level.PT: 1 << 12}
ADDRESS_BITS = 0x000F_FFFF_FFFF_F000
LARGE_PAT_BIT = 1 << 12
VA_BITS = 48


def is_canonical(va: int) -> bool:
    """True when bits 63:47 of a 64-bit linear address are all 0 or all 1."""
    upper = va >> (VA_BITS - 1)
    return upper in (0, (1 << (65 - VA_BITS)) - 1)


def table_index(va: int, level: Level) -> int:
    """The 9-bit index of ``level`` in a linear (or guest-physical) address."""
    return (va >> SHIFTS[level]) & 0x1FF


@dataclass(frozen=True)
class X86_64Geometry:
    """4-level paging as a ``walker.Geometry``."""

    cpu: CpuConfig = CpuConfig()
    levels: tuple[Level, ...] = LEVELS
    entry_bytes: int = 8
    pae: bool = True

    @property
    def address_mask(self) -> int:
        """Bits M-1:12 of an entry (or of CR3)."""
        return ADDRESS_BITS & ((1 << self.cpu.maxphyaddr) - 1)

    def index(self, va: int, level: Level) -> int:
        return table_index(va, level)

    def is_leaf(self, entry: int, level: Level) -> bool:
        return level is Level.PT or (level is not Level.PML4 and bool(entry & PS_BIT))

    def reserved(self, entry: int, level: Level) -> int:
        mask = ADDRESS_BITS & ~self.address_mask
        mask |= 0 if self.cpu.nxe else NX_BIT
        mask |= PS_BIT if level is Level.PML4 else 0
        if level is not Level.PT and self.is_leaf(entry, level):
            mask |= (PAGE_SIZES[level] - 1) & ADDRESS_BITS & ~LARGE_PAT_BIT
        return entry & mask

    def next_table(self, entry: int) -> int:
        return entry & self.address_mask

    def page_base(self, entry: int, level: Level) -> int:
        return entry & self.address_mask & ~(PAGE_SIZES[level] - 1)

    def page_size(self, level: Level) -> int:
        return PAGE_SIZES[level]


def walk_x86_64(
    memory: PhysicalMemory,
    cr3: int,
    va: int,
    access: Access,
    user: bool,
    cpu: CpuConfig = DEFAULT_CPU,
) -> Walk:
    """Translate one access with 4-level paging; see the module docstring for the rules."""
    if not is_canonical(va):
        return Walk((), GeneralProtection())
    geometry = X86_64Geometry(cpu)
    request = Request(va, access, user, cpu)
    table_walk = walk_tables(geometry, memory_fetch(memory), cr3 & geometry.address_mask, request)
    return complete(geometry, table_walk, request)
