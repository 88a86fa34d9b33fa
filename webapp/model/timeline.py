"""Time travel: a session's history, with checkpoints so any step is cheap to reach.

History is (scenario, seed, action log). The timeline keeps the simulation at its cursor and a
checkpoint every ``CHECKPOINT_EVERY`` steps; seeking restores the nearest checkpoint at or before
the target and replays. Acting while the cursor is in the past replaces the future, like undo.
"""

from __future__ import annotations

import zlib
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

from webapp.model.events import Event
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation

CHECKPOINT_EVERY = 128
#: a checkpoint is also taken once the model has done this much work (``Simulation.work``)
#: since the last one, so a replay from the nearest checkpoint is bounded by cost, not steps
CHECKPOINT_WORK = 4_000  # about 0.1 s of replay at most (memlab compare chunks)
MAX_STEPS_PER_CALL = 10_000

#: where checkpoints live: a dict by default; the web layer passes one backed by its database
Checkpoints = MutableMapping[int, bytes]


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
                 actions: list[LoggedAction] | None = None, length: int = 0,
                 checkpoints: Checkpoints | None = None,
                 markers: dict[int, tuple[str, ...]] | None = None) -> None:
        self.scenario = scenario
        self.seed = seed
        self.actions: dict[int, LoggedAction] = {a.step: a for a in actions or []}
        self.sim = Simulation(scenario, seed)
        self.checkpoints: Checkpoints = {} if checkpoints is None else checkpoints
        if 0 not in self.checkpoints:
            self.checkpoints[0] = zlib.compress(self.sim.checkpoint(), 1)
        self.length = max([length, *(a.step + 1 for a in self.actions.values())])
        self.last_events: list[Event] = []
        self.markers: dict[int, tuple[str, ...]] = dict(markers or {})
        self.epoch = 0  # bumped whenever the recorded future is replaced
        self._work_mark = 0

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

    def quiet(self) -> bool:
        """Whether nothing would happen from here by itself: no operation in flight, nothing
        left in the scenario's script, no recorded action ahead (only scheduler ticks)."""
        return not (self.sim.busy() or self.sim.script_pending()
                    or any(step >= self.cursor for step in self.actions))

    def replay_history(self) -> None:
        """Walk the whole recorded history once (checkpoints and markers), then come back."""
        cursor = self.cursor
        while self.cursor < self.length:
            self._advance()
        self.seek(cursor)

    def recover_tail(self) -> None:
        """Markers of the steps after the last checkpoint (the ones a store holds no record
        of), replayed on a scratch simulation; the cursor does not move."""
        last = max(s for s in self.checkpoints if s <= self.length)
        scratch = self._nearest(last)
        while scratch.step_no < self.length:
            self._mark(scratch.step_no + 1, self._replay_one(scratch))

    def history(self) -> History:
        """A frozen copy of what was recorded, to read any step without moving the cursor."""
        return History(self.scenario, self.seed, dict(self.actions), self.checkpoints,
                       sorted(s for s in self.checkpoints if s <= self.length), self.length)

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
        return replay_one(sim, self.actions)

    def _record(self, events: list[Event]) -> list[Event]:
        step = self.sim.step_no
        self._mark(step, events)
        if self._checkpoint_due(step) and step not in self.checkpoints:
            self.checkpoints[step] = zlib.compress(self.sim.checkpoint(), 1)
            self._work_mark = work_of(self.sim)
        self.length = max(self.length, step)
        self.last_events = events
        return events

    def _checkpoint_due(self, step: int) -> bool:
        """Every CHECKPOINT_EVERY steps, or sooner when the steps since were costly."""
        return (step % CHECKPOINT_EVERY == 0
                or work_of(self.sim) - self._work_mark >= CHECKPOINT_WORK)

    def _mark(self, step: int, events: list[Event]) -> None:
        notable = tuple(event.kind for event in events if event.notable)
        if notable:
            self.markers[step] = notable

    def _truncate(self, at: int) -> None:
        self.actions = {s: a for s, a in self.actions.items() if s < at}
        for step in [s for s in self.checkpoints if s > at]:
            del self.checkpoints[step]
        self.markers = {s: m for s, m in self.markers.items() if s <= at}
        self.length = at
        self.epoch += 1

    def _nearest(self, target: int) -> Simulation:
        return _restore_nearest(self.scenario, self.seed, self.checkpoints, target)

    def _restore(self, target: int) -> None:
        if not (self.cursor <= target and target - self.cursor < CHECKPOINT_EVERY):
            self.sim = self._nearest(target)
            self._work_mark = work_of(self.sim)
        while self.sim.step_no < target:
            self._record(self._replay_one(self.sim))


def replay_one(sim: Simulation, actions: dict[int, LoggedAction]) -> list[Event]:
    """One recorded step of ``sim``: the action logged at its clock, or a plain step."""
    logged = actions.get(sim.step_no)
    if logged is None:
        return sim.step()
    return sim.submit(logged.action, logged.target, dict(logged.args))


def work_of(sim: Simulation) -> int:
    """The model work ``sim`` has done so far (``Simulation.work``)."""
    return sim.work


def _restore_nearest(scenario: Scenario, seed: int, checkpoints: Checkpoints, target: int,
                     steps: list[int] | None = None) -> Simulation:
    """The simulation of the nearest checkpoint at or before ``target``."""
    base = max(s for s in (steps if steps is not None else checkpoints) if s <= target)
    return Simulation.restore(scenario, seed, zlib.decompress(checkpoints[base]))


@dataclass(frozen=True)
class History:
    """What a timeline recorded, frozen: any step of it can be read without a cursor moving.

    ``checkpoints`` is shared with the timeline, but only the steps listed in ``steps`` (taken
    when the copy was made) are read; the timeline never rewrites a checkpoint it keeps.
    """

    scenario: Scenario
    seed: int
    actions: dict[int, LoggedAction]
    checkpoints: Checkpoints
    steps: list[int]
    length: int

    def at(self, target: int) -> tuple[Simulation, list[Event]]:
        """The simulation at step ``target`` (clamped to the history) and that step's events."""
        target = max(0, min(target, self.length))
        sim = _restore_nearest(self.scenario, self.seed, self.checkpoints, max(0, target - 1),
                               self.steps)
        events: list[Event] = []
        while sim.step_no < target:
            events = replay_one(sim, self.actions)
        return sim, events

    def events_between(self, first: int, last: int) -> list[Event]:
        """The events of steps ``first..last`` of the recorded history, replayed from the
        nearest checkpoint before ``first``."""
        sim = _restore_nearest(self.scenario, self.seed, self.checkpoints, max(0, first - 1),
                               self.steps)
        out: list[Event] = []
        while sim.step_no < min(last, self.length):
            out += replay_one(sim, self.actions)
        return [event for event in out if event.step >= first]
