"""A set's goals written as conditions — the chapter condition language of
:mod:`webapp.model.guide.conditions` — watched in the sessions learners open from the set.

A goal ``{"type": "condition", "done": {...}, "unless": {...}}`` is reached in a session when
``done`` holds at a step the learner reaches while ``unless`` has not held at or before that
step (``unless: {event: ...}`` — "without a refusal"). The watcher follows each watched session
from its broadcasts: it remembers, like the guide does, which event conditions matched at
which step (stepping back forgets what happened after the step landed on; a jump forward
replays the steps jumped over), and records a goal once reached — a goal reached stays
reached, whatever the learner does later.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from webapp.i18n import current_language
from webapp.model.errors import ScenarioError
from webapp.model.events import Event
from webapp.model.guide.conditions import Condition, EventCondition, Look, parse
from webapp.web.errors import ApiError
from webapp.web.progress_store import ProgressStore
from webapp.web.sessions import LiveSession, SessionService

log = logging.getLogger(__name__)
MAX_DEPTH = 8  # nesting of all/any in a goal's condition
MAX_REPLAY = 20_000  # steps a jump forward (or a watch starting late) replays
REMEMBERED = 1024  # sessions whose watch this process keeps


@dataclass(frozen=True)
class Goal:
    index: int
    done: Condition
    unless: Condition | None


@dataclass(frozen=True)
class Goals:
    goals: tuple[Goal, ...]
    events: tuple[EventCondition, ...]


def depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (without recursion)."""
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, level = todo.pop()
        deepest = max(deepest, level)
        children = item.values() if isinstance(item, dict) else item if isinstance(
            item, list) else ()
        todo.extend((child, level + 1) for child in children)
    return deepest


def condition(doc: Any, events: list[EventCondition], field: str) -> Condition:
    """A goal's condition, parsed by the model; a 422 ``invalid_set`` naming the field."""
    if depth(doc) > 2 * MAX_DEPTH:
        raise ApiError(422, "invalid_set", _("%(field)s: conditions nest too deeply.",
                                             field=field), field=field)
    try:
        return parse(doc, events)
    except ScenarioError as error:
        raise ApiError(422, "invalid_set", f"{field}: {error.message(current_language())}",
                       field=field) from error


def parse_goals(body: dict[str, Any]) -> Goals:
    """The set's condition goals, ready to check (a 422 for one the model refuses)."""
    events: list[EventCondition] = []
    goals = []
    for index, goal in enumerate(body["goals"]):
        if goal["type"] != "condition":
            continue
        done = condition(goal["done"], events, f"goals[{index}].done")
        unless = condition(goal["unless"], events, f"goals[{index}].unless") \
            if "unless" in goal else None
        goals.append(Goal(index, done, unless))
    return Goals(tuple(goals), tuple(events))


@dataclass
class Watch:
    """One watched session: its set's goals and what was seen so far."""

    set_id: str
    learner: str
    goals: Goals
    cursor: int = 0  # the step up to which events were observed
    seen: dict[int, list[int]] = field(default_factory=dict)  # event condition → steps seen
    spoiled: dict[int, int] = field(default_factory=dict)  # goal → step ``unless`` held
    met: set[int] = field(default_factory=set)

    def rewind(self, cursor: int) -> None:
        self.seen = {ref: [step for step in steps if step <= cursor]
                     for ref, steps in self.seen.items()}
        self.spoiled = {goal: step for goal, step in self.spoiled.items() if step <= cursor}
        self.cursor = cursor

    def observe(self, events: list[Event]) -> None:
        for wanted in self.goals.events:
            steps = [event.step for event in events if wanted.matches(event)]
            if steps:
                self.seen.setdefault(wanted.ref, []).extend(steps)

    def counts(self) -> dict[int, int]:
        """How many events each event condition matched (as ``Look.seen`` reads it)."""
        return {ref: len(steps) for ref, steps in self.seen.items()}

    def reached(self, look: Look, cursor: int) -> list[int]:
        """The goals reached at this step (not reached before)."""
        found = []
        for goal in self.goals.goals:
            if goal.index in self.met:
                continue
            if goal.unless is not None and goal.unless.holds(look):
                self.spoiled.setdefault(goal.index, cursor)
            if goal.index not in self.spoiled and goal.done.holds(look):
                self.met.add(goal.index)
                found.append(goal.index)
        return found


def event_of(data: dict[str, Any]) -> Event:
    return Event(int(data["step"]), str(data["kind"]), tuple(data.get("actors", ())),
                 dict(data.get("data", {})), bool(data.get("notable")))


class GoalWatcher:
    """Checks the condition goals of sets in the sessions opened from them."""

    def __init__(self, sessions: SessionService, store: ProgressStore) -> None:
        self.sessions, self.store = sessions, store
        self.watches: OrderedDict[str, Watch | None] = OrderedDict()
        self.guard = threading.Lock()

    def check(self, session_id: str, payload: dict[str, Any]) -> None:
        try:
            self._check(session_id, payload)
        except Exception:  # never break a broadcast
            log.warning("could not check the set goals of session %s", session_id,
                        exc_info=True)

    def forget(self, session_id: str) -> None:
        """A session just got watched: look it up again."""
        with self.guard:
            self.watches.pop(session_id, None)

    def _check(self, session_id: str, payload: dict[str, Any]) -> None:
        live = self.sessions.live.get(session_id)
        watch = self.watch(session_id, live) if live is not None else None
        if watch is None or live is None:
            return
        cursor = live.timeline.cursor
        if cursor < watch.cursor:
            watch.rewind(cursor)
        new = self.events(live, watch.cursor, cursor, payload)
        watch.observe(new)
        watch.cursor = cursor
        look = Look(live.timeline.sim.world, tuple(new), watch.counts())
        for goal in watch.reached(look, cursor):
            self.store.goal_met(watch.learner, watch.set_id, goal)

    @staticmethod
    def events(live: LiveSession, before: int, cursor: int, payload: dict[str, Any] | None
               ) -> list[Event]:
        """The events of the steps after ``before`` up to ``cursor`` (one step: those the
        broadcast carries; more: replayed)."""
        if cursor <= before:
            return []
        if cursor == before + 1 and payload is not None:
            return [event_of(e) for e in payload.get("events", []) if e.get("step") == cursor]
        first = max(before + 1, cursor - MAX_REPLAY)
        return live.timeline.events_between(first, cursor)

    def watch(self, session_id: str, live: LiveSession) -> Watch | None:
        with self.guard:
            if session_id in self.watches:
                self.watches.move_to_end(session_id)
                return self.watches[session_id]
        try:
            found = self.new_watch(session_id, live)
        except Exception:  # a set the model does not read any more: not watched, said once
            log.warning("cannot watch the set goals of session %s", session_id, exc_info=True)
            found = None
        with self.guard:
            self.watches[session_id] = found
            while len(self.watches) > REMEMBERED:
                self.watches.popitem(last=False)
        return found

    def new_watch(self, session_id: str, live: LiveSession) -> Watch | None:
        """The watch of a session opened from a set with condition goals, caught up with
        the events recorded before this process saw it."""
        owner = self.store.watched(session_id)
        body = self.store.get_set(owner[0]) if owner else None
        if owner is None or body is None:
            return None
        goals = parse_goals(body)
        if not goals.goals:
            return None
        watch = Watch(owner[0], owner[1], goals, met=self.store.goals_met(owner[1], owner[0]))
        watch.observe(self.events(live, 0, live.timeline.cursor - 1, None))
        watch.cursor = max(0, live.timeline.cursor - 1)
        return watch
