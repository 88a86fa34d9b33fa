"""x86-64 page tables for the translation exercises, drawn from a seed.

The generator lays out one walk's path aimed at an outcome — a page of some size, an entry
that is not present, a right taken away, a reserved bit — and fills neighbouring entries so a
wrong index leads somewhere else. It only *aims*: what happens is what the page walker
computes on the document (``webapp.model.paging.translate``), which is what grading reads.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

P, RW, US, A, D, PS = 1 << 0, 1 << 1, 1 << 2, 1 << 5, 1 << 6, 1 << 7
NX = 1 << 63
LEVELS = ("pml4", "pdpt", "pd", "pt")
SHIFT = {"pml4": 39, "pdpt": 30, "pd": 21, "pt": 12}
ENTRIES = 512

Table = dict[int, int]  # index -> entry (the others are 0)


@dataclass(frozen=True)
class Aim:
    """What a path is drawn for: where the mapping ends (``pd``/``pdpt``: a 2 MiB or 1 GiB
    page), which level's entry is not present, and bits cleared or set level by level."""

    leaf: str = "pt"
    missing: str | None = None
    clear: tuple[tuple[str, int], ...] = ()
    add: tuple[tuple[str, int], ...] = ()

    def bits(self, level: str) -> tuple[int, int]:
        """(bits cleared, bits set) in the entry of ``level``."""
        cleared = sum(bits for name, bits in self.clear if name == level)
        added = sum(bits for name, bits in self.add if name == level)
        return cleared, added


@dataclass
class Path:
    """A walk's tables: CR3, the frames (number → entries) and the frame the path ends at."""

    root: int
    tables: dict[int, Table]
    frames: list[int]  # the table frames of the path, top level first
    target: int | None  # the page's first frame, when the path reaches a leaf


class Frames:
    """Distinct frame numbers drawn from ``low .. high - 1``."""

    def __init__(self, rng: random.Random, low: int, high: int) -> None:
        self.rng, self.low, self.high = rng, low, high
        self.used: set[int] = set()

    def take(self, align: int = 1) -> int:
        """A fresh frame, a multiple of ``align`` (a large page's first frame)."""
        high = max(self.high, align * 8)
        while True:
            frame = self.rng.randrange(max(1, self.low // align), high // align) * align
            if frame not in self.used:
                self.used.add(frame)
                return frame


def index_of(va: int, level: str) -> int:
    return (va >> SHIFT[level]) & (ENTRIES - 1)


def canonical_va(rng: random.Random, kernel: bool) -> int:
    """A canonical address: the lower half, or the upper half for a kernel access."""
    top = rng.randrange(256, 511) if kernel else rng.randrange(1, 255)
    low = rng.randrange(1 << 30) << 9 | rng.randrange(0x200, 0x1000)
    va = top << 39 | (low & ((1 << 39) - 1))
    return va | (0xFFFF << 48) if kernel else va


def non_canonical_va(rng: random.Random) -> int:
    """Bits 63:48 neither all 0 nor all 1: a #GP before any memory reference."""
    return rng.randrange(1, 0xFFFF) << 48 | rng.randrange(1 << 48)


def entry(rng: random.Random, frame: int, level: str, aim: Aim, leaf: bool) -> int:
    """A present entry pointing at ``frame``, then the aim's bits for this level."""
    value = frame << 12 | P | RW | US | (A if rng.random() < 0.5 else 0)
    if leaf and level != "pt":
        value |= PS
    cleared, added = aim.bits(level)
    return (value & ~cleared) | added


def absent(rng: random.Random, frames: Frames) -> int:
    """An entry with P = 0: empty, or a stale frame number with the other bits kept."""
    return 0 if rng.random() < 0.5 else frames.take() << 12 | RW | US


def neighbours(rng: random.Random, table: Table, index: int, frames: Frames) -> None:
    """One or two present entries beside the path's index (a wrong index leads elsewhere)."""
    for near in rng.sample([index - 1, index + 1, index + 2, index - 2], rng.randint(1, 2)):
        if 0 <= near < ENTRIES and near not in table:
            table[near] = frames.take() << 12 | P | RW | US


def path(rng: random.Random, va: int, aim: Aim, frames: Frames, data: Frames) -> Path:
    """The tables of one walk of ``va`` aimed at ``aim`` (table frames from ``frames``, the
    page from ``data``)."""
    frame = frames.take()
    result = Path(frame << 12, {}, [], None)
    for level in LEVELS:
        table = result.tables.setdefault(frame, {})
        result.frames.append(frame)
        index = index_of(va, level)
        if level == aim.missing:
            table[index] = absent(rng, data)
            neighbours(rng, table, index, data)
            return result
        leaf = level == aim.leaf
        following = data.take(align=1 << (SHIFT[level] - 12)) if leaf else frames.take()
        table[index] = entry(rng, following, level, aim, leaf)
        neighbours(rng, table, index, data)
        if leaf:
            result.target = following
            return result
        frame = following
    return result


def memory_json(tables: dict[int, Table]) -> dict[str, list[str]]:
    """``{"<frame>": [512 entries as hex]}``, as ``/api/v1/translate`` reads it."""
    return {str(frame): [hex(table.get(i, 0)) for i in range(ENTRIES)]
            for frame, table in sorted(tables.items())}
