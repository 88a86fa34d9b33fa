"""The one serializer: a JSON-safe snapshot, and a diff that turns one snapshot into the next."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from webapp.model.simulation import Simulation
from webapp.model.snapshot import diff, snapshot

from .support import SHIPPED, drain, shipped


def apply(old: Any, changes: list[dict[str, Any]]) -> Any:
    """``old`` with the ``changes`` of :func:`diff` applied."""
    new = copy.deepcopy(old)
    for change in changes:
        *parents, last = change["path"] or [None]
        if last is None:
            new = change["value"]
            continue
        holder = new
        for key in parents:
            holder = holder[key]
        if change.get("removed"):
            del holder[last]
        else:
            holder[last] = change["value"]
    return new


def run(sim: Simulation) -> list[dict[str, Any]]:
    """Snapshots of a run that creates, pauses, saves, restores and reboots."""
    shots = [snapshot(sim)]
    for action, target, args in (("create", None, {"name": "n", "memory_mb": 64, "vcpus": 2}),
                                 ("pause", "n", {}), ("unpause", "n", {}),
                                 ("save", "n", {}), ("restore", "n.save", {}),
                                 ("reboot", "n", {})):
        for _ in range(4):
            sim.step()
            shots.append(snapshot(sim))
        sim.submit(action, target, args)
        shots.append(snapshot(sim))
        while sim.busy():
            sim.step()
            shots.append(snapshot(sim))
    return shots


@pytest.fixture(scope="module")
def shots() -> list[dict[str, Any]]:
    return run(Simulation(shipped("lifecycle-basics"), 5))


def test_every_snapshot_is_plain_json(shots: list[dict[str, Any]]) -> None:
    for shot in shots:
        assert json.loads(json.dumps(shot)) == shot


def test_a_snapshot_has_the_keys_the_pages_read_in_a_stable_order(
        shots: list[dict[str, Any]]) -> None:
    assert list(shots[0])[:9] == ["step", "scenario", "lab", "busy", "hosts", "domains",
                                  "operations", "images", "xenstore"]
    assert all(list(shot) == list(shots[0]) for shot in shots)
    domain_keys = list(shots[0]["domains"][0])
    assert all(list(d) == domain_keys for shot in shots for d in shot["domains"])


def test_applying_the_diff_of_two_snapshots_gives_the_second(
        shots: list[dict[str, Any]]) -> None:
    for old, new in zip(shots, shots[1:], strict=False):
        assert apply(old, diff(old, new)) == new


def test_the_diff_of_a_snapshot_with_itself_is_empty(shots: list[dict[str, Any]]) -> None:
    assert all(diff(shot, shot) == [] for shot in shots)


def test_a_removed_key_and_a_changed_value_are_reported_by_path() -> None:
    assert diff({"a": 1, "b": {"c": 2}}, {"b": {"c": 3}}) == [
        {"path": ["a"], "removed": True}, {"path": ["b", "c"], "value": 3}]
    assert diff([1, 2], [1, 2, 3]) == [{"path": [], "value": [1, 2, 3]}]


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_a_snapshot_shows_each_domain_as_xl_list_does(scenario_id: str) -> None:
    sim = Simulation(shipped(scenario_id), 0)
    for _ in range(3):
        sim.step()
    drain(sim)
    shot = snapshot(sim)
    assert [d["id"] for d in shot["domains"]] == list(sim.world.host.domains)
    for entry in shot["domains"]:
        assert len(entry["xl_state"]) == 6 and entry["allowed_actions"] is not None
        assert entry["nr_pages"] == sum(v for k, v in shot["hosts"][0]["memory"]["owners"].items()
                                        if k == f"d{entry['id']}")
    memory = shot["hosts"][0]["memory"]
    assert sum(memory["owners"].values()) == memory["total_frames"]
