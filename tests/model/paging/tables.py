"""Helpers that build page-table sets and translate documents for the paging tests."""

from __future__ import annotations

from dataclasses import dataclass, field

P, RW, US, PWT, PCD, A, D, PS, G = (1 << n for n in range(9))
PAT_LARGE = 1 << 12
NX = 1 << 63
R, W, X = 1, 2, 4  # EPT rights


def va_of(pml4: int, pdpt: int, pd: int, pt: int, offset: int = 0) -> int:
    """A canonical 48-bit linear address from its four indexes and its offset."""
    va = pml4 << 39 | pdpt << 30 | pd << 21 | pt << 12 | offset
    return va | (0xFFFF << 48 if va >> 47 else 0)


@dataclass
class Tables:
    """Frames of 512 (or 1024) entries, all zero until set."""

    entries: int = 512
    frames: dict[int, list[int]] = field(default_factory=dict)

    def set(self, frame: int, index: int, value: int) -> Tables:
        self.frames.setdefault(frame, [0] * self.entries)[index] = value
        return self

    def add(self, frame: int) -> Tables:
        self.frames.setdefault(frame, [0] * self.entries)
        return self

    def json(self) -> dict[str, list[str]]:
        return {str(n): [hex(e) for e in table] for n, table in sorted(self.frames.items())}


def x86_doc(
    tables: Tables, root: int, va: int, access: str = "read", user: bool = False, **extra: object
) -> dict[str, object]:
    """A translate document for 4-level (or, with 1024-entry tables, 32-bit) paging."""
    paging = "x86_64" if tables.entries == 512 else "x86_32"
    document: dict[str, object] = {
        "paging": paging,
        "root": hex(root),
        "memory": tables.json(),
        "va": hex(va),
        "access": access,
        "user": user,
    }
    return document | extra


def four_level(flags: tuple[int, int, int, int] = (7, 7, 7, 7)) -> Tables:
    """The standard set: CR3 0x1000 → PML4 frame 1 → PDPT 2 → PD 3 → PT 4 → page 0xabcd.

    It maps ``STANDARD_VA`` (indexes 1, 2, 3, 4, offset 0xabc) to 0xabcdabc.
    """
    tables = Tables()
    tables.set(1, 1, 0x2000 | flags[0]).set(2, 2, 0x3000 | flags[1])
    return tables.set(3, 3, 0x4000 | flags[2]).set(4, 4, 0xABCD000 | flags[3])


STANDARD_VA = 0x0000_0080_8060_4ABC
