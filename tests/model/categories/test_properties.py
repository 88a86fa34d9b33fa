"""Property tests over composed workloads: whatever the learner composes, the columns keep
the rules of their category."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.categories.workload import KINDS, SYSCALLS
from webapp.model.timeline import Timeline

from .support import columns, run, scenario


def _op(kind: str, count: int, name: str) -> dict[str, Any]:
    if kind in ("arith", "pt_update"):
        return {"op": kind, "count": count}
    if kind == "syscall":
        return {"op": kind, "name": name}
    return {"op": kind}


OPS = st.builds(_op, st.sampled_from(KINDS), st.integers(1, 64), st.sampled_from(SYSCALLS))
WORKLOADS = st.lists(OPS, min_size=1, max_size=8)
PAGING = st.sampled_from(["ept", "shadow"])


@settings(max_examples=40, deadline=None)
@given(WORKLOADS, PAGING)
def test_a_container_never_exits_nor_calls_a_hypervisor(ops: list[Any], paging: str) -> None:
    cols = columns(run(ops, hvm_paging=paging)[0])
    assert cols["os_level"]["counters"]["vm_exits"] == 0
    assert cols["os_level"]["counters"]["hypercalls"] == 0
    assert cols["emulation"]["counters"]["vm_exits"] == 0
    assert cols["paravirtualization"]["counters"]["vm_exits"] == 0


@settings(max_examples=40, deadline=None)
@given(WORKLOADS)
def test_pv_issues_one_mmu_update_per_batch_and_hvm_ept_never_exits_on_page_tables(
        ops: list[Any]) -> None:
    cols = columns(run(ops)[0])
    batches = sum(op["op"] in ("pt_update", "page_fault") for op in ops)
    assert cols["paravirtualization"]["hypercalls_by_name"].get("mmu_update", 0) == batches
    reasons = cols["hardware_assisted"]["exits_by_reason"]
    assert "EXCEPTION_NMI" not in reasons and "CR_ACCESS" not in reasons
    assert reasons.get("CPUID", 0) == sum(op["op"] == "cpuid" for op in ops)


@settings(max_examples=40, deadline=None)
@given(WORKLOADS)
def test_every_guest_instruction_is_emulated_in_the_emulation_column(ops: list[Any]) -> None:
    emu = columns(run(ops)[0])["emulation"]
    more = columns(run([*ops, {"op": "arith", "count": 7}])[0])["emulation"]
    assert more["counters"]["instructions_emulated"] == (
        emu["counters"]["instructions_emulated"] + 7)
    assert more["counters"]["cycles"] > emu["counters"]["cycles"]


@settings(max_examples=15, deadline=None)
@given(WORKLOADS, st.integers(0, 40))
def test_time_travel_gives_the_same_state(ops: list[Any], back: int) -> None:
    timeline = Timeline(scenario(ops), 5)
    timeline.act("run", None, {})
    timeline.step(60)
    end = columns(timeline.sim)
    timeline.seek(max(0, timeline.cursor - back))
    timeline.seek(61)
    assert columns(timeline.sim) == end
