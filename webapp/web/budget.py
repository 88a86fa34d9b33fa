"""Bounded model work per request: long runs of steps go in chunks, give way to the other
clients between chunks, and stop at a time budget (the response says how many were taken)."""

from __future__ import annotations

import time
from collections.abc import Callable

from webapp.model.events import Event
from webapp.model.timeline import Timeline

CHUNK = 16  # steps between two chances for other clients to run
SECONDS = 1.0  # model time one request may take (then it stops early)


def _nothing() -> None:
    return None


#: called between chunks; the socket layer sets it to ``socketio.sleep(0)`` (gevent yields)
give_way: Callable[[], None] = _nothing


def steps(timeline: Timeline, count: int, taken: list[int] | None = None,
          until: Callable[[list[Event]], bool] | None = None) -> list[Event]:
    """Advance up to ``count`` steps (fewer when the budget runs out, or once ``until`` holds
    for a step's events); every event, and the number taken appended to ``taken``."""
    if count == 1 and until is None:  # the common case: one step, nothing to budget
        if taken is not None:
            taken.append(1)
        return timeline.step(1)
    events: list[Event] = []
    done, deadline = 0, time.monotonic() + SECONDS
    while done < count:
        for _ in range(min(CHUNK, count - done)):
            step_events = timeline.step(1)
            events += step_events
            done += 1
            if until is not None and until(step_events):
                count = done
                break
        if done >= count or time.monotonic() > deadline:
            break
        give_way()  # more to do: let the other clients run first
    if taken is not None:
        taken.append(done)
    return events
