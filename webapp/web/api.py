"""The JSON API (documented in docs/api.md): the twin of every page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for

from webapp import catalog
from webapp.i18n import current_language
from webapp.model.errors import ModelError
from webapp.model.timeline import MAX_STEPS_PER_CALL
from webapp.web.errors import ApiError, json_body
from webapp.web.sessions import SessionService, events_json

bp = Blueprint("api", __name__, url_prefix="/api/v1")

STATUS = {"refused": 409, "unknown_target": 404, "invalid_command": 422}


def service() -> SessionService:
    return current_app.extensions["sessions"]  # type: ignore[no-any-return]


def model_error(err: ModelError) -> ApiError:
    """The API form of a refusal: the status, and the sentence in the reader's language."""
    return ApiError(STATUS.get(err.code, 422), err.code, err.message(current_language()),
                    messages=err.messages(), **err.data)


def _int(body: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ApiError(422, "invalid_argument", f"{key} must be an integer from {low} to {high}.")
    return value


@bp.get("/scenarios")
def scenarios() -> Any:
    lang = current_language()
    return jsonify([{"id": s.id, "title": s.title[lang], "lab": s.lab,
                     "description": s.description[lang]} for s in catalog.scenarios().values()])


@bp.post("/sessions")
def create_session() -> Any:
    body = json_body()
    if not isinstance(body.get("scenario"), str):
        raise ApiError(422, "invalid_argument", "scenario must be a scenario id (a string).")
    seed = _int(body, "seed", 0, 0, 2**31 - 1) if "seed" in body else None
    live = service().create(body["scenario"], seed)
    return jsonify(session_summary(live.id, live.timeline)), 201


def session_summary(session_id: str, timeline: Any) -> dict[str, Any]:
    return {"id": session_id, "scenario": timeline.scenario.id, "seed": timeline.seed,
            "step": timeline.cursor, "url": url_for("pages.session", session_id=session_id)}


@bp.get("/sessions/<session_id>")
def get_session(session_id: str) -> Any:
    live = service().get(session_id)
    with live.lock:
        body = {**session_summary(session_id, live.timeline),
                "history_length": live.timeline.length, "state": live.state(),
                "timeline": live.timeline_info()}
    return jsonify(body)


def _moved(session_id: str, how: Any) -> Any:
    live, events = service().change(session_id, how)
    return jsonify({"step": live.timeline.cursor, "events": events_json(events)})


@bp.post("/sessions/<session_id>/step")
def step(session_id: str) -> Any:
    count = _int(json_body(), "count", 1, 1, MAX_STEPS_PER_CALL)
    return _moved(session_id, lambda timeline: timeline.step(count))


@bp.post("/sessions/<session_id>/back")
def back(session_id: str) -> Any:
    count = _int(json_body(), "count", 1, 1, MAX_STEPS_PER_CALL)
    return _moved(session_id, lambda timeline: timeline.back(count))


@bp.post("/sessions/<session_id>/seek")
def seek(session_id: str) -> Any:
    target = _int(json_body(), "step", 0, 0, 10**9)
    return _moved(session_id, lambda timeline: timeline.seek(target))


@bp.post("/sessions/<session_id>/actions")
def act(session_id: str) -> Any:
    action, target, args = parse_action(json_body())
    try:
        live, events = service().change(
            session_id, lambda timeline: timeline.act(action, target, args), acted=True)
    except ModelError as err:
        raise model_error(err) from err
    return jsonify({"step": live.timeline.cursor, "events": events_json(events)})


def parse_action(body: dict[str, Any]) -> tuple[str, Any, dict[str, Any]]:
    """``action``, ``target`` and ``args`` from a request body, or a 422."""
    action, target, args = body.get("action"), body.get("target"), body.get("args", {})
    if not isinstance(action, str):
        raise ApiError(422, "invalid_argument", "action must be a string.")
    if target is not None and not isinstance(target, str | int):
        raise ApiError(422, "invalid_argument", "target must be a domain name, id or file.")
    if not isinstance(args, dict):
        raise ApiError(422, "invalid_argument", "args must be an object.")
    return action, target, args


@bp.get("/sessions/<session_id>/events")
def events(session_id: str) -> Any:
    since = request.args.get("since", "0")
    if not since.isdigit():
        raise ApiError(422, "invalid_argument", "since must be a step number.")
    live = service().get(session_id)
    with live.lock:
        first = max(int(since) + 1, live.timeline.cursor - 1000)
        found = live.timeline.events_between(first, live.timeline.cursor)
    return jsonify(events_json(found))
