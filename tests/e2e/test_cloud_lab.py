"""A person in a browser uses the cloud lab (Playwright driving Debian Chromium): a live
migration phase by phase with its pages crossing the link and its rounds chart, stepping back
through it, a consolidation that switches hosts off and lowers the power, a bill that matches
the meters (and follows an edited price sheet), a host failure with its SLA report, a refusal,
the French page, and the projector."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.labpages import start_lab, step_now, wait_ready
from tests.e2e.picture_probes import TEXTS


def press_step(page: Page) -> None:
    """Press → once (the keyboard on the picture, not a field) and wait for the next step."""
    now = step_now(page)
    page.locator("#picture-title").evaluate("(el) => document.activeElement?.blur()")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-now")).to_have_text(str(now + 1))


def advance(page: Page, steps: int) -> None:
    """Step the session ``steps`` steps at once (no motion: several steps are a jump)."""
    now = step_now(page)
    page.evaluate("(n) => window.hypervisorLab.send('step', { count: n })", steps)
    expect(page.locator("#step-now")).to_have_text(str(now + steps))


def seek(page: Page, step: int) -> None:
    page.locator("#jump-step").fill(str(step))
    page.locator("#jump button[type=submit]").click()
    expect(page.locator("#step-now")).to_have_text(str(step))


def cloud(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate("() => window.hypervisorLab.state.cloud")
    return state


def current_phase(page: Page) -> str:
    return page.locator("#mig-phases li.current").inner_text().strip()


#: counts the page dots that cross the link (they are removed once they arrive)
WATCH_PACKETS = """() => {
  window.__packets = 0;
  new MutationObserver(() => {
    const now = document.querySelectorAll('#dc-svg .packet').length;
    window.__packets = Math.max(window.__packets, now);
  }).observe(document.getElementById('dc-svg'), { childList: true, subtree: true });
}"""


def test_a_live_migration_phase_by_phase_with_its_rounds_chart(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "cloud-live-migration")
    expect(page.locator("#mig-title")).to_contain_text("No migration yet")
    form = page.locator("#form-migrate")
    form.locator("select[name=target]").select_option("web1")
    form.locator("select[name=to]").select_option("host2")
    form.locator("button[data-action=migrate]").click()
    expect(page.locator("#mig-title")).to_have_text("web1: host1 → host2")
    incoming = page.locator("#dc-svg [data-host=host2] .chip-incoming[data-domain=web1]")
    expect(incoming).to_have_count(1)
    expect(page.locator("#dc-svg #dc-link")).to_have_count(1)
    expect(page.locator("#mig-messages")).to_contain_text("xl migration receiver ready")
    press_step(page)  # log-dirty mode on, round 1 starts
    expect(page.locator("#mig-phases li.current")).to_contain_text("Iterative pre-copy")
    page.evaluate(WATCH_PACKETS)
    press_step(page)
    expect(page.locator("#dc-link-label")).to_contain_text("round 1: 131,072 sent")
    assert page.evaluate("() => window.__packets") >= 2, "no page crossed the link"
    expect(page.locator("#mig-heat .heat-row")).to_have_count(1)
    for _ in range(4):
        press_step(page)
    expect(page.locator("#mig-heat .heat-row")).to_have_count(5)
    expect(page.locator("#mig-phases li.current")).to_contain_text("Stop-and-copy")
    expect(page.locator("#mig-phases li.passed")).to_have_count(3)
    advance(page, 3)
    expect(page.locator("#mig-phases li.current")).to_contain_text("Done")
    expect(page.locator("#mig-downtime")).to_contain_text("Downtime 30.2 ms")
    expect(page.locator("#rounds-summary")).to_contain_text(
        "web1: 5 live round(s), then stop-and-copy of 5 pages; 140,865 pages sent")
    expect(page.locator("#mig-messages")).to_contain_text("Migration successful")
    expect(page.locator("#dc-svg [data-host=host2] [data-domain=web1]")).to_have_count(1)
    expect(page.locator("#dc-svg [data-host=host1] [data-domain=web1]")).to_have_count(0)
    # the chart: one bar per round sent (6) and per round re-dirtied
    expect(page.locator("#chart-rounds .main-svg").first).to_be_visible()
    bars = page.locator("#chart-rounds .trace.bars").first.locator(".point")
    expect(bars).to_have_count(6)
    assert page.locator("#chart-rounds .xtick text").all_text_contents()[-1] == "stop-and-copy"
    assert console_errors == []


def test_stepping_back_puts_the_domain_back_and_the_phase_with_it(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "cloud-live-migration")
    page.evaluate("() => window.hypervisorLab.send('action', "
                  "{ action: 'migrate', target: 'web1', args: { to: 'host2' } })")
    expect(page.locator("#step-now")).to_have_text("1")
    advance(page, 10)
    expect(page.locator("#mig-phases li.current")).to_contain_text("Done")
    seek(page, 4)
    expect(page.locator("#mig-phases li.current")).to_contain_text("Iterative pre-copy")
    expect(page.locator("#mig-heat .heat-row")).to_have_count(2)
    migrating = page.locator("#dc-svg [data-host=host1] [data-domain=web1].chip-migrating")
    expect(migrating).to_have_count(1)
    expect(page.locator("#chart-rounds .trace.bars").first.locator(".point")).to_have_count(2)
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#step-now")).to_have_text("3")
    expect(page.locator("#mig-heat .heat-row")).to_have_count(1)
    seek(page, 0)
    expect(page.locator("#mig-panel")).to_have_attribute("data-phase", "none")
    expect(page.locator("#dc-svg [data-host=host1] [data-domain=web1]")).to_have_count(1)
    assert console_errors == []


def test_consolidation_switches_hosts_off_and_the_power_falls(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "cloud-consolidation")
    expect(page.locator("#cloud-clock")).to_contain_text("6 of 6 hosts on")
    page.locator("#form-host button[data-action=consolidate]").click()
    expect(page.locator("#step-now")).to_have_text("1")
    advance(page, 60)
    expect(page.locator("#cloud-clock")).to_contain_text("1 of 6 hosts on")
    expect(page.locator("#dc-svg .host-off")).to_have_count(5)
    expect(page.locator("#dc-svg [data-host=host2] .chip")).to_have_count(7)
    after = cloud(page)
    # six idle hosts drew at least 6 × 120 W; one host now: the saving is on the chart
    powers = after["series"]["power_w"]
    assert powers[0] > 720 and powers[-1] < powers[0] - 400, powers
    assert after["energy"]["power_w"] < 300
    expect(page.locator("#chart-power .scatterlayer .trace")).to_have_count(2)
    expect(page.locator("#energy-summary")).to_contain_text("for 1 host(s) on")
    assert console_errors == []


def test_a_bill_matches_the_meters_and_follows_the_price_sheet(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "cloud-host-failure")
    advance(page, 5)
    state = cloud(page)
    acme = next(t for t in state["tenants"] if t["name"] == "acme")
    cpu_s = sum(d["meter"]["cpu_s"] for d in state["domains"] if d["tenant"] == "acme")
    assert abs(acme["bill"]["lines"]["vcpu_hour"]["quantity"] - cpu_s / 3600) < 1e-3
    bill = page.locator("#bills .bill[data-tenant=acme]")
    expect(bill.locator(".bill-check")).to_have_class(re.compile(r"\bok\b"))
    expect(page.locator("#bills .bill-check.ok")).to_have_count(2)
    expect(bill.locator(".bill-total")).to_have_text(f"{acme['bill']['total']:.4f} €")
    # memory costs 1 € per GiB-hour now: acme's memory line is its GiB-hours, to the cent
    prices = page.locator("#form-prices")
    prices.locator("input[name=gib_hour]").fill("1")
    prices.locator("button[data-action=set_prices]").click()
    expect(page.locator("#step-now")).to_have_text("6")
    line = cloud(page)["tenants"][0]["bill"]["lines"]["gib_hour"]
    assert line["price"] == 1 and abs(line["amount"] - line["quantity"]) < 1e-6
    expect(bill.locator("tr[data-line=gib_hour] td").nth(1)).to_have_text("1.00 €")
    expect(page.locator("#bills .bill-check.ok")).to_have_count(2)
    assert console_errors == []


def test_a_host_failure_takes_its_domains_down_and_breaks_the_sla(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "cloud-host-failure")
    expect(page.locator("#sla-table li[data-tenant=acme]")).to_contain_text("objectives met")
    form = page.locator("#form-host")
    form.locator("select[name=target]").select_option("host2")
    form.locator("button[data-action=fail_host]").click()
    expect(page.locator("#dc-svg [data-host=host2].host-failed")).to_have_count(1)
    expect(page.locator("#dc-svg .chip-crashed")).to_have_count(3)
    expect(page.locator("#dc-svg .tray-title")).to_be_visible()
    advance(page, 3)
    acme = page.locator("#sla-table li[data-tenant=acme]")
    expect(acme).to_contain_text("objectives broken")
    assert cloud(page)["tenants"][0]["sla"]["violations"] > 0
    # a refusal: repairing a host that has not failed changes nothing, and says why
    form.locator("select[name=target]").select_option("host1")
    form.locator("button[data-action=repair_host]").click()
    expect(page.locator("#status")).to_contain_text("host1")
    expect(page.locator("#step-now")).to_have_text("4")
    form.locator("button[data-action=restart_domains]").click()
    expect(page.locator("#step-now")).to_have_text("5")
    advance(page, 8)
    expect(page.locator("#dc-svg .chip-crashed")).to_have_count(0)
    expect(page.locator("#dc-svg .chip-running")).to_have_count(5)
    assert console_errors == []


def test_the_french_page_has_french_words_and_units(page: Page,
                                                    console_errors: list[str]) -> None:
    start_lab(page, "cloud-live-migration", lang="fr")
    page.evaluate("() => window.hypervisorLab.send('action', "
                  "{ action: 'migrate', target: 'web1', args: { to: 'host2' } })")
    expect(page.locator("#step-now")).to_have_text("1")
    advance(page, 4)
    expect(page.locator("#mig-phases li.current")).to_contain_text("Pré-copie itérative")
    expect(page.locator("#dc-svg")).to_contain_text("Gio")
    expect(page.locator("#mig-params")).to_contain_text("512 Mio")
    expect(page.locator("#dc-link-label")).to_contain_text("tour 3 : 1\u202f342 envoyées")
    expect(page.locator("#cloud-clock")).to_contain_text("kWh")
    expect(page.locator("#cloud-clock")).to_contain_text("0,0")
    expect(page.locator("#chart-rounds")).to_contain_text("pages envoyées")
    expect(page.locator("#bills")).to_contain_text("Montant")
    assert console_errors == []


def test_on_a_projector_the_picture_is_large_and_a_laptop_does_not_scroll_sideways(
        page: Page, console_errors: list[str]) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    url = start_lab(page, "cloud-live-migration")
    page.evaluate("() => window.hypervisorLab.send('action', "
                  "{ action: 'migrate', target: 'web1', args: { to: 'host2' } })")
    expect(page.locator("#step-now")).to_have_text("1")
    advance(page, 3)
    for lang in ("en", "fr"):
        page.goto(url + f"?view=projector&lang={lang}")
        wait_ready(page)
        expect(page.locator("#mig-heat .heat-row")).to_have_count(2)
        texts = page.evaluate(TEXTS, ".picture")
        assert len(texts) > 20
        small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 20]
        assert small == [], (lang, small[:10])
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(url + "?lang=fr")
    wait_ready(page)
    expect(page.locator("#mig-heat .heat-row")).to_have_count(2)
    assert page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0
    assert console_errors == []
