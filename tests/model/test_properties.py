"""Invariants that hold whatever a learner does: random sequences of actions and steps on every
shipped scenario, checked after every single step."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.errors import ModelError, Refused
from webapp.model.lifecycle.rules import DOMAIN_ACTIONS, allowed_actions
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot

from .support import SHIPPED, check_invariants, drain, full_state, shipped

Move = tuple[Any, ...]

#: Pause and unpause come up more often, so pause counts above 1 are explored too.
WEIGHTED = (*DOMAIN_ACTIONS, "pause", "unpause", "pause", "unpause")
#: Refusals that depend on more than the domain's state, so an offered action may still meet them.
LIMITS = ("refused.pause.overflow", "refused.save.file_busy")
SETTINGS = settings(max_examples=40, deadline=None)


def names_in(scenario_id: str) -> tuple[str, ...]:
    """The scenario's domains, a name created during the run, and one that never exists."""
    guests = [g.config.name for spec in shipped(scenario_id).hosts for g in spec.guests]
    return ("Domain-0", *guests, "new", "ghost")


def config_args(names: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({
        "name": st.sampled_from(("new", "other", names[1])),
        "memory_mb": st.sampled_from((64, 256, 640, 1024, 3000)),
        "vcpus": st.integers(1, 3),
        "paused": st.booleans(),
        "on_crash": st.sampled_from(("destroy", "restart", "preserve")),
    })


def moves(scenario_id: str) -> st.SearchStrategy[list[Move]]:
    """Steps and actions, mostly aimed at the scenario's own domains."""
    names = names_in(scenario_id)
    step = st.tuples(st.just("step"), st.integers(1, 25))
    act: st.SearchStrategy[Move] = st.tuples(
        st.just("act"), st.sampled_from(WEIGHTED), st.sampled_from(names), st.just({}))
    create = st.tuples(st.just("act"), st.just("create"), st.none(), config_args(names))
    files = ["shared.save", *(f"{name}.save" for name in names)]
    save = st.tuples(st.just("act"), st.just("save"), st.sampled_from(names),
                     st.fixed_dictionaries({}, optional={"file": st.sampled_from(files[:3])}))
    restore = st.tuples(st.just("act"), st.just("restore"), st.sampled_from(files),
                        st.fixed_dictionaries({}, optional={"paused": st.booleans()}))
    return st.lists(st.one_of(step, act, act, create, save, restore), max_size=30)


def play(sim: Simulation, script: list[Move]) -> int:
    """Play ``script`` on ``sim``, checking the invariants after every step; accepted actions."""
    accepted = 0
    check_invariants(sim)
    for move in script:
        if move[0] == "step":
            for _ in range(move[1]):
                sim.step()
                check_invariants(sim)
        else:
            accepted += attempt(sim, *move[1:])
    return accepted


def attempt(sim: Simulation, action: str, target: Any, args: dict[str, Any]) -> int:
    """Submit one action; a refusal must leave everything as it was."""
    offered = offered_actions(sim, target) if action in DOMAIN_ACTIONS else None
    before, blob = snapshot(sim), sim.checkpoint()
    try:
        sim.submit(action, target, dict(args))
    except ModelError as error:
        assert (snapshot(sim), sim.checkpoint()) == (before, blob), f"{error.key} changed state"
        assert offered is None or action not in offered or error.key in LIMITS
        return 0
    assert offered is None or action in offered, f"{action} accepted but not offered"
    check_invariants(sim)
    return 1


def offered_actions(sim: Simulation, target: Any) -> tuple[str, ...] | None:
    found = sim.world.host.find(target)
    return allowed_actions(found) if found is not None else None


@pytest.mark.parametrize("scenario_id", SHIPPED)
@SETTINGS
@given(data=st.data(), seed=st.integers(0, 1000))
def test_memory_cpus_and_pause_counts_stay_consistent_whatever_the_learner_does(
        scenario_id: str, data: st.DataObject, seed: int) -> None:
    sim = Simulation(shipped(scenario_id), seed)
    play(sim, data.draw(moves(scenario_id)))
    drain(sim)
    check_invariants(sim)
    assert all(dom.busy is None for dom in sim.world.host.domains.values())


@pytest.mark.parametrize("scenario_id", SHIPPED)
@settings(max_examples=15, deadline=None)
@given(data=st.data(), seed=st.integers(0, 1000))
def test_the_same_seed_and_actions_always_give_the_same_world(
        scenario_id: str, data: st.DataObject, seed: int) -> None:
    script = data.draw(moves(scenario_id))
    first, second = Simulation(shipped(scenario_id), seed), Simulation(shipped(scenario_id), seed)
    assert play(first, script) == play(second, script)
    assert full_state(first) == full_state(second)


@SETTINGS
@given(script=moves("lifecycle-basics"), seed=st.integers(0, 1000))
def test_every_offered_action_is_accepted(script: list[Move], seed: int) -> None:
    sim = Simulation(shipped("lifecycle-basics"), seed)
    play(sim, script)
    for dom in list(sim.world.host.domains.values()):
        for action in allowed_actions(dom):
            trial = Simulation.restore(sim.scenario, sim.seed, sim.checkpoint())
            try:
                trial.submit(action, dom.name)
            except Refused as refused:
                assert refused.key in LIMITS, (action, dom.name, refused.key)
