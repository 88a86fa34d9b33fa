"""Narration catalog: every sentence the model says, in English and French.

Templates are ``str.format`` strings keyed by event kind or error key. Values named ``state``,
``action``, ``reason`` (or ending in ``_state``) and lists named ``allowed`` are translated
through the vocabularies below before formatting, so the data stays language-neutral; a
``problem`` (what was wrong with an argument) through :mod:`.problems`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from webapp.model.narration.lifecycle import TEMPLATES as LIFECYCLE
from webapp.model.narration.lifecycle import WHEN_ZERO
from webapp.model.narration.problems import problem
from webapp.model.narration.vocabulary import ACTIONS, REASONS, STATES

LANGUAGES = ("en", "fr")

TEMPLATES: dict[str, dict[str, str]] = {**LIFECYCLE}


def register(templates: Mapping[str, dict[str, str]]) -> None:
    """Add a lab's templates to the catalog (each must have every language)."""
    for key, texts in templates.items():
        missing = [lang for lang in LANGUAGES if lang not in texts]
        if missing:
            raise ValueError(f"narration {key!r} lacks {missing}")
        TEMPLATES[key] = texts


def _word(vocabulary: Mapping[str, Mapping[str, str]], value: Any, lang: str) -> str:
    names = vocabulary.get(str(value))
    return names[lang] if names else str(value)


def _localized(key: str, value: Any, lang: str) -> Any:
    if key == "state" or key.endswith("_state"):
        return _word(STATES, value, lang)
    if key == "action" or key.endswith("_action"):
        return _word(ACTIONS, value, lang)
    if key == "reason":
        return _word(REASONS, value, lang)
    if key == "problem" and isinstance(value, str):
        return problem(value, lang)
    if key == "allowed":
        words = [_word(ACTIONS, item, lang) for item in value]
        return ", ".join(words) if words else {"en": "none", "fr": "aucune"}[lang]
    if isinstance(value, dict) and "key" in value:
        return render(value["key"], value.get("data", {}), lang)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return value


def render(key: str, data: Mapping[str, Any], lang: str = "en") -> str:
    """The sentence for ``key`` filled with ``data``, in ``lang`` (English if unknown)."""
    field, zero = WHEN_ZERO.get(key, ("", ""))
    if field and data.get(field) == 0:
        key = zero  # "no frame is left", not "the remaining 0 frames"
    texts = TEMPLATES.get(key)
    if texts is None:
        return key
    template = texts.get(lang, texts["en"])
    values = {name: _localized(name, value, lang) for name, value in data.items()}
    return template.format(**values)
