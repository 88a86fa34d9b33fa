"""Commands: checked before anything changes; traces, comparison, documents, refusals."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from webapp.model.errors import ModelError, Refused
from webapp.model.memlab.state import MODES
from webapp.model.paging import parse_ostep_text
from webapp.model.simulation import Simulation

from .support import TRACE, kinds, lab, run, simulation

DATA = Path(__file__).resolve().parents[1] / "paging" / "data"


def unchanged_after(sim: Simulation, action: str, **args: object) -> ModelError:
    before = pickle.dumps((sim.world, sim.step_no, sim.operations))
    with pytest.raises(ModelError) as caught:
        sim.submit(action, None, dict(args))
    assert pickle.dumps((sim.world, sim.step_no, sim.operations)) == before
    return caught.value


@pytest.mark.parametrize("action, args, key", [
    ("access", {"va": "0xzz"}, "memory.invalid"),
    ("access", {"va": "0x1000", "access": "jump"}, "memory.invalid"),
    ("access", {"va": "0x1000", "user": "yes"}, "memory.invalid"),
    ("access", {"va": "0x1000", "colour": "red"}, "memory.invalid"),
    ("set_mode", {"mode": "vmware"}, "memory.invalid"),
    ("invlpg", {}, "memory.invalid"),
    ("write_pte", {"va": "0x401000", "flags": "P XX"}, "memory.invalid"),
    ("quiz_answer", {"answer": "0x1"}, "memory.refused.no_quiz"),
    ("quiz_reveal", {}, "memory.refused.no_quiz"),
    ("load_document", {"document": {"paging": "x86_64"}}, "memory.invalid_document"),
    ("load_document", {"document": {"paging": "x86_64", "mode": "nested"}},
     "memory.invalid_document"),
])
def test_bad_commands_are_refused_and_change_nothing(action: str, args: dict[str, object],
                                                     key: str) -> None:
    error = unchanged_after(simulation(), action, **args)
    assert error.key == key
    assert "{" not in error.message("en") + error.message("fr")


def test_a_new_command_waits_for_the_walk_in_progress() -> None:
    sim = simulation()
    sim.submit("access", None, {"va": "0x401008", "access": "read", "user": True})
    error = unchanged_after(sim, "access", va="0x402000")
    assert isinstance(error, Refused) and error.key == "memory.refused.busy"
    assert error.data["left"] > 0
    while sim.busy():
        sim.step()
    run(sim, "access", va="0x402000", access="read", user=True)


def test_the_quiz_may_run_while_a_walk_is_in_progress() -> None:
    sim = simulation()
    sim.submit("access", None, {"va": "0x401008", "access": "read", "user": True})
    sim.submit("quiz_new", None, {})
    while sim.busy():
        sim.step()
    assert lab(sim).quiz is not None


def test_a_trace_runs_every_access_in_order_from_a_cold_start() -> None:
    sim = simulation()
    run(sim, "access", va="0x401008", access="read", user=True)
    events = run(sim, "run_trace")
    assert kinds(events)[0] == "mem.trace_start" and kinds(events)[-1] == "mem.trace_done"
    assert [e.data["va"] for e in events if e.kind in ("mem.tlb_miss", "mem.tlb_hit")] == [
        item["va"] for item in TRACE]
    counters = lab(sim).counters["native"]
    assert counters.accesses == len(TRACE), "the run counts from zero"
    assert lab(sim).trace_position is None and lab(sim).activity is None


def test_compare_runs_the_same_trace_in_every_mode_and_changes_nothing_else() -> None:
    sim = simulation()
    tables = lab(sim).tables
    assert tables is not None
    before = dict(tables.frames)
    events = run(sim, "compare")
    assert kinds(events) == ["mem.compare_mode"] * 4 + ["mem.compare_done"]
    comparison = lab(sim).comparison
    assert list(comparison) == list(MODES)
    assert comparison["native"]["vm_exits"] == 0 and comparison["shadow"]["vm_exits"] > 0
    assert comparison["pv"]["traps"] >= 1 and comparison["ept"]["memory_references"] > (
        comparison["native"]["memory_references"])
    assert comparison["ept"]["cycles"] > comparison["native"]["cycles"]
    assert dict(tables.frames) == before, "the comparison runs on a scratch copy"
    assert lab(sim).counters == {}


def test_compare_skips_a_mode_with_the_reason() -> None:
    large = [{"va": "0xffffffff81000000", "pfn": "0x400", "size": "2M", "flags": "P G"}]
    sim = simulation(mappings=large, trace=[{"va": "0xffffffff81000010", "access": "exec"}])
    run(sim, "compare")
    assert "pv" not in lab(sim).comparison
    assert lab(sim).compare_skipped["pv"]["key"] == "memory.refused.pv_conflict"


def test_a_document_replaces_the_tables_and_the_trace() -> None:
    sim = simulation("shadow")
    document = parse_ostep_text((DATA / "multilevel_seed0.txt").read_text())
    events = run(sim, "load_document", document=document)
    assert kinds(events) == ["mem.document"]
    state = lab(sim)
    assert state.ostep is not None and state.tables is None and state.mode == "native"
    assert len(state.trace) == 10
    with pytest.raises(Refused) as caught:
        sim.submit("set_mode", None, {"mode": "ept"})
    assert caught.value.key == "memory.refused.native_only"
    walked = run(sim, "access", va="0x611c")
    assert [e.data["level"] for e in walked if e.kind == "mem.read_ostep"] == ["PD", "PT"]


def test_an_x86_document_inside_the_guests_memory_can_be_virtualized() -> None:
    entries = ["0x0"] * 512
    pt = list(entries)
    pt[1] = "0x5003"
    pd, pdpt, pml4 = list(entries), list(entries), list(entries)
    pd[0], pdpt[0], pml4[0] = "0x4003", "0x3003", "0x2003"
    document = {"paging": "x86_64", "root": "0x1000", "access": "write", "user": False,
                "memory": {"1": pml4, "2": pdpt, "3": pd, "4": pt},
                "addresses": ["0x1234", "0x2000"]}
    sim = simulation()
    run(sim, "load_document", document=document)
    events = run(sim, "run_trace")
    assert [e.data.get("pa") for e in events if e.kind == "mem.translated"] == ["0x5234"]
    run(sim, "set_mode", mode="ept")
    assert lab(sim).mode == "ept"


def test_when_the_guest_is_destroyed_the_lab_refuses_virtual_modes_but_runs_natively() -> None:
    sim = simulation("pv")
    sim.submit("destroy", "guest", {})
    while sim.busy():
        sim.step()
    assert unchanged_after(sim, "access", va="0x401008").key == "memory.refused.no_domain"
    run(sim, "set_mode", mode="native")
    assert kinds(run(sim, "access", va="0x401008", access="read", user=True))[-1] == (
        "mem.translated")
    run(sim, "compare")
    assert set(lab(sim).compare_skipped) == {"pv", "shadow", "ept"}
    assert lab(sim).activity is None
