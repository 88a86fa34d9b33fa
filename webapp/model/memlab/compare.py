"""The mode comparison, a bounded chunk of the trace per step.

``compare`` runs the whole trace in each mode on a scratch copy of the lab, from a cold start
(the lab itself does not change). A step runs the accesses of one mode whose plans add up to
at most ``CHUNK_WORK`` items (one memory reference, check or write-back each), and at least
one access; the scratch copy waits in ``lab.compare`` for the next step, so a checkpoint taken
in the middle resumes the comparison exactly. The counters are those of the whole trace run
at once, whatever the chunks.
"""

from __future__ import annotations

from webapp.model.host import World
from webapp.model.memlab import apply
from webapp.model.memlab.plan import Planner
from webapp.model.memlab.state import CompareRun, MemoryLab, Tables, Tlb
from webapp.model.memlab.tables import scan_work
from webapp.model.memlab.views import p2m_of

#: Plan items one step of the comparison may carry out (10–25 µs each): 2,048 keep a step
#: near 50 ms, and still run ~65 accesses that all miss the TLB under EPT (~30 items each),
#: or ~2,000 that hit it, in one step.
CHUNK_WORK = 2048


def scratch_copy(world: World, lab: MemoryLab, mode: str) -> MemoryLab:
    """A copy of the lab that runs ``mode`` from a cold start (tables copied, TLB empty)."""
    tables = None
    if lab.tables is not None:
        tables = Tables(lab.tables.paging, lab.tables.root, dict(lab.tables.frames),
                        dict(lab.tables.levels))
    scratch = MemoryLab(domid=lab.domid, tables=tables, ostep=lab.ostep, shadow=lab.shadow,
                        ept_root=lab.ept_root, ept_frames=lab.ept_frames,
                        tlb=Tlb(lab.tlb.capacity), trace=lab.trace,
                        virtualizable=lab.virtualizable)
    apply.enter_mode(world, scratch, mode)
    return scratch


def run_chunk(world: World, run: CompareRun, budget: int) -> int:
    """Run accesses of the trace on ``run.scratch`` until ``budget`` items are spent (at
    least one access, at most the rest of the trace); the items spent."""
    scratch = run.scratch
    planner = Planner(scratch, p2m_of(world, scratch) if run.mode != "native" else None)
    spent = 0
    while spent < budget and run.position < len(scratch.trace):
        items = planner.access(*scratch.trace[run.position])
        for item in items:
            apply.apply_item(world, scratch, item)
        run.position += 1
        spent += len(items)
    return spent


def advance(world: World, lab: MemoryLab, mode: str) -> CompareRun:
    """The comparison of ``mode``, one chunk further (started when another mode, or none,
    was under way). The work is charged to the lab."""
    run = lab.compare
    if run is None or run.mode != mode:
        run = lab.compare = CompareRun(mode, scratch_copy(world, lab, mode))
        lab.work += scan_work(lab.tables)
    lab.work += run_chunk(world, run, CHUNK_WORK)
    return run


def finished(lab: MemoryLab, run: CompareRun) -> bool:
    return run.position >= len(lab.trace)

