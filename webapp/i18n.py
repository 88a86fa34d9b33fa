"""Languages: English and French, chosen by ``?lang=``, then a cookie, then the browser.

Also the ``prose`` filter: a sentence of the model or the catalog drawn as HTML, its code names
inside ``<code>`` (issue 12: a code name stays English, and shows as code).
"""

from __future__ import annotations

import re

from flask import Flask, request
from flask_babel import Babel
from markupsafe import Markup, escape

from webapp.model.narration.vocabulary import ACTIONS, RUNSTATES, STATES

LANGUAGES = ("en", "fr")
COOKIE = "lang"

#: a code name in a sentence: a `backticked` span, or a bare name — a file's path
#: (``xen/common/sched/core.c``), a dotted name (``start_info.mod_start``), snake_case or
#: SNAKE_CASE (with ``=value``), CamelCase with an inner capital (``XenbusStateConnected``),
#: a call (``schedule()``) or an absolute path (``/local/domain/1``).
#: static/js/prose.js holds the same pattern (tests/web/test_i18n.py).
CODE_PATTERN = (
    r"`([^`\n]+)`"
    r"|(?<![\w./`-])("
    r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+\.[a-z]{1,3}"
    r"|[a-z][a-z0-9_]+(?:\.[a-z_][a-z0-9_]*)+(?:\(\))?"
    r"|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?:\(\)|=[A-Za-z0-9_-]+)?"
    r"|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z]{2,}[A-Z][A-Za-z0-9]*"
    r"|[A-Za-z_][A-Za-z0-9_]*\(\)"
    r"|/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+"
    r")(?![\w/])")
CODE = re.compile(CODE_PATTERN)
#: words a CamelCase pattern would take but a sentence says as words (a vCPU, a pCPU)
WORDS = re.compile(r"[vp]CPUs?\d*|dom[UN]s?")


def prose(text: object) -> Markup:
    """``text`` as safe HTML: its code names inside ``<code>``, everything else escaped."""
    text = text.unescape() if isinstance(text, Markup) else str(text)  # a translated template
    parts, last = [], 0
    for found in CODE.finditer(text):
        name = found.group(1) or found.group(2)
        if found.group(2) and WORDS.fullmatch(name):
            continue
        parts += [escape(text[last:found.start()]), Markup("<code>%s</code>") % name]
        last = found.end()
    return Markup("").join([*parts, escape(text[last:])])


def current_language() -> str:
    """The language of this request."""
    asked = request.args.get("lang") or request.cookies.get(COOKIE)
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES) or "en"


def init_i18n(app: Flask) -> None:
    """Flask-Babel with our locale selector; remember an explicit ``?lang=`` in a cookie."""
    Babel(app, locale_selector=current_language)
    app.add_template_filter(prose, "prose")

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

    @app.template_filter("action_label")
    def _action_label(word: str) -> str:
        """An action word (``boot``, ``save``: a domain busy with it) in the reader's language."""
        names = ACTIONS.get(word)
        return names[current_language()] if names else word
