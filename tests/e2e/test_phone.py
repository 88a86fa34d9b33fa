"""A student's phone (issue 15): every lab, the join page, the class follower page, a poll and an
exercise at 390×844 with touch, in English and French (static/css/phone.css, static/js/touch.js).

Every page must keep the document within the viewport, draw no panel over another, show no word
under 14 CSS px and give every main control a 44×44 target. ``HL_SCREENSHOTS=1`` also writes
``docs/screenshots/phone/<page>-<lang>.png``.
"""

# ruff: noqa: E501  (JavaScript, kept readable on long lines)

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import watch_console
from tests.e2e.labpages import LABS, join_class, open_session, settle, step_now, text_sizes
from tests.e2e.server import ServerProcess
from webapp import catalog
from webapp.model import exercises

PHONE = {"width": 390, "height": 844}
TOUCH = {"viewport": PHONE, "has_touch": True, "is_mobile": True, "device_scale_factor": 3}
MIN_TEXT, MIN_TAP = 14, 44
STEPS_IN = 3
LANGS = ("en", "fr")
#: every scenario in French (its words are the longest), and each lab's first one in English
CASES = ([(scenario, "fr") for scenario in sorted(catalog.scenarios())]
         + [(scenario, "en") for scenario in sorted(LABS.values())])
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "phone"

DESCRIBE = """function describe(el) {
  const parts = [];
  for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
    const classes = typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "";
    parts.unshift(e.localName + (e.id ? "#" + e.id : "") + classes);
  }
  return parts.join(" > ");
}"""


def in_page(body: str) -> str:
    """A page function that can call ``describe(element)``."""
    return f"(args) => {{ {DESCRIBE}\n return ({body})(args); }}"


#: the main controls a thumb must hit (links inside running text are not targets)
TARGETS = (".timeline .controls > button, .phone-more, #scrubber, .phone-fold, .topbar :is(a, button),"
           " .class-panel :is(button, a[href], input, select), .actions-bar :is(button, select, input),"
           " .guide :is(button, summary), .exercises :is(button, select, input), .join-form :is(button, input)")

#: pairs of visible boxes, side by side in the flow, that cross each other
OVERLAPS = in_page("""
() => {
  const parents = document.querySelectorAll("main, .lab, .lab > .stage, .lab > .side, .picture, .picture > *, .picture > * > *");
  const solid = (e) => e.checkVisibility() && !e.closest("[aria-hidden='true'], dialog")
    && !["absolute", "fixed"].includes(getComputedStyle(e).position) && !["SCRIPT", "TEMPLATE"].includes(e.tagName);
  const cross = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const found = [];
  for (const parent of parents) {
    const kids = [...parent.children].filter(solid).map((e) => [e, e.getBoundingClientRect()]).filter(([, r]) => r.width > 1 && r.height > 1);
    kids.forEach(([a, ra], i) => kids.slice(i + 1).forEach(([b, rb]) => { if (cross(ra, rb)) found.push(`${describe(a)} / ${describe(b)}`); }));
  }
  return found;
}""")

#: the main controls smaller than a fingertip (a checkbox counts with its label)
SMALL_TARGETS = in_page("""
([selector, min]) => [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility() && !e.closest(".markers"))
  .map((e) => { const t = e.matches("[type=checkbox], [type=radio]") ? (e.closest("label") || e) : e;
                const r = t.getBoundingClientRect(); return { where: describe(e), w: Math.round(r.width), h: Math.round(r.height) }; })
  .filter((t) => t.w < min - 0.5 || t.h < min - 0.5)""")


@pytest.fixture
def phone(browser: Browser, live_server: ServerProcess) -> Iterator[tuple[Page, list[str]]]:
    """A touch phone's page at 390×844, and its console errors."""
    context = browser.new_context(base_url=live_server.url, **TOUCH)
    page = context.new_page()
    errors = watch_console(page)
    yield page, errors
    context.close()


def unfold_all(page: Page) -> None:
    """Open every folded panel (touch.js folds secondary panels on a phone)."""
    folded = page.locator(".phone-fold[aria-expanded='false']")
    for left in range(folded.count(), 0, -1):
        folded.first.tap()
        expect(folded).to_have_count(left - 1)
    settle(page)


