"""The pre-copy loop, exactly as libxc runs it (tools/libs/guest/xg_sr_save.c,
``send_memory_live`` with ``simple_precopy_policy``), on a guest that writes its writable
working set (WWS) in order at a steady rate (the lab's simplification).

The loop: ask the policy; count an iteration; send the dirty pages (round 1: every page) while
the guest runs — even when the policy has just said stop; leave if it said stop; otherwise
record the iteration, ask the policy again with an unknown dirty count (the round cap), and
fetch-and-clear the log-dirty bitmap (``XEN_DOMCTL_SHADOW_OP_CLEAN``). The policy stops when
fewer than 50 pages are dirty or after 5 iterations. Then the guest is suspended and the pages
dirtied since the last fetch go in the stop-and-copy.
"""

from __future__ import annotations

import math

from webapp.model.cloud.state import PAGE_BYTES, Migration, MigrationParams, Round

CONTINUE, STOP = "continue", "stop"
HEAT_CELLS = 128
Ranges = list[tuple[int, int]]


def policy(dirty_count: int, iteration: int, stop_pages: int = 50, max_rounds: int = 5) -> str:
    """``simple_precopy_policy``: stop when 0 <= dirty < SPP_TARGET_DIRTY_COUNT or
    iteration >= SPP_MAX_ITERATIONS."""
    return STOP if (0 <= dirty_count < stop_pages) or iteration >= max_rounds else CONTINUE


def transfer_s(pages: int, bandwidth_mbps: float) -> float:
    """Seconds to send ``pages`` pages of 4 KiB over the link."""
    return pages * PAGE_BYTES * 8 / (bandwidth_mbps * 1e6)


def pages_of(memory_mb: int) -> int:
    return memory_mb * (1 << 20) // PAGE_BYTES


def wws_start(params: MigrationParams) -> int:
    """Where the working set sits in the guest's memory (an eighth of the way in)."""
    pages = pages_of(params.memory_mb)
    return min(pages // 8, pages - wws_size(params))


def wws_size(params: MigrationParams) -> int:
    return min(params.wws_pages, pages_of(params.memory_mb))


def count(ranges: Ranges) -> int:
    return sum(end - start for start, end in ranges)


def begin(mig: Migration) -> None:
    """Log-dirty on, every page dirty (``bitmap_set``), the policy's first statistics."""
    size = wws_size(mig.params)
    mig.src_versions = [0] * size
    mig.dst_versions = [0] * size
    mig.dirty_count = mig.memory_pages
    mig.dirty, mig.written, mig.x, mig.iteration = [], [], 0, 0


def iterate(mig: Migration) -> tuple[bool, str | None]:
    """One pass of the loop; returns (loop again?, why it stops: ``threshold``/``cap``)."""
    p = mig.params
    decision = policy(mig.dirty_count, mig.iteration, p.stop_pages, p.max_rounds)
    mig.x += 1
    pages = mig.memory_pages if mig.x == 1 else count(mig.dirty)
    if pages > 0:
        _send_live(mig, pages)
    if decision != CONTINUE:
        return False, "threshold"
    mig.iteration, mig.dirty_count = mig.x, -1
    if policy(-1, mig.iteration, p.stop_pages, p.max_rounds) != CONTINUE:
        return False, "cap"
    mig.dirty, mig.written = mig.written, []  # XEN_DOMCTL_SHADOW_OP_CLEAN
    mig.dirty_count = count(mig.dirty)
    return True, None


def _send_live(mig: Migration, pages: int) -> None:
    seconds = transfer_s(pages, mig.params.bandwidth_mbps)
    _copy(mig, all_pages=mig.x == 1)
    wrote = _write(mig, seconds)
    mig.rounds.append(Round(len(mig.rounds) + 1, pages, count(wrote), round(seconds * 1000, 3),
                            True, heat(mig, wrote)))


def stop_and_copy(mig: Migration) -> float:
    """The guest is suspended: fetch the last dirty bitmap, send it; the downtime (ms)."""
    final = mig.written
    mig.dirty, mig.written = final, []
    pages = count(final)
    _copy(mig, all_pages=False)
    seconds = transfer_s(pages, mig.params.bandwidth_mbps)
    mig.rounds.append(Round(len(mig.rounds) + 1, pages, 0, round(seconds * 1000, 3), False,
                            heat(mig, final)))
    mig.downtime_ms = round(seconds * 1000 + mig.params.overhead_ms, 3)
    return seconds


def consistent(mig: Migration) -> bool:
    """The destination's memory equals the source's (every page, every version)."""
    return mig.dst_has_all and mig.dst_versions == mig.src_versions


def _copy(mig: Migration, all_pages: bool) -> None:
    if all_pages:
        mig.dst_versions = list(mig.src_versions)
        mig.dst_has_all = True
        return
    base = wws_start(mig.params)
    for start, end in mig.dirty:
        lo, hi = start - base, end - base
        mig.dst_versions[lo:hi] = mig.src_versions[lo:hi]


def _write(mig: Migration, seconds: float) -> Ranges:
    """The pages the guest writes while a round of ``seconds`` is on the wire."""
    size = wws_size(mig.params)
    pages = min(size, math.floor(mig.params.dirty_rate * seconds))
    if pages <= 0 or size <= 0:
        return []
    first = mig.writer % size
    spans = [(first, min(first + pages, size))]
    if first + pages > size:
        spans.append((0, first + pages - size))
    mig.writer = (first + pages) % size
    for lo, hi in spans:
        mig.src_versions[lo:hi] = [v + 1 for v in mig.src_versions[lo:hi]]
    base = wws_start(mig.params)
    wrote = [(base + lo, base + hi) for lo, hi in spans]
    mig.written = merge(mig.written + wrote)
    return wrote


def merge(ranges: Ranges) -> Ranges:
    out: Ranges = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def heat(mig: Migration, ranges: Ranges) -> list[int]:
    """Percent of each of 128 equal slices of the guest's memory in ``ranges``."""
    total = mig.memory_pages
    if total <= 0:
        return [0] * HEAT_CELLS
    cells = [0.0] * HEAT_CELLS
    width = total / HEAT_CELLS
    for start, end in ranges:
        first, last = int(start / width), min(HEAT_CELLS - 1, int((end - 1) / width))
        for cell in range(first, last + 1):
            lo, hi = max(start, cell * width), min(end, (cell + 1) * width)
            cells[cell] += max(0.0, hi - lo)
    return [min(100, round(100 * c / width)) for c in cells]


def postcopy(params: MigrationParams) -> dict[str, float]:
    """Post-copy, for comparison: the vCPU state goes first (downtime ≈ the overhead), then
    every page exactly once; pages the guest touches before they arrive fault over the
    network (at most its working set)."""
    pages = pages_of(params.memory_mb)
    seconds = transfer_s(pages, params.bandwidth_mbps)
    return {"pages_sent": pages, "downtime_ms": round(params.overhead_ms, 3),
            "total_ms": round(seconds * 1000 + params.overhead_ms, 3),
            "remote_faults": min(wws_size(params), math.floor(params.dirty_rate * seconds))}


def simulate(params: MigrationParams) -> Migration:
    """A whole pre-copy on its own (exercises, tests): the same loop, no datacenter."""
    mig = Migration(0, 0, "guest", 0, 1, params, phase="precopy")
    begin(mig)
    while iterate(mig)[0]:
        pass
    stop_and_copy(mig)
    return mig
