"""Issue 11, French terminology: one term per concept. Every French sentence of the narration
and of the page's catalog (webapp/translations/fr_strings/*.json) uses the glossary's term for
each concept its English names, and never one of the phrases the glossary rules out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from webapp.glossary import terms
from webapp.model.narration import TEMPLATES
from webapp.model.narration.devices import PHASES
from webapp.model.narration.vocabulary import ACTIONS, REASONS, RUNSTATES, STATES

FR_STRINGS = Path(__file__).resolve().parents[2] / "webapp" / "translations" / "fr_strings"
RULED = [term for term in terms() if set(term) & {"fr_match", "fr_avoid", "en_avoid"}]


def catalog() -> list[tuple[str, str, str]]:
    """(where, English, French) for every sentence and word the reader can see in French."""
    pairs = [(key, texts["en"], texts["fr"]) for key, texts in TEMPLATES.items()]
    for name, words in (("states", STATES), ("actions", ACTIONS), ("reasons", REASONS),
                        ("runstates", RUNSTATES), ("phases", PHASES)):
        pairs += [(f"{name}.{key}", texts["en"], texts["fr"]) for key, texts in words.items()]
    for path in sorted(FR_STRINGS.glob("*.json")):
        strings = json.loads(path.read_text(encoding="utf-8"))
        pairs += [(f"{path.name}: {en[:40]}", en, fr) for en, fr in strings.items()]
    return pairs


CATALOG = catalog()


def test_the_glossary_has_every_term_of_the_shared_glossary_and_the_issues() -> None:
    ids = {term["id"] for term in terms()}
    assert len(ids) == len(terms()), "one id per term"
    for wanted in ("hypercall", "event-channel", "unbound-port", "unpause", "top-level-table",
                   "unmap", "shadow-copy", "timer", "pinning", "max-vcpus",
                   "contiguous-range", "kernel-panic", "control-domain-hardware-domain"):
        assert wanted in ids
    assert all(term["en"] and term["fr"] for term in terms())


@pytest.mark.parametrize("term", [t for t in RULED if "fr_match" in t], ids=lambda t: t["id"])
def test_french_uses_the_glossarys_term_for_the_concept(term: dict[str, str]) -> None:
    wrong = [where for where, en, fr in CATALOG if re.search(term["en_match"], en)
             and not re.search(term["fr_match"], fr, re.IGNORECASE)]
    assert wrong == [], f"say « {term['fr']} » in: {wrong}"


@pytest.mark.parametrize("term", [t for t in RULED if "fr_avoid" in t or "en_avoid" in t],
                         ids=lambda t: t["id"])
def test_no_sentence_uses_a_phrase_the_glossary_rules_out(term: dict[str, list[str]]) -> None:
    for avoid in term.get("fr_avoid", []):
        found = [where for where, _, fr in CATALOG if re.search(avoid, fr, re.IGNORECASE)]
        assert found == [], f"« {avoid} » (say « {term['fr']} ») in: {found}"
    for avoid in term.get("en_avoid", []):
        found = [where for where, en, _ in CATALOG if re.search(avoid, en)]
        assert found == [], f"“{avoid}” in: {found}"
