"""Exercises over HTTP (docs/api-exercises.md): list the kinds, make an instance from a seed
and a level, grade an answer (a hint when wrong), show the worked answer after a try.

Questions and answers are the model's (``webapp.model.exercises``); an instance row keeps only
(kind, seed, level), the learner's anonymous id and the attempts. An instance belongs to the
browser that made it: another one gets a 404. Predictions ("what happens next?") are in
``predictions``, on the same blueprint.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask.blueprints import BlueprintSetupState
from flask_babel import gettext as _

from webapp.i18n import current_language
from webapp.model import exercises
from webapp.model.scenario import LABS
from webapp.web import predictions, ratelimit
from webapp.web.errors import ApiError, json_body
from webapp.web.exercise_store import ExerciseStore, Instance
from webapp.web.parse import MAX_SEED, json_int

bp = Blueprint("exercises", __name__, url_prefix="/api/v1")
bp.register_blueprint(predictions.bp)


@bp.record_once
def _setup(state: BlueprintSetupState) -> None:
    state.app.extensions["exercises"] = ExerciseStore(state.app.extensions["sessions"].store)


def store() -> ExerciseStore:
    return current_app.extensions["exercises"]  # type: ignore[no-any-return]


@lru_cache(maxsize=512)
def problem_of(kind: str, seed: int, level: int) -> exercises.Problem:
    """The model's problem (made once per process for the same kind, seed and level)."""
    return exercises.generate(kind, seed, level)


def kind_json(kind: exercises.Kind, lang: str) -> dict[str, Any]:
    return {"id": kind.id, "lab": kind.lab, "title": kind.title[lang],
            "levels": [{"level": n, "title": title[lang]}
                       for n, title in enumerate(kind.levels, start=1)]}


def kinds_of(lab: str) -> list[dict[str, Any]]:
    """The kinds of a lab in the reader's language (the lab page's exercise panel)."""
    lang = current_language()
    return [kind_json(kind, lang) for kind in exercises.kinds(lab)]


@bp.app_context_processor
def _template_kinds() -> dict[str, Any]:
    return {"exercise_kinds": kinds_of}


@bp.get("/exercises")
def list_kinds() -> Any:
    lab = request.args.get("lab")
    if lab is not None and lab not in LABS:
        raise ApiError(422, "invalid_argument",
                       _("lab must be one of %(labs)s.", labs=", ".join(LABS)))
    lang = current_language()
    return jsonify([kind_json(kind, lang) for kind in exercises.kinds(lab)])


@bp.post("/exercises/<kind_id>/instances")
def create_instance(kind_id: str) -> Any:
    kind = exercises.REGISTRY.get(kind_id)
    if kind is None:
        raise ApiError(404, "unknown_exercise", _("There is no exercise of this kind."))
    body = json_body()
    seed = json_int(body, "seed", 0, 0, MAX_SEED) if "seed" in body \
        else secrets.randbelow(MAX_SEED + 1)
    level = json_int(body, "level", 1, 1, len(kind.levels))
    ratelimit.hit("create")
    instance_id, problem = start(kind, seed, level)
    return jsonify({"instance": instance_id, "question": problem.question}), 201


def start(kind: exercises.Kind, seed: int, level: int, set_id: str | None = None
          ) -> tuple[str, exercises.Problem]:
    """A new instance for this browser (of a teacher's set, with ``set_id``) and its problem."""
    problem = problem_of(kind.id, seed, level)
    instance_id = secrets.token_urlsafe(12)
    store().add(instance_id, ratelimit.client_id(), kind.id, kind.lab, seed, level, set_id)
    return instance_id, problem


def own(instance_id: str) -> tuple[Instance, exercises.Problem]:
    """The caller's instance and its problem, or a 404 (another browser's is not shown)."""
    found = store().instance(instance_id) if len(instance_id) <= 32 else None
    if found is None or found.learner != ratelimit.client_id() \
            or found.kind not in exercises.REGISTRY:
        raise ApiError(404, "unknown_instance", _("There is no such exercise instance."))
    return found, problem_of(found.kind, found.seed, found.level)


@bp.get("/exercises/instances/<instance_id>")
def get_instance(instance_id: str) -> Any:
    found, problem = own(instance_id)
    return jsonify({"instance": found.id, "question": problem.question,
                    "attempts": found.attempts, "solved": found.solved,
                    "revealed": found.revealed})


@bp.post("/exercises/instances/<instance_id>/answers")
def answer(instance_id: str) -> Any:
    body = json_body()
    found, problem = own(instance_id)
    if "answer" not in body:
        raise ApiError(422, "invalid_answer", _("The body needs an answer."))
    ratelimit.hit("drive")
    try:
        verdict = exercises.grade(problem, body["answer"], found.attempts + 1)
    except exercises.AnswerError as error:
        raise ApiError(422, "invalid_answer", error.texts[current_language()],
                       messages=error.texts) from error
    attempts = store().attempted(found.id, verdict.correct)
    return jsonify({"correct": verdict.correct, "feedback": verdict.feedback,
                    "attempts": attempts, "solved": found.solved or verdict.correct})


@bp.post("/exercises/instances/<instance_id>/reveal")
def reveal(instance_id: str) -> Any:
    json_body()
    found, problem = own(instance_id)
    if found.attempts < 1:
        raise ApiError(409, "no_attempt",
                       _("Try at least once: the worked answer comes after an attempt."))
    store().revealed(found.id)
    return jsonify({"instance": found.id, **exercises.worked(problem)})
