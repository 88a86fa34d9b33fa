"""The narrated history, a page at a time: the newest events before a step, whole steps only.

A page is read from a frozen :class:`~webapp.model.timeline.History` (nothing moves), one
checkpoint segment at a time from the newest, so its cost is bounded: at most ``MAX_SCAN`` steps
(plus one segment) are replayed, and at most ``MAX_EVENTS`` events are returned. Scheduler
churn (``FILLER``) is returned like any event but does not count towards ``limit``: a page of 50
is 50 events a learner reads, with the ticks between them.
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.model.events import Event
from webapp.model.timeline import History

#: events that only say the scheduler ran (a step with nothing else is "filler")
FILLER = frozenset({"sched.tick", "vcpu.blocked", "vcpu.woken"})
MAX_SCAN = 1_000  # steps replayed at most for one page
MAX_EVENTS = 500  # events returned at most in one page


@dataclass(frozen=True)
class Page:
    """The events of steps ``first..last`` (every one of them), oldest first."""

    events: list[Event]
    first: int
    last: int


def is_filler(event: Event) -> bool:
    return event.kind in FILLER


def page(history: History, before: int, limit: int) -> Page:
    """The newest ``limit`` events (not counting filler) of the steps before ``before``."""
    last = min(before - 1, history.length)
    low = max(1, last - MAX_SCAN + 1)
    by_step: dict[int, list[Event]] = {}
    first, high = last + 1, last
    while high >= low and not _enough(by_step, limit):
        base = max(step for step in history.steps if step < high)
        for event in history.events_between(max(base + 1, low), high):
            by_step.setdefault(event.step, []).append(event)
        first, high = max(base + 1, low), base
    return _trim(by_step, first, last, limit)


def _enough(by_step: dict[int, list[Event]], limit: int) -> bool:
    events = [event for events in by_step.values() for event in events]
    return sum(1 for e in events if not is_filler(e)) >= limit or len(events) >= MAX_EVENTS


def _trim(by_step: dict[int, list[Event]], scanned: int, last: int, limit: int) -> Page:
    """Whole steps from the newest, until ``limit`` events or ``MAX_EVENTS`` are taken (at
    least one step); ``first`` is the oldest step the page covers entirely."""
    taken: list[list[Event]] = []
    counted = total = 0
    first = scanned
    for step in sorted(by_step, reverse=True):
        if taken and (counted >= limit or total + len(by_step[step]) > MAX_EVENTS):
            first = step + 1
            break
        taken.append(by_step[step])
        counted += sum(1 for e in by_step[step] if not is_filler(e))
        total += len(by_step[step])
    events = [event for events in reversed(taken) for event in events]
    return Page(events, first, last)
