"""Scenarios are data: the shipped ones validate and build; a bad document is refused by name."""

from __future__ import annotations

from typing import Any

import pytest

from webapp.model.domain import state_word
from webapp.model.errors import ScenarioError
from webapp.model.memory import frames_for_mb
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation

from .support import SHIPPED, check_invariants, shipped

GOOD: dict[str, Any] = {"id": "t", "lab": "lifecycle", "title": "t", "description": "d",
                        "host": {"domains": [{"name": "g"}]}}


def test_four_lifecycle_scenarios_are_shipped() -> None:
    assert {s for s in SHIPPED if shipped(s).lab == "lifecycle"} == {
        "lifecycle-basics", "lifecycle-crash", "lifecycle-full-host", "lifecycle-save-restore"}


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_a_shipped_scenario_builds_a_consistent_world_with_running_guests(scenario_id: str
                                                                         ) -> None:
    scenario = shipped(scenario_id)
    sim = Simulation(scenario, 0)
    check_invariants(sim)
    host, spec = sim.world.host, scenario.hosts[0]
    assert host.memory.total_frames == frames_for_mb(spec.memory_mb)
    dom0 = [] if scenario.extra.get("dom0_boot") else ["Domain-0"]  # boot-dom0: Xen builds it
    assert [d.name for d in host.domains.values()] == [
        *dom0, *(g.config.name for g in spec.guests)]
    for guest in spec.guests:
        found = host.find(guest.config.name)
        assert found is not None and found.creation_finished
        assert state_word(found) == ("paused" if guest.paused else "runnable")


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_a_shipped_scenario_has_english_and_french_texts(scenario_id: str) -> None:
    scenario = shipped(scenario_id)
    for texts in (scenario.title, scenario.description):
        assert texts["en"] and texts["fr"] and texts["en"] != texts["fr"]


def test_the_seed_decides_where_xen_scatters_its_heap() -> None:
    runs = {seed: Simulation(shipped("lifecycle-basics"), seed).world.host.memory.runs
            for seed in (1, 2)}
    assert runs[1] != runs[2]
    assert Simulation(shipped("lifecycle-basics"), 1).world.host.memory.runs == runs[1]


@pytest.mark.parametrize("change, field", [
    ({"lab": "chemistry"}, "lab"),
    ({"id": 5}, "id"),
    ({"title": {"fr": "seulement"}}, "title"),
    ({"host": {"domains": [{"name": "g", "colour": "red"}]}}, "colour"),
    ({"host": {"domains": [{"name": "g", "workload": "mining"}]}}, "workload"),
    ({"host": {"domains": [{"name": "g", "on_crash": "explode"}]}}, "on_crash"),
    ({"script": [{"at": "soon", "action": "crash"}]}, "at"),
])
def test_a_malformed_scenario_is_refused_naming_the_field(change: dict[str, Any], field: str
                                                         ) -> None:
    with pytest.raises(ScenarioError) as error:
        Scenario.from_dict({**GOOD, **change})
    assert error.value.data["field"] == field
    for text in error.value.messages().values():
        assert field in text and "{" not in text
