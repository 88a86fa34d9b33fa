"""Hooks a lab uses to extend the shared engine without the engine knowing the lab.

- ``SETUPS[lab]`` prepares the world of a scenario of that lab at step 0 (after the hosts are
  built), reading the scenario's ``extra`` section; it may use the seeded random source.
- ``SECTIONS[name]`` adds ``snapshot()[name]`` (JSON-safe) when it returns a dict.

Lab state lives in ``world.labs[<lab id>]`` as plain, picklable dataclasses, so checkpoints and
time travel cover it for free.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from webapp.model.host import World
    from webapp.model.scenario import Scenario

Setup = Callable[["World", "Scenario", random.Random], None]
Section = Callable[["World"], "dict[str, Any] | None"]

SETUPS: dict[str, Setup] = {}
SECTIONS: dict[str, Section] = {}


def setup(lab: str, function: Setup) -> None:
    """Register how a scenario of ``lab`` prepares its world."""
    SETUPS[lab] = function


def section(name: str, function: Section) -> None:
    """Register a snapshot section."""
    SECTIONS[name] = function
