"""Socket.IO: rooms per session, the same commands as the HTTP API, and the play ticker.

A client emits ``join`` ``{"session"}`` and gets the full ``state``; from then on every change to
that session reaches the room as ``state`` ``{"session", "step", "events", "changes"}``.
Driving (``step``, ``back``, ``seek``, ``action``, ``play``, ``pause``) needs the owner's right:
``"token"`` in the message, or the session's cookie sent with the socket's handshake. ``view``
``{"session", "step"}`` reads a past step for the sender only (a viewer's private cursor).
A bad or refused message gets ``error`` ``{"code", "message"}`` back to its sender only, and one
log line at most; nothing changes.
"""

from __future__ import annotations

import atexit
import logging
from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, request
from flask_babel import gettext as _
from flask_socketio import SocketIO, emit, join_room, leave_room

from webapp.model.errors import ModelError
from webapp.model.timeline import MAX_STEPS_PER_CALL
from webapp.web import access, budget, ratelimit, stepping
from webapp.web.api import _int, model_error, parse_action
from webapp.web.errors import MAX_BODY_BYTES, ApiError
from webapp.web.sessions import LiveSession, SessionService

socketio = SocketIO()
MIN_SPEED, MAX_SPEED = 0.25, 50.0
MAX_PLAYING = 50  # sessions playing at once in one process
log = logging.getLogger("webapp.live")
joined: dict[str, set[str]] = defaultdict(set)  # socket id → sessions it follows
#: checks run before a socket drives a session: ``(session id, socket id)``, may raise
drive_guards: list[Callable[[str, str], None]] = []
#: run when a socket disconnects: ``(socket id)``
disconnect_hooks: list[Callable[[str], None]] = []


def service() -> SessionService:
    return current_app.extensions["sessions"]  # type: ignore[no-any-return]


def room(session_id: str) -> str:
    return f"session:{session_id}"


def guarded(handler: Callable[[dict[str, Any]], None]) -> Callable[..., None]:
    """Run a handler; any refusal or bad message becomes an ``error`` to the sender only."""

    @wraps(handler)
    def run(*args: Any) -> None:
        data = args[0] if len(args) == 1 else None
        try:
            if not isinstance(data, dict) or not isinstance(data.get("session"), str):
                raise ApiError(400, "invalid_message",
                               "The message needs one object with a session id.")
            handler(data)
        except ModelError as err:
            _error(model_error(err))
        except ApiError as err:
            _error(err)

    return run


def _error(err: ApiError) -> None:
    emit("error", {"code": err.code, "message": err.message, **err.extra}, to=request.sid)


def driven(data: dict[str, Any]) -> LiveSession:
    """The session of a driving message, if the sender may drive it (else a 403)."""
    live = service().driver(data["session"], access.presented_tokens(data["session"], data))
    for check in drive_guards:
        check(live.id, request.sid)
    # a socket is one browser tab: counted by socket (no cookie parsing per message) and,
    # much higher, by address
    ratelimit.hit("drive", client=request.sid, address=request.remote_addr or "?")
    return live


def _count(data: dict[str, Any]) -> int:
    """``count`` checked exactly as the HTTP API checks it."""
    return _int(data, "count", 1, 1, MAX_STEPS_PER_CALL)


@socketio.on("join")
@guarded
def on_join(data: dict[str, Any]) -> None:
    follow(service().get(data["session"]))


def follow(live: LiveSession) -> None:
    """Join the session's room (once per socket) and send the sender its full state."""
    if live.id not in joined[request.sid]:
        joined[request.sid].add(live.id)
        join_room(room(live.id))
        with live.lock:
            live.clients += 1
    with live.lock:
        emit("state", {"session": live.id, "step": live.timeline.cursor, "state": live.state(),
                       "timeline": live.timeline_info()})


@socketio.on("leave")
@guarded
def on_leave(data: dict[str, Any]) -> None:
    _leave(request.sid, data["session"])


def _leave(sid: str, session_id: str) -> None:
    if session_id not in joined.get(sid, set()):
        return
    joined[sid].discard(session_id)
    leave_room(room(session_id), sid=sid)
    with service().guard:
        live = service().live.get(session_id)
    if live is not None:
        with live.lock:
            live.clients = max(0, live.clients - 1)


@socketio.on("disconnect")
def on_disconnect(*_args: Any) -> None:
    for session_id in list(joined.get(request.sid, ())):
        _leave(request.sid, session_id)
    joined.pop(request.sid, None)
    for hook in disconnect_hooks:
        hook(request.sid)


@socketio.on("view")
@guarded
def on_view(data: dict[str, Any]) -> None:
    live = service().get(data["session"])
    step = _int(data, "step", 0, 0, live.timeline.length)
    seen = service().view(live.id, step)
    emit("view", {"session": live.id, **seen, "timeline": live.timeline_info()})


@socketio.on("step")
@guarded
def on_step(data: dict[str, Any]) -> None:
    live = driven(data)
    count, until = stepping.parse(data)
    run = stepping.Run()
    live = service().change(live.id, lambda timeline: stepping.steps(timeline, count, until, run),
                            durable=False)[0]
    if until is not None:  # the sender alone learns how far it went, and why it stopped
        emit("stepped", {"session": live.id, "step": live.timeline.cursor,
                         "taken": sum(run.taken), "stopped": run.stopped}, to=request.sid)


