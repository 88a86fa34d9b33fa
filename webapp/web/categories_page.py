"""The categories lab's page (four columns in lockstep, charts, isolation, history notes, the
chooser) and its extra route, the chooser's JSON twin ``GET /api/v1/categories/choose``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request
from flask_babel import gettext as _

from webapp.model.categories.chooser import ANSWERS, QUESTIONS, choose
from webapp.model.categories.presets import PRESETS
from webapp.model.categories.state import LAB, CategoriesLab
from webapp.model.categories.view import section
from webapp.web.api import service
from webapp.web.categories_words import costs, translations
from webapp.web.errors import ApiError
from webapp.web.labs import LAB_NAMES, LabPage, register
from webapp.web.sessions import LiveSession

bp = Blueprint("categories", __name__)
SESSION_ID_MAX = 64


def context(live: LiveSession, state: dict[str, Any]) -> dict[str, Any]:
    lab = live.timeline.sim.world.labs.get(LAB)
    if not isinstance(lab, CategoriesLab):
        abort(404)  # this page draws categories-lab sessions only
    return {"categories": state.get("categories", {}), "presets": sorted(PRESETS),
            "questions": QUESTIONS, "cost_words": costs(),
            "lab_config": {"t": translations(), "questions": list(QUESTIONS)}}


def _answers() -> dict[str, str]:
    unknown = sorted(set(request.args) - set(QUESTIONS) - {"session", "lang"})
    if unknown:
        raise ApiError(422, "invalid_argument", _(
            "Unknown question %(name)s; the questions are %(known)s.", name=unknown[0],
            known=", ".join(QUESTIONS)))
    answers = {q: request.args.get(q, "unknown") for q in QUESTIONS}
    for question, answer in answers.items():
        if answer not in ANSWERS:
            raise ApiError(422, "invalid_argument", _(
                "%(name)s must be one of %(allowed)s.", name=question,
                allowed=", ".join(ANSWERS)))
    return answers


def _counters(session_id: str | None) -> dict[str, dict[str, int]] | None:
    if session_id is None:
        return None
    if not 0 < len(session_id) <= SESSION_ID_MAX:
        raise ApiError(422, "invalid_argument", _("session must be a session id."))
    live = service().get(session_id)
    with live.lock:
        shown = section(live.timeline.sim.world)
    if shown is None:
        raise ApiError(422, "invalid_argument", _("That session is not a categories session."))
    return {c["category"]: c["counters"] for c in shown["columns"]}


@bp.get("/api/v1/categories/choose")
def choose_route() -> Any:
    """The chooser's recommendation for the answers in the query string (and, with
    ``session``, the counters that session measured as evidence)."""
    return choose(_answers(), _counters(request.args.get("session")))


register(LabPage("categories", LAB_NAMES["categories"], "pages/lab_categories.html",
                 ("categories_actions",), context))
