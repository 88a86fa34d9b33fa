"""The JSON routes of live classes (docs/api-classes.md)."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import segno
from flask import Blueprint, current_app, jsonify, make_response, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webapp.i18n import current_language
from webapp.model.questions import KINDS
from webapp.web import access, ratelimit
from webapp.web.api import created, service
from webapp.web.classes.service import ClassService, normal_code
from webapp.web.classes.store import Student
from webapp.web.errors import ApiError, json_body

bp = Blueprint("classes", __name__, url_prefix="/api/v1/classes")
NAME_CHARS = re.compile(r"[\w '.-]+")
STUDENT_COOKIE = "hl_c_"


def classes() -> ClassService:
    return current_app.extensions["classes"]  # type: ignore[no-any-return]


def student_tokens(code: str, message: dict[str, Any] | None = None) -> list[str]:
    """The tokens a student's request presents: the message's, the header, the class cookie."""
    return list(access.tokens(STUDENT_COOKIE + code, message))


def presenter_tokens(code: str) -> list[str]:
    return list(access.presented_tokens(classes().session_of(code)))


def links(code: str) -> dict[str, str]:
    return {"join_url": url_for("class_pages.join", code=code, _external=True),
            "projector_url": url_for("class_pages.projector", code=code, _external=True),
            "console_url": url_for("class_pages.console", code=code, _external=True),
            "qr_url": url_for("classes.qr", code=code)}


@bp.post("")
def start() -> Any:
    body = json_body()
    if not isinstance(body.get("session"), str):
        raise ApiError(422, "invalid_argument", "session must be a session id (a string).")
    session_id = body["session"]
    code, made = classes().start(session_id, access.presented_tokens(session_id))
    return jsonify({"code": code, "session": session_id, **links(code)}), 201 if made else 200


@bp.get("/<code>")
def public(code: str) -> Any:
    return jsonify(classes().public(normal_code(code)))


@bp.get("/<code>/qr.svg")
def qr(code: str) -> Any:
    code = normal_code(code)
    classes().session_of(code)
    symbol = segno.make(url_for("class_pages.join", code=code, _external=True), error="m")
    out = io.BytesIO()  # a standalone SVG (with its xmlns), so an <img> draws it
    symbol.save(out, kind="svg", xmldecl=False, scale=8, border=2, dark="#111", light="#fff")
    return Response(out.getvalue(), mimetype="image/svg+xml",
                    headers={"Cache-Control": "max-age=3600"})


# -- students ----------------------------------------------------------------------------------


def valid_name(value: Any) -> str:
    """A display name: 1–32 letters, digits, spaces and -_.' starting with a letter or digit."""
    if not isinstance(value, str) or any(unicodedata.category(ch)[0] == "C" for ch in value):
        value = ""  # control characters (a newline, a NUL) are refused, not trimmed
    name = " ".join(unicodedata.normalize("NFC", value).split())
    if not (1 <= len(name) <= 32 and NAME_CHARS.fullmatch(name) and name[0].isalnum()
            and all(ch.isalpha() or ch in "0123456789 '.-_" for ch in name)):
        raise ApiError(422, "invalid_name", _("A name is 1 to 32 letters, digits, spaces or "
                                              "-_.' and starts with a letter or a digit."))
    return name


def join_class(code: str, name: Any) -> tuple[int, str, str]:
    """Join (rate-limited): the student id, token and clean name."""
    name = valid_name(name)
    ratelimit.hit("join")
    student, token = classes().join(code, name)
    return student, token, name


def remember_student(response: Response, code: str, token: str) -> Response:
    response.set_cookie(STUDENT_COOKIE + code, token, max_age=access.COOKIE_AGE, httponly=True,
                        samesite="Lax", secure=request.is_secure, path="/")
    return response


@bp.post("/<code>/students")
def add_student(code: str) -> Any:
    code = normal_code(code)
    student, token, name = join_class(code, json_body().get("name"))
    body = {"student": student, "student_token": token, "name": name,
            "session": classes().session_of(code)}
    return remember_student(make_response(jsonify(body), 201), code, token)


def me(code: str) -> Student:
    return classes().student(code, student_tokens(code))


@bp.get("/<code>/students/me")
def student_view(code: str) -> Any:
    code = normal_code(code)
    student = me(code)
    poll = classes().store.last_poll(code)
    answer = classes().store.answers(poll.id).get(student.id) if poll else None
    dashboard = {"student": student.id, "name": student.name, "hand": student.hand,
                 "following": student.following, "fork": student.fork, "answer": answer}
    return jsonify(dashboard)


