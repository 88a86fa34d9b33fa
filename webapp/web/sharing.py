"""Sharing a session: forks (a private copy from any step) and edit links (owner only).

``POST /api/v1/sessions/<id>/fork`` is open to whoever can read the session; the new session
belongs to the caller. The owner hands out an edit link — ``/s/<id>/edit?key=…`` sets the
editor's cookie, then redirects to a URL without the key — and may revoke every edit link.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, redirect, request, url_for

from webapp.web import access, ratelimit
from webapp.web.api import created, service
from webapp.web.errors import json_body
from webapp.web.parse import json_int

bp = Blueprint("sharing", __name__)


@bp.post("/api/v1/sessions/<session_id>/fork")
def fork(session_id: str) -> Any:
    body = json_body()
    live = service().get(session_id)
    step = json_int(body, "step", live.timeline.cursor, 0, live.timeline.length)
    ratelimit.hit("create")
    copy, token = service().fork(session_id, step)
    return created(copy, token)


@bp.post("/api/v1/sessions/<session_id>/edit-link")
def edit_link(session_id: str) -> Any:
    live = service().owner(session_id, access.presented_tokens(session_id))
    key = service().add_editor(live)
    url = url_for("sharing.edit", session_id=session_id, key=key, _external=True)
    return jsonify({"url": url}), 201


@bp.delete("/api/v1/sessions/<session_id>/edit-link")
def revoke_edit_links(session_id: str) -> Any:
    live = service().owner(session_id, access.presented_tokens(session_id))
    service().revoke_editors(live)
    return "", 204


@bp.get("/s/<session_id>/edit")
def edit(session_id: str) -> Any:
    """An edit link: keep its key in the browser's cookie, then open the session without it."""
    key = request.args.get("key", "")
    live = service().get(session_id)
    if live.role([key]) is None:
        abort(403, description="This edit link is not valid any more.")
    response = redirect(url_for("pages.session", session_id=session_id), code=303)
    response.headers["Referrer-Policy"] = "no-referrer"
    return access.remember(response, session_id, key)
