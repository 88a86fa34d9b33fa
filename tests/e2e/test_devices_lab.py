"""A person in a browser uses the devices lab (Playwright driving Debian Chromium): the xenbus
handshake, one read end to end, a refused grant misuse, the PV-vs-emulated comparison."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def start_lab(page: Page, scenario: str, lang: str = "en") -> str:
    page.goto(f"/?lang={lang}")
    form = page.locator(f"form:has(button[data-scenario='{scenario}'])")
    form.locator("input[name=seed]").fill("5")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/s/[\w-]+$"))
    expect(page.locator("#ring-svg")).to_be_visible()
    expect(page.locator("#step-now")).to_have_text("0")
    return page.url


def step_to(page: Page, target: int) -> None:
    """Press → until the clock shows ``target`` (one step per key press)."""
    now = int(page.locator("#step-now").inner_text())
    for expected in range(now + 1, target + 1):
        page.keyboard.press("ArrowRight")
        expect(page.locator("#step-now")).to_have_text(str(expected))


def card(page: Page, name: str) -> str:
    return page.locator(f"[data-card='{name}']").inner_text()


def test_the_handshake_then_one_read_end_to_end(page: Page, console_errors: list[str]) -> None:
    start_lab(page, "devices-block-read")
    page.locator("#ring-svg").click()  # focus the page, not a form field
    step_to(page, 1)
    expect(page.locator("#narration li").first).to_contain_text("one xenstore transaction")
    expect(page.locator("#xenstore")).to_contain_text("virtual-device")
    step_to(page, 18)  # blkfront set up its ring on blkback's InitWait, then Initialised
    expect(page.locator("[data-card='blkfront'] .xb")).to_have_text("Initialised (3)")
    expect(page.locator("#xenstore")).to_contain_text("ring-ref")
    expect(page.locator("#channels")).to_contain_text("unbound")
    step_to(page, 33)
    expect(page.locator("[data-card='blkback'] .xb")).to_have_text("Connected (4)")
    expect(page.locator("[data-card='blkfront'] .xb")).to_have_text("Connected (4)")
    expect(page.locator("#channels")).to_contain_text("interdomain")
    expect(page.locator("#grants")).to_contain_text("blkif ring")
    step_to(page, 47)  # the scripted read: granted, filled in slot 0, not pushed yet
    expect(page.locator("#ring-indices")).to_contain_text("req_prod_pvt 1")
    expect(page.locator("#ring-svg .slot-private")).to_have_count(1)
    step_to(page, 48)
    pushed = page.locator("#narration li").first
    expect(pushed).to_contain_text("RING_PUSH_REQUESTS_AND_CHECK_NOTIFY")
    expect(page.locator("#ring-svg .slot-request")).to_have_count(1)
    step_to(page, 66)
    expect(page.locator("#narration")).to_contain_text("completes r1")
    expect(page.locator("[data-card='reads'] .rq-done")).to_have_text("r1")
    expect(page.locator("#counters")).to_contain_text("2,000")
    # time travel: back to the middle of the handshake, then forwards again
    page.locator("#jump-step").fill("18")
    page.locator("#jump button[type=submit]").click()
    expect(page.locator("#step-now")).to_have_text("18")
    expect(page.locator("[data-card='blkfront'] .xb")).to_have_text("Initialised (3)")
    expect(page.locator("[data-card='reads']")).not_to_contain_text("r1")
    assert console_errors == []


def test_a_grant_misuse_is_refused_with_a_reason_and_changes_nothing(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "devices-batch")
    before = page.locator("#grants").inner_text()
    page.locator("button[data-misuse='never']").click()
    expect(page.locator("#status")).to_contain_text("Xen refuses GNTTABOP_map_grant_ref")
    expect(page.locator("#status")).to_contain_text("Nothing changed")
    expect(page.locator("#step-now")).to_have_text("0")
    assert page.locator("#grants").inner_text() == before
    page.locator("button[data-misuse='end']").click()
    expect(page.locator("#status")).to_contain_text("still mapped by d0")
    expect(page.locator("#step-now")).to_have_text("0")
    assert console_errors == []


def test_the_comparison_chart_shows_pv_against_emulated(page: Page,
                                                         console_errors: list[str]) -> None:
    start_lab(page, "devices-emulated", lang="fr")
    page.locator("#speed").select_option("25")
    page.locator("#play").click()
    expect(page.locator("#chart-summary")).to_contain_text("Disque IDE émulé : 2 lecture(s)",
                                                           timeout=30_000)
    page.locator("#play").click()
    expect(page.locator("#chart-counts .main-svg").first).to_be_visible()
    expect(page.locator("#chart-counts .bars path")).not_to_have_count(0)
    expect(page.locator("#chart-cycles .bars path")).to_have_count(2)
    summary = page.locator("#chart-summary").inner_text()
    assert "Disque PV (pilotes scindés) : 2 lecture(s)" in summary
    assert "12 sorties de VM" in summary
    expect(page.locator("#counters")).to_contain_text("24")
    assert console_errors == []