@bp.post("/<code>/students/me/hand")
def hand(code: str) -> Any:
    code = normal_code(code)
    raised = json_body().get("raised")
    if not isinstance(raised, bool):
        raise ApiError(422, "invalid_argument", "raised must be true or false.")
    classes().raise_hand(code, me(code), raised)
    return jsonify({"hand": raised})


@bp.post("/<code>/students/me/detach")
def detach(code: str) -> Any:
    code = normal_code(code)
    student = me(code)
    ratelimit.hit("create")
    fork, token = classes().detach(code, student)
    return created(fork, token)


@bp.post("/<code>/students/me/follow")
def follow(code: str) -> Any:
    code = normal_code(code)
    classes().follow(code, me(code))
    session_id = classes().session_of(code)
    return jsonify({"session": session_id, "step": service().get(session_id).timeline.cursor})


# -- polls -------------------------------------------------------------------------------------


@bp.get("/<code>/polls/kinds")
def kinds(code: str) -> Any:
    code = normal_code(code)
    classes().presenter_only(code, presenter_tokens(code))
    lang = current_language()
    return jsonify([{"id": kind, "title": KINDS[kind][lang]} for kind in classes().kinds(code)])


@bp.post("/<code>/polls")
def open_poll(code: str) -> Any:
    code = normal_code(code)
    classes().presenter_only(code, presenter_tokens(code))
    body = json_body()
    seconds = countdown(body.get("seconds"))
    if "generate" in body:
        if body["generate"] not in KINDS:
            raise ApiError(422, "invalid_poll", f"generate must be one of {sorted(KINDS)}.")
        question = classes().generate(code, body["generate"])
    else:
        question = written(body.get("question"))
    poll = classes().open_poll(code, question, seconds)
    return jsonify(classes().presenter_poll(poll)), 201


def countdown(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 5 <= value <= 600:
        raise ApiError(422, "invalid_poll", _("The countdown must be 5 to 600 seconds."))
    return float(value)


def written(question: Any) -> dict[str, Any]:
    """A hand-written question, checked field by field."""
    if not isinstance(question, dict):
        raise ApiError(422, "invalid_poll", _("Write a question, or pick one the model asks."))
    text, choices, answer = question.get("text"), question.get("choices"), question.get("answer")
    if not isinstance(text, str) or not 1 <= len(text.strip()) <= 300:
        raise ApiError(422, "invalid_poll", _("The question is 1 to 300 characters."))
    if not isinstance(choices, list) or not 2 <= len(choices) <= 6 or not all(
            isinstance(c, str) and 1 <= len(c.strip()) <= 200 for c in choices):
        raise ApiError(422, "invalid_poll", _("Give 2 to 6 choices of 1 to 200 characters."))
    if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(choices):
        raise ApiError(422, "invalid_poll", _("Mark which choice is correct."))
    return {"kind": "written", "text": both(text), "choices": [both(c) for c in choices],
            "answer": answer, "show_steps": 0}


def both(words: str) -> dict[str, str]:
    """A hand-written text, the same in every language."""
    return {"en": words.strip(), "fr": words.strip()}


@bp.get("/<code>/polls/<int:poll_id>")
def get_poll(code: str, poll_id: int) -> Any:
    return jsonify(classes().public_poll(classes().poll(normal_code(code), poll_id)))


@bp.post("/<code>/polls/<int:poll_id>/answers")
def answer(code: str, poll_id: int) -> Any:
    code = normal_code(code)
    student = me(code)
    choice = classes().answer(code, poll_id, student, json_body().get("choice"))
    return jsonify({"choice": choice})


@bp.post("/<code>/polls/<int:poll_id>/close")
def close(code: str, poll_id: int) -> Any:
    code = normal_code(code)
    classes().presenter_only(code, presenter_tokens(code))
    return jsonify(classes().presenter_poll(classes().close(code, poll_id)))


@bp.post("/<code>/polls/<int:poll_id>/reveal")
def reveal(code: str, poll_id: int) -> Any:
    code = normal_code(code)
    session_id = classes().presenter_only(code, presenter_tokens(code))
    poll = classes().reveal(code, poll_id)
    show_why(session_id, poll.step, poll.show_steps)
    return jsonify(classes().presenter_poll(poll))


def show_why(session_id: str, step: int, steps: int) -> None:
    """After a generated question's reveal, step on to where the answer happens."""
    live = service().get(session_id)
    if steps and live.timeline.cursor == step:
        service().change(session_id, lambda timeline: timeline.step(min(steps, 2_000)))


@bp.get("/<code>/dashboard")
def dashboard(code: str) -> Any:
    code = normal_code(code)
    classes().presenter_only(code, presenter_tokens(code))
    return jsonify(classes().dashboard(code))
