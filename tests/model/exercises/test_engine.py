"""The exercise engine: every kind generates the same problem from the same seed and level,
grades the answer the model computed as right, never shows that answer in its question, and
gives the worked answer in both languages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model import exercises
from webapp.model.exercises.engine import AnswerError, leaks, number

KINDS = [kind.id for kind in exercises.kinds()]
SEEDS = st.integers(0, 2**31 - 1)
SETTINGS = settings(max_examples=15, deadline=None)


def levels(kind: str) -> list[int]:
    return list(range(1, len(exercises.REGISTRY[kind].levels) + 1))


CASES = [(kind, level) for kind in KINDS for level in levels(kind)]


def test_every_lab_with_a_page_has_kinds() -> None:
    labs = {kind.lab for kind in exercises.kinds()}
    assert labs >= {"memory", "boot", "lifecycle", "devices"}
    assert len(exercises.kinds("memory")) == 3 and len(exercises.kinds("devices")) == 3
    for kind in exercises.kinds():
        assert set(kind.title) == {"en", "fr"} and kind.levels
        assert all(set(level) == {"en", "fr"} for level in kind.levels)


@pytest.mark.parametrize("kind, level", CASES)
def test_the_same_seed_and_level_give_the_same_problem(kind: str, level: int) -> None:
    first, again = exercises.generate(kind, 11, level), exercises.generate(kind, 11, level)
    assert first.question == again.question and first.truth == again.truth
    assert json.loads(json.dumps(first.question)) == first.question  # plain JSON


@pytest.mark.parametrize("kind, level", CASES)
def test_seeds_vary_the_problem(kind: str, level: int) -> None:
    questions = {json.dumps(exercises.generate(kind, seed, level).question, sort_keys=True)
                 for seed in range(6)}
    assert len(questions) > 1


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(seed=SEEDS, data=st.data())
def test_the_model_s_answer_is_graded_right_and_never_in_the_question(
        kind: str, seed: int, data: st.DataObject) -> None:
    level = data.draw(st.sampled_from(levels(kind)))
    problem = exercises.generate(kind, seed, level)
    assert exercises.grade(problem, problem.truth).correct
    assert not leaks(problem.question, exercises.REGISTRY[kind].secrets(problem))
    text = json.dumps(problem.question)
    assert '"truth"' not in text and '"answer"' not in text and '"facts"' not in text
    worked = exercises.worked(problem)
    assert worked["answer"] == problem.truth and worked["steps"]
    assert all(set(step) == {"en", "fr"} and step["fr"] for step in worked["steps"])


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_answer_gets_a_hint_not_the_answer(kind: str) -> None:
    for seed in range(4):
        problem = exercises.generate(kind, seed, levels(kind)[-1])
        for attempt in (1, 2):
            verdict = exercises.grade(problem, wrong_answer(problem), attempt)
            assert not verdict.correct
            assert verdict.feedback["en"].startswith("Not quite.")
            assert verdict.feedback["fr"].startswith("Pas tout à fait.")
            for text in verdict.feedback.values():
                assert not leaks({"t": text}, answer_words(problem.truth))


def wrong_answer(problem: exercises.Problem) -> Any:
    """An answer of the right form that the model does not compute."""
    form, truth = problem.question["form"], problem.truth
    if form["type"] == "translation":
        return {"fault": {"kind": "page_fault", "level": "pml4", "reason": "protection"}} \
            if "pa" in truth else {"pa": "0x1234"}
    if form["type"] == "number":
        return "0x1"
    if form["type"] == "order":
        return list(reversed(truth))
    if form["type"] == "state_flags":
        return {"state": "running", "flags": "r-----"} if truth["state"] != "running" \
            else {"state": "blocked", "flags": "-b----"}
    return next(c["value"] for c in form["choices"] if c["value"] != truth)


def answer_words(truth: Any) -> list[str]:
    if isinstance(truth, dict) and "pa" in truth:
        return [truth["pa"]]
    if isinstance(truth, int):
        return [str(truth), hex(truth)]
    if isinstance(truth, str) and truth.startswith("0x"):
        return [truth]
    return []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("answer", [None, 3.5, {"x": 1}, [], "", True])
def test_an_answer_of_the_wrong_form_is_refused_in_both_languages(kind: str,
                                                                   answer: Any) -> None:
    problem = exercises.generate(kind, 3, 1)
    if problem.question["form"]["type"] == "number" and answer is True:
        return
    with pytest.raises(AnswerError) as refused:
        exercises.grade(problem, answer)
    assert refused.value.texts["en"] and refused.value.texts["fr"]


def test_numbers_are_decimal_or_hex_and_nothing_else() -> None:
    name = {"en": "N", "fr": "N"}
    assert number("1234", name) == 1234 and number("0x4d2", name) == 1234
    assert number(1234, name) == 1234
    for bad in ("٣", "12 34", "-1", "0x", "1e3", True, 2**64):
        with pytest.raises(AnswerError):
            number(bad, name)


def test_a_level_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        exercises.generate("boot.rsi", 1, 4)
