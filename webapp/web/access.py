"""Who may drive a session: secret tokens, where a request carries them, and the check.

A session's owner gets a token of 192 random bits when it is created (``owner_token``); an
owner may hand out an edit link (role ``editor``) and revoke it. The database keeps only the
SHA-256 of a token; a presented token is hashed and compared in constant time with each grant.
A browser carries its token in an HttpOnly cookie per session (``hl_s_<id>``); an API client
sends ``X-Session-Token``; a socket message carries ``"token"`` (or the handshake's cookie).
Tokens are never logged and never put in a page or a message another person receives.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator
from typing import Any

from flask import request
from werkzeug.wrappers import Response

from webapp.store import Grant

HEADER = "X-Session-Token"
COOKIE_PREFIX = "hl_s_"
COOKIE_AGE = 180 * 86400
DRIVERS = ("owner", "editor")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def grant_for(token: str, role: str) -> Grant:
    return Grant(token_hash(token), role)


def role_of(grants: list[Grant], token: str | None) -> str | None:
    """The role a token gives over a session, or None (constant time per grant)."""
    if not isinstance(token, str) or not token or len(token) > 256:
        return None
    presented = token_hash(token)
    found = None
    for grant in grants:
        if hmac.compare_digest(presented, grant.token_hash):
            found = grant.role
    return found


def cookie_name(session_id: str) -> str:
    return COOKIE_PREFIX + session_id


def presented_tokens(session_id: str, message: dict[str, Any] | None = None
                     ) -> Iterator[str]:
    """The tokens a request (or a socket message) presents for ``session_id``."""
    return tokens(cookie_name(session_id), message)


def tokens(cookie: str, message: dict[str, Any] | None = None) -> Iterator[str]:
    """The message's own token first, then the header, then the browser's cookie ``cookie``:
    read lazily, so a check that the first one settles parses no header."""
    if message is not None and isinstance(message.get("token"), str):
        yield message["token"]
    header = request.headers.get(HEADER)
    if header:
        yield header
    value = request.cookies.get(cookie)
    if value:
        yield value


def remember(response: Response, session_id: str, token: str) -> Response:
    """Give the browser the token for ``session_id`` (HttpOnly, SameSite=Lax)."""
    response.set_cookie(cookie_name(session_id), token, max_age=COOKIE_AGE, httponly=True,
                        samesite="Lax", secure=request.is_secure, path="/")
    return response
