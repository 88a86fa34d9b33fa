"""Machine memory: who owns every machine frame (MFN), kept as extents.

A host of 64 GiB has 16 Mi frames; storing one owner per frame would make every checkpoint
huge. Ownership is a sorted list of runs ``(start, count, owner)`` that covers all frames, so
the cost follows what changes, not the size of memory.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from webapp.model.errors import Refused

FRAME_SIZE = 4096
SUPERPAGE_FRAMES = 512  # a 2 MiB extent (order 9)

#: Owner ids that are not guest domains (domid_t values from xen.h).
FREE = -1
DOMID_XEN = 0x7FF2


@dataclass(frozen=True)
class Run:
    """``count`` machine frames from ``start`` owned by ``owner`` (a domid, FREE or DOMID_XEN)."""

    start: int
    count: int
    owner: int

    @property
    def end(self) -> int:
        return self.start + self.count


@dataclass(frozen=True)
class P2MRun:
    """Pseudo-physical frames ``pfn .. pfn+count-1`` map to machine frames ``mfn ..``."""

    pfn: int
    mfn: int
    count: int


def frames_for_mb(megabytes: int) -> int:
    """Number of 4 KiB frames in ``megabytes`` MiB."""
    return megabytes * 256


class MachineMemory:
    """Every machine frame of one host and its owner."""

    def __init__(self, total_frames: int) -> None:
        self.total_frames = total_frames
        self.runs: list[Run] = [Run(0, total_frames, FREE)]

    def owner_of(self, mfn: int) -> int:
        """The owner of machine frame ``mfn``."""
        index = bisect.bisect_right([run.start for run in self.runs], mfn) - 1
        return self.runs[index].owner

    def frames_of(self, owner: int) -> int:
        """How many frames ``owner`` holds."""
        return sum(run.count for run in self.runs if run.owner == owner)

    def free_frames(self) -> int:
        return self.frames_of(FREE)

    def owners(self) -> dict[int, int]:
        """Frames held by each owner, in owner order."""
        totals: dict[int, int] = {}
        for run in self.runs:
            totals[run.owner] = totals.get(run.owner, 0) + run.count
        return dict(sorted(totals.items()))

    def allocate(self, owner: int, count: int, superpages: bool = True) -> list[P2MRun]:
        """Give ``count`` free frames to ``owner``; 2 MiB extents first, then 4 KiB frames.

        Like ``meminit_pv``, the caller gets whatever frames the allocator finds (scattered in
        general) and numbers them as contiguous pseudo-physical frames from 0.
        Raises Refused (ENOMEM) and changes nothing when there is not enough free memory.
        """
        if count > self.free_frames():
            raise Refused("memory.enomem", wanted=count, free=self.free_frames())
        p2m = self.take_superpages(owner, count // SUPERPAGE_FRAMES) if superpages else []
        return extend_p2m(p2m, self.take_frames(owner, count - p2m_frames(p2m)))

    def take_superpages(self, owner: int, wanted: int) -> list[P2MRun]:
        """Up to ``wanted`` free, aligned 2 MiB extents for ``owner`` (order-9 populate_physmap)."""
        taken: list[tuple[int, int]] = []  # one piece per free run: O(runs), not O(extents)
        left = wanted
        for run in list(self.runs):
            if left == 0:
                break
            if run.owner != FREE:
                continue
            first = -(-run.start // SUPERPAGE_FRAMES) * SUPERPAGE_FRAMES
            fit = min((run.end - first) // SUPERPAGE_FRAMES, left)
            if fit > 0:
                taken.append((first, fit * SUPERPAGE_FRAMES))
                left -= fit
        pieces = _coalesced(taken)  # one ownership change per contiguous stretch, not per extent
        self._assign(owner, pieces)
        return extend_p2m([], pieces)

    def take_frames(self, owner: int, wanted: int) -> list[tuple[int, int]]:
        """``wanted`` free 4 KiB frames for ``owner``, as (first mfn, count) pieces.

        Raises Refused (ENOMEM) and changes nothing when fewer frames are free."""
        if wanted > self.free_frames():
            raise Refused("memory.enomem", wanted=wanted, free=self.free_frames())
        taken: list[tuple[int, int]] = []
        for run in self.runs:
            if wanted == 0:
                break
            if run.owner == FREE:
                n = min(run.count, wanted)
                taken.append((run.start, n))
                wanted -= n
        self._assign(owner, taken)
        return taken

    def release(self, owner: int) -> int:
        """Return every frame of ``owner`` to the free heap; the number of frames freed."""
        freed = self.frames_of(owner)
        self.runs = _merged([Run(r.start, r.count, FREE if r.owner == owner else r.owner)
                             for r in self.runs])
        return freed

    def _assign(self, owner: int, pieces: list[tuple[int, int]]) -> None:
        """Give every piece to ``owner`` in one pass over the runs (O(runs + pieces))."""
        queue, k, out = sorted(pieces), 0, []
        for run in self.runs:
            cursor = run.start
            while k < len(queue) and queue[k][0] < run.end:
                start, end = queue[k][0], queue[k][0] + queue[k][1]
                low, high = max(start, cursor), min(end, run.end)
                if low > cursor:
                    out.append(Run(cursor, low - cursor, run.owner))
                if high > low:
                    out.append(Run(low, high - low, owner))
                    cursor = high
                if end > run.end:
                    break  # the piece goes on in the next run
                k += 1
            if cursor < run.end:
                out.append(Run(cursor, run.end - cursor, run.owner))
        self.runs = _merged(out)

    def set_owner(self, start: int, count: int, owner: int) -> None:
        """Give frames ``start .. start+count-1`` to ``owner`` (whoever held them before)."""
        end = start + count
        out: list[Run] = []
        for run in self.runs:
            if run.end <= start or run.start >= end:
                out.append(run)
                continue
            if run.start < start:
                out.append(Run(run.start, start - run.start, run.owner))
            out.append(Run(max(run.start, start), min(run.end, end) - max(run.start, start), owner))
            if run.end > end:
                out.append(Run(end, run.end - end, run.owner))
        self.runs = _merged(out)


def _merged(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and out[-1].owner == run.owner and out[-1].end == run.start:
            out[-1] = Run(out[-1].start, out[-1].count + run.count, run.owner)
        else:
            out.append(run)
    return out


def _coalesced(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, count in pieces:
        if out and out[-1][0] + out[-1][1] == start:
            out[-1] = (out[-1][0], out[-1][1] + count)
        else:
            out.append((start, count))
    return out


def extend_p2m(p2m: list[P2MRun], pieces: list[tuple[int, int]]) -> list[P2MRun]:
    """``p2m`` followed by ``pieces`` numbered as the next pseudo-physical frames."""
    runs = list(p2m)
    pfn = p2m_frames(p2m)
    for start, count in pieces:
        runs.append(P2MRun(pfn, start, count))
        pfn += count
    return runs


def p2m_frames(p2m: list[P2MRun]) -> int:
    """How many pseudo-physical frames ``p2m`` maps."""
    return sum(run.count for run in p2m)


def p2m_lookup(p2m: list[P2MRun], pfn: int) -> int:
    """The machine frame that pseudo-physical frame ``pfn`` maps to."""
    index = bisect.bisect_right([run.pfn for run in p2m], pfn) - 1
    run = p2m[index]
    if index < 0 or pfn >= run.pfn + run.count:
        raise KeyError(pfn)
    return run.mfn + (pfn - run.pfn)
