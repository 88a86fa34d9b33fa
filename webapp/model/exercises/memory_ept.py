"""EPT tables for the nested translation exercise: guest-physical pages → host-physical.

Every guest-physical page the 2D walk reads (the guest's tables, then the data) gets an EPT
mapping, drawn from a seed; an aim may leave one out at some level, take a right away, write a
misconfigured entry (W without R) or map a whole 2 MiB region with one large EPT entry. As for
the guest's tables, what happens is what the walker computes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from webapp.model.exercises.memory_tables import LEVELS, PS, Frames, Table, index_of

R, W, X = 1 << 0, 1 << 1, 1 << 2
WB = 6 << 3  # memory type write-back, in a leaf
EPTP_FLAGS = 0x1E  # write-back, a 4-level walk (bits 5:3 = 3)
REGION = 512  # 4 KiB pages in a 2 MiB region


@dataclass(frozen=True)
class EptAim:
    """What the EPT is drawn for: the guest page (``gfn``) it acts on, and how — ``missing``
    at a level, ``rights`` left in the leaf, a ``large`` 2 MiB mapping of every region."""

    gfn: int | None = None
    missing: str | None = None
    rights: int | None = None
    large: bool = False


@dataclass
class EptTables:
    eptp: int
    tables: dict[int, Table]
    hosts: dict[int, int]  # guest frame -> host frame, as mapped (before the aim's damage)


def ept(rng: random.Random, gfns: list[int], aim: EptAim, frames: Frames) -> EptTables:
    """An EPT mapping every frame of ``gfns`` (table frames from ``frames``)."""
    root = frames.take()
    result = EptTables(root << 12 | EPTP_FLAGS, {root: {}}, {})
    made: dict[tuple[str, int], int] = {("pml4", 0): root}
    regions: dict[int, int] = {}
    for gfn in gfns:
        if aim.large:
            if gfn // REGION not in regions:
                regions[gfn // REGION] = frames.take(align=REGION)
            result.hosts[gfn] = regions[gfn // REGION] + gfn % REGION
        else:
            result.hosts.setdefault(gfn, frames.take())
        _map(rng, result, made, gfn, aim, frames)
    return result


def _map(rng: random.Random, result: EptTables, made: dict[tuple[str, int], int], gfn: int,
         aim: EptAim, frames: Frames) -> None:
    gpa = gfn << 12
    leaf_level = "pd" if aim.large else "pt"
    for depth, level in enumerate(LEVELS):
        prefix = gpa >> (12 + 9 * (4 - depth))
        table = result.tables[made[(level, prefix)]]
        index = index_of(gpa, level)
        if level == leaf_level:
            table[index] = _leaf(result.hosts[gfn], gfn, level, aim)
        elif index not in table:
            below = frames.take()
            made[(LEVELS[depth + 1], gpa >> (12 + 9 * (3 - depth)))] = below
            result.tables[below] = {}
            table[index] = below << 12 | R | W | X
        if aim.gfn == gfn and aim.missing == level:
            table[index] = 0 if rng.random() < 0.5 else table[index] & ~(R | W | X)
        if level == leaf_level:
            return


def _leaf(host: int, gfn: int, level: str, aim: EptAim) -> int:
    rights = aim.rights if aim.gfn == gfn and aim.rights is not None else R | W | X
    if level == "pd":
        return (host - gfn % REGION) << 12 | WB | PS | rights
    return host << 12 | WB | rights
