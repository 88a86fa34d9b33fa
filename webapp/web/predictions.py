"""Predict the next step: the model asks what the very next step of a session will do.

``POST /api/v1/sessions/<id>/predictions`` makes a question at the session's cursor (or a
viewer's ``step``), from a copy of the simulation and the recorded future
(``questions.ask("step_event", …)`` before one step, ``"next_event"`` before "next event");
the answer stays on the server. ``POST
/api/v1/predictions/<id>/answers`` records the learner's choice once and returns the answer.
Anyone who can read the session may predict; a prediction belongs to the browser that asked.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, jsonify
from flask_babel import gettext as _

from webapp.model import questions
from webapp.model.events import Event
from webapp.model.simulation import Simulation
from webapp.model.timeline import replay_one
from webapp.web import ratelimit
from webapp.web.api import service
from webapp.web.errors import ApiError, json_body
from webapp.web.exercise_store import ExerciseStore
from webapp.web.parse import json_int
from webapp.web.sessions import LiveSession

bp = Blueprint("predictions", __name__)
#: what the learner is about to do: one step (``step_event``), or go to the next step with a
#: notable event (``next_event``: which of the coming notable events is first)
KINDS = ("step_event", "next_event")


def store() -> ExerciseStore:
    return current_app.extensions["exercises"]  # type: ignore[no-any-return]


def at_step(live: LiveSession, step: int) -> tuple[Simulation, Callable[[Simulation],
                                                                        list[Event]]]:
    """A copy of the session's simulation at ``step`` and how to replay what follows it."""
    with live.lock:
        timeline = live.timeline
        actions = dict(timeline.actions)
        current = step == timeline.cursor
        blob = timeline.sim.checkpoint() if current else None
        history = None if current else timeline.history()
    if blob is not None:
        sim = Simulation.restore(timeline.scenario, timeline.seed, blob)
    else:
        assert history is not None
        sim, _events = history.at(step)
    return sim, lambda scratch: replay_one(scratch, actions)


@bp.post("/sessions/<session_id>/predictions")
def create(session_id: str) -> Any:
    body = json_body()
    live = service().get(session_id)
    with live.lock:
        cursor, length = live.timeline.cursor, live.timeline.length
    step = json_int(body, "step", cursor, 0, length)
    kind = body.get("kind", KINDS[0])
    if kind not in KINDS:
        raise ApiError(422, "invalid_argument",
                       _("kind must be one of %(kinds)s.", kinds=", ".join(KINDS)))
    ratelimit.hit("drive")
    sim, replay = at_step(live, step)
    question = questions.ask(kind, sim, replay, seed=step)
    if question is None:
        raise ApiError(409, "no_question", _("Nothing to predict here: too little happens "
                                             "next to ask about it. Step on."))
    prediction_id = secrets.token_urlsafe(12)
    store().predict(prediction_id, ratelimit.client_id(), session_id, step, question.to_dict())
    public = {"kind": question.kind, "text": question.text, "choices": question.choices,
              "step": step}
    return jsonify({"id": prediction_id, "question": public}), 201


@bp.post("/predictions/<prediction_id>/answers")
def answer(prediction_id: str) -> Any:
    body = json_body()
    found = store().prediction(prediction_id) if len(prediction_id) <= 32 else None
    if found is None or found.learner != ratelimit.client_id():
        raise ApiError(404, "unknown_prediction", _("There is no such prediction."))
    choice = json_int(body, "choice", -1, 0, len(found.choices) - 1)
    ratelimit.hit("drive")
    correct = choice == found.answer
    if not store().answer(found.id, choice, correct):
        raise ApiError(409, "already_answered", _("This prediction was already answered."))
    return jsonify({"correct": correct, "answer": found.answer, "choice": choice,
                    "step": found.step})
