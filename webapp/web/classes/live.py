"""Socket events of live classes: ``join_class`` / ``leave_class``; ``class``, ``dashboard``
and ``presenter_replaced`` to the clients (docs/api-classes.md).

Rooms: ``class:<code>`` (everyone in the class: the public state), ``class:<code>:presenter``
(the dashboard), and the session's own room (the state, as for any follower). A late joiner or
a reconnecting student gets the state at the presenter's cursor at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, current_app, request
from flask_babel import gettext as _
from flask_socketio import emit, join_room, leave_room

from webapp.web import access
from webapp.web import live as session_live
from webapp.web.classes.api import student_tokens
from webapp.web.classes.service import ClassService, Member, normal_code
from webapp.web.errors import ApiError

socketio = session_live.socketio
ROLES = ("presenter", "student", "projector")


def classes() -> ClassService:
    return current_app.extensions["classes"]  # type: ignore[no-any-return]


def class_guarded(handler: Callable[[dict[str, Any]], None]) -> Callable[..., None]:
    """Like the session handlers' guard, for messages that name a class ``code``."""

    @wraps(handler)
    def run(*args: Any) -> None:
        data = args[0] if len(args) == 1 else None
        try:
            if not isinstance(data, dict) or not isinstance(data.get("code"), str):
                raise ApiError(400, "invalid_message",
                               "The message needs one object with a class code.")
            handler({**data, "code": normal_code(data["code"])})
        except ApiError as err:
            session_live._error(err)

    return run


def member_of(code: str, data: dict[str, Any]) -> Member:
    """Who the sender is in the class, from its token (the role asked must match)."""
    asked = data.get("role")
    if asked is not None and asked not in ROLES:
        raise ApiError(422, "invalid_argument", f"role must be one of {', '.join(ROLES)}.")
    session_id = classes().session_of(code)
    if asked in (None, "presenter") and classes().is_presenter(
            code, access.presented_tokens(session_id, data)):
        return Member("presenter")
    if asked in (None, "student"):
        try:
            return Member("student", classes().student(code, student_tokens(code, data)).id)
        except ApiError:
            if asked == "student":
                raise
    if asked == "presenter":
        raise ApiError(403, "forbidden", _("Only the class's presenter can present it."))
    return Member("projector")


@socketio.on("join_class")
@class_guarded
def on_join_class(data: dict[str, Any]) -> None:
    code = data["code"]
    member = member_of(code, data)
    join_room(f"class:{code}")
    if member.role == "presenter":
        join_room(f"class:{code}:presenter")
    replaced = classes().enter(code, request.sid, member)
    if replaced is not None:
        emit("presenter_replaced", {"code": code}, to=replaced)
    session_live.follow(session_live.service().get(classes().session_of(code)))
    classes().changed(code)


@socketio.on("leave_class")
@class_guarded
def on_leave_class(data: dict[str, Any]) -> None:
    code = data["code"]
    leave_room(f"class:{code}")
    leave_room(f"class:{code}:presenter")
    gone(request.sid)


def gone(sid: str) -> None:
    for code in classes().leave(sid):
        classes().changed(code)


def refuse_replaced_presenter(session_id: str, sid: str) -> None:
    if classes().replaced(session_id, sid):
        raise ApiError(409, "presenter_replaced", _("Another tab presents this class now: take "
                                                    "over from this tab to drive it again."))


session_live.drive_guards.append(refuse_replaced_presenter)
session_live.disconnect_hooks.append(gone)


def init_class_live(app: Flask) -> None:
    service: ClassService = app.extensions["classes"]
    service.emit = lambda event, payload, to: socketio.emit(event, payload, to=to)

    def later(delay: float, then: Callable[[], None]) -> None:
        def run() -> None:
            socketio.sleep(delay)
            with app.app_context():
                then()

        socketio.start_background_task(run)

    service.later = later
