"""A person in a browser uses the boot lab (Playwright driving Debian Chromium)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.labpages import start_lab

try:  # one measure of the rendered text size for both labs
    from .test_memory_lab import COUNT_ANIMATIONS, TEXT_SIZES, wait_for
except ImportError:  # tests/e2e put on sys.path by pytest
    from test_memory_lab import COUNT_ANIMATIONS, TEXT_SIZES, wait_for  # type: ignore[no-redef]

SCENARIO = "boot-fragmented-host"
GUEST_DONE = "#xen-chips .chip[data-chip='init'].done"


def build(page: Page, name: str = "guest", memory_mb: int = 256, button: str = "build",
          cmdline: str | None = None) -> None:
    form = page.locator("#build-form")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=memory_mb]").fill(str(memory_mb))
    if cmdline is not None:
        form.locator("input[name=cmdline]").fill(cmdline)
    form.locator(f"button[data-action='{button}']").click()
    expect(page.locator("#narration li").first).to_contain_text("xl create")


def play_until(page: Page, selector: str) -> None:
    page.select_option("#speed", "25")
    page.locator("#play").click()
    expect(page.locator(selector)).to_be_visible(timeout=20_000)
    page.locator("#play").click()
    expect(page.locator("#play")).to_have_attribute("aria-pressed", "false")


def test_both_pipelines_boot_side_by_side(page: Page, console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    build(page, button="boot_both", cmdline="root=/dev/xvda1 ro quiet")
    expect(page.locator("#xen-chips .chip.current")).to_have_count(1)
    play_until(page, GUEST_DONE)
    expect(page.locator("#native-chips .chip.done")).to_have_count(8)
    expect(page.locator("#xen-chips .chip.done")).to_have_count(8)
    expect(page.locator("#si-count")).to_have_text("16/16")
    expect(page.locator("#start-info tr[data-field='cmd_line'] .value")).to_have_text(
        "root=/dev/xvda1 ro quiet")
    expect(page.locator("#registers tr[data-register='rip'] code")).to_have_text(
        "0xffffffff8235e1c0")
    expect(page.locator("#e820 tbody tr")).to_have_count(6)
    expect(page.locator("#layout li.unplaced")).to_have_count(0)
    expect(page.locator("#layout li[data-segment='pagetables']")).to_contain_text("read-only")
    assert console_errors == []


def test_start_info_fills_field_by_field(page: Page, console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    build(page)
    counts = []
    for _ in range(40):
        before = int(page.locator("#step-now").inner_text())
        page.keyboard.press("ArrowRight")
        expect(page.locator("#step-now")).to_have_text(str(before + 1))  # same render as start_info
        counts.append(page.locator("#si-count").inner_text())
    filled = [int(c.split("/")[0]) for c in counts if c]
    assert filled == sorted(filled) and filled[-1] == 16
    grew = [b - a for a, b in zip(filled, filled[1:], strict=False) if b > a]
    assert len(grew) == 9 and max(grew) <= 3, "one field or a small group per step"
    expect(page.locator("#start-info tr.filled")).to_have_count(16)
    assert console_errors == []


def test_the_p2m_view_shows_both_numbers_and_zooms(page: Page, console_errors: list[str]
                                                   ) -> None:
    url = start_lab(page, SCENARIO)
    build(page)
    play_until(page, GUEST_DONE)
    session = url.rsplit("/", 1)[1]
    expected = page.request.get(f"/api/v1/sessions/{session}/boot/p2m?domain=guest&first=5"
                                "&count=1&buckets=1").json()["buckets"][0]["pieces"][0][1]
    page.get_by_role("button", name="First 64 PFNs").click()
    expect(page.locator("#strip-range")).to_contain_text("PFNs 0x0–0x3f")
    box = page.locator("#memview").bounding_box()
    assert box is not None
    scale = box["width"] / 640
    page.mouse.move(box["x"] + (5 * 10 + 5) * scale, box["y"] + 35 * scale)
    info = page.locator("#hover-info")
    expect(info).to_contain_text("(5) maps to machine frame (MFN)")
    expect(info).to_contain_text(f"({expected})")
    expect(page.locator(".p2m-arrow.hot")).to_have_count(1)
    before = page.locator("#grid-range").inner_text()
    page.mouse.click(box["x"] + 100 * scale, box["y"] + 200 * scale)
    expect(page.locator("#grid-range")).not_to_have_text(before)
    expect(page.locator("#grid-range")).to_contain_text("64 per cell")
    assert page.locator("#grid > g").count() <= 1024, "cells, never one node per frame"
    assert console_errors == []


def test_a_build_that_does_not_fit_fails_and_leaves_nothing(page: Page,
                                                            console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    expect(page.locator("#memlegend")).to_contain_text("Domain-0")
    legend = page.locator("#memlegend").text_content() or ""
    build(page, name="huge", memory_mb=3200)
    play_until(page, "#boot-failure")
    expect(page.locator("#boot-failure")).to_contain_text("ENOMEM")
    expect(page.locator("#boot-failure")).to_contain_text("nothing is left allocated")
    expect(page.locator("#boot-domain option")).to_have_count(1)
    expect(page.locator("#memlegend")).to_have_text(legend)
    assert page.locator("#markers .marker").count() >= 1
    assert console_errors == []


def test_the_same_session_in_the_lifecycle_lab_and_back_in_french(page: Page,
                                                                  console_errors: list[str]
                                                                  ) -> None:
    url = start_lab(page, SCENARIO, lang="fr")
    expect(page.locator("#native-title")).to_contain_text("Machine traditionnelle")
    build(page, name="invite", memory_mb=128)
    expect(page.locator("#narration li").first).to_contain_text("lit la configuration")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#boot-domain")).to_have_value("invite")
    page.locator("a.view-link[data-lab='lifecycle']").click()
    page.wait_for_url(re.compile(r"/lifecycle\?domain=invite"))
    expect(page.locator("#lifecycle-diagram")).to_be_visible()
    expect(page.locator("tr[data-domain='invite']")).to_have_count(1)
    expect(page.locator("#selected-domain")).to_have_text("invite")
    page.locator("a.view-link[data-lab='boot']").click()
    page.wait_for_url(re.compile(r"/s/[\w-]+\?domain=invite"))
    expect(page.locator("#boot-domain")).to_have_value("invite")
    assert page.url.startswith(url)
    assert console_errors == []


def test_dom0_is_built_by_xen(page: Page, console_errors: list[str]) -> None:
    start_lab(page, "boot-dom0")
    play_until(page, GUEST_DONE)
    expect(page.locator("#boot-domain")).to_have_value("Domain-0")
    expect(page.locator("#start-info tr[data-field='flags'] .value")).to_contain_text(
        "SIF_INITDOMAIN")
    expect(page.locator("#start-info tr[data-field='console.dom0.info_off'] .value")
           ).to_have_text("1168")
    expect(page.locator("#native-chips .chip-name").nth(4)).to_contain_text("Xen")
    assert console_errors == []


# --- motion, the projector and a small laptop (issue 12) --------------------------------------


# every word of the chips on one line: a word whose text wraps has more than one client rect
BROKEN_WORDS = """() => {
  const broken = [];
  for (const chip of document.querySelectorAll('.chips .chip-name, .chips .counterpart')) {
    if (chip.getClientRects().length === 0) continue;
    const texts = document.createTreeWalker(chip, NodeFilter.SHOW_TEXT);  // <code> names too
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    const box = chip.closest('.chip');
    if (box.scrollWidth > box.clientWidth + 1) broken.push(`overflow: ${chip.textContent}`);
  }
  return broken;
}"""


def step_until_lit(page: Page, limit: int = 20) -> None:
    """Step by hand until populate_physmap hands out frames (they light up in the grid)."""
    for _ in range(limit):
        now = page.locator("#step-now").inner_text()
        page.keyboard.press("ArrowRight")
        expect(page.locator("#step-now")).not_to_have_text(now)
        page.wait_for_timeout(150)  # the grid is fetched after the step
        if "populate_physmap" in page.locator("#narration li").first.inner_text() \
                and page.locator("#grid .cell.lit").count():
            return
    raise AssertionError("populate_physmap never lit a frame")


def test_frames_light_up_as_populate_physmap_hands_them_out_and_arrows_draw(
        page: Page, console_errors: list[str]) -> None:
    page.add_init_script(COUNT_ANIMATIONS)
    start_lab(page, SCENARIO)
    build(page)
    expect(page.locator("#grid .cell.lit")).to_have_count(0)
    step_until_lit(page)
    expect(page.locator("#grid .cell.lit").first).to_be_visible()
    expect(page.locator("#strip text")).to_contain_text("guest (d")  # the new domain's P2M
    wait_for(page, "document.querySelectorAll('#arrows path').length > 0")
    wait_for(page, "window.__animations > 0")  # the lit frames and the new arrows move
    expect(page.locator("#xen-info")).not_to_contain_text("populate_2m")  # no internal step id
    expect(page.locator("#xen-info")).to_contain_text("Memory")
    assert console_errors == []


def test_start_info_fills_into_its_page_and_rsi_points_to_it(page: Page,
                                                             console_errors: list[str]) -> None:
    start_lab(page, SCENARIO)
    build(page)
    play_until(page, GUEST_DONE)
    expect(page.locator("#si-page")).to_contain_text("PFN 0x")
    expect(page.locator("#si-page")).not_to_contain_text("…")
    expect(page.locator("#layout li[data-segment='start_info'] .reg-pointer")).to_have_text("← RSI")
    expect(page.locator("#registers tr[data-register='rsi'] .points-to")).to_contain_text(
        "start_info")
    assert "…" not in page.locator("#layout").inner_text()  # no value cut to "0x…"
    assert console_errors == []


def test_reduced_motion_keeps_the_boot_picture_still(page: Page,
                                                     console_errors: list[str]) -> None:
    page.add_init_script(COUNT_ANIMATIONS)
    page.emulate_media(reduced_motion="reduce")
    start_lab(page, SCENARIO)
    build(page)
    page.select_option("#speed", "10")
    page.locator("#play").click()
    expect(page.locator("#si-count")).to_have_text(re.compile(r"^[1-9]"), timeout=20_000)
    page.locator("#play").click()
    assert page.evaluate("window.__animations + document.getAnimations().length") == 0
    assert console_errors == []


def test_chips_never_break_a_word_at_1280x720_in_both_languages(
        page: Page, console_errors: list[str]) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    for lang in ("en", "fr"):
        start_lab(page, SCENARIO, lang=lang)
        assert page.evaluate(BROKEN_WORDS) == []
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert console_errors == []


def test_the_projector_draws_the_boot_picture_at_20px_or_more(page: Page,
                                                             console_errors: list[str]) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    url = start_lab(page, SCENARIO)
    build(page)
    step_until_lit(page)
    page.goto(f"{url}?view=projector")
    expect(page.locator("#grid .cell").first).to_be_attached()
    assert page.locator(".picture").evaluate(TEXT_SIZES) == []
    assert page.evaluate(BROKEN_WORDS) == []
    assert console_errors == []
