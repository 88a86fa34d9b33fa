"""Operations: a command unfolds as a recipe of atomic micro-steps, one per simulation step.

A recipe is a tuple of plain functions ``(ctx, op) -> None | AGAIN``. Operations are plain data
(no generators), so a simulation can be pickled into a checkpoint at any step.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from webapp.model.events import Event
from webapp.model.host import World

#: A micro-step returns AGAIN to run once more at the next step (a loop, e.g. page batches).
AGAIN = "again"


@dataclass
class Operation:
    """One command being carried out: which recipe, on what, and how far it has got."""

    op_id: int
    kind: str
    domid: int | None
    args: dict[str, Any] = field(default_factory=dict)
    phase: int = 0
    done: bool = False
    host: int = 0


class Context:
    """What a micro-step may touch: the world, the seeded random source, the event list, and
    the work counter heavy micro-steps charge."""

    def __init__(self, world: World, rng: random.Random, step: int,
                 spawn: Callable[[str, int | None, dict[str, Any]], Operation]) -> None:
        self.world = world
        self.rng = rng
        self.step = step
        self.events: list[Event] = []
        self.spawn = spawn
        self.work = 0

    def charge(self, amount: int) -> None:
        """Count ``amount`` units of heavy work done at this step (see ``Simulation.work``)."""
        self.work += amount

    def emit(self, kind: str, actors: tuple[str, ...], notable: bool = False,
             **data: Any) -> None:
        """Record that something happened at this step."""
        self.events.append(Event(self.step, kind, actors, data, notable))


MicroStep = Callable[[Context, Operation], str | None]


class CommandSpec(Protocol):
    """How one action is checked and turned into an operation."""

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        """Validate against the world (without changing it) and return the operation."""
        ...


RECIPES: dict[str, tuple[MicroStep, ...]] = {}
COMMANDS: dict[str, CommandSpec] = {}


def recipe(kind: str, *steps: MicroStep) -> None:
    """Register the micro-steps of operation ``kind``."""
    RECIPES[kind] = steps


def command(name: str, spec: CommandSpec) -> None:
    """Register the action ``name``."""
    COMMANDS[name] = spec
