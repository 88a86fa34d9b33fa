"""Memory exercises: the question's document is a valid /api/v1/translate body, the answer is
what translate computes on it, and the hints point at the learner's mistake."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model import exercises
from webapp.model.exercises.memory_grade import outcome, pseudo_addresses
from webapp.model.paging import translate

KINDS = ("memory.translate_native", "memory.translate_pv", "memory.translate_ept")


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), level=st.integers(1, 3))
def test_the_truth_is_what_the_page_walker_computes_on_the_document(kind: str, seed: int,
                                                                    level: int) -> None:
    problem = exercises.generate(kind, seed, level)
    document = problem.question["document"]
    walked = translate(document)["result"]
    assert problem.truth == outcome(walked)
    assert document["va"].startswith("0x") and document["access"] in ("read", "write", "exec")
    assert ("ept" in document) == (kind == "memory.translate_ept")


def outcomes(kind: str, level: int, seeds: int = 60) -> set[str]:
    found = set()
    for seed in range(seeds):
        truth = exercises.generate(kind, seed, level).truth
        found.add("pa" if "pa" in truth else f"{truth['fault']['kind']}:{truth['fault']['reason']}")
    return found


def test_levels_change_the_difficulty() -> None:
    assert outcomes("memory.translate_native", 1) == {"pa"}
    assert "page_fault:not_present" in outcomes("memory.translate_native", 2)
    hard = outcomes("memory.translate_native", 3)
    assert {"page_fault:protection", "page_fault:reserved_bit",
            "general_protection:non_canonical"} <= hard
    assert outcomes("memory.translate_ept", 1) == {"pa"}
    assert "ept_violation:not_present" in outcomes("memory.translate_ept", 2)
    assert "ept_misconfig:misconfig" in outcomes("memory.translate_ept", 3)


def test_level_two_has_large_pages() -> None:
    sizes = {translate(exercises.generate("memory.translate_native", seed, 2)
                       .question["document"])["result"].get("page_size") for seed in range(60)}
    assert {4096, 2 << 20} <= sizes


def first_with(kind: str, level: int, want: str) -> exercises.Problem:
    for seed in range(200):
        problem = exercises.generate(kind, seed, level)
        if (want == "pa") == ("pa" in problem.truth):
            return problem
    raise AssertionError(f"no {want} in {kind}")


def test_a_fault_answered_to_a_translation_says_it_translates() -> None:
    problem = first_with("memory.translate_native", 1, "pa")
    verdict = exercises.grade(problem, {"fault": {"level": "pt", "reason": "not_present"}})
    assert "translates" in verdict.feedback["en"]


def test_the_right_page_with_a_wrong_offset_is_named() -> None:
    problem = first_with("memory.translate_native", 1, "pa")
    pa = int(problem.truth["pa"], 16)
    verdict = exercises.grade(problem, {"pa": hex(pa ^ 0x8)})
    assert "offset" in verdict.feedback["en"] and problem.truth["pa"] not in str(verdict)


def test_the_address_split_comes_at_the_second_attempt() -> None:
    problem = first_with("memory.translate_native", 1, "pa")
    wrong = {"pa": "0x1000"}
    assert "PML4 " not in exercises.grade(problem, wrong, 1).feedback["en"]
    assert "PML4 " in exercises.grade(problem, wrong, 2).feedback["en"]


def test_the_guest_physical_address_under_ept_is_recognised() -> None:
    problem = first_with("memory.translate_ept", 1, "pa")
    gpa = problem.facts["result"]["result"]["gpa"]
    assert "guest-physical" in exercises.grade(problem, {"pa": gpa}).feedback["en"]


def test_going_through_the_p2m_in_pv_is_recognised() -> None:
    problem = first_with("memory.translate_pv", 1, "pa")
    pseudo = sorted(pseudo_addresses(problem))[0]
    assert "pseudo-physical" in exercises.grade(problem, {"pa": hex(pseudo)}).feedback["en"]
    assert problem.question["p2m"] and all(set(row) == {"pfn", "mfn"}
                                          for row in problem.question["p2m"])


def test_a_fault_needs_the_right_kind_under_ept() -> None:
    for seed in range(100):
        problem = exercises.generate("memory.translate_ept", seed, 2)
        fault = problem.truth.get("fault")
        if fault and fault["kind"] == "ept_violation":
            as_guest = {"fault": {"level": fault["level"], "reason": fault["reason"]}}
            verdict = exercises.grade(problem, as_guest)
            assert not verdict.correct and "VM exit" in verdict.feedback["en"]
            return
    raise AssertionError("no EPT violation drawn")


def test_the_worked_answer_is_the_lab_s_walk() -> None:
    problem = first_with("memory.translate_ept", 1, "pa")
    worked = exercises.worked(problem)
    view = worked["view"]
    assert view["type"] == "walk" and view["mode"] == "ept"
    reads = [item for item in view["items"] if item["kind"].startswith("mem.read")]
    assert len(reads) == 24  # (4 + 1)(4 + 1) − 1 references
    assert view["items"][-1]["kind"] == "mem.translated_2d"
    assert [f["name"] for f in view["fields"]][:2] == ["sign", "PML4"]
    assert worked["steps"][-1]["en"] == f"The answer: {problem.truth['pa']}."
