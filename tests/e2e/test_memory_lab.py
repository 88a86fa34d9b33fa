"""A person in a browser uses the memory lab (Playwright driving Debian Chromium): a walk in
each mode, a refused mmu_update, the OSTEP import and the mode comparison chart."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

DATA = Path(__file__).resolve().parents[1] / "model" / "paging" / "data"


def start_lab(page: Page, scenario: str, seed: str = "3", lang: str = "en") -> str:
    page.goto(f"/?lang={lang}")
    form = page.locator(f"form:has(button[data-scenario='{scenario}'])")
    form.locator("input[name=seed]").fill(seed)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/s/[\w-]+$"))
    expect(page.locator("#walk")).to_be_visible()
    expect(page.locator("#step-now")).to_have_text("0")
    return page.url


def access(page: Page, va: str, kind: str = "read", user: bool = True) -> None:
    page.locator("#access-va").fill(va)
    page.locator("#access-kind").select_option(kind)
    page.locator("#access-user").set_checked(user)
    page.locator("#access-go").click()


def rows(page: Page) -> int:
    return page.locator("#walk-body tr").count()


def test_a_native_walk_shows_one_reference_per_step_and_the_bits_flip(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "memory-native-tlb")
    access(page, "0x401010", "write")
    expect(page.locator("#walk-body tr")).to_have_count(1)  # the TLB miss
    expect(page.locator("#va-split .field")).to_have_count(6)
    for count in range(2, 6):
        page.keyboard.press("ArrowRight")
        expect(page.locator("#walk-body tr")).to_have_count(count)
    levels = page.locator("#walk-body .lvl").all_inner_texts()
    assert levels == ["PML4", "PDPT", "PD", "PT"]
    expect(page.locator("#va-split .field.current")).to_contain_text("PT")
    for _ in range(2):  # the rights check, then the first A bit
        page.keyboard.press("ArrowRight")
    expect(page.locator("#walk-body .bit.flip")).to_have_count(1)
    expect(page.locator("#walk-body tr.current")).to_contain_text("sets A")
    page.locator("#finish").click()
    expect(page.locator("#outcome")).to_contain_text("Physical address")
    expect(page.locator("#outcome .big")).to_have_text(re.compile(r"0x[0-9a-f]+010$"))
    expect(page.locator("#tlb-table tbody tr")).to_have_count(1)
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#outcome")).to_contain_text("walking")
    assert console_errors == []


def test_a_pv_walk_reads_machine_frames(page: Page, console_errors: list[str]) -> None:
    start_lab(page, "memory-pv-mmu")
    expect(page.locator("#mode-switch button[data-mode=pv]")).to_have_attribute(
        "aria-pressed", "true")
    expect(page.locator("#registers")).to_contain_text("MACHINE CR3")
    access(page, "0x403000")
    page.locator("#finish").click()
    expect(page.locator("#outcome")).to_contain_text("Page fault")
    expect(page.locator("#outcome")).to_contain_text("0x403000")
    expect(page.locator("#narration")).to_contain_text("set_trap_table")
    assert console_errors == []


def test_a_shadow_walk_exits_to_xen_which_fills_the_shadow(page: Page,
                                                           console_errors: list[str]) -> None:
    start_lab(page, "memory-shadow-vs-ept")
    access(page, "0x401008")
    page.locator("#finish").click()
    expect(page.locator("#outcome")).to_contain_text("Machine address")
    expect(page.locator("#walk-body")).to_contain_text("VM exit (reason 0)")
    expect(page.locator("#walk-body")).to_contain_text("Xen fills the shadow PT entry")
    expect(page.locator("#registers")).to_contain_text("SHADOW CR3")
    assert console_errors == []


def test_an_ept_walk_fills_the_2d_grid_with_24_references(page: Page,
                                                          console_errors: list[str]) -> None:
    start_lab(page, "memory-shadow-vs-ept")
    page.locator("#mode-switch button[data-mode=ept]").click()
    expect(page.locator("#mode-switch button[data-mode=ept]")).to_have_attribute(
        "aria-pressed", "true")
    access(page, "0x401008")
    expect(page.locator("#grid2d")).to_be_visible()
    page.locator("#finish").click()
    expect(page.locator("#grid2d-cells .cell.ept")).to_have_count(20)
    expect(page.locator("#grid2d-cells .cell.guest")).to_have_count(4)
    orders = page.locator("#grid2d-cells .cell .order").all_inner_texts()
    assert sorted(int(n) for n in orders) == list(range(1, 25))
    expect(page.locator("#outcome")).to_contain_text("Host-physical address")
    page.locator("#access-va").fill("0xffffc90000000010")
    page.locator("#access-user").set_checked(False)
    page.locator("#access-go").click()
    page.locator("#finish").click()
    expect(page.locator("#outcome")).to_contain_text("EPT violation: VM exit 48")
    assert console_errors == []


def test_a_refused_mmu_update_explains_itself_and_changes_nothing(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "memory-pv-mmu")
    frames = page.locator("#memory-frames .pv-types").inner_text()
    page.locator("li[data-id=pt_writable] button[data-suggestion]").click()
    expect(page.locator("#mmu-ptr")).not_to_have_value("")
    page.locator("#mmu-send").click()
    expect(page.locator("#status")).to_contain_text("may not be mapped writable")
    expect(page.locator("#status")).to_contain_text("Nothing changed")
    expect(page.locator("#step-now")).to_have_text("0")
    assert page.locator("#memory-frames .pv-types").inner_text() == frames
    page.locator("li[data-id=read_only] button[data-suggestion]").click()
    page.locator("#mmu-send").click()
    expect(page.locator("#narration li").first).to_contain_text("HYPERVISOR_mmu_update")
    assert console_errors == []


def test_an_ostep_problem_pasted_in_starts_a_session_that_steps_through_it(
        page: Page, console_errors: list[str]) -> None:
    first = start_lab(page, "memory-ostep")
    page.locator("#import-text").fill((DATA / "linear_seed3_solved.txt").read_text())
    page.locator("#import-form button[type=submit]").click()
    page.wait_for_url(lambda url: url.split("?")[0] != first)
    expect(page.locator("#trace-list li")).to_have_count(10)
    expect(page.locator("#memory-frames")).to_contain_text("Linear page table")
    expect(page.locator("#step-now")).to_have_text("1")
    page.locator("#trace-list button").nth(2).click()
    page.locator("#access-go").click()
    page.locator("#finish").click()
    expect(page.locator("#outcome .big")).to_have_text("0x5099")
    page.locator("#import-text").fill("this is not OSTEP output")
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#import-error")).to_contain_text("paging-multilevel-translate.py")
    assert console_errors == []


def test_the_mode_comparison_is_drawn_as_charts_side_by_side(page: Page,
                                                             console_errors: list[str]) -> None:
    start_lab(page, "memory-pv-mmu")
    page.locator("#compare").click()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#charts-summary li")).to_have_count(4)
    expect(page.locator("#charts-source")).to_contain_text("Same trace in every mode")
    for chart in ("chart-refs", "chart-tlb", "chart-exits", "chart-cycles"):
        expect(page.locator(f"#{chart} .main-svg").first).to_be_visible()
    bars = page.evaluate("document.getElementById('chart-refs').data[0].x")
    assert bars == ["Native", "PV", "Shadow", "EPT"]
    title = page.evaluate("document.getElementById('chart-cycles').layout.yaxis.title.text")
    assert "cycles" in title
    assert console_errors == []


def test_the_lab_speaks_french(page: Page, console_errors: list[str]) -> None:
    start_lab(page, "memory-shadow-vs-ept", lang="fr")
    expect(page.locator("#mode-switch")).to_contain_text("Fantômes")
    access(page, "0x401008")
    expect(page.locator("#narration li").first).to_contain_text("Échec TLB")
    assert console_errors == []
