"""A person in a browser uses the lifecycle lab (Playwright driving Debian Chromium)."""

from __future__ import annotations

import io
import re

from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import watch_console
from tests.e2e.labpages import start_lab
from tests.e2e.picture_probes import OVERLAPS, SAMPLE, TEXTS

SCENARIO = "lifecycle-basics"


def xl_state(page: Page, name: str) -> str:
    return page.locator(f"tr[data-domain='{name}'] .xl-state").inner_text()


def test_a_learner_pauses_a_domain_and_steps_back(page: Page, console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    page.locator("button.select-domain[data-domain='web']").click()
    expect(page.locator("#selected-domain")).to_have_text("web")
    page.locator("button.action[data-action='pause']").click()
    # the socket pushes the change: the diagram highlights "paused", the table shows p
    expect(page.locator("#node-paused")).to_have_class(re.compile(r"\bcurrent\b"))
    expect(page.locator("tr[data-domain='web'] .xl-state")).to_have_text("--p---")
    expect(page.locator("#narration li").first).to_contain_text("XEN_DOMCTL_pausedomain")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#step-now")).to_have_text("0")
    expect(page.locator("tr[data-domain='web'] .xl-state")).not_to_have_text("--p---")
    expect(page.locator("#node-paused")).not_to_have_class(re.compile(r"\bcurrent\b"))
    assert console_errors == []


def test_a_shutdown_unfolds_step_by_step(page: Page, console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    page.locator("button.select-domain[data-domain='db']").click()
    expect(page.locator("#selected-domain")).to_have_text("db")
    page.locator("button.action[data-action='shutdown']").click()
    expect(page.locator("#narration li").first).to_contain_text("control/shutdown")
    expect(page.locator(".edge.taking")).to_have_count(1)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.locator("tr[data-domain='db'] .xl-state")).to_have_text("---s--")
    expect(page.locator("#node-shutdown")).to_have_class(re.compile(r"\bcurrent\b"))
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    expect(page.locator("tr[data-domain='db']")).to_have_count(0)
    assert page.locator("#markers .marker").count() >= 3
    assert console_errors == []


def test_a_refused_action_explains_itself_and_changes_nothing(page: Page,
                                                              console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    page.locator("button.select-domain[data-domain='web']").click()
    before = xl_state(page, "web")
    unpause = page.locator("button.action[data-action='unpause']")
    expect(unpause).to_have_attribute("aria-disabled", "true")
    unpause.click(force=True)  # aria-disabled: focusable and clickable, the server refuses
    expect(page.locator("#status")).to_contain_text("nothing to unpause")
    expect(page.locator("#status")).to_contain_text("Allowed now")
    expect(page.locator("#step-now")).to_have_text("0")
    assert xl_state(page, "web") == before
    assert console_errors == []


def test_a_second_tab_follows_live(page: Page, console_errors: list[str]) -> None:
    url = start_lab(page, SCENARIO)
    other = page.context.new_page()
    other_errors = watch_console(other)
    other.goto(url)
    expect(other.locator("#step-now")).to_have_text("0")
    page.locator("button[data-control='step']").click()
    page.locator("button[data-control='step']").click()
    expect(other.locator("#step-now")).to_have_text("2")
    other.keyboard.press("ArrowLeft")
    expect(page.locator("#step-now")).to_have_text("1")
    assert console_errors == [] and other_errors == []


def test_the_link_opens_the_same_step_in_french(page: Page, console_errors: list[str]) -> None:
    url = start_lab(page, SCENARIO)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-now")).to_have_text("3")
    other = page.context.browser.new_page()  # another "machine": a fresh context
    other.goto(url + "?step=2&lang=fr")
    expect(other.locator("#step-now")).to_have_text("2")
    expect(other.locator("h2#narration-title")).to_have_text("Ce qui s'est passé")
    expect(other.locator("#narration li").first).to_contain_text("ordonnanceur")
    other.close()
    assert console_errors == []


def test_play_and_shortcuts(page: Page, console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    page.select_option("#speed", "25")
    page.locator("#narration-title").click()  # move the focus off the select, as a person would
    page.keyboard.press(" ")
    expect(page.locator("#play")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#step-now")).not_to_have_text("0")
    page.keyboard.press(" ")
    expect(page.locator("#play")).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    assert console_errors == []


def test_the_page_is_not_blank(page: Page, console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    page.wait_for_timeout(300)
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    colours = shot.resize((200, 150)).getcolors(maxcolors=100_000) or []
    assert len(colours) > 20, "the screenshot looks blank"
    assert console_errors == []


# --- motion, French words, the projector (issue 12) -------------------------------------------

ENGLISH_TRIGGERS = {"create", "restore", "unpause", "destroy", "run", "preempt", "block",
                    "wake", "shutdown", "crash", "save", "release", "gone"}


def test_the_domain_token_travels_along_the_edge_it_takes(page: Page,
                                                          console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    page.locator("button.select-domain[data-domain='web']").click()
    expect(page.locator("#selected-domain")).to_have_text("web")
    page.locator("button.action[data-action='pause']").click()
    moved = page.evaluate(SAMPLE, ["#node-paused [data-select-domain='web'] .token-body",
                                   "#node-paused rect"])
    assert moved["running"] > 0, "nothing was animated"
    distinct = {(round(x), round(y)) for x, y in moved["samples"]}
    assert len(distinct) >= 3, f"the token did not move: {moved['samples'][:5]}"
    left, top, right, bottom = moved["target"]
    first, (x, y) = moved["samples"][0], moved["end"]
    assert not (left <= first[0] <= right and top <= first[1] <= bottom), "it started in paused"
    assert left <= x <= right and top <= y <= bottom, f"the token ended at {moved['end']}"
    assert console_errors == []


def test_under_reduced_motion_nothing_moves_but_the_state_changes(
        page: Page, console_errors: list[str]) -> None:
    page.emulate_media(reduced_motion="reduce")
    start_lab(page, SCENARIO)
    page.locator("button.select-domain[data-domain='web']").click()
    page.locator("button.action[data-action='pause']").click()
    expect(page.locator("#node-paused [data-select-domain='web']")).to_have_count(1)
    running = page.evaluate("""() => document.getAnimations().filter(
        (a) => !(a instanceof CSSAnimation || a instanceof CSSTransition)).length""")
    assert running == 0
    assert console_errors == []


def test_the_french_diagram_has_no_english_words(page: Page, console_errors: list[str]) -> None:
    url = start_lab(page, SCENARIO)
    page.goto(url + "?lang=fr")
    expect(page.locator("#memlegend")).to_contain_text("Mio")
    labels = page.locator("#lifecycle-diagram .edge-label").all_text_contents()
    words = {w for label in labels for w in label.replace("/", " ").replace("…", " ").split()}
    assert words and not words & ENGLISH_TRIGGERS, words & ENGLISH_TRIGGERS
    assert "MiB" not in page.locator("#host-strip").inner_text()
    assert "libre" in page.locator("#memlegend").inner_text()
    assert console_errors == []


def test_on_a_projector_every_word_is_large_and_none_overlaps(page: Page,
                                                             console_errors: list[str]) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    url = start_lab(page, SCENARIO)
    for lang in ("en", "fr"):
        page.goto(url + f"?view=projector&lang={lang}")
        expect(page.locator("#lifecycle-diagram .token")).not_to_have_count(0)
        texts = page.evaluate(TEXTS, ".picture")
        assert len(texts) > 40
        small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 20]
        faint = [(t["text"], round(t["contrast"], 1)) for t in texts if t["contrast"] < 4.5]
        assert small == [] and faint == [], (lang, small, faint)
        assert page.evaluate(OVERLAPS) == [], lang
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(url + "?lang=fr")
    assert page.evaluate(OVERLAPS) == []
    assert page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0
    assert console_errors == []
