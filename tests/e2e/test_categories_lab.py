"""A person in a browser uses the categories lab (Playwright driving Debian Chromium): a
workload runs in the four columns in lockstep, the charts fill in, a composed workload runs,
the isolation panel and the chooser answer — in English and in French."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.labpages import start_lab

COLUMNS = "#cat-columns"  # a click there: the keyboard works on the page, not in a field


def step_to(page: Page, target: int) -> None:
    """Press → until the clock shows ``target`` (one step per key press)."""
    now = int(page.locator("#step-now").inner_text())
    for expected in range(now + 1, target + 1):
        page.keyboard.press("ArrowRight")
        expect(page.locator("#step-now")).to_have_text(str(expected))


def column(page: Page, category: str) -> str:
    return f".cat-column[data-category='{category}']"


def test_a_workload_runs_in_the_four_columns_in_lockstep(page: Page,
                                                          console_errors: list[str]) -> None:
    start_lab(page, "categories-basics", focus=COLUMNS)
    step_to(page, 1)  # arithmetic: every column takes a hop at the same step
    expect(page.locator(".cat-svg .cat-hop")).to_have_count(4)
    expect(page.locator(".cat-svg .cat-token")).to_have_count(4)
    expect(page.locator("#cat-workload .op-now")).to_contain_text("arithmetic")
    expect(page.locator("#narration")).to_contain_text("TCG translates the block")
    step_to(page, 5)  # cpuid: a VM exit in the HVM column, a trap in the PV one
    hvm = page.locator(column(page, "hardware_assisted"))
    expect(hvm.locator(".cat-layer.active")).to_have_attribute("data-layer", "xen")
    expect(page.locator("#narration")).to_contain_text("VM exit (reason 10, CPUID)")
    step_to(page, 6)  # the container ran cpuid in one hop; PV and HVM take a second one
    expect(page.locator(column(page, "os_level") + " .cat-status")).to_contain_text(
        "waiting for the others")
    step_to(page, 13)
    expect(page.locator(column(page, "emulation") + " .cat-status")).to_contain_text("finished")
    expect(page.locator("#narration li").first).to_contain_text("The workload is done")
    expect(hvm.locator(".cat-mini")).to_contain_text("VM exits4")
    expect(page.locator(column(page, "os_level") + " .cat-mini")).to_contain_text("VM exits0")
    expect(page.locator("#cat-counters")).to_contain_text("instructions emulated")
    refs = page.locator("#cat-counters tr", has_text="memory references per TLB miss")
    expect(refs.locator("td")).to_have_text(["4", "4", "4", "24"])
    expect(page.locator("#chart-time .main-svg").first).to_be_visible()
    expect(page.locator("#chart-time .barlayer .trace").first).to_be_attached()
    expect(page.locator("#chart-cumulative .scatterlayer .trace")).to_have_count(4)
    expect(page.locator("#cat-summary li")).to_have_count(4)
    step_to(page, 14)
    page.keyboard.press("Home")  # time travel: back to step 0, nothing has run
    expect(page.locator("#step-now")).to_have_text("0")
    expect(page.locator(column(page, "emulation") + " .cat-status")).to_have_text("not started")
    assert console_errors == []


def test_a_composed_workload_runs_again_and_the_isolation_panel_answers(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "categories-basics", focus=COLUMNS)
    step_to(page, 14)
    page.locator("#cat-op").select_option("syscall")
    page.locator("#cat-syscall").select_option("mount")
    page.locator("#cat-compose button[type=submit]").click()
    expect(page.locator("#cat-workload li")).to_have_count(6)
    expect(page.locator("#cat-workload li").last).to_contain_text("mount")
    page.locator("#cat-run").click()
    expect(page.locator("#cat-workload .op-now")).to_contain_text("arithmetic")
    for index in range(2, 7):  # ▶| stops at each operation's start (a notable event)
        page.locator("#cat-columns").click()
        page.keyboard.press("n")
        expect(page.locator("#narration")).to_contain_text(f"Operation {index} of 6")
    page.keyboard.press("n")
    expect(page.locator(column(page, "paravirtualization") + " .cat-status")).to_contain_text(
        "finished")
    expect(page.locator("#narration")).to_contain_text("refused by the filter")
    iso = page.locator("#cat-isolation")
    iso.locator("button[data-category='os_level']").click()
    iso.locator("button[data-component='host_kernel']").click()
    expect(iso.locator("li.reached")).to_have_count(3)
    expect(iso).to_contain_text("the other isolation units")
    iso.locator("button[data-category='paravirtualization']").click()
    iso.locator("button[data-component='guest_kernel']").click()
    expect(iso.locator("li.reached")).to_have_count(2)
    assert console_errors == []


def test_the_chooser_and_the_columns_in_french(page: Page, console_errors: list[str]) -> None:
    start_lab(page, "categories-privileged", lang="fr", focus=COLUMNS)
    step_to(page, 3)
    expect(page.locator("#narration")).to_contain_text("sortie de VM (raison 12, HLT)")
    expect(page.locator(column(page, "os_level") + " .cat-title")).to_have_text(
        "Niveau système d'exploitation (conteneur)")
    chooser = page.locator("#cat-chooser")
    expect(chooser.locator("legend[data-question='unmodified_os']")).to_contain_text(
        "non modifié")
    chooser.locator("input[name='unmodified_os'][value='yes']").check()
    chooser.locator("input[name='has_vtx'][value='yes']").check()
    chooser.locator("input[name='strong_isolation'][value='yes']").check()
    chooser.locator("#cat-choose").click()
    result = page.locator("#cat-chooser-result")
    expect(result.locator(".cat-recommended")).to_contain_text("Assistée par le matériel (HVM)")
    expect(result.locator("li.excluded")).to_contain_text("Para-virtualisation")
    expect(result).to_contain_text("la para-virtualisation exige un noyau invité modifié")
    expect(result).to_contain_text("Mesuré dans cette session")
    expect(result).to_contain_text("KVM + QEMU")
    assert console_errors == []
