""""Next event" stepping: skip the steps where nothing notable happens (the same for the HTTP
API, the socket and the ▶| button).

``until: "notable"`` takes steps until one has a notable event, at most ``count`` (10,000 by
default), within the request's time budget (``budget.steps``). It also stops — before the first
step, if need be — once the model is quiet (``Timeline.quiet``: nothing in flight, nothing left
in the script, no recorded action ahead), since from there on only scheduler ticks would come.
``stopped`` says why: ``notable``, ``quiet``, or ``limit`` (the count or the time budget).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from webapp.model.events import Event
from webapp.model.timeline import MAX_STEPS_PER_CALL, Timeline
from webapp.web import budget
from webapp.web.errors import ApiError
from webapp.web.parse import json_int

UNTIL = ("notable",)


@dataclass
class Run:
    """How many steps one request took, and why it stopped (when it had an ``until``)."""

    taken: list[int] = field(default_factory=list)
    stopped: str | None = None


def parse(body: dict[str, Any]) -> tuple[int, str | None]:
    """``count`` and ``until`` of a step request (a 422 when either is wrong)."""
    until = body.get("until")
    if until is not None and until not in UNTIL:
        raise ApiError(422, "invalid_argument",
                       _("until must be %(values)s.", values=", ".join(f'"{u}"' for u in UNTIL)))
    default = 1 if until is None else MAX_STEPS_PER_CALL
    return json_int(body, "count", default, 1, MAX_STEPS_PER_CALL), until


def steps(timeline: Timeline, count: int, until: str | None, run: Run) -> list[Event]:
    """Advance as asked: ``count`` steps, or up to the next notable event."""
    if until is None:
        return budget.steps(timeline, count, run.taken)
    if timeline.quiet():
        run.taken.append(0)
        run.stopped = "quiet"
        return []
    return budget.steps(timeline, count, run.taken, until=lambda found: _stop(timeline, found, run))


def _stop(timeline: Timeline, found: list[Event], run: Run) -> bool:
    """After each step: stop on a notable event, or once the model is quiet."""
    run.stopped = ("notable" if any(event.notable for event in found)
                   else "quiet" if timeline.quiet() else "limit")
    return run.stopped != "limit"
