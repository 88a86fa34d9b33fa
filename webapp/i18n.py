"""Languages: English and French, chosen by ``?lang=``, then a cookie, then the browser."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import Babel

from webapp.model.narration.vocabulary import RUNSTATES, STATES

LANGUAGES = ("en", "fr")
COOKIE = "lang"


def current_language() -> str:
    """The language of this request."""
    asked = request.args.get("lang") or request.cookies.get(COOKIE)
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES) or "en"


def init_i18n(app: Flask) -> None:
    """Flask-Babel with our locale selector; remember an explicit ``?lang=`` in a cookie."""
    Babel(app, locale_selector=current_language)

    @app.after_request
    def _remember(response):  # type: ignore[no-untyped-def]
        asked = request.args.get("lang")
        if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
            response.set_cookie(COOKIE, asked, max_age=365 * 86400, samesite="Lax")
        return response

    @app.context_processor
    def _language():  # type: ignore[no-untyped-def]
        return {"lang": current_language(), "languages": LANGUAGES}

    @app.template_filter("state_label")
    def _state_label(word: str) -> str:
        """A domain or vCPU state word in the reader's language (the model's vocabulary)."""
        names = STATES.get(word) or RUNSTATES.get(word)
        return names[current_language()] if names else word
