"""The glossary (issue 11): every term of the course in English and in French, one French term
per concept — the page ``GET /glossary`` and its JSON twin ``GET /api/v1/glossary``
(docs/api.md). The terms are data: webapp/model/narration/glossary.yaml."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import Blueprint, jsonify, render_template
from werkzeug.wrappers import Response

import webapp.model.labs  # noqa: F401  (every lab's narration, to count the sentences)
from webapp.glossary import public, terms, uses
from webapp.model.narration import TEMPLATES

bp = Blueprint("glossary", __name__)


@cache
def entries() -> tuple[dict[str, Any], ...]:
    """Each term with the narration sentences (keys) that name its concept in English."""
    return tuple({**public(term), "sentences": sentences(term)} for term in terms())


def sentences(term: dict[str, Any]) -> list[str]:
    return sorted(key for key, texts in TEMPLATES.items() if uses(term, texts["en"], "en"))


@bp.get("/glossary")
def page() -> str:
    return render_template("pages/glossary.html", terms=entries())


@bp.get("/api/v1/glossary")
def api() -> Response:
    return jsonify({"terms": list(entries()), "count": len(entries())})
