"""Errors: JSON for the API, HTML pages for people; never a stack trace, never a bare 500.

Under ``/api/`` (and ``/healthz``) every failure is ``{"error": {"code", "message"}}`` with its
status. Everywhere else a failure is ``templates/pages/error.html``: the status, a sentence in
the page's language, what was wrong when known, and a link back to the home page.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from webapp.i18n import current_language
from webapp.model.narration.problems import problem

#: Largest JSON body the API accepts, in bytes (documented in docs/api.md).
MAX_BODY_BYTES = 256 * 1024


class ApiError(Exception):
    """An error the API reports to its caller as JSON with an HTTP status."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
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
    if request.mimetype != "application/json":  # a cross-site form or text/plain post
        raise ApiError(415, "unsupported_media_type",
                       "Send the body as JSON, with Content-Type: application/json.")
    try:
        body = current_app.json.loads(data)  # the bytes read above, parsed once
    except ValueError as exc:  # orjson.JSONDecodeError is a ValueError
        raise ApiError(400, "malformed_json", "The request body is not valid JSON.") from exc
    if not isinstance(body, dict):
        raise ApiError(422, "invalid_body", "The request body must be a JSON object.")
    return body


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def status_sentence(status: int) -> str:
    """What an error status means, in the reader's language (the error page's sentence)."""
    sentences: dict[int, str] = {
        400: _("The request is malformed."),
        403: _("You are not allowed to do this."),
        404: _("There is nothing at this address."),
        405: _("This address does not accept this kind of request."),
        413: _("The request is too large."),
        415: _("The request's content type is not accepted here."),
        422: _("The request was refused: a value is invalid."),
        429: _("Too many requests: wait a moment, then try again."),
        500: _("Something went wrong on the server. The error has been logged."),
    }
    return sentences.get(status) or str(_("The request could not be completed."))


def _detail(err: ApiError) -> str:
    """What was wrong, in the reader's language when the API's sentence is English only."""
    known: dict[str, str] = {"unknown_scenario": _("There is no scenario with this id."),
                             "unknown_session": _("There is no session with this id."),
                             "body_too_large": _("The request body is over %(limit)s bytes.",
                                                 limit=MAX_BODY_BYTES)}
    if err.code == "invalid_document":  # a document's problem, as the model says it
        return str(_("The document cannot be loaded: %(problem)s",
                     problem=problem(err.message, current_language())))
    return known.get(err.code, err.message)


def _described(description: str) -> str:
    """A description given on purpose to ``abort``, in the reader's language when known."""
    known: dict[str, str] = {"This edit link is not valid any more.":
                             _("This edit link is not valid any more.")}
    return known.get(description, description)


def html_error(status: int, detail: str | None = None) -> Response:
    """The HTML error page: the status, its sentence, ``detail``, a link to the home page."""
    try:
        body = render_template("pages/error.html", status=status,
                               sentence=status_sentence(status), detail=detail)
    except Exception:  # the page itself failed: still answer, still no stack trace
        current_app.logger.exception("the error page could not be drawn")
        body = f"<!doctype html><title>{status}</title><h1>{status}</h1>"
    return current_app.response_class(body, status=status, mimetype="text/html")


def _http_response(err: HTTPException, status: int) -> Response:
    if _wants_json():
        code = (err.name or "error").lower().replace(" ", "_")
        response = jsonify({"error": {"code": code, "message": err.description}})
        response.status_code = status
    else:  # a description given on purpose (not Werkzeug's English default) is the detail
        given = err.description if err.description != type(err).description else None
        response = html_error(status, _described(given) if given else None)
    for key, value in err.get_headers(request.environ):  # e.g. Allow on a 405
        if key.lower() != "content-type":
            response.headers[key] = value
    return response


def register_error_handlers(app: Flask) -> None:
    """Make API errors JSON and every other error an HTML page."""

    @app.errorhandler(ApiError)
    def _api_error(err: ApiError) -> Any:
        if not _wants_json():
            return html_error(err.status, _detail(err)), err.status, err.headers
        return jsonify(err.to_dict()), err.status, err.headers

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException) -> Any:
        if err.code is None or err.code < 400:
            return err
        return _http_response(err, err.code)

    @app.errorhandler(Exception)
    def _unexpected(err: Exception) -> Any:
        app.logger.exception("unexpected %s on %s %s", type(err).__name__, request.method,
                             request.path)
        if not _wants_json():
            return html_error(500)
        body = {"error": {"code": "internal", "message": "Unexpected server error."}}
        return jsonify(body), 500