def tap_next(page: Page) -> None:
    before = step_now(page)
    page.locator(".timeline [data-control='next']").tap()
    page.wait_for_function(
        "before => Number(document.getElementById('step-now').textContent) !== before"
        " || !document.getElementById('status').hidden", arg=before)
    settle(page)


def problems(page: Page) -> dict[str, Any]:
    """What a phone user would trip on in the page as it is drawn now."""
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    small = [t for t in text_sizes(page) if t["size"] < MIN_TEXT - 0.05]
    return {"wider than the screen": [] if width[0] <= width[1] else [width],
            "panels drawn over each other": page.evaluate(OVERLAPS, None),
            "text under 14 px": small[:12],
            "targets under 44×44": page.evaluate(SMALL_TARGETS, [TARGETS, MIN_TAP])[:12]}


def assert_fits(page: Page, errors: list[str] | None = None) -> None:
    found = {name: items for name, items in problems(page).items() if items}
    assert not found, f"{page.url}: {found}"
    assert not errors, errors


@pytest.mark.parametrize(("scenario", "lang"), CASES)
def test_every_scenario_fits_a_phone(phone: tuple[Page, list[str]], scenario: str, lang: str) -> None:
    page, errors = phone
    open_session(page, scenario, lang=lang)
    expect(page.locator(".timeline [data-control='next']")).to_be_in_viewport()
    unfold_all(page)
    assert_fits(page, errors)
    for _ in range(STEPS_IN):
        tap_next(page)
    assert_fits(page, errors)


def test_the_picture_leads_and_the_step_bar_stays_at_hand(phone: tuple[Page, list[str]]) -> None:
    page, errors = phone
    open_session(page, "lifecycle-basics")
    order = page.evaluate("['.picture', '.narration', '.guide', '#domain-table'].map("
                          "(s) => document.querySelector(s).getBoundingClientRect().top)")
    assert order == sorted(order), order
    panel = page.locator("#domain-table")
    expect(panel).to_have_class(re.compile(r"\bphone-folded\b"))
    expect(panel.locator("table").first).to_be_hidden()
    panel.locator(".phone-fold").tap()
    expect(panel.locator("table").first).to_be_visible()
    page.mouse.wheel(0, 3000)
    bar = page.locator(".timeline .controls")
    expect(bar).to_be_in_viewport()
    assert page.evaluate("document.querySelector('.timeline').getBoundingClientRect().bottom") <= 844
    more = page.locator(".phone-more")
    expect(page.locator("#speed")).to_be_hidden()
    more.tap()
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#speed")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not errors


def test_a_readable_picture_scrolls_in_its_own_frame(phone: tuple[Page, list[str]]) -> None:
    page, _ = phone
    open_session(page, "lifecycle-basics", lang="fr")
    frame = page.locator("svg.phone-svg").first.locator("xpath=..")
    sizes = frame.evaluate("f => [f.scrollWidth, f.clientWidth, getComputedStyle(f).overflowX]")
    assert sizes[0] > sizes[1] and sizes[2] == "auto", sizes
    current = page.locator("#lifecycle-diagram .node.current").first
    expect(current).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_hover_tip_shows_on_tap_and_on_keyboard_focus(phone: tuple[Page, list[str]]) -> None:
    page, errors = phone
    open_session(page, "devices-block-read")
    page.evaluate("document.querySelector('.picture').scrollIntoView()")
    owner = page.locator(".picture [title]").first
    expect(owner).to_be_visible()
    owner.tap()
    tip = page.locator("#touch-tip")
    expect(tip).to_be_visible()
    expect(tip).to_have_attribute("role", "tooltip")
    expect(tip).to_have_text(owner.get_attribute("title") or "")
    expect(owner).to_have_attribute("aria-describedby", re.compile(r"\btouch-tip\b"))
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    share = page.locator("#share")
    share.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(tip).to_have_text(share.get_attribute("title") or "")
    assert not errors


@pytest.mark.parametrize("lang", LANGS)
def test_the_join_page_fits_a_phone(phone: tuple[Page, list[str]], lang: str) -> None:
    page, errors = phone
    page.goto(f"/join?lang={lang}")
    assert_fits(page, errors)
    page.locator("#join-code").fill("zzzzzz")
    page.locator("#join-name").fill("Ada")
    page.locator("button.join-submit").tap()
    expect(page.locator("#join-error")).to_be_visible()
    assert_fits(page)


