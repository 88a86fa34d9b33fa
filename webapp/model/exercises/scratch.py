"""Scratch simulations: the exercises' own small scenarios, run by the real engine.

An exercise that asks about the boot, the lifecycle or a device builds a world from a scenario
document written here (no file is read), performs actions on it and reads what the model did.
Everything is drawn from the problem's random source, so the same seed gives the same world.
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.events import Event
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation

#: steps an action may take before the exercise gives up on it (a bug, not a learner's fault)
MAX_STEPS = 2_000


_BUILT: dict[str, Scenario] = {}  # a memo: the same document always gives the same scenario


def scenario(lab: str, host: dict[str, Any], extra: dict[str, Any] | None = None) -> Scenario:
    """A scenario document for an exercise (validated like any scenario file)."""
    key = repr((lab, host, extra))
    if key not in _BUILT:
        _BUILT[key] = Scenario.from_dict({"id": f"exercise-{lab}", "lab": lab,
                                          "title": "exercise", "description": "exercise",
                                          "host": host, "extra": extra or {}})
    return _BUILT[key]


def start(built: Scenario, rng: random.Random) -> Simulation:
    """A simulation of ``built`` with a seed drawn from the problem's random source."""
    return Simulation(built, rng.randrange(2**31))


def run(sim: Simulation, action: str, target: Any = None, args: dict[str, Any] | None = None
        ) -> list[Event]:
    """Perform ``action`` and step until nothing is in flight: every event, in order."""
    events = sim.submit(action, target, args or {})
    return events + settle(sim)


def settle(sim: Simulation) -> list[Event]:
    """Step until no operation is in flight (bounded)."""
    events: list[Event] = []
    for _ in range(MAX_STEPS):
        if not sim.busy():
            break
        events += sim.step()
    return events


def ticks(sim: Simulation, count: int) -> list[Event]:
    """``count`` plain steps."""
    events: list[Event] = []
    for _ in range(count):
        events += sim.step()
    return events
