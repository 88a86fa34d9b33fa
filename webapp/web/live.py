"""Socket.IO: rooms per session, the same commands as the HTTP API, and the play ticker.

A client emits ``join`` ``{"session"}`` and gets the full ``state``; from then on every change to
that session reaches the room as ``state`` ``{"session", "step", "events", "changes"}``.
A bad message gets ``error`` ``{"code", "message"}`` back to its sender only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, request
from flask_socketio import SocketIO, emit, join_room, leave_room

from webapp.model.errors import ModelError
from webapp.model.timeline import MAX_STEPS_PER_CALL
from webapp.web.api import _int, model_error, parse_action
from webapp.web.errors import ApiError
from webapp.web.sessions import SessionService

socketio = SocketIO()
MIN_SPEED, MAX_SPEED = 0.25, 50.0


def service() -> SessionService:
    return current_app.extensions["sessions"]  # type: ignore[no-any-return]


def room(session_id: str) -> str:
    return f"session:{session_id}"


def guarded(handler: Callable[[dict[str, Any]], None]) -> Callable[[Any], None]:
    """Run a handler; any refusal or bad message becomes an ``error`` to the sender only."""

    @wraps(handler)
    def run(data: Any = None) -> None:
        try:
            if not isinstance(data, dict) or not isinstance(data.get("session"), str):
                raise ApiError(400, "invalid_message", "The message needs a session id.")
            handler(data)
        except ModelError as err:
            _error(model_error(err))
        except ApiError as err:
            _error(err)

    return run


def _error(err: ApiError) -> None:
    emit("error", {"code": err.code, "message": err.message, **err.extra}, to=request.sid)


def _count(data: dict[str, Any]) -> int:
    """``count`` checked exactly as the HTTP API checks it (1 to MAX_STEPS_PER_CALL)."""
    return _int(data, "count", 1, 1, MAX_STEPS_PER_CALL)


@socketio.on("join")
@guarded
def on_join(data: dict[str, Any]) -> None:
    live = service().get(data["session"])
    join_room(room(live.id))
    with live.lock:
        emit("state", {"session": live.id, "step": live.timeline.cursor, "state": live.state(),
                       "timeline": live.timeline_info()})


@socketio.on("leave")
@guarded
def on_leave(data: dict[str, Any]) -> None:
    leave_room(room(data["session"]))


@socketio.on("step")
@guarded
def on_step(data: dict[str, Any]) -> None:
    count = _count(data)
    service().change(data["session"], lambda timeline: timeline.step(count))


@socketio.on("back")
@guarded
def on_back(data: dict[str, Any]) -> None:
    count = _count(data)
    service().change(data["session"], lambda timeline: timeline.back(count))


@socketio.on("seek")
@guarded
def on_seek(data: dict[str, Any]) -> None:
    target = _int(data, "step", 0, 0, 10**9)
    service().change(data["session"], lambda timeline: timeline.seek(target))


@socketio.on("action")
@guarded
def on_action(data: dict[str, Any]) -> None:
    action, target, args = parse_action(data)
    service().change(data["session"], lambda timeline: timeline.act(action, target, args),
                     acted=True)


@socketio.on("play")
@guarded
def on_play(data: dict[str, Any]) -> None:
    speed = data.get("speed")
    if speed is not None and (not isinstance(speed, int | float) or isinstance(speed, bool)
                              or not MIN_SPEED <= speed <= MAX_SPEED):
        raise ApiError(422, "invalid_argument", f"speed must be {MIN_SPEED}–{MAX_SPEED} steps/s.")
    live = service().set_play(data["session"], True,
                              float(speed) if speed is not None else None)
    with live.lock:
        start, live.ticking = not live.ticking, True
    if start:
        socketio.start_background_task(ticker, current_app._get_current_object(), live.id)


@socketio.on("pause")
@guarded
def on_pause(data: dict[str, Any]) -> None:
    service().set_play(data["session"], False)


def ticker(app: Any, session_id: str) -> None:
    """Step a playing session at its speed until it is paused (a thin real-time layer)."""
    with app.app_context():
        sessions: SessionService = app.extensions["sessions"]
        live = sessions.get(session_id)
        try:
            while live.playing:
                socketio.sleep(1.0 / live.speed)
                if live.playing:
                    live = sessions.change(session_id, lambda timeline: timeline.step(1))[0]
        finally:
            live.ticking = False


def init_live(app: Any) -> None:
    """Bind the socket layer to the app and make the session service broadcast through it."""
    socketio.init_app(app, async_mode=app.config["SOCKETIO_ASYNC_MODE"],
                      message_queue=app.config.get("MESSAGE_QUEUE"))
    sessions: SessionService = app.extensions["sessions"]
    sessions.broadcast = lambda session_id, payload: socketio.emit(
        "state", payload, to=room(session_id))
