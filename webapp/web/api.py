"""The JSON API (documented in docs/api.md): the twin of every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, jsonify, make_response, request, url_for

from webapp import catalog
from webapp.i18n import current_language
from webapp.model import eventlog
from webapp.model.errors import ModelError
from webapp.model.timeline import MAX_STEPS_PER_CALL
from webapp.web import access, ratelimit, stepping
from webapp.web.errors import ApiError, json_body
from webapp.web.parse import arg_int, text_int
from webapp.web.parse import json_int as _int  # live.py imports it from here
from webapp.web.sessions import LiveSession, SessionService, events_json, refusal_event

bp = Blueprint("api", __name__, url_prefix="/api/v1")

STATUS = {"refused": 409, "unknown_target": 404, "invalid_command": 422}


def service() -> SessionService:
    return current_app.extensions["sessions"]  # type: ignore[no-any-return]


def model_error(err: ModelError) -> ApiError:
    """The API form of a refusal: the status, and the sentence in the reader's language."""
    return ApiError(STATUS.get(err.code, 422), err.code, err.message(current_language()),
                    messages=err.messages(), **err.data)


@bp.get("/scenarios")
def scenarios() -> Any:
    lang = current_language()
    return jsonify([{"id": s.id, "title": s.title[lang], "lab": s.lab,
                     "description": s.description[lang],
                     "goal": s.guide.goal[lang] if s.guide else None,
                     "level": s.guide.level if s.guide else None}
                    for s in catalog.scenarios().values()])


@bp.post("/sessions")
def create_session() -> Any:
    body = json_body()
    if not isinstance(body.get("scenario"), str):
        raise ApiError(422, "invalid_argument", "scenario must be a scenario id (a string).")
    seed = _int(body, "seed", 0, 0, 2**31 - 1) if "seed" in body else None
    ratelimit.hit("create")
    live, token = service().create(body["scenario"], seed)
    return created(live, token)


def created(live: LiveSession, token: str) -> Any:
    """``201`` with the session's summary and its owner's token (also set as a cookie)."""
    body = {**session_summary(live.id, live.timeline), "owner_token": token}
    return access.remember(make_response(jsonify(body), 201), live.id, token)


def session_summary(session_id: str, timeline: Any) -> dict[str, Any]:
    return {"id": session_id, "scenario": timeline.scenario.id, "seed": timeline.seed,
            "step": timeline.cursor, "url": url_for("pages.session", session_id=session_id)}


@bp.get("/sessions/<session_id>")
def get_session(session_id: str) -> Any:
    """The session; with ``?step=k``, its recorded history read at step k (nothing moves)."""
    asked = request.args.get("step")
    live = service().get(session_id)
    with live.lock:
        body = {**session_summary(session_id, live.timeline),
                "history_length": live.timeline.length, "state": live.state(),
                "timeline": live.timeline_info()}
        length = live.timeline.length
    if asked is not None:
        seen = service().view(session_id, text_int(asked, "step", 0, length))
        body.update(step=seen["step"], state=seen["state"], events=seen["events"])
    return jsonify(body)


def driver_body(session_id: str) -> dict[str, Any]:
    """The body of a request that drives the session: only for its owner (or an editor),
    else a 403 before anything is read or done; then the per-client rate limit."""
    service().driver(session_id, access.presented_tokens(session_id))
    ratelimit.hit("drive")
    return json_body()


def moved(session_id: str, how: Any, acted: bool = False, *, refusing: str | None = None,
          extra: dict[str, Callable[[], Any]] | None = None) -> Any:
    """Change the session; a refusal of the action ``refusing`` is narrated at its step."""
    try:
        live, events = service().change(session_id, how, acted)
    except ModelError as err:
        if refusing is not None and err.code == "refused":
            service().refused(session_id, err, refusing)
        raise model_error(err) from err
    return jsonify({"step": live.timeline.cursor, "events": events_json(events),
                    **{key: value() for key, value in (extra or {}).items()}})


@bp.post("/sessions/<session_id>/step")
def step(session_id: str) -> Any:
    count, until = stepping.parse(driver_body(session_id))
    run = stepping.Run()
    extra: dict[str, Callable[[], Any]] = {"taken": lambda: sum(run.taken)}
    if until is not None:
        extra["stopped"] = lambda: run.stopped
    return moved(session_id, lambda timeline: stepping.steps(timeline, count, until, run),
                 extra=extra)


@bp.post("/sessions/<session_id>/back")
def back(session_id: str) -> Any:
    count = _int(driver_body(session_id), "count", 1, 1, MAX_STEPS_PER_CALL)
    return moved(session_id, lambda timeline: timeline.back(count))


@bp.post("/sessions/<session_id>/seek")
def seek(session_id: str) -> Any:
    target = _int(driver_body(session_id), "step", 0, 0, 10**9)
    return moved(session_id, lambda timeline: timeline.seek(target))


@bp.post("/sessions/<session_id>/actions")
def act(session_id: str) -> Any:
    action, target, args = parse_action(driver_body(session_id))
    return moved(session_id, lambda timeline: timeline.act(action, target, args), acted=True,
                 refusing=action)


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
    since = text_int(request.args.get("since", "0"), "since", 0, 10**9)
    live = service().get(session_id)
    with live.lock:
        first = max(since + 1, live.timeline.cursor - 1000)
        found = live.timeline.events_between(first, live.timeline.cursor)
    return jsonify(events_json(found))


HISTORY_PAGE = 50  # events a history page holds by default (scheduler ticks not counted)


@bp.get("/sessions/<session_id>/history")
def history(session_id: str) -> Any:
    """The narrated history a page at a time: the newest events before step ``before``
    (default: the cursor's step included), read from the recorded history; nothing moves."""
    live = service().get(session_id)
    with live.lock:
        recorded, cursor = live.timeline.history(), live.timeline.cursor
    before = min(arg_int("before", cursor + 1, 1, 10**9), recorded.length + 1)
    limit = arg_int("limit", HISTORY_PAGE, 1, eventlog.MAX_EVENTS)
    try:
        found = eventlog.page(recorded, before, limit)
    except KeyError:  # the owner replaced that future meanwhile: read the new history
        with live.lock:
            found = eventlog.page(live.timeline.history(), before, limit)
    since = 0 if found.first <= 1 else found.first  # refusals tried at step 0 come first
    tried = [refusal_event(**r) for r in service().store.refusals(session_id, since, found.last)]
    events = sorted([e.to_dict() for e in found.events] + tried, key=lambda e: e["step"])
    return jsonify({"before": before, "first": found.first, "last": found.last,
                    "earlier": found.first > 1, "events": events})
