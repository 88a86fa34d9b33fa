"""Every lab on a 1280×720 laptop and on a 1920×1080 projector (Playwright, Debian Chromium).

A laptop sees the picture, the current step's narration and the current chapter (or the
actions) at once, without scrolling; nothing is wider than the page; no table cuts its text.
A projector shows no visible text under 20 CSS px. The shared chrome (header, cursor bar,
timeline, narration, guide, actions bar, xl list) must pass; a lab's own picture is its view's
work, so a lab whose picture still fails is an expected failure that names its files.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import FloatRect, Locator, Page, expect

from tests.e2e.labpages import (
    LABS,
    PROJECTOR,
    clipped_table_text,
    open_lab,
    settle,
    text_sizes,
)

MIN_PROJECTOR_PX = 20
#: How much of the picture a laptop must show above the fold (CSS px), when it is that tall.
PICTURE_SHOWN = 300

#: Where a lab's own picture still breaks a rule, by lab (or by lab and language): the file
#: and element to fix, for the helper who owns that view (issue 12, "Motion"). Only these cases
#: are expected failures, strict ones (a fix shows as a pass: take the entry out); a new lab, or
#: a lab not listed, must pass.
TEXT_UNDER_20PX: dict[Any, str] = {}
CLIPPED_TABLES: dict[Any, str] = {}


def lab_cases(known: dict[Any, str], langs: tuple[str, ...] = ()) -> list[Any]:
    """Every lab (with each of ``langs``, if given) as a parameter; the ones in ``known`` (keyed
    by lab, or by (lab, lang)) as strict expected failures naming the file."""
    cases = [(lab, lang) for lab in sorted(LABS) for lang in langs] if langs else sorted(LABS)
    return [pytest.param(*case if langs else (case,),
                         marks=pytest.mark.xfail(strict=True, reason=known[case]))
            if case in known else case for case in cases]


def box(locator: Locator) -> FloatRect:
    found = locator.bounding_box()
    assert found is not None, f"{locator} has no box"
    return found


def fully_in_view(page: Page, locator: Locator) -> None:
    viewport = page.viewport_size
    assert viewport is not None
    where = box(locator)
    assert where["y"] >= 0 and where["y"] + where["height"] <= viewport["height"], \
        f"{locator}: {where} is not inside the first {viewport['height']} px"
    assert where["x"] >= 0 and where["x"] + where["width"] <= viewport["width"], where


# --- 1280×720 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("lab", sorted(LABS))
def test_a_laptop_sees_picture_narration_and_chapter_at_once(page: Page, lab: str,
                                                             lang: str) -> None:
    open_lab(page, lab, lang=lang)
    assert box(page.locator(".topbar"))["height"] < 60, "the header takes one line"
    assert page.evaluate("window.scrollY") == 0
    picture = box(page.locator(".picture"))
    shown = min(picture["y"] + picture["height"], 720) - max(picture["y"], 0)
    assert shown >= min(picture["height"], PICTURE_SHOWN), picture
    fully_in_view(page, page.locator("#narration-title"))
    current = page.locator("#narration > li").first
    if current.count():
        fully_in_view(page, current.locator(".event"))
    if page.locator("#guide-chapter").is_visible():
        fully_in_view(page, page.locator("#guide-chapter-title"))
        if page.locator("#guide-action").is_visible():
            fully_in_view(page, page.locator("#guide-action"))
    else:
        fully_in_view(page, page.locator("#actions-title"))
    fully_in_view(page, page.locator("[data-control='next']"))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("lab", sorted(LABS))
def test_a_laptop_page_is_never_wider_than_the_screen(page: Page, lab: str, lang: str) -> None:
    open_lab(page, lab, lang=lang)
    root = page.evaluate("[document.documentElement.scrollWidth,"
                         " document.documentElement.clientWidth]")
    assert root[0] <= root[1], f"the page scrolls sideways: {root}"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("lab", sorted(LABS))
def test_no_shared_table_cuts_its_text_on_a_laptop(page: Page, lab: str, lang: str) -> None:
    open_lab(page, lab, lang=lang)
    cut = [c for c in clipped_table_text(page) if c["region"] == "chrome"]
    assert cut == []


@pytest.mark.parametrize(("lab", "lang"), lab_cases(CLIPPED_TABLES, ("en", "fr")))
def test_no_table_of_a_lab_picture_cuts_its_text_on_a_laptop(page: Page, lab: str,
                                                             lang: str) -> None:
    open_lab(page, lab, lang=lang)
    assert clipped_table_text(page) == []


def test_the_xl_list_shows_its_state_once_and_whole(page: Page) -> None:
    open_lab(page, "lifecycle")
    headers = page.locator("#xl-list thead th").all_inner_texts()
    assert [h.lower() for h in headers].count("state") == 1, headers
    assert clipped_table_text(page) == []
    panel, table = box(page.locator("#domain-table")), box(page.locator("#xl-list"))
    assert table["x"] + table["width"] <= panel["x"] + panel["width"], (table, panel)


def overlaps(a: FloatRect, b: FloatRect) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


@pytest.mark.parametrize("lab", sorted(LABS))
def test_a_message_never_covers_a_panel(page: Page, lab: str) -> None:
    open_lab(page, lab)
    page.locator("#jump-step").fill("99999")  # past the recorded history: the page says so
    page.locator("#jump button[type=submit]").click()
    expect(page.locator("#status")).to_be_visible()
    message = box(page.locator("#status"))
    parts = page.locator(".picture, .panel, .guide, .narration, .timeline, .actions-bar").all()
    covered = [part.get_attribute("class") for part in parts
               if part.is_visible() and overlaps(message, box(part))]
    assert covered == []


# --- 1920×1080 projector -------------------------------------------------------------------------


def small_texts(page: Page, region: str | None) -> list[dict[str, Any]]:
    return [t for t in text_sizes(page) if t["size"] < MIN_PROJECTOR_PX
            and (region is None or t["region"] == region)]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("lab", sorted(LABS))
def test_the_projector_chrome_has_no_text_under_20px(page: Page, lab: str, lang: str) -> None:
    open_lab(page, lab, lang=lang, projector=True)
    texts = text_sizes(page)
    assert [t for t in texts if t["region"] == "chrome"], "no chrome text found at all"
    assert small_texts(page, "chrome") == []


@pytest.mark.parametrize("lab", lab_cases(TEXT_UNDER_20PX))
def test_the_whole_projector_page_has_no_text_under_20px(page: Page, lab: str) -> None:
    open_lab(page, lab, projector=True)
    assert small_texts(page, None) == []


def test_the_owner_s_projector_view_keeps_the_actions_and_a_follower_s_has_none(
        page: Page) -> None:
    url = open_lab(page, "lifecycle", projector=True)
    expect(page.locator("#actions .domain-actions")).to_be_visible()
    expect(page.locator("#guide-action")).to_be_visible()
    expect(page.locator("#share")).to_be_hidden()  # no clutter: the projector shows the lab
    browser = page.context.browser
    assert browser is not None
    follower = browser.new_page(viewport=PROJECTOR)
    follower.goto(page.url.split("/s/")[0] + url + "?view=projector&lang=en")
    expect(follower.locator("#lab")).to_have_attribute("data-mode", "follower")
    expect(follower.locator("#actions")).to_be_hidden()
    follower.close()


# --- the keyboard ---------------------------------------------------------------------------------


def test_the_keys_work_again_after_go_to_step_and_enter(page: Page) -> None:
    open_lab(page, "lifecycle", steps=0)
    for step in ("1", "2"):  # the chapters' buttons: pause web, unpause web
        page.locator("#guide-action").click()
        expect(page.locator("#step-now")).to_have_text(step)
    page.locator("#narration-title").click()
    page.keyboard.press("g")
    expect(page.locator("#jump-step")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    expect(page.locator("#step-now")).to_have_text("1")
    expect(page.locator("#jump-step")).not_to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-now")).to_have_text("2")
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()


def test_the_shortcut_list_is_a_button_on_screen_with_key_names_in_french(page: Page) -> None:
    open_lab(page, "lifecycle", lang="fr")
    opener = page.locator("#shortcuts-open")
    fully_in_view(page, opener)
    opener.click()
    dialog = page.locator("#shortcuts")
    expect(dialog).to_be_visible()
    keys = dialog.locator("kbd").all_inner_texts()
    assert "Espace" in keys and "Space" not in keys and "Home" not in keys, keys
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_the_chapter_button_goes_once_its_action_is_taken(page: Page) -> None:
    open_lab(page, "lifecycle", steps=0)
    action = page.locator("#guide-action")
    title = page.locator("#guide-chapter-title")
    for _ in range(2):  # pause web, unpause web: each done at once
        before = title.inner_text()
        action.click()
        expect(title).not_to_have_text(before)
    expect(action).to_be_visible()
    now = title.inner_text()
    action.click()  # shut db down: the chapter ends when the shutdown is over, steps later
    expect(action).to_be_hidden()
    expect(title).to_have_text(now)
    expect(page.locator("[data-control='next']")).to_be_focused()
    settle(page)
