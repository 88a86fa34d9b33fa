"""Time travel: seeking lands on exactly the state a replay from scratch reaches, acting in the
past replaces the future, and markers and events follow the history."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.errors import ModelError, Refused
from webapp.model.events import Event
from webapp.model.scenario import Scenario
from webapp.model.timeline import CHECKPOINT_EVERY, Timeline

from .support import full_state, kinds, shipped

SEED = 11
ACTIONS = [("pause", "web", {}), ("unpause", "web", {}), ("unpause", "batch", {}),
           ("reboot", "db", {}), ("save", "web", {}), ("restore", "web.save", {}),
           ("crash", "db", {}), ("destroy", "batch", {}), ("shutdown", "web", {}),
           ("create", None, {"name": "extra", "memory_mb": 256}),
           ("create", None, {"name": "huge", "memory_mb": 6000})]
Log = list[tuple[int, tuple[str, Any, dict[str, Any]]]]

logs = st.lists(st.tuples(st.integers(0, 40), st.sampled_from(ACTIONS)), min_size=1, max_size=12)


def build(scenario: Scenario, log: Log, length: int) -> tuple[Timeline, dict[int, list[Any]]]:
    """A timeline with ``log`` played (refused actions skipped) and walked to ``length`` steps;
    the events recorded at every step, as dictionaries."""
    timeline = Timeline(scenario, SEED)
    seen: dict[int, list[Any]] = {0: []}
    for gap, (action, target, args) in log:
        record(seen, timeline.step(gap))
        try:
            record(seen, timeline.act(action, target, args))
        except ModelError:
            pass
    record(seen, timeline.step(length - timeline.cursor))
    return timeline, seen


def record(seen: dict[int, list[Any]], events: list[Event]) -> None:
    for event in events:
        seen.setdefault(event.step, []).append(event.to_dict())


def replayed(timeline: Timeline, step: int) -> Timeline:
    """A fresh timeline given the same action log, stepped from 0 to ``step``."""
    fresh = Timeline(timeline.scenario, timeline.seed, timeline.action_log(), timeline.length)
    fresh.step(step)
    return fresh


@pytest.fixture
def basics() -> Scenario:
    return shipped("lifecycle-basics")


@pytest.fixture
def long(basics: Scenario) -> tuple[Timeline, dict[int, list[Any]]]:
    """350 steps with actions at steps 5, 41, 92, 153 and 264 (past two checkpoints)."""
    log: Log = [(5, ACTIONS[0]), (35, ACTIONS[1]), (50, ACTIONS[3]), (60, ACTIONS[4]),
                (110, ACTIONS[5])]
    return build(basics, log, 350)


@settings(max_examples=15, deadline=None)
@given(log=logs, targets=st.lists(st.integers(0, 420), min_size=1, max_size=6))
def test_seek_lands_on_exactly_the_state_a_fresh_replay_reaches(
        log: Log, targets: list[int]) -> None:
    timeline, _ = build(shipped("lifecycle-basics"), log, 400)
    assert timeline.length == 400
    for target in targets:
        timeline.seek(target)
        landed = min(target, timeline.length)
        assert timeline.cursor == landed
        assert full_state(timeline.sim) == full_state(replayed(timeline, landed).sim)


@settings(max_examples=10, deadline=None)
@given(log=logs, target=st.integers(1, 330))
def test_seek_returns_the_events_of_the_step_it_lands_on(log: Log, target: int) -> None:
    timeline, seen = build(shipped("lifecycle-save-restore"), log, 330)
    events = timeline.seek(target)
    assert {event.step for event in events} == {target}
    assert [event.to_dict() for event in events] == seen[target]
    assert timeline.seek(target) == events


def test_seek_to_step_0_returns_no_events(long: tuple[Timeline, Any]) -> None:
    timeline, _ = long
    assert timeline.seek(0) == [] and timeline.cursor == 0


def test_seek_is_clamped_to_the_recorded_history(long: tuple[Timeline, Any]) -> None:
    timeline, _ = long
    timeline.seek(10_000)
    assert timeline.cursor == timeline.length == 350
    timeline.seek(-5)
    assert timeline.cursor == 0


def test_stepping_forward_after_going_back_replays_the_recorded_actions(
        long: tuple[Timeline, dict[int, list[Any]]]) -> None:
    timeline, seen = long
    end = full_state(timeline.sim)
    timeline.seek(0)
    again: dict[int, list[Any]] = {0: []}
    record(again, timeline.step(350))
    assert again == seen
    assert full_state(timeline.sim) == end


def test_back_then_step_walks_the_same_steps_one_at_a_time(
        long: tuple[Timeline, dict[int, list[Any]]]) -> None:
    timeline, seen = long
    timeline.seek(200)
    for step in range(199, 130, -1):
        assert [event.to_dict() for event in timeline.back()] == seen[step]
    for step in range(132, 140):
        assert [event.to_dict() for event in timeline.step()] == seen[step]


def test_acting_in_the_past_replaces_the_future(long: tuple[Timeline, Any]) -> None:
    timeline, _ = long
    timeline.seek(100)
    events = timeline.act("destroy", "batch")
    assert {event.step for event in events} == {101}
    assert timeline.cursor == timeline.length == 101
    assert [a.step for a in timeline.action_log()] == [5, 41, 92, 100]
    assert max(timeline.markers) <= 101 and max(timeline.checkpoints) <= 100
    timeline.step(300)
    assert timeline.length == 401
    later = [kind for step, marks in timeline.markers.items() if step > 101 for kind in marks]
    assert "save.complete" not in later and "restore.read" not in later


def test_the_new_future_is_what_a_fresh_replay_of_the_new_log_gives(
        long: tuple[Timeline, Any]) -> None:
    timeline, _ = long
    timeline.seek(140)
    timeline.act("shutdown", "web")
    timeline.step(250)
    for target in (50, 141, 300, 390):
        timeline.seek(target)
        assert full_state(timeline.sim) == full_state(replayed(timeline, target).sim)


def test_a_refused_action_in_the_past_keeps_the_future(long: tuple[Timeline, Any]) -> None:
    timeline, _ = long
    timeline.seek(100)
    before = (timeline.length, timeline.action_log(), dict(timeline.markers),
              dict(timeline.checkpoints), full_state(timeline.sim))
    with pytest.raises(Refused):
        timeline.act("unpause", "db")
    assert before == (timeline.length, timeline.action_log(), dict(timeline.markers),
                      dict(timeline.checkpoints), full_state(timeline.sim))


def test_markers_name_the_notable_events_of_their_step(
        long: tuple[Timeline, dict[int, list[Any]]]) -> None:
    timeline, seen = long
    expected = {step: tuple(e["kind"] for e in events if e["notable"])
                for step, events in seen.items()}
    assert timeline.markers == {step: kinds for step, kinds in expected.items() if kinds}
    assert timeline.markers[6] == ("pause.paused",)
    assert "save.complete" in [kind for marks in timeline.markers.values() for kind in marks]


def test_markers_survive_going_back(long: tuple[Timeline, Any]) -> None:
    timeline, _ = long
    markers = dict(timeline.markers)
    timeline.seek(3)
    assert timeline.markers == markers


def test_a_checkpoint_is_taken_every_checkpoint_every_steps(long: tuple[Timeline, Any]) -> None:
    timeline, _ = long
    assert sorted(timeline.checkpoints) == list(range(0, 351, CHECKPOINT_EVERY))
    restored = timeline._nearest(CHECKPOINT_EVERY * 2)
    timeline.seek(CHECKPOINT_EVERY * 2)
    assert full_state(restored) == full_state(timeline.sim)


def test_a_timeline_rebuilt_from_its_action_log_walks_the_same_history(
        long: tuple[Timeline, Any]) -> None:
    timeline, _ = long
    rebuilt = Timeline(timeline.scenario, timeline.seed, timeline.action_log(), timeline.length)
    assert (rebuilt.cursor, rebuilt.length) == (0, 350)
    rebuilt.seek(333)
    timeline.seek(333)
    assert full_state(rebuilt.sim) == full_state(timeline.sim)
    rebuilt.replay_history()
    assert rebuilt.markers == timeline.markers and rebuilt.cursor == 333
    assert sorted(rebuilt.checkpoints) == sorted(timeline.checkpoints)


def test_events_between_gives_the_events_of_those_steps_without_moving(
        long: tuple[Timeline, dict[int, list[Any]]]) -> None:
    timeline, seen = long
    timeline.seek(20)
    events = timeline.events_between(130, 260)
    assert timeline.cursor == 20
    assert [e.to_dict() for e in events] == [e for s in range(130, 261) for e in seen[s]]


def test_the_scripted_actions_of_a_scenario_replay_too() -> None:
    timeline = Timeline(shipped("lifecycle-crash"), SEED)
    first = timeline.step(60)
    timeline.seek(0)
    assert timeline.step(60) == first
    assert "crash.panic" in kinds(first) and "crash.watchdog" in kinds(first)
