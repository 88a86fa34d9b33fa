"""A learner does an exercise in each lab (a wrong answer, the hint, a right answer, the worked
answer), predicts the next step once, and does one exercise in French. The right answer is the
model's, computed here from the problem the page received (its kind, seed and level)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.labpages import start_lab
from webapp.model import exercises


def start(page: Page, scenario: str, lang: str = "en") -> None:
    start_lab(page, scenario, lang=lang)
    expect(page.locator("#exercises-panel")).to_be_visible()


def new_problem(page: Page, kind: str, level: int) -> exercises.Problem:
    """Pick the kind and level, press "New problem"; the model's problem the page got."""
    page.locator("#ex-kind").select_option(kind)
    page.locator("#ex-level").select_option(str(level))
    with page.expect_response(lambda r: r.url.endswith("/instances")
                              and r.request.method == "POST") as made:
        page.locator("#ex-new").click()
    question: dict[str, Any] = made.value.json()["question"]
    expect(page.locator("#ex-question")).not_to_be_empty()
    expect(page.locator("#ex-reveal")).to_be_disabled()
    return exercises.generate(kind, question["seed"], question["level"])


def check(page: Page) -> None:
    page.locator("#ex-check").click()


def wrong_then_hint(page: Page, hint: str) -> None:
    check(page)
    expect(page.locator("#ex-feedback")).to_have_class(re.compile(r"\bwrong\b"))
    expect(page.locator("#ex-feedback")).to_contain_text(hint)
    expect(page.locator("#ex-reveal")).to_be_enabled()


def right_then_worked(page: Page, answer_line: str) -> None:
    check(page)
    expect(page.locator("#ex-feedback")).to_have_class(re.compile(r"\bright\b"))
    page.locator("#ex-reveal").click()
    expect(page.locator("#ex-worked")).to_be_visible()
    expect(page.locator("#ex-worked .ex-answer-line")).to_contain_text(answer_line)
    assert page.locator("#ex-worked-steps li").count() >= 2


def test_memory_translate_an_address(page: Page, console_errors: list[str]) -> None:
    start(page, "memory-native-tlb")
    problem = new_problem(page, "memory.translate_native", 1)
    expect(page.locator("#ex-data .ex-table").first).to_be_visible()
    pa = problem.truth["pa"]
    page.locator("#ex-answer input[name=pa]").fill(hex(int(pa, 16) ^ 0x10))
    wrong_then_hint(page, "offset")
    page.locator("#ex-answer input[name=pa]").fill(pa)
    right_then_worked(page, pa)
    expect(page.locator("#ex-worked .ex-walk tbody tr")).to_have_count(
        len(exercises.worked(problem)["view"]["items"]))
    expect(page.locator("#ex-worked .ex-walk .lvl").first).to_have_text("PML4")
    assert page.locator("#step-now").inner_text() == "0"  # the session did not move
    assert console_errors == []


def test_memory_pv_experiments_ask_for_a_guess_before_the_outcome(
        page: Page, console_errors: list[str]) -> None:
    start(page, "memory-pv-mmu")
    first = page.locator("#suggestions li").first
    expect(first).to_be_visible()
    expect(page.locator("#suggestions")).not_to_contain_text("✓")
    assert page.locator("#suggestions .expect").count() == 0
    first.locator("button[data-guess=refused]").click()
    expect(first.locator(".expect")).to_contain_text(re.compile(r"Xen (refuses|accepts)"))
    assert console_errors == []


def test_boot_which_mfn_holds_a_pfn(page: Page, console_errors: list[str]) -> None:
    start(page, "boot-fragmented-host")
    problem = new_problem(page, "boot.p2m_lookup", 2)
    expect(page.locator("#ex-data")).to_contain_text("P2M runs")
    page.locator("#ex-answer input[name=number]").fill(str(problem.facts["pfn"]))
    wrong_then_hint(page, "PFN itself")
    page.locator("#ex-answer input[name=number]").fill(hex(problem.truth))
    right_then_worked(page, str(problem.truth))
    expect(page.locator("#ex-worked tr.hot")).to_have_count(1)
    assert console_errors == []


def test_lifecycle_state_and_flags_after_an_action(page: Page, console_errors: list[str]) -> None:
    start(page, "lifecycle-basics")
    problem = new_problem(page, "lifecycle.after_action", 1)
    truth = problem.truth
    wrong_state = "crashed" if truth["state"] != "crashed" else "paused"
    page.locator("#ex-answer select[name=state]").select_option(wrong_state)
    page.locator("#ex-answer input[name=flags]").fill("---sc-")
    wrong_then_hint(page, "Not quite.")
    page.locator("#ex-answer select[name=state]").select_option(truth["state"])
    page.locator("#ex-answer input[name=flags]").fill(truth["flags"])
    right_then_worked(page, truth["state"])
    expect(page.locator("#ex-worked tr.hot")).to_contain_text(truth["flags"] or "—")
    assert console_errors == []


def order_as(page: Page, wanted: list[str]) -> None:
    """Move the steps with their ↑ buttons until they read ``wanted``."""
    for index, value in enumerate(wanted):
        item = page.locator(f"#ex-answer .ex-order li[data-value='{value}']")
        while page.locator("#ex-answer .ex-order li").nth(index).get_attribute(
                "data-value") != value:
            item.locator("button[data-move='-1']").click()


def test_devices_order_the_steps_of_a_disk_read(page: Page, console_errors: list[str]) -> None:
    start(page, "devices-block-read")
    problem = new_problem(page, "devices.read_order", 1)
    wrong_then_hint(page, "in the right place")
    order_as(page, problem.truth)
    right_then_worked(page, "1.")
    assert page.locator("#ex-worked tbody tr").count() == 4
    assert console_errors == []


def test_predict_the_next_step(page: Page, console_errors: list[str]) -> None:
    start(page, "devices-block-read")
    page.locator("#predict-toggle").check()
    page.locator("button[data-control=step]").click()
    expect(page.locator("#predict-box")).to_be_visible()
    expect(page.locator("#predict-question")).to_have_text("What happens at the very next step?")
    expect(page.locator("#step-now")).to_have_text("0")  # nothing happens before the guess
    page.locator(".predict-choice").first.click()
    expect(page.locator("#step-now")).to_have_text("1")
    expect(page.locator("#predict-result")).to_have_class(re.compile(r"\b(right|wrong)\b"))
    happened = page.locator(".predict-choice.right").inner_text()
    expect(page.locator("#narration")).to_contain_text(happened[:60])
    assert console_errors == []


def test_an_exercise_in_french(page: Page, console_errors: list[str]) -> None:
    start(page, "devices-block-read", lang="fr")
    expect(page.locator("#exercises-title")).to_have_text("Exercices")
    problem = new_problem(page, "devices.push_notify", 2)
    truth = problem.truth
    page.locator(f"#ex-answer input[value={'no' if truth == 'yes' else 'yes'}]").check()
    wrong_then_hint(page, "Pas tout à fait")
    expect(page.locator("#ex-feedback")).to_contain_text("req_event")
    page.locator(f"#ex-answer input[value={truth}]").check()
    right_then_worked(page, "Oui" if truth == "yes" else "Pas de notification")
    expect(page.locator("#ex-worked-steps")).to_contain_text("mod 2^32")
    assert console_errors == []
