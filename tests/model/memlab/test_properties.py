"""Properties: the TLB never changes a result; runs replay exactly; checkpoints restore."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.errors import ModelError
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot

from .support import lab, run, simulation

ADDRESSES = ["0x400010", "0x400ff8", "0x401008", "0x402000", "0x403000",
             "0xffff888000100008", "0xffff888000300040", "0x800000000000"]
ACCESS = st.tuples(st.sampled_from(ADDRESSES), st.sampled_from(["read", "write", "exec"]),
                   st.booleans())
SETTINGS = settings(max_examples=25, deadline=None)


def outcome(sim: Simulation) -> tuple[str, str | None]:
    row = lab(sim).log[-1]
    return row["kind"], row.get("address")


@SETTINGS
@given(mode=st.sampled_from(["native", "pv", "shadow", "ept"]),
       accesses=st.lists(ACCESS, min_size=1, max_size=12))
def test_a_tlb_hit_gives_what_a_cold_walk_gives(mode: str, accesses: list[tuple[str, str,
                                                                                    bool]]
                                                ) -> None:
    warm = simulation(mode)
    for va, access, user in accesses:
        run(warm, "access", va=va, access=access, user=user)
        cold = simulation(mode)
        for earlier_va, earlier_access, earlier_user in accesses:
            run(cold, "access", va=earlier_va, access=earlier_access, user=earlier_user)
            run(cold, "write_cr3")
            run(cold, "invlpg", va=earlier_va)
            if (earlier_va, earlier_access, earlier_user) == (va, access, user):
                break
        assert outcome(warm) == outcome(cold)


@SETTINGS
@given(mode=st.sampled_from(["native", "pv", "shadow", "ept"]),
       accesses=st.lists(ACCESS, max_size=8), seed=st.integers(0, 100))
def test_the_same_seed_and_actions_give_the_same_lab(mode: str, accesses: list[tuple[str, str,
                                                                                     bool]],
                                                     seed: int) -> None:
    def play() -> Simulation:
        sim = simulation(mode, seed=seed)
        for va, access, user in accesses:
            run(sim, "access", va=va, access=access, user=user)
        run(sim, "quiz_new")
        return sim

    assert snapshot(play()) == snapshot(play())


@SETTINGS
@given(steps=st.integers(1, 60))
def test_a_checkpoint_in_the_middle_of_a_trace_resumes_identically(steps: int) -> None:
    sim = simulation("ept")
    sim.submit("run_trace", None, {})
    for _ in range(steps):
        sim.step()
    copy = Simulation.restore(sim.scenario, sim.seed, sim.checkpoint())
    for _ in range(40):
        assert [e.to_dict() for e in sim.step()] == [e.to_dict() for e in copy.step()]
    assert snapshot(sim) == snapshot(copy)


COMMANDS = st.one_of(
    st.tuples(st.just("access"), st.fixed_dictionaries({
        "va": st.sampled_from(ADDRESSES), "access": st.sampled_from(["read", "write", "exec"]),
        "user": st.booleans()})),
    st.tuples(st.just("set_mode"), st.fixed_dictionaries({
        "mode": st.sampled_from(["native", "pv", "shadow", "ept"])})),
    st.tuples(st.just("write_cr3"), st.just({})),
    st.tuples(st.just("invlpg"), st.fixed_dictionaries({"va": st.sampled_from(ADDRESSES)})),
    st.tuples(st.just("write_pte"), st.fixed_dictionaries({
        "va": st.sampled_from(["0x401000", "0x405000", "0x400000"]),
        "pfn": st.sampled_from(["0x100", "0x102", "0x201", "0x250", "0xfee00"]),
        "flags": st.sampled_from(["P", "P RW US", "P US NX", "RW"])})),
    st.tuples(st.just("mmu_update"), st.fixed_dictionaries({
        "ptr": st.integers(0, 1 << 28).map(hex), "val": st.integers(0, 1 << 28).map(hex)})),
    st.tuples(st.just("quiz_new"), st.just({})),
    st.tuples(st.just("quiz_answer"), st.fixed_dictionaries({
        "answer": st.sampled_from(["#PF", "#GP", "0x1000", "EPT"])})),
    st.tuples(st.just("run_trace"), st.just({})),
    st.tuples(st.just("compare"), st.just({})),
)


@settings(max_examples=30, deadline=None)
@given(commands=st.lists(COMMANDS, max_size=10), seed=st.integers(0, 50))
def test_whatever_the_learner_does_the_lab_refuses_cleanly_or_finishes(
        commands: list[tuple[str, dict[str, object]]], seed: int) -> None:
    sim = simulation("native", seed=seed, trace=[{"va": "0x401008"}, {"va": "0x403000"}])
    for action, args in commands:
        try:
            run(sim, action, **args)
        except ModelError:
            assert lab(sim).activity is None
        assert lab(sim).activity is None
        memory = snapshot(sim)["memory"]
        assert json.loads(json.dumps(memory)) == memory
