"""Headers every response carries: a strict Content-Security-Policy (no inline script), and the
request-size limit that answers 413 before a large body is read."""

from __future__ import annotations

from typing import Any

from flask import Flask, request

from webapp.web.errors import MAX_BODY_BYTES, ApiError

# Plotly and SVG need inline *styles*; scripts stay strictly same-origin.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; "
       "base-uri 'self'; frame-ancestors {ancestors}")


def init_security(app: Flask) -> None:
    @app.before_request
    def _limit_body() -> None:
        declared = request.environ.get("CONTENT_LENGTH") or ""
        if len(declared) > 7 or (declared.isdigit() and int(declared) > MAX_BODY_BYTES):
            raise ApiError(413, "body_too_large",
                           f"The request body is over {MAX_BODY_BYTES} bytes.")

    headers = {"Content-Security-Policy": CSP.format(ancestors=app.config["FRAME_ANCESTORS"]),
               "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}

    @app.after_request
    def _headers(response: Any) -> Any:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
