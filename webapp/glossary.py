"""The project's glossary (webapp/model/narration/glossary.yaml, beside the narration it
governs): one French term per concept, with the rules the French catalog is checked against
(tests/model/test_french_terms.py). Read once, like the scenario catalog (the model stays
free of I/O)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

RULES = ("en_match", "fr_match", "fr_avoid", "en_avoid")


@cache
def terms() -> tuple[dict[str, Any], ...]:
    """Every term, in the file's order (read once)."""
    text = resources.files("webapp.model.narration").joinpath("glossary.yaml").read_text(
        encoding="utf-8")
    found = yaml.safe_load(text)["terms"]
    return tuple(dict(term) for term in found)


def public(term: dict[str, Any]) -> dict[str, Any]:
    """A term as the page and the API show it (its checking rules left out)."""
    return {key: value for key, value in term.items() if key not in RULES}


def uses(term: dict[str, Any], text: str, lang: str) -> bool:
    """Whether ``text`` (in ``lang``) names ``term``'s concept, by its rule or its words."""
    rule = term.get(f"{lang}_match")
    if rule:
        return re.search(str(rule), text, re.IGNORECASE if lang == "fr" else 0) is not None
    return str(term[lang]).lower() in text.lower()