def start_class(browser: Browser, server: ServerProcess) -> tuple[Any, str, str]:
    """A teacher on a laptop: a class on a lifecycle session; (context, session id, code)."""
    teacher = browser.new_context(base_url=server.url)
    session = teacher.request.post("/api/v1/sessions", data={"scenario": "lifecycle-basics", "seed": 5}).json()
    made = teacher.request.post("/api/v1/classes", data={"session": session["id"]}).json()
    return teacher, session["id"], made["code"]


def answer_an_exercise(page: Page) -> None:
    """Open the exercises, take a problem and answer it right, by touch only."""
    panel = page.locator("#exercises-panel")
    panel.locator(".phone-fold").tap()
    page.locator("#ex-kind").select_option("lifecycle.after_action")
    with page.expect_response(lambda r: r.url.endswith("/instances")) as made:
        page.locator("#ex-new").tap()
    question = made.value.json()["question"]
    truth = exercises.generate("lifecycle.after_action", question["seed"], question["level"]).truth
    page.locator("#ex-answer select[name=state]").select_option(truth["state"])
    page.locator("#ex-answer input[name=flags]").fill(truth["flags"])
    assert_fits(page)
    assert panel.evaluate("p => p.scrollWidth <= p.clientWidth"), "the exercise scrolls sideways"
    page.locator("#ex-check").tap()
    expect(page.locator("#ex-feedback")).to_have_class(re.compile(r"\bright\b"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_student_follows_answers_explores_and_exercises_on_a_phone(
        browser: Browser, live_server: ServerProcess, phone: tuple[Page, list[str]], lang: str) -> None:
    page, errors = phone
    teacher, session, code = start_class(browser, live_server)
    join_class(page, code, "Ada", lang=lang, tap=True)
    assert_fits(page, errors)
    assert teacher.request.post(f"/api/v1/sessions/{session}/step", data={"count": 2}).ok
    expect(page.locator("#step-now")).to_have_text("2")
    poll = teacher.request.post(f"/api/v1/classes/{code}/polls", data={"question": {
        "text": "Which ring index does the frontend advance?",
        "choices": ["rsp_prod", "req_prod", "req_event"], "answer": 1}, "seconds": 300})
    assert poll.ok, poll.text()
    choice = page.locator("#poll-choices button").nth(1)
    expect(choice).to_be_in_viewport()
    choice.tap()
    expect(choice).to_have_attribute("aria-pressed", "true")
    assert_fits(page, errors)
    page.locator("#class-detach").tap()
    page.wait_for_url(re.compile(r"/s/[\w-]+\?lang="))
    expect(page.locator("#lab")).to_have_attribute("data-mode", "driver")
    answer_an_exercise(page)
    assert not errors
    teacher.close()


def save_png(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(page.screenshot()))
    image.convert("RGB").save(SHOTS / name, optimize=True)


@pytest.mark.skipif(os.environ.get("HL_SCREENSHOTS") != "1", reason="opt-in: HL_SCREENSHOTS=1")
@pytest.mark.parametrize("lang", LANGS)
def test_phone_screenshots(browser: Browser, live_server: ServerProcess,
                           phone: tuple[Page, list[str]], lang: str) -> None:
    page, _ = phone
    for lab in ("lifecycle-basics", "devices-block-read", "memory-ostep", "boot-fragmented-host"):
        open_session(page, lab, lang=lang)
        tap_next(page)
        save_png(page, f"{lab.split('-')[0]}-{lang}.png")
    page.goto(f"/join?lang={lang}")
    save_png(page, f"join-{lang}.png")
    teacher, _session, code = start_class(browser, live_server)
    join_class(page, code, "Ada", lang=lang, tap=True)
    teacher.request.post(f"/api/v1/classes/{code}/polls", data={"question": {
        "text": "rsp_prod / req_prod?", "choices": ["rsp_prod", "req_prod"], "answer": 1}})
    expect(page.locator("#poll-choices button")).to_have_count(2)
    save_png(page, f"poll-{lang}.png")
    teacher.close()
