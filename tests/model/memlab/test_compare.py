"""The mode comparison advances a bounded chunk per step and adds up to the counters of the
whole trace run at once (the comparison's former, single-step way), however it is cut."""

from __future__ import annotations

from typing import Any

import pytest

from webapp.model.events import Event
from webapp.model.host import World
from webapp.model.memlab import apply, compare
from webapp.model.memlab.plan import Planner
from webapp.model.memlab.setup import MAX_TRACE
from webapp.model.memlab.state import MODES, MemoryLab, Tables, Tlb
from webapp.model.memlab.tables import scan_work
from webapp.model.memlab.views import p2m_of
from webapp.model.simulation import Simulation

from .documents import pages, x86_document
from .support import lab, run, simulation

#: The most plan items one access makes (a shadow fill with a re-walk, a 2D walk: < 64).
ITEMS_PER_ACCESS = 64


def all_at_once(world: World, memory: MemoryLab, mode: str) -> dict[str, int]:
    """The former comparison: the whole trace in one go on a scratch copy of the lab."""
    tables = None
    if memory.tables is not None:
        tables = Tables(memory.tables.paging, memory.tables.root, dict(memory.tables.frames),
                        dict(memory.tables.levels))
    scratch = MemoryLab(domid=memory.domid, tables=tables, ostep=memory.ostep,
                        shadow=memory.shadow, ept_root=memory.ept_root,
                        ept_frames=memory.ept_frames, tlb=Tlb(memory.tlb.capacity),
                        trace=memory.trace, virtualizable=memory.virtualizable)
    apply.enter_mode(world, scratch, mode)
    planner = Planner(scratch, p2m_of(world, memory) if mode != "native" else None)
    for va, access, user in memory.trace:
        for item in planner.access(va, access, user):
            apply.apply_item(world, scratch, item)
    return scratch.counters_of(mode).as_dict()


def expected(sim: Simulation) -> dict[str, dict[str, int]]:
    return {mode: all_at_once(sim.world, lab(sim), mode) for mode in MODES}


def loaded(addresses: list[str], page_tables: int = 1) -> Simulation:
    sim = simulation()
    run(sim, "load_document", document=x86_document(page_tables, addresses))
    return sim


def chunks(sim: Simulation) -> list[tuple[str, int, int]]:
    """Run ``compare``, a step at a time: (mode, accesses done at that step, lab work)."""
    done: list[tuple[str, int, int]] = []
    position: dict[str, int] = {}
    before = lab(sim).work
    events = sim.submit("compare", None, {})
    while True:
        for event in events:
            mode = event.data.get("mode", {}).get("key", "").rsplit(".", 1)[-1]
            if event.kind in ("mem.compare_progress", "mem.compare_mode"):
                now = event.data.get("done", len(lab(sim).trace))
                done.append((mode, now - position.get(mode, 0), lab(sim).work - before))
                position[mode] = now
        if not sim.busy():
            return done
        before = lab(sim).work
        events = sim.step()


def test_a_short_trace_is_compared_in_one_step_per_mode_as_before() -> None:
    sim = simulation()
    reference = expected(sim)
    events = run(sim, "compare")
    assert [e.kind for e in events] == ["mem.compare_mode"] * 4 + ["mem.compare_done"]
    assert lab(sim).comparison == reference and lab(sim).compare is None


@pytest.mark.parametrize("chunk", [1, 7, 50])
def test_cut_in_any_chunks_the_comparison_adds_up_to_the_whole_trace_at_once(
        chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    sim = loaded(pages(40, every=3, span=20))
    reference = expected(sim)
    monkeypatch.setattr(compare, "CHUNK_WORK", chunk)
    steps = chunks(sim)
    assert lab(sim).comparison == reference
    assert len(steps) > 4, "several steps per mode"
    assert all(count >= 1 for _mode, count, _work in steps), "every step moves on"


def test_the_largest_trace_is_compared_with_every_step_bounded() -> None:
    sim = loaded(pages(MAX_TRACE, every=16), page_tables=2)
    steps = chunks(sim)
    assert sorted({mode for mode, _count, _work in steps}) == sorted(MODES)
    for mode in MODES:
        assert sum(count for m, count, _work in steps if m == mode) == MAX_TRACE
    bound = compare.CHUNK_WORK + ITEMS_PER_ACCESS + scan_work(lab(sim).tables) + 1
    assert max(work for _mode, _count, work in steps) <= bound
    assert max(count for _mode, count, _work in steps) <= compare.CHUNK_WORK
    assert len(steps) >= 4 * 2, "a full trace takes more than a step per mode"
    assert lab(sim).comparison["ept"]["accesses"] == MAX_TRACE


def test_a_checkpoint_in_the_middle_of_a_comparison_resumes_it_exactly(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "CHUNK_WORK", 20)
    sim = loaded(pages(60, every=2, span=30))
    sim.submit("compare", None, {})
    for _ in range(9):
        sim.step()
    assert lab(sim).compare is not None and lab(sim).compare.position > 0  # type: ignore[union-attr]
    copy = Simulation.restore(sim.scenario, sim.seed, sim.checkpoint())
    finish = [drain(s) for s in (sim, copy)]
    assert finish[0] == finish[1] and lab(sim).comparison == lab(copy).comparison


def drain(sim: Simulation) -> list[dict[str, Any]]:
    events: list[Event] = []
    while sim.busy():
        events += sim.step()
    return [event.to_dict() for event in events]


def test_progress_is_narrated_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "CHUNK_WORK", 30)
    sim = loaded(pages(30, every=1, span=30))
    progress = [e for e in run(sim, "compare") if e.kind == "mem.compare_progress"]
    assert progress and progress[0].data["count"] == 30
    first = progress[0].narration()
    assert f"“native”: {progress[0].data['done']} of the 30" in first["en"]
    assert "accès" in first["fr"] and "{" not in first["en"] + first["fr"]


def test_a_mode_that_becomes_impossible_mid_way_is_skipped_with_the_reason(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "CHUNK_WORK", 10)
    sim = loaded(pages(40, every=1, span=40))
    sim.submit("compare", None, {})
    while lab(sim).compare is None or lab(sim).compare.mode != "pv":  # type: ignore[union-attr]
        sim.step()
    sim.submit("destroy", "guest", {})
    while sim.busy():
        sim.step()
    assert lab(sim).compare_skipped["pv"]["key"] == "memory.refused.no_domain"
    assert set(lab(sim).compare_skipped) == {"pv", "shadow", "ept"}
    assert list(lab(sim).comparison) == ["native"] and lab(sim).compare is None
