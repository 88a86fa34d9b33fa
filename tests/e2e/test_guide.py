"""A learner follows a scenario's path to its goal with only the chapter's button and ▶|; the
narration keeps its history across ←, a reload and a refusal (Playwright, Debian Chromium)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import watch_console
from tests.e2e.labpages import LAPTOP, start_lab, step_now

WAIT_MS = 4_000  # how long a press may take to show its effect


def open_guide(page: Page, scenario: str) -> None:
    """A session of ``scenario`` on a 1280×720 laptop, its guide on screen."""
    page.set_viewport_size(LAPTOP)
    start_lab(page, scenario)
    expect(page.locator("#guide")).to_be_visible()


def press(page: Page, button: Locator) -> None:
    """Click and wait until the step moves (a press that finds nothing to do moves nothing:
    then the page says so in its status line)."""
    before = step_now(page)
    button.click()
    for _ in range(WAIT_MS // 50):
        if step_now(page) != before:
            return
        page.wait_for_timeout(50)
    expect(page.locator("#status")).to_be_visible()


def in_reach(page: Page, locator: Locator) -> None:
    """Within the first screen at 1280×720, without scrolling."""
    box = locator.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 720, box


def test_a_learner_follows_the_path_to_the_goal_with_the_chapter_button_and_next_event(
        page: Page, console_errors: list[str]) -> None:
    open_guide(page, "lifecycle-basics")
    action, next_event = page.locator("#guide-action"), page.locator("[data-control='next']")
    in_reach(page, action)
    in_reach(page, next_event)
    expect(page.locator("#guide-number")).to_have_text("Chapter 1 of 6")
    seen_done = False
    for _ in range(40):
        if page.locator("#guide-finished").is_visible():
            break
        number = page.locator("#guide-number").inner_text()
        if action.is_visible():
            press(page, action)
        for _ in range(8):
            if page.locator("#guide-number").inner_text() != number or \
                    page.locator("#guide-finished").is_visible():
                break
            press(page, next_event)
        seen_done = seen_done or page.locator("#guide-done").is_visible()
    expect(page.locator("#guide-finished")).to_contain_text("you reached the scenario's goal")
    assert seen_done, "the page never said a chapter was done"
    expect(page.locator("#guide-chapters li.done")).to_have_count(6)
    # the markers of the timeline are titled in words, never with event ids
    titles = [mark.get_attribute("title") or "" for mark in page.locator("#markers .marker").all()]
    assert titles and not any(re.search(r"\b[a-z]+\.[a-z_]+\b", t.split(":", 1)[1])
                              for t in titles), titles
    assert console_errors == []


def test_the_narration_keeps_its_history_after_back_a_reload_and_a_refusal(
        page: Page, console_errors: list[str]) -> None:
    open_guide(page, "lifecycle-crash")
    next_event = page.locator("[data-control='next']")
    for _ in range(3):  # kept crashes (4), its shutdown completes (5), on_crash=preserve (6)
        press(page, next_event)
    expect(page.locator("#step-now")).to_have_text("6")
    narration = page.locator("#narration")
    expect(narration).to_contain_text("preserve")
    expect(narration).to_contain_text("panic")
    page.locator("#narration-title").click()  # the focus off the buttons, as a person would
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#step-now")).to_have_text("5")
    expect(narration).to_contain_text("panic")  # step 4 is still listed
    expect(narration).not_to_contain_text("preserve")  # step 6 is after the cursor
    expect(page.locator("#narration .event.current").first).to_have_attribute("data-step", "5")
    # a refusal the model explains is narrated at the step it was tried, and changes nothing
    page.evaluate("window.hypervisorLab.send('action', {action: 'pause', target: 'Domain-0'})")
    expect(page.locator("#narration .event.refused")).to_contain_text("Refused")
    expect(page.locator("#step-now")).to_have_text("5")
    page.reload()
    expect(page.locator("#step-now")).to_have_text("5")
    expect(narration).to_contain_text("panic")
    expect(page.locator("#narration .event.refused")).to_have_count(1)
    expect(page.locator("#narration .event.current").first).to_have_attribute("data-step", "5")
    assert "step 5 of" in page.locator(".stepinfo").inner_text()
    assert console_errors == []


def test_seeking_past_the_recorded_history_says_so(page: Page,
                                                   console_errors: list[str]) -> None:
    open_guide(page, "lifecycle-crash")
    press(page, page.locator("[data-control='next']"))
    page.locator("#jump-step").fill("999")
    page.locator("#jump button[type=submit]").click()
    expect(page.locator("#status")).to_contain_text("past the recorded history")
    expect(page.locator("#step-now")).to_have_text("4")
    assert console_errors == []


def test_a_viewer_reads_the_history_up_to_the_step_it_views(page: Page,
                                                            console_errors: list[str]) -> None:
    open_guide(page, "lifecycle-crash")
    for _ in range(3):
        press(page, page.locator("[data-control='next']"))
    expect(page.locator("#step-now")).to_have_text("6")
    other = page.context.browser.new_page()  # another "machine": a private cursor
    other_errors = watch_console(other)
    other.goto(page.url + "?step=4&lang=en")
    expect(other.locator("#lab")).to_have_attribute("data-mode", "viewer")
    narration = other.locator("#narration")
    expect(narration).to_contain_text("panic")
    expect(narration).not_to_contain_text("preserve")
    expect(other.locator("#guide-action")).to_be_hidden()  # chapter 1 only asks to watch
    other.locator("[data-control='next']").click()  # the next marker of the recorded history
    expect(other.locator("#step-now")).to_have_text("5")
    other.locator("[data-control='next']").click()
    expect(other.locator("#step-now")).to_have_text("6")
    expect(narration).to_contain_text("preserve")
    expect(narration).to_contain_text("panic")
    expect(page.locator("#step-now")).to_have_text("6")  # the owner did not move
    other.close()
    assert console_errors == [] and other_errors == []
