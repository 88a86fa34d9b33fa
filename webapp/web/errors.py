"""JSON errors for the API: every failure is ``{"error": {"code", "message"}}`` with its status."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

#: Largest JSON body the API accepts, in bytes (documented in docs/api.md).
MAX_BODY_BYTES = 256 * 1024


class ApiError(Exception):
    """An error the API reports to its caller as JSON with an HTTP status."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def to_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, **self.extra}}


def json_body() -> dict[str, Any]:
    """The request's JSON object, or an ApiError (400 malformed, 422 not an object)."""
    data = request.get_data(cache=True)  # at most MAX_CONTENT_LENGTH = MAX_BODY_BYTES + 1
    if not data:
        return {}
    if len(data) > MAX_BODY_BYTES:  # sent without Content-Length (chunked): seen only now
        raise ApiError(413, "body_too_large", f"The request body is over {MAX_BODY_BYTES} bytes.")
    try:
        body = request.get_json(force=True, silent=False)
    except Exception as exc:  # werkzeug raises BadRequest with an HTML body
        raise ApiError(400, "malformed_json", "The request body is not valid JSON.") from exc
    if not isinstance(body, dict):
        raise ApiError(422, "invalid_body", "The request body must be a JSON object.")
    return body


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def register_error_handlers(app: Flask) -> None:
    """Make API errors JSON; keep HTML pages for HTML routes."""

    @app.errorhandler(ApiError)
    def _api_error(err: ApiError) -> Any:
        return jsonify(err.to_dict()), err.status

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException) -> Any:
        if not _wants_json():
            return err
        code = (err.name or "error").lower().replace(" ", "_")
        return jsonify({"error": {"code": code, "message": err.description}}), err.code

    @app.errorhandler(Exception)
    def _unexpected(err: Exception) -> Any:
        app.logger.exception("unexpected error")
        body = {"error": {"code": "internal", "message": "Unexpected server error."}}
        return jsonify(body), 500