@socketio.on("back")
@guarded
def on_back(data: dict[str, Any]) -> None:
    live = driven(data)
    count = _count(data)
    service().change(live.id, lambda timeline: timeline.back(count), durable=False)


@socketio.on("seek")
@guarded
def on_seek(data: dict[str, Any]) -> None:
    live = driven(data)
    target = _int(data, "step", 0, 0, 10**9)
    service().change(live.id, lambda timeline: timeline.seek(target), durable=False)


@socketio.on("action")
@guarded
def on_action(data: dict[str, Any]) -> None:
    live = driven(data)
    action, target, args = parse_action(data)
    try:
        service().change(live.id, lambda timeline: timeline.act(action, target, args),
                         acted=True)
    except ModelError as err:
        if err.code == "refused":  # narrated at its step for the whole room, then the error
            service().refused(live.id, err, action)
        raise


@socketio.on("play")
@guarded
def on_play(data: dict[str, Any]) -> None:
    live = driven(data)
    speed = data.get("speed")
    if speed is not None and (not isinstance(speed, int | float) or isinstance(speed, bool)
                              or not MIN_SPEED <= speed <= MAX_SPEED):
        raise ApiError(422, "invalid_argument", _("speed must be %(low)s–%(high)s steps/s.",
                                                  low=MIN_SPEED, high=MAX_SPEED))
    if not live.ticking and playing_count() >= MAX_PLAYING:
        raise ApiError(429, "too_many_playing",
                       _("Too many sessions are playing on this server: step by hand for now."))
    live = service().set_play(live.id, True, float(speed) if speed is not None else None)
    with live.lock:
        start, live.ticking = not live.ticking, True
    if start:
        socketio.start_background_task(ticker, current_app._get_current_object(), live.id)


def playing_count() -> int:
    with service().guard:
        return sum(1 for live in service().live.values() if live.ticking)


@socketio.on("pause")
@guarded
def on_pause(data: dict[str, Any]) -> None:
    live = driven(data)
    service().set_play(live.id, False)


def ticker(app: Any, session_id: str) -> None:
    """Step a playing session at its speed until it is paused or nobody watches any more."""
    with app.app_context():
        sessions: SessionService = app.extensions["sessions"]
        live = sessions.get(session_id)
        try:
            while live.playing and live.clients > 0:
                socketio.sleep(1.0 / live.speed)
                if live.playing and live.clients > 0:
                    live = sessions.change(session_id, lambda timeline: timeline.step(1),
                                           durable=False)[0]
            if live.playing:
                sessions.set_play(session_id, False)  # its last client left
        except Exception:  # the session left the database meanwhile (a purge)
            log.warning("play ticker of %s stopped", session_id)
        finally:
            live.ticking = False


def on_socket_error(err: Exception) -> None:
    """Any other failure in a handler: one log line, an ``error`` to the sender only."""
    log.warning("socket message refused: %s: %s", type(err).__name__, str(err)[:200])
    emit("error", {"code": "invalid_message", "message": _("The message was refused.")},
         to=request.sid)


class OneLine(logging.Filter):
    """A malformed packet or a failing handler costs one log line, not a 20-line traceback
    (engineio logs its handlers' exceptions with ``logger.exception``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {type(error).__name__}: {str(error)[:200]}"
            record.args, record.exc_info, record.exc_text = None, None, None
        return True


for _name in ("engineio.server", "socketio.server"):
    if not any(isinstance(f, OneLine) for f in logging.getLogger(_name).filters):
        logging.getLogger(_name).addFilter(OneLine())


def init_live(app: Any) -> None:
    """Bind the socket layer to the app and make the session service broadcast through it."""
    socketio.init_app(app, async_mode=app.config["SOCKETIO_ASYNC_MODE"],
                      message_queue=app.config.get("MESSAGE_QUEUE"),
                      max_http_buffer_size=MAX_BODY_BYTES, ping_timeout=20, ping_interval=25)
    socketio.on_error_default(on_socket_error)
    sessions: SessionService = app.extensions["sessions"]
    sessions.broadcast = lambda session_id, payload: socketio.emit(
        "state", payload, to=room(session_id))
    sessions.notify = lambda session_id, refusal: socketio.emit(
        "refused", {"session": session_id, "event": refusal}, to=room(session_id))
    budget.give_way = lambda: socketio.sleep(0)
    socketio.start_background_task(flusher, sessions)
    atexit.register(sessions.flush)


FLUSH_EVERY = 0.2  # seconds between two writes of the socket's cursor moves


def flusher(sessions: SessionService) -> None:
    """Write the cursor moves of the socket's steps a moment later, off the request path."""
    while not sessions.closed:
        socketio.sleep(FLUSH_EVERY)
        try:
            sessions.flush()
        except Exception:  # the database is away (a restart): the next round tries again
            log.warning("could not write the cursor moves yet")
