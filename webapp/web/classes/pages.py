"""The pages of a live class: join, the teacher's console, the student's page, the projector.

The console, the student's page and the projector all draw the class session with its lab's
own page (one picture, one timeline), plus the class panel of their role.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.web import access
from webapp.web.api import service
from webapp.web.classes.api import (
    STUDENT_COOKIE,
    classes,
    join_class,
    links,
    remember_student,
    student_tokens,
)
from webapp.web.classes.service import normal_code
from webapp.web.errors import ApiError
from webapp.web.labs import page_for
from webapp.web.pages import _context

bp = Blueprint("class_pages", __name__)


@bp.get("/join")
def join() -> Any:
    return render_template("pages/class_join.html", code=request.args.get("code", "")[:8],
                           name="", error=None)


@bp.post("/join")
def join_form() -> Any:
    code = normal_code(request.form.get("code", ""))
    name = request.form.get("name", "")
    try:
        _student, token, _name = join_class(code, name)
    except ApiError as error:
        message = {"unknown_class": _("There is no class with this code: check it with your "
                                      "teacher."),
                   "invalid_name": _("A name is 1 to 32 letters, digits, spaces or -_.' and "
                                     "starts with a letter or a digit.")}.get(error.code)
        if message is None:
            raise
        page = render_template("pages/class_join.html", code=code, name=name[:32],
                               error=message)
        return page, error.status
    response = redirect(url_for("class_pages.student", code=code), code=303)
    return remember_student(response, code, token)


@bp.get("/c/<code>")
def console(code: str) -> Any:
    code = normal_code(code)
    if not classes().is_presenter(code, access.presented_tokens(classes().session_of(code))):
        return redirect(url_for("class_pages.student", code=code), code=303)
    return _class_page(code, "presenter", None)


@bp.get("/c/<code>/student")
def student(code: str) -> Any:
    code = normal_code(code)
    classes().session_of(code)
    if not request.cookies.get(STUDENT_COOKIE + code):
        return redirect(url_for("class_pages.join", code=code), code=303)
    try:
        me = classes().student(code, student_tokens(code))
    except ApiError:
        return redirect(url_for("class_pages.join", code=code), code=303)
    return _class_page(code, "student", {"id": me.id, "name": me.name})


@bp.get("/c/<code>/projector")
def projector(code: str) -> Any:
    return _class_page(normal_code(code), "projector", None)


def _class_page(code: str, role: str, student: dict[str, Any] | None) -> str:
    live = service().get(classes().session_of(code))
    page = page_for(live.timeline.scenario.lab)
    context = _context(live, page)
    context.update(mode="driver" if role == "presenter" else "follower",
                   projector=role == "projector",
                   classroom={"code": code, "role": role, "student": student, **links(code)})
    return render_template(page.template, **context)
