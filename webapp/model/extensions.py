"""Hooks a lab uses to extend the shared engine without the engine knowing the lab.

- ``SETUPS[lab]`` prepares the world of a scenario of that lab at step 0 (after the hosts are
  built), reading the scenario's ``extra`` section; it may use the seeded random source.
- ``SECTIONS[name]`` adds ``snapshot()[name]`` (JSON-safe) when it returns a dict.
- ``STARTERS`` run once when a simulation starts (after the world is built), ``RESTORERS``
  when one is restored from a checkpoint, ``OBSERVERS`` after every step with that step's
  events (the guide checks its chapters there). None may emit events nor draw from the random
  source: golden traces stay as they are.

Lab state lives in ``world.labs[<lab id>]`` as plain, picklable dataclasses, so checkpoints and
time travel cover it for free.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from webapp.model.events import Event
    from webapp.model.host import World
    from webapp.model.scenario import Scenario
    from webapp.model.simulation import Simulation

Setup = Callable[["World", "Scenario", random.Random], None]
Section = Callable[["World"], "dict[str, Any] | None"]
Starter = Callable[["Simulation"], None]
Observer = Callable[["World", int, "list[Event]"], None]

SETUPS: dict[str, Setup] = {}
SECTIONS: dict[str, Section] = {}
STARTERS: list[Starter] = []
RESTORERS: list[Starter] = []
OBSERVERS: list[Observer] = []


def setup(lab: str, function: Setup) -> None:
    """Register how a scenario of ``lab`` prepares its world."""
    SETUPS[lab] = function


def section(name: str, function: Section) -> None:
    """Register a snapshot section."""
    SECTIONS[name] = function


def starter(function: Starter) -> None:
    """Register what runs when a simulation starts."""
    if function not in STARTERS:
        STARTERS.append(function)


def restorer(function: Starter) -> None:
    """Register what runs when a simulation is restored from a checkpoint."""
    if function not in RESTORERS:
        RESTORERS.append(function)


def observer(function: Observer, first: bool = False) -> None:
    """Register what runs after every step, with the step's number and events; ``first``
    puts it before those registered already (a lab's clock that others read)."""
    if function not in OBSERVERS:
        OBSERVERS.insert(0 if first else len(OBSERVERS), function)
