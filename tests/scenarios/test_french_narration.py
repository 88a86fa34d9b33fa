"""Every French sentence the golden traces record reads as French once drawn: no English word,
no code name outside <code> (the rule of tests/french_rule.py, the same the French pages are
held to). The browser test visits a few steps of each scenario; this one reads every event of
every scripted run, so a sentence only a later step says is checked too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.french_rule import html_problems
from webapp.i18n import prose

HERE = Path(__file__).resolve().parent
GOLDENS = sorted(HERE.glob("*.golden.json"))


def run_names(trace: dict[str, Any]) -> set[str]:
    """The names a scripted run gives the domains it creates (``extra``): names, not words."""
    return {str(action["args"]["name"]).lower() for action in trace["actions"]
            if isinstance(action.get("args"), dict) and "name" in action["args"]}


def english_in(sentence: str, names: set[str]) -> list[str]:
    return [problem for problem in html_problems(str(prose(sentence)))
            if not any(f"“{name}”" in problem for name in names)]


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda path: path.name.split(".")[0])
def test_every_french_sentence_of_a_trace_is_french(golden: Path) -> None:
    trace = json.loads(golden.read_text(encoding="utf-8"))
    names = run_names(trace)
    found = {(event["kind"], problem) for event in trace["events"]
             for problem in english_in(event["narration"]["fr"], names)}
    assert sorted(found) == []
