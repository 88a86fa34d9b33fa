"""The guest's memory seen from Xen: its P2M and the M2P, the PV (machine-frame) copy of its
page tables, and the EPT that Xen builds from the P2M.

The P2M is the domain's own (``Domain.p2m``, built by the domain builder: the memory lab's
P2M is the boot lab's P2M). Frames for the EPT and for shadow tables come from memory that
machine memory already gives to Xen (``DOMID_XEN``): nothing is allocated here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from webapp.model.domain import Domain
from webapp.model.errors import Refused
from webapp.model.host import World
from webapp.model.memlab.state import MemoryLab, Tables
from webapp.model.memlab.tables import PS, P, frame_of, geometry, is_leaf, with_frame
from webapp.model.memory import DOMID_XEN, P2MRun

EPT_RWX = 0b111
EPT_WB = 6 << 3
EPT_LARGE = 1 << 7
EPT_SKIP = 256  # the EPT lives in Xen frames from the 257th on
SHADOW_SKIP = 128  # the shadow pool: Xen frames 129..256
SHADOW_POOL = 128

Lookup = Callable[[int], "int | None"]


class P2M:
    """Fast PFN → MFN and MFN → PFN lookups over a domain's P2M runs."""

    def __init__(self, runs: list[P2MRun]) -> None:
        self.runs = sorted(runs, key=lambda run: run.pfn)
        self.by_mfn = sorted(runs, key=lambda run: run.mfn)
        self._pfns = [run.pfn for run in self.runs]
        self._mfns = [run.mfn for run in self.by_mfn]

    def mfn(self, pfn: int) -> int | None:
        index = bisect.bisect_right(self._pfns, pfn) - 1
        if index < 0:
            return None
        run = self.runs[index]
        return run.mfn + pfn - run.pfn if pfn < run.pfn + run.count else None

    def pfn(self, mfn: int) -> int | None:
        index = bisect.bisect_right(self._mfns, mfn) - 1
        if index < 0:
            return None
        run = self.by_mfn[index]
        return run.pfn + mfn - run.mfn if mfn < run.mfn + run.count else None


def domain_of(world: World, lab: MemoryLab) -> Domain:
    """The guest whose memory the lab shows; Refused when it has left the host."""
    domain = world.host.domains.get(lab.domid)
    if domain is None:
        raise Refused("memory.refused.no_domain", domid=lab.domid)
    return domain


def p2m_of(world: World, lab: MemoryLab) -> P2M:
    return P2M(domain_of(world, lab).p2m)


def machine_entry(entry: int, level: int, p2m: P2M) -> int:
    """A guest entry as PV direct paging holds it: the PFN replaced by its MFN.

    A present entry whose frame has no machine frame cannot exist in a PV table: it shows
    as not present.
    """
    if not entry & P:
        return entry
    mfn = p2m.mfn(frame_of(entry))
    if mfn is None:
        return entry & ~P
    del level
    return with_frame(entry, mfn)


def pv_view(tables: Tables, p2m: P2M) -> dict[int, tuple[int, ...]]:
    """Every table frame at its machine frame, with machine entries."""
    view: dict[int, tuple[int, ...]] = {}
    for pfn, frame in tables.frames.items():
        mfn = p2m.mfn(pfn)
        if mfn is None:
            continue
        level = tables.levels[pfn]
        view[mfn] = tuple(e if not e & P else machine_entry(e, level, p2m) for e in frame)
    return view


def large_pages(tables: Tables) -> list[tuple[int, int]]:
    """(table pfn, index) of every present large-page leaf."""
    geo = geometry(tables)
    found = []
    for pfn, frame in tables.frames.items():
        level = tables.levels[pfn]
        if level == 1:
            continue
        found += [(pfn, i) for i, e in enumerate(frame)
                  if e & P and e & PS and is_leaf(e, level, geo)]
    return found


def xen_frames(world: World, count: int, skip: int = 0) -> list[int]:
    """``count`` machine frames that Xen owns, after the first ``skip`` of them."""
    frames: list[int] = []
    for run in world.host.memory.runs:
        if run.owner != DOMID_XEN:
            continue
        if skip >= run.count:
            skip -= run.count
            continue
        first, skip = run.start + skip, 0
        take = min(run.end - first, count - len(frames))
        frames.extend(range(first, first + take))
        if len(frames) == count:
            return frames
    raise Refused("memory.refused.xen_memory", wanted=count)


def build_ept(world: World, lab: MemoryLab, domain: Domain) -> None:
    """The EPT (4 KiB pages only, so a cold 2D walk makes all 24 references) from the P2M.

    Guest-physical frames outside the guest's RAM get no entry: touching one is an EPT
    violation. Table ``(level, n)`` covers the guest frames whose number shifted right by
    ``9 * level`` is ``n``.
    """
    leaves: dict[int, int] = {}
    for run in domain.p2m:
        for offset in range(run.count):
            leaves[run.pfn + offset] = run.mfn + offset
    keys = {(4, 0)} | {(level, gfn >> (9 * level)) for gfn in leaves for level in (1, 2, 3)}
    order = sorted(keys, key=lambda key: (-key[0], key[1]))
    where = dict(zip(order, xen_frames(world, len(order), skip=EPT_SKIP), strict=True))
    content: dict[tuple[int, int], dict[int, int]] = {key: {} for key in order}
    for gfn, mfn in leaves.items():
        content[(1, gfn >> 9)][gfn & 511] = (mfn << 12) | EPT_RWX | EPT_WB
    for (level, number), frame in where.items():
        if level < 4:
            content[(level + 1, number >> 9)][number & 511] = (frame << 12) | EPT_RWX
    lab.ept_frames = {}
    for key, frame in where.items():
        row = [0] * 512
        for index, value in content[key].items():
            row[index] = value
        lab.ept_frames[frame] = tuple(row)
    lab.ept_root = where[(4, 0)] << 12 | (3 << 3) | 6
