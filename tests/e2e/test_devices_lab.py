"""A person in a browser uses the devices lab (Playwright driving Debian Chromium): the xenbus
handshake, one read end to end, a refused grant misuse, the PV-vs-emulated comparison."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.labpages import start_lab, wait_ready
from tests.e2e.picture_probes import SAMPLE, TEXTS


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


# --- motion and the projector (issue 12) ------------------------------------------------------



def advance(page: Page, steps: int) -> None:
    """Step the session ``steps`` steps at once (no motion: several steps are a jump)."""
    now = int(page.locator("#step-now").inner_text())
    page.evaluate("(n) => window.hypervisorLab.send('step', { count: n })", steps)
    expect(page.locator("#step-now")).to_have_text(str(now + steps))


def inside(point: list[float], box: list[float], slack: float = 0) -> bool:
    left, top, right, bottom = box
    return left - slack <= point[0] <= right + slack and top - slack <= point[1] <= bottom + slack


def flight(page: Page, chip: str, target: str) -> dict[str, Any]:
    """Press → and follow the chip that flies (its samples, where it ended, its target)."""
    page.keyboard.press("ArrowRight")
    moved: dict[str, Any] = page.evaluate(SAMPLE, [f"#dev-motion .motion-chip.{chip}", target])
    assert moved["running"] > 0, "nothing was animated"
    assert len({(round(x), round(y)) for x, y in moved["samples"]}) >= 3, moved["samples"][:5]
    return moved


def test_a_request_travels_into_its_slot_and_the_notification_through_xen(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "devices-block-read")
    page.locator("#ring-svg").click()
    advance(page, 46)
    moved = flight(page, "request", "#ring-svg .slot[data-slot='0']")
    front = page.locator("[data-card='blkfront']").bounding_box()
    assert front is not None
    assert inside(moved["samples"][0], [front["x"], front["y"], front["x"] + front["width"],
                                        front["y"] + front["height"]]), "it did not leave blkfront"
    assert inside(moved["samples"][-1], moved["target"], slack=12), "it did not reach slot 0"
    expect(page.locator("#ring-svg .slot-private")).to_have_count(1)
    page.keyboard.press("ArrowRight")  # pushed: req_prod turns to 1
    expect(page.locator("#ring-indices")).to_contain_text("req_prod 1")
    crossed = flight(page, "notify", "#dev-dom0")  # delivered to dom0 over the event channel
    xen = page.locator("#xen-bar").bounding_box()
    assert xen is not None
    assert any(inside(p, [xen["x"], xen["y"], xen["x"] + xen["width"], xen["y"] + xen["height"]])
               for p in crossed["samples"]), "the notification did not go through Xen"
    assert inside(crossed["samples"][-1], crossed["target"], slack=12)
    assert console_errors == []


def test_each_vm_exit_bounces_through_xen_to_qemu(page: Page, console_errors: list[str]) -> None:
    start_lab(page, "devices-emulated")
    page.locator("#ring-svg").click()
    advance(page, 41)
    flight(page, "exit", "#xen-bar")  # the guest's port write exits to Xen
    sent = flight(page, "exit", "[data-card='qemu']")  # Xen passes the ioreq to QEMU
    assert inside(sent["samples"][-1], sent["target"], slack=12)
    assert console_errors == []


def test_under_reduced_motion_nothing_flies_but_the_ring_changes(
        page: Page, console_errors: list[str]) -> None:
    page.emulate_media(reduced_motion="reduce")
    start_lab(page, "devices-block-read")
    page.locator("#ring-svg").click()
    advance(page, 46)
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-now")).to_have_text("47")
    expect(page.locator("#ring-svg .slot-private")).to_have_count(1)
    page.wait_for_timeout(100)
    assert page.locator("#dev-motion .motion-chip").count() == 0
    assert page.evaluate("""() => document.getAnimations().filter(
        (a) => !(a instanceof CSSAnimation || a instanceof CSSTransition)).length""") == 0
    assert console_errors == []


def test_on_a_projector_the_picture_text_is_large_and_a_laptop_does_not_overflow(
        page: Page, console_errors: list[str]) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    url = start_lab(page, "devices-emulated")
    advance(page, 60)
    for lang in ("en", "fr"):
        page.goto(url + f"?view=projector&lang={lang}&step=60")
        wait_ready(page)
        expect(page.locator("#ring-svg .ptr-label")).not_to_have_count(0)
        texts = page.evaluate(TEXTS, ".picture")
        assert len(texts) > 60
        small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 20]
        faint = [(t["text"], round(t["contrast"], 1)) for t in texts if t["contrast"] < 4.5]
        assert small == [] and faint == [], (lang, small[:10], faint[:10])
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(url + "?lang=fr&step=60")
    expect(page.locator("#ring-svg .ptr-label")).not_to_have_count(0)
    assert page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0
    assert page.evaluate("() => [...document.querySelectorAll('.picture *')].filter("
                         "(e) => e.getBoundingClientRect().right > innerWidth + 1).length") == 0
    assert console_errors == []
