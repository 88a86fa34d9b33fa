"""Problems from the seed: the answer is the lab's own walk, and stays secret until shown."""

from __future__ import annotations

import json

import pytest

from webapp.model.memlab.quiz import parse_answer
from webapp.model.snapshot import snapshot

from .support import kinds, lab, run, simulation


def problems(seed: int, count: int = 6, mode: str = "native") -> list[tuple[int, str, bool]]:
    sim = simulation(mode, seed=seed)
    found = []
    for _ in range(count):
        run(sim, "quiz_new")
        quiz = lab(sim).quiz
        assert quiz is not None
        found.append((quiz.va, quiz.access, quiz.user))
    return found


def test_the_same_seed_gives_the_same_problems_and_another_seed_others() -> None:
    assert problems(3) == problems(3)
    assert problems(3) != problems(4)


def test_the_answer_is_hidden_until_revealed_or_found() -> None:
    sim = simulation()
    run(sim, "quiz_new")
    shown = snapshot(sim)["memory"]["quiz"]
    assert "answer" not in shown and "worked" not in shown
    quiz = lab(sim).quiz
    assert quiz is not None
    secret = hex(quiz.answer_address) if quiz.answer_address is not None else None
    if secret:
        assert secret not in json.dumps(snapshot(sim)["memory"]["quiz"])
    assert kinds(run(sim, "quiz_reveal")) == ["mem.quiz_reveal"]
    revealed = snapshot(sim)["memory"]["quiz"]
    assert revealed["answer"]["kind"] == quiz.answer_kind
    assert revealed["worked"] and all(step["en"] and step["fr"] for step in revealed["worked"])


@pytest.mark.parametrize("mode", ["native", "pv", "shadow", "ept"])
def test_the_expected_answer_is_right_and_another_is_wrong(mode: str) -> None:
    sim = simulation(mode, seed=5)
    for _ in range(8):
        run(sim, "quiz_new")
        quiz = lab(sim).quiz
        assert quiz is not None
        answer = hex(quiz.answer_address) if quiz.answer_kind == "address" else {
            "page_fault": "#PF", "general_protection": "#GP", "ept_violation": "EPT",
            "mmio": "MMIO", "invalid": "invalid"}[quiz.answer_kind]
        wrong = "#GP" if answer != "#GP" else "0x1234"
        assert kinds(run(sim, "quiz_answer", answer=wrong)) == ["mem.quiz_wrong"]
        assert kinds(run(sim, "quiz_answer", answer=answer)) == ["mem.quiz_right"]
        assert lab(sim).quiz.solved  # type: ignore[union-attr]
        assert "answer" in snapshot(sim)["memory"]["quiz"]


def test_the_answer_matches_what_the_walk_gives_in_that_mode() -> None:
    sim = simulation("ept", seed=2)
    for _ in range(6):
        run(sim, "quiz_new")
        quiz = lab(sim).quiz
        assert quiz is not None
        events = run(sim, "access", va=hex(quiz.va), access=quiz.access, user=quiz.user)
        result = lab(sim).log[-1]
        if quiz.answer_kind == "address":
            assert result["address"] == hex(quiz.answer_address or 0)
        else:
            assert result["kind"] == quiz.answer_kind, [e.kind for e in events]
        run(sim, "write_cr3")


@pytest.mark.parametrize("text, parsed", [
    ("0x1F", ("address", 0x1F)), ("1f", ("address", 0x1F)), ("#PF", ("page_fault", None)),
    ("#pf 0x6", ("page_fault", None)), ("gp", ("general_protection", None)),
    ("EPT violation", ("ept_violation", None)), ("invalid", ("invalid", None)),
    ("banana", None), ("", None),
])
def test_answers_are_read_leniently(text: str, parsed: tuple[str, int | None] | None) -> None:
    assert parse_answer(text) == parsed
