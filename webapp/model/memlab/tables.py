"""The guest's page tables: geometry, flag words, building them from mappings, editing them.

Entries hold pseudo-physical frame numbers. The same tables are walked natively (a PFN is
then a physical frame), translated to machine frames for PV direct paging, shadowed by Xen,
or walked by the hardware under the EPT.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from webapp.model.memlab.state import Tables
from webapp.model.paging.memory import PhysicalMemory

P = 1 << 0
RW = 1 << 1
US = 1 << 2
PWT = 1 << 3
PCD = 1 << 4
A = 1 << 5
D = 1 << 6
PS = 1 << 7
G = 1 << 8
NX = 1 << 63

#: Flag names in the order the page shows them.
FLAG_BITS = {"P": P, "RW": RW, "US": US, "PWT": PWT, "PCD": PCD, "A": A, "D": D, "PS": PS,
             "G": G, "NX": NX}
ADDRESS_64 = 0x000F_FFFF_FFFF_F000
ADDRESS_32 = 0xFFFF_F000
FRAME = 4096


@dataclass(frozen=True)
class Geometry:
    """How a paging mode splits an address: the level numbers and their shifts."""

    paging: str
    levels: tuple[int, ...]
    shifts: dict[int, int]
    index_bits: int
    entry_bytes: int
    address_mask: int
    names: dict[int, str]

    @property
    def entries(self) -> int:
        return 1 << self.index_bits

    def index(self, va: int, level: int) -> int:
        return (va >> self.shifts[level]) & (self.entries - 1)

    def page_size(self, level: int) -> int:
        return 1 << self.shifts[level]


X86_64 = Geometry("x86_64", (4, 3, 2, 1), {4: 39, 3: 30, 2: 21, 1: 12}, 9, 8, ADDRESS_64,
                  {4: "pml4", 3: "pdpt", 2: "pd", 1: "pt"})
X86_32 = Geometry("x86_32", (2, 1), {2: 22, 1: 12}, 10, 4, ADDRESS_32, {2: "pd", 1: "pt"})
GEOMETRIES = {"x86_64": X86_64, "x86_32": X86_32}
LEVEL_NUMBERS = {"pml4": 4, "pdpt": 3, "pd": 2, "pt": 1}


def geometry(tables: Tables) -> Geometry:
    return GEOMETRIES[tables.paging]


def parse_flags(text: str | list[str]) -> int:
    """``"P RW US G NX"`` (or a list of those words) as entry bits; ValueError if unknown."""
    words = text.split() if isinstance(text, str) else list(text)
    bits = 0
    for word in words:
        bit = FLAG_BITS.get(word.upper())
        if bit is None:
            raise ValueError(f"unknown flag {word!r}; use {' '.join(FLAG_BITS)}")
        bits |= bit
    return bits


def flag_words(entry: int) -> list[str]:
    """The names of the flag bits set in ``entry``."""
    return [name for name, bit in FLAG_BITS.items() if entry & bit]


def frame_of(entry: int, geo: Geometry = X86_64) -> int:
    """The frame number an entry points to (the base frame of a large page)."""
    return (entry & geo.address_mask) >> 12


def with_frame(entry: int, frame: int, geo: Geometry = X86_64) -> int:
    """``entry`` pointing to ``frame`` instead, its flags kept."""
    return (entry & ~geo.address_mask) | ((frame << 12) & geo.address_mask)


def is_leaf(entry: int, level: int, geo: Geometry = X86_64) -> bool:
    """A PT entry, or a PS entry at a level that may map a large page (same in both modes)."""
    del geo
    return level == 1 or (bool(entry & PS) and level in (2, 3))


def memory(tables: Tables, space: str = "guest-physical") -> PhysicalMemory:
    """The tables as the walkers read them (shared, not copied)."""
    return PhysicalMemory(tables.frames, geometry(tables).entry_bytes, space)


#: Entries (or guest frames) a scan goes through per unit of ``Simulation.work`` (a unit is
#: about one plan item; a scan that looks each entry's frame up in the P2M does ~8 of those).
SCAN_PER_WORK = 8


def scan_work(tables: Tables | None) -> int:
    """The work of scanning or copying every entry of the tables (``Simulation.work`` units)."""
    return 0 if tables is None else sum(len(f) for f in tables.frames.values()) // SCAN_PER_WORK


def cr3(tables: Tables) -> int:
    return tables.root << 12


def read(tables: Tables, pfn: int, index: int) -> int:
    return tables.frames[pfn][index]


def write(frames: dict[int, tuple[int, ...]], frame: int, index: int, value: int) -> None:
    """Set one entry of a frame of entries (tuples are rebuilt, never shared mutably)."""
    old = frames[frame]
    frames[frame] = old[:index] + (value,) + old[index + 1:]


class Builder:
    """Builds tables from mappings, taking table frames from ``next_pfn`` upwards."""

    def __init__(self, paging: str, next_pfn: int) -> None:
        self.geo = GEOMETRIES[paging]
        self.next_pfn = next_pfn
        self.tables = Tables(paging, next_pfn)
        self._new_table(self.geo.levels[0])

    def _new_table(self, level: int) -> int:
        pfn = self.next_pfn
        self.next_pfn += 1
        self.tables.frames[pfn] = (0,) * self.geo.entries
        self.tables.levels[pfn] = level
        return pfn

    def map(self, va: int, pfn: int, size: int, flags: int) -> None:
        """Map ``va`` to ``pfn`` with a ``size``-byte page; ValueError when impossible."""
        leaf_level = next((lv for lv in self.geo.levels if self.geo.page_size(lv) == size), None)
        if leaf_level is None:
            raise ValueError(f"no {size}-byte pages in {self.geo.paging} paging")
        if va % size or (pfn << 12) % size:
            raise ValueError(f"{va:#x} → pfn {pfn:#x} is not aligned to a {size}-byte page")
        table = self.tables.root
        for level in self.geo.levels:
            index = self.geo.index(va, level)
            entry = read(self.tables, table, index)
            if level == leaf_level:
                if entry & P:
                    raise ValueError(f"{va:#x} is mapped twice")
                large = PS if level != 1 else 0
                write(self.tables.frames, table, index, with_frame(flags | large, pfn, self.geo))
                return
            if not entry & P:
                child = self._new_table(level - 1)
                entry = with_frame(P | RW | (flags & US), child, self.geo)
                write(self.tables.frames, table, index, entry)
            elif is_leaf(entry, level, self.geo):
                raise ValueError(f"{va:#x} lies inside a large page mapped earlier")
            elif flags & US and not entry & US:
                entry |= US
                write(self.tables.frames, table, index, entry)
            table = frame_of(entry, self.geo)


@dataclass(frozen=True)
class Mapping:
    """One leaf of the tables: the virtual page, its size and frame, and its entry."""

    va: int
    size: int
    pfn: int
    entry: int
    level: int
    table: int
    index: int


def mappings(tables: Tables) -> Iterator[Mapping]:
    """Every present leaf, in address order (upper-half addresses sign-extended).

    Each table is walked once at each level: a table that several entries point to (shared,
    or a loop back to a higher table) shows its leaves under the first of them only, so the
    walk costs at most every entry of every frame once per level, never 512⁴ leaves.
    """
    geo = geometry(tables)
    yield from _mappings(tables, geo, tables.root, geo.levels[0], 0, set())


def _mappings(tables: Tables, geo: Geometry, table: int, level: int, base: int,
              seen: set[tuple[int, int]]) -> Iterator[Mapping]:
    if (table, level) in seen:
        return
    seen.add((table, level))
    for index, entry in enumerate(tables.frames.get(table, ())):
        if not entry & P:
            continue
        va = base | (index << geo.shifts[level])
        if geo.paging == "x86_64" and va >> 47:
            va |= 0xFFFF_0000_0000_0000
        if is_leaf(entry, level, geo):
            yield Mapping(va, geo.page_size(level), frame_of(entry, geo), entry, level, table,
                          index)
        elif frame_of(entry, geo) in tables.frames and level > 1:
            yield from _mappings(tables, geo, frame_of(entry, geo), level - 1, va, seen)


def leaf_frames(tables: Tables) -> dict[int, int]:
    """The frame of every present leaf → its page size, from the first leaf (in address
    order) that maps it: ``mappings`` without building them, each table walked once."""
    geo = geometry(tables)
    found: dict[int, int] = {}
    _leaf_frames(tables, geo, tables.root, geo.levels[0], found, set())
    return found


def _leaf_frames(tables: Tables, geo: Geometry, table: int, level: int, found: dict[int, int],
                 seen: set[tuple[int, int]]) -> None:
    if (table, level) in seen:
        return
    seen.add((table, level))
    for entry in tables.frames.get(table, ()):
        if not entry & P:
            continue
        frame = frame_of(entry, geo)
        if is_leaf(entry, level, geo):
            found.setdefault(frame, geo.page_size(level))
        elif frame in tables.frames and level > 1:
            _leaf_frames(tables, geo, frame, level - 1, found, seen)


def leaf_slot(tables: Tables, va: int) -> tuple[int, int, int] | None:
    """(table pfn, index, level) of the entry that maps ``va`` at the lowest existing level.

    Walks down present non-leaf entries; returns the slot where the walk stops (a leaf, a
    not-present entry, or the PT entry), or None when a table is missing from memory.
    """
    geo = geometry(tables)
    table = tables.root
    for level in geo.levels:
        index = geo.index(va, level)
        entry = tables.frames[table][index]
        if level == 1 or not entry & P or is_leaf(entry, level, geo):
            return table, index, level
        table = frame_of(entry, geo)
        if table not in tables.frames:
            return None
    return None
