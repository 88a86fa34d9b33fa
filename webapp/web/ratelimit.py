"""Per-client rate limits (the ``limits`` library): session creation and driving.

A classroom sits behind one NAT address, so a client is first its browser — the ``hl_client``
cookie every response sets — with a much higher ceiling per address for all its browsers
together. An API client without the cookie is counted by address only. Over a limit: ``429``
``rate_limited`` with ``Retry-After``, and nothing done. Counters live in memory (one process);
``RATE_LIMIT_STORAGE`` may name shared storage (``redis://…``) for several processes, and
``RATE_LIMITS=off`` turns the limits off (benchmarks).
"""

from __future__ import annotations

import math
import secrets
import time
from typing import Any

from flask import Flask, current_app, g, request
from flask_babel import gettext as _
from limits import RateLimitItem, parse_many, storage, strategies

from webapp.web.errors import ApiError

CLIENT_COOKIE = "hl_client"
#: per browser, then per address (all the browsers of a classroom behind one NAT together)
LIMITS = {
    "create": ("30/minute;300/hour", "600/minute"),
    "drive": ("40/second", "400/second"),
    "join": ("10/minute", "300/minute"),
}


class RateLimits:
    def __init__(self, storage_uri: str, enabled: bool) -> None:
        self.enabled = enabled
        self.limiter = strategies.MovingWindowRateLimiter(storage.storage_from_string(storage_uri))
        self.items = {kind: (parse_many(per_client), parse_many(per_address))
                      for kind, (per_client, per_address) in LIMITS.items()}

    def hit(self, kind: str, client: str | None, address: str) -> None:
        """Count one ``kind`` request, or raise the 429 that refuses it."""
        if not self.enabled:
            return
        per_client, per_address = self.items[kind]
        keys = [(item, "client", client) for item in per_client] if client else []
        keys += [(item, "address", address) for item in per_address]
        for item, scope, who in keys:  # a refused hit is not counted
            if not self.limiter.hit(item, kind, scope, who):
                raise _refusal(self.limiter, item, kind, scope, who)


def _refusal(limiter: Any, item: RateLimitItem, *keys: str) -> ApiError:
    reset = limiter.get_window_stats(item, *keys).reset_time
    wait = max(1, math.ceil(reset - time.time()))
    return ApiError(429, "rate_limited", _("Too many requests: try again in %(wait)s s.",
                                           wait=wait),
                    headers={"Retry-After": str(wait)}, retry_after=wait)


def client_id() -> str:
    """The browser's id: its cookie, or one made now (set in this response's cookie)."""
    value = request.cookies.get(CLIENT_COOKIE, "")
    if 16 <= len(value) <= 64 and value.isascii() and value.isalnum():
        return value
    if "new_client" not in g:
        g.new_client = secrets.token_hex(16)
    return str(g.new_client)


def hit(kind: str, client: str | None = None, address: str | None = None) -> None:
    """Count one ``kind`` request of this browser and address (or refuse it with a 429)."""
    limits: RateLimits = current_app.extensions["rate_limits"]
    limits.hit(kind, client if client is not None else client_id(),
               address if address is not None else (request.remote_addr or "?"))


def init_rate_limits(app: Flask) -> None:
    app.extensions["rate_limits"] = RateLimits(app.config["RATE_LIMIT_STORAGE"],
                                               app.config["RATE_LIMITS"] != "off")

    @app.after_request
    def _client_cookie(response: Any) -> Any:
        made = g.get("new_client")  # an id was needed (and made) for this request
        if made:
            response.set_cookie(CLIENT_COOKIE, made, max_age=365 * 86400, httponly=True,
                                samesite="Lax", secure=request.is_secure)
        return response
