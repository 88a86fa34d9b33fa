"""32-bit (non-PAE) 2-level paging, from Intel SDM Vol. 3A §4.3 (Tables 4-4 to 4-6).

* Linear address: PD index = LA[31:22], PT index = LA[21:12], offset = LA[11:0].
* Tables are 4 KiB frames of 1024 four-byte entries; CR3[31:12] locates the PD.
* With CR4.PSE = 1 a PDE with PS (bit 7) maps a 4 MiB page: PA[31:22] = PDE[31:22] and,
  with PSE-36, PA[M-1:32] = PDE[M-20:13] (M = min(MAXPHYADDR, 40)); bit 12 is PAT and
  bits 21:(M-19) are reserved. With CR4.PSE = 0 the PS bit is ignored.
* No NX in this mode: every fetch the read rights allow is allowed (SMEP still applies),
  and the error code's I/D bit is set only when SMEP is on.

Faults follow the same order as 4-level paging (see ``x86_64``).
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.model.paging.memory import PhysicalMemory
from webapp.model.paging.results import Access, Level, Walk
from webapp.model.paging.rights import DEFAULT_CPU, PS_BIT, CpuConfig
from webapp.model.paging.walker import Request, complete, memory_fetch, walk_tables

LEVELS = (Level.PD, Level.PT)
PAGE_SIZES = {Level.PD: 1 << 22, Level.PT: 1 << 12}
FRAME_BITS = 0xFFFF_F000
LARGE_FRAME_BITS = 0xFFC0_0000


@dataclass(frozen=True)
class X86_32Geometry:
    """32-bit paging as a ``walker.Geometry``."""

    cpu: CpuConfig = CpuConfig()
    levels: tuple[Level, ...] = LEVELS
    entry_bytes: int = 4
    pae: bool = False

    @property
    def high_bits(self) -> int:
        """How many PA bits above 31 a 4 MiB PDE supplies (PSE-36)."""
        return min(self.cpu.maxphyaddr, 40) - 32

    def index(self, va: int, level: Level) -> int:
        return (va >> (22 if level is Level.PD else 12)) & 0x3FF

    def is_leaf(self, entry: int, level: Level) -> bool:
        return level is Level.PT or (self.cpu.pse and bool(entry & PS_BIT))

    def reserved(self, entry: int, level: Level) -> int:
        if level is Level.PT or not self.is_leaf(entry, level):
            return 0
        reserved_mask = ((1 << 22) - 1) & ~((1 << (13 + self.high_bits)) - 1)
        return entry & reserved_mask

    def next_table(self, entry: int) -> int:
        return entry & FRAME_BITS

    def page_base(self, entry: int, level: Level) -> int:
        if level is Level.PT:
            return entry & FRAME_BITS
        high = (entry >> 13) & ((1 << self.high_bits) - 1)
        return (high << 32) | (entry & LARGE_FRAME_BITS)

    def page_size(self, level: Level) -> int:
        return PAGE_SIZES[level]


def walk_x86_32(
    memory: PhysicalMemory,
    cr3: int,
    va: int,
    access: Access,
    user: bool,
    cpu: CpuConfig = DEFAULT_CPU,
) -> Walk:
    """Translate one access with 32-bit 2-level paging (memory of 4-byte entries)."""
    geometry = X86_32Geometry(cpu)
    request = Request(va & 0xFFFF_FFFF, access, user, cpu)
    table_walk = walk_tables(geometry, memory_fetch(memory), cr3 & FRAME_BITS, request)
    return complete(geometry, table_walk, request)
