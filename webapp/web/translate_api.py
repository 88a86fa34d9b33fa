"""The memory lab's stateless JSON API: one page walk per request, no session, no TLB.

``POST /api/v1/translate`` walks the tables given in the body (see
``webapp.model.paging.document``); ``POST /api/v1/import/ostep`` turns the text printed
by the OSTEP paging simulators into such a document. An invalid document is a 422
``invalid_document`` whose message says what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Blueprint, jsonify

from webapp.model.paging import PagingDocumentError, import_ostep, translate
from webapp.web.errors import ApiError, json_body

bp = Blueprint("translate_api", __name__)


def _answer(handler: Callable[[Mapping[str, object]], dict[str, object]]) -> Any:
    try:
        return jsonify(handler(json_body()))
    except PagingDocumentError as error:
        raise ApiError(422, "invalid_document", str(error)) from error


@bp.post("/api/v1/translate")
def translate_access() -> Any:
    """Evaluate one access on the page tables of the body and return the whole walk."""
    return _answer(translate)


@bp.post("/api/v1/import/ostep")
def import_ostep_text() -> Any:
    """Parse ``{"text": ...}`` printed by an OSTEP paging simulator into a document."""
    return _answer(import_ostep)
