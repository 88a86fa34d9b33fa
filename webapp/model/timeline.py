"""Time travel: a session's history, with checkpoints so any step is cheap to reach.

History is (scenario, seed, action log). The timeline keeps the simulation at its cursor and a
checkpoint every ``CHECKPOINT_EVERY`` steps; seeking restores the nearest checkpoint at or before
the target and replays. Acting while the cursor is in the past replaces the future, like undo.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

from webapp.model.events import Event
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation

CHECKPOINT_EVERY = 128
MAX_STEPS_PER_CALL = 100_000


@dataclass(frozen=True)
class LoggedAction:
    """An action accepted when the clock read ``step`` (it ran as step ``step + 1``)."""

    step: int
    action: str
    target: Any = None
    args: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "action": self.action, "target": self.target,
                "args": self.args}


class Timeline:
    """A session's simulation with its whole history, navigable forwards and backwards."""

    def __init__(self, scenario: Scenario, seed: int,
                 actions: list[LoggedAction] | None = None, length: int = 0) -> None:
        self.scenario = scenario
        self.seed = seed
        self.actions: dict[int, LoggedAction] = {a.step: a for a in actions or []}
        self.sim = Simulation(scenario, seed)
        self.checkpoints: dict[int, bytes] = {0: zlib.compress(self.sim.checkpoint(), 1)}
        self.length = max([length, *(a.step + 1 for a in self.actions.values())])
        self.last_events: list[Event] = []
        self.markers: dict[int, tuple[str, ...]] = {}

    @property
    def cursor(self) -> int:
        return self.sim.step_no

    def step(self, count: int = 1) -> list[Event]:
        """Advance ``count`` steps (replaying the recorded future first); all their events."""
        events: list[Event] = []
        for _ in range(max(0, min(count, MAX_STEPS_PER_CALL))):
            events += self._advance()
        return events

    def back(self, count: int = 1) -> list[Event]:
        """Go back ``count`` steps; the events of the step landed on."""
        return self.seek(self.cursor - count)

    def seek(self, target: int) -> list[Event]:
        """Go to step ``target`` (clamped to the history); the events of that step."""
        target = max(0, min(target, self.length))
        if target != self.cursor or not self.last_events:
            self._restore(max(0, target - 1))
            if target > self.cursor:
                self.last_events = self._advance()
            else:
                self.last_events = []
        return self.last_events

    def act(self, action: str, target: Any = None, args: dict[str, Any] | None = None
            ) -> list[Event]:
        """Perform an action at the cursor; the future after the cursor is replaced."""
        at = self.cursor
        events = self.sim.submit(action, target, dict(args or {}))  # raises: nothing changed
        self._truncate(at)
        self.actions[at] = LoggedAction(at, action, target, dict(args or {}))
        return self._record(events)

    def replay_history(self) -> None:
        """Walk the whole recorded history once (checkpoints and markers), then come back."""
        cursor = self.cursor
        while self.cursor < self.length:
            self._advance()
        self.seek(cursor)

    def action_log(self) -> list[LoggedAction]:
        return [self.actions[step] for step in sorted(self.actions)]

    def events_between(self, first: int, last: int) -> list[Event]:
        """The events of steps ``first..last`` (replayed on a scratch simulation)."""
        scratch = self._nearest(max(0, first - 1))
        out: list[Event] = []
        while scratch.step_no < min(last, self.length):
            out += self._replay_one(scratch)
        return [event for event in out if event.step >= first]

    def _advance(self) -> list[Event]:
        return self._record(self._replay_one(self.sim))

    def _replay_one(self, sim: Simulation) -> list[Event]:
        """One recorded step of ``sim``: the action logged at its clock, or a plain step."""
        logged = self.actions.get(sim.step_no)
        if logged is None:
            return sim.step()
        return sim.submit(logged.action, logged.target, dict(logged.args))

    def _record(self, events: list[Event]) -> list[Event]:
        step = self.sim.step_no
        if step % CHECKPOINT_EVERY == 0 and step not in self.checkpoints:
            self.checkpoints[step] = zlib.compress(self.sim.checkpoint(), 1)
        self.length = max(self.length, step)
        self.last_events = events
        notable = tuple(event.kind for event in events if event.notable)
        if notable:
            self.markers[step] = notable
        return events

    def _truncate(self, at: int) -> None:
        self.actions = {s: a for s, a in self.actions.items() if s < at}
        self.checkpoints = {s: c for s, c in self.checkpoints.items() if s <= at}
        self.markers = {s: m for s, m in self.markers.items() if s <= at}
        self.length = at

    def _nearest(self, target: int) -> Simulation:
        base = max(s for s in self.checkpoints if s <= target)
        blob = zlib.decompress(self.checkpoints[base])
        return Simulation.restore(self.scenario, self.seed, blob)

    def _restore(self, target: int) -> None:
        if not (self.cursor <= target and target - self.cursor < CHECKPOINT_EVERY):
            self.sim = self._nearest(target)
        while self.sim.step_no < target:
            self._record(self._replay_one(self.sim))
