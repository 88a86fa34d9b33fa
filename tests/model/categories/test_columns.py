"""The four columns' counters come from the mechanisms each operation goes through."""

from __future__ import annotations

import pytest

from webapp.model.categories.presets import PRESETS
from webapp.model.errors import InvalidCommand, Refused
from webapp.model.simulation import Simulation

from .support import columns, run, scenario


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_after_a_built_in_workload_each_column_shows_its_mechanism(preset: str) -> None:
    cols = columns(run(preset)[0])
    assert cols["os_level"]["counters"]["vm_exits"] == 0
    assert cols["os_level"]["counters"]["hypercalls"] == 0
    assert cols["paravirtualization"]["counters"]["hypercalls"] > 0
    assert cols["hardware_assisted"]["counters"]["vm_exits"] > 0
    assert cols["emulation"]["counters"]["instructions_emulated"] > 0


def test_one_mmu_update_per_batched_page_table_update() -> None:
    ops = [{"op": "pt_update", "count": 8}, {"op": "pt_update", "count": 3}, {"op": "arith"}]
    pv = columns(run(ops)[0])["paravirtualization"]
    assert pv["hypercalls_by_name"] == {"mmu_update": 2}
    assert pv["counters"]["traps"] == 0


def test_hvm_with_ept_writes_page_tables_without_exit_but_exits_on_cpuid() -> None:
    hvm = columns(run([{"op": "pt_update", "count": 16}, {"op": "write_cr3"}])[0])
    assert hvm["hardware_assisted"]["counters"]["vm_exits"] == 0
    hvm = columns(run([{"op": "pt_update", "count": 16}, {"op": "cpuid"}])[0])
    assert hvm["hardware_assisted"]["exits_by_reason"] == {"CPUID": 1}


def test_shadow_paging_turns_each_page_table_write_into_an_exit() -> None:
    hvm = columns(run([{"op": "pt_update", "count": 5}], hvm_paging="shadow")[0])
    assert hvm["hardware_assisted"]["exits_by_reason"] == {"EXCEPTION_NMI": 5, "INVLPG": 1}


def test_a_2d_walk_costs_24_references_per_tlb_miss_and_a_native_walk_4() -> None:
    cols = columns(run([{"op": "page_fault"}])[0])
    for category, refs in (("hardware_assisted", 24), ("os_level", 4),
                           ("paravirtualization", 4), ("emulation", 4)):
        counters = cols[category]["counters"]
        assert counters["walk_refs"] == refs * counters["tlb_misses"] == refs * 2


def test_the_emulation_columns_cost_grows_with_every_instruction() -> None:
    costs = [columns(run([{"op": "arith", "count": n}])[0])["emulation"]["counters"]
             for n in (1, 2, 50, 51)]
    assert [c["instructions_emulated"] for c in costs] == [1, 2, 50, 51]
    cycles = [c["cycles"] for c in costs]
    assert cycles == sorted(set(cycles))


def test_tcg_translates_a_block_once_and_reuses_it() -> None:
    emu = columns(run([{"op": "arith"}, {"op": "arith"}])[0])["emulation"]["counters"]
    assert emu["translations"] == 1 and emu["instructions_emulated"] == 400


def test_seccomp_refuses_mount_in_the_container_only() -> None:
    sim, events = run([{"op": "syscall", "name": "mount"}])
    denied = [e for e in events if e.kind == "cat.seccomp_denied"]
    assert [e.data["category"] for e in denied] == ["os_level"]
    sim, events = run([{"op": "syscall", "name": "mount"}], seccomp="unconfined")
    assert not [e for e in events if e.kind == "cat.seccomp_denied"]


def test_the_columns_move_in_lockstep_one_operation_at_a_time() -> None:
    sim, events = run("io")
    started = [e for e in events if e.kind == "cat.op_started"]
    assert [e.data["index"] for e in started] == [1, 2, 3, 4, 5]
    for before, after in zip(started, started[1:], strict=False):
        between = [e for e in events if before.step <= e.step < after.step
                   and e.kind.startswith("cat.") and "category" in e.data]
        per_step: dict[int, list[str]] = {}
        for event in between:
            per_step.setdefault(event.step, []).append(event.data["category"])
        assert all(len(set(cats)) == len(cats) for cats in per_step.values())
        longest = max(before.data["hops"].values())
        assert after.step - before.step == longest


def test_every_cycle_lands_in_one_bucket_and_exits_add_up() -> None:
    for column in columns(run("io")[0]).values():
        assert sum(column["time"].values()) == column["counters"]["cycles"]
        assert sum(column["exits_by_reason"].values()) == column["counters"]["vm_exits"]
        assert sum(column["hypercalls_by_name"].values()) == column["counters"]["hypercalls"]
        assert column["series"][-1] == column["counters"]["cycles"]


def test_a_changed_cost_changes_the_cycles_by_exactly_that_much() -> None:
    base = columns(run("basics")[0])["hardware_assisted"]["counters"]
    dearer = columns(run("basics", costs={"vm_exit": 2_000})[0])["hardware_assisted"]
    assert dearer["counters"]["cycles"] - base["cycles"] == 1_000 * base["vm_exits"]


def test_commands_are_refused_while_the_workload_runs_and_change_nothing() -> None:
    sim = Simulation(scenario("io"), 3)
    sim.submit("run")
    before = columns(sim)
    for action, args in (("run", {}), ("add_op", {"op": "cpuid"}),
                         ("set_cost", {"name": "vm_exit", "cycles": 5})):
        with pytest.raises(Refused):
            sim.submit(action, None, args)
    assert columns(sim)["emulation"]["counters"] == before["emulation"]["counters"]


@pytest.mark.parametrize(("action", "args"), [
    ("add_op", {"op": "fly"}), ("add_op", {"op": "arith", "count": 0}),
    ("add_op", {"op": "cpuid", "count": 2}), ("add_op", {"op": "syscall", "name": "reboot"}),
    ("set_workload", {"ops": []}), ("set_cost", {"name": "vm_exit", "cycles": -1}),
    ("set_cost", {"name": "nothing", "cycles": 1}), ("set_option", {"hvm_paging": "npt"}),
    ("remove_op", {"index": 99}), ("preset", {"name": "nope"}), ("run", {"fast": True}),
])
def test_bad_arguments_are_invalid(action: str, args: dict[str, object]) -> None:
    sim = Simulation(scenario(), 1)
    with pytest.raises(InvalidCommand):
        sim.submit(action, None, args)


def test_composing_a_workload_resets_the_counters() -> None:
    sim, _ = run("basics")
    sim.submit("add_op", None, {"op": "disk_read"})
    cols = columns(sim)
    assert all(c["counters"]["cycles"] == 0 for c in cols.values())
    assert sim.world.labs["categories"].workload[-1].kind == "disk_read"
