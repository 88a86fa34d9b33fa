"""Helpers for the cloud lab's tests: a timeline of a shipped scenario, its lab state."""

from __future__ import annotations

from typing import Any

from webapp.catalog import scenarios
from webapp.model.cloud.state import LAB, CloudLab
from webapp.model.events import Event
from webapp.model.timeline import Timeline


def timeline(scenario: str = "cloud-live-migration", seed: int = 7) -> Timeline:
    return Timeline(scenarios()[scenario], seed)


def lab(t: Timeline) -> CloudLab:
    found = t.sim.world.labs[LAB]
    assert isinstance(found, CloudLab)
    return found


def run_until_idle(t: Timeline, limit: int = 200) -> list[Event]:
    events: list[Event] = []
    while t.sim.busy() and limit:
        events += t.step(1)
        limit -= 1
    return events


def act(t: Timeline, action: str, target: Any = None, **args: Any) -> list[Event]:
    return t.act(action, target, args) + run_until_idle(t)
