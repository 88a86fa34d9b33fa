"""A person in a browser uses the memory lab (Playwright driving Debian Chromium): a walk in
each mode, a refused mmu_update, the OSTEP import and the mode comparison chart."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.labpages import start_lab

DATA = Path(__file__).resolve().parents[1] / "model" / "paging" / "data"
SEED = 3


def access(page: Page, va: str, kind: str = "read", user: bool = True) -> None:
    page.locator("#access-va").fill(va)
    page.locator("#access-kind").select_option(kind)
    page.locator("#access-user").set_checked(user)
    page.locator("#access-go").click()


def rows(page: Page) -> int:
    return page.locator("#walk-body tr").count()


def test_a_native_walk_shows_one_reference_per_step_and_the_bits_flip(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "memory-native-tlb", seed=SEED)
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
    start_lab(page, "memory-pv-mmu", seed=SEED)
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
    start_lab(page, "memory-shadow-vs-ept", seed=SEED)
    access(page, "0x401008")
    page.locator("#finish").click()
    expect(page.locator("#outcome")).to_contain_text("Machine address")
    expect(page.locator("#walk-body")).to_contain_text("VM exit (reason 0)")
    expect(page.locator("#walk-body")).to_contain_text("Xen fills the shadow PT entry")
    expect(page.locator("#registers")).to_contain_text("SHADOW CR3")
    assert console_errors == []


def test_an_ept_walk_fills_the_2d_grid_with_24_references(page: Page,
                                                          console_errors: list[str]) -> None:
    start_lab(page, "memory-shadow-vs-ept", seed=SEED)
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
    start_lab(page, "memory-pv-mmu", seed=SEED)
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
    first = start_lab(page, "memory-ostep", seed=SEED)
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
    start_lab(page, "memory-pv-mmu", seed=SEED)
    page.locator("#compare").click()
    expect(page.locator("#step-now")).to_have_text("1")  # the comparison has started
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
    start_lab(page, "memory-shadow-vs-ept", seed=SEED, lang="fr")
    expect(page.locator("#mode-switch")).to_contain_text("Fantômes")
    access(page, "0x401008")
    expect(page.locator("#narration li").first).to_contain_text("Échec TLB")
    assert console_errors == []


# --- motion, the projector, and the newcomer papercuts (issue 12) ---------------------------

COUNT_ANIMATIONS = """
window.__animations = 0;
const animate = Element.prototype.animate;
Element.prototype.animate = function (...args) {
  window.__animations += 1;
  return animate.apply(this, args);
};
"""


def wait_for(page: Page, condition: str, tries: int = 50) -> None:
    """Poll a JavaScript condition (page.wait_for_function would need eval, which the CSP
    forbids)."""
    for _ in range(tries):
        if page.evaluate(condition):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {condition}")


def lit_level(page: Page) -> str | None:
    return page.evaluate("document.querySelector('#frames-main .entry.lit')"
                         "?.closest('.frame').dataset.level ?? null")


def test_the_walk_is_drawn_as_table_frames_and_the_lit_entry_moves_down_the_tables(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "memory-native-tlb", seed=SEED)
    access(page, "0x401010", "write")
    expect(page.locator("#frames-main .frame.table")).to_have_count(4)
    expect(page.locator("#frames-main .frame.table.ahead")).to_have_count(4)
    expect(page.locator("#frames-main .frame.root")).to_contain_text("CR3")
    seen = []
    for _ in range(4):
        page.keyboard.press("ArrowRight")
        expect(page.locator("#frames-main .frame.table.ahead")).to_have_count(3 - len(seen))
        seen.append(lit_level(page))
    assert seen == ["PML4", "PDPT", "PD", "PT"]
    expect(page.locator("#frames-arrow-paths path")).to_have_count(5)  # CR3 → … → PT → page
    pt_dirty = page.locator("#frames-main .frame[data-level=PT] .bit[data-bit=D]")
    expect(pt_dirty).to_have_class(re.compile(r"\boff\b"))
    page.locator("#finish").click()
    expect(pt_dirty).to_have_class(re.compile(r"\bon\b"))  # A and D set in place, a write
    expect(page.locator("#frames-main .frame.page")).to_contain_text("0x1201010")
    expect(page.locator("#frames-tlb-list .slot:not(.free)")).to_have_count(1)
    access(page, "0x401018")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#frames-tlb-list .slot.hit")).to_have_count(1)
    assert console_errors == []


def test_a_step_animates_and_reduced_motion_keeps_the_picture_still(
        page: Page, console_errors: list[str]) -> None:
    page.add_init_script(COUNT_ANIMATIONS)
    start_lab(page, "memory-shadow-vs-ept", seed=SEED)
    access(page, "0x401008")
    page.evaluate("window.__animations = 0")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-now")).to_have_text("2")
    wait_for(page, "window.__animations > 0")
    page.keyboard.press("ArrowRight")  # the trap to Xen travels
    expect(page.locator("#frames-xen-box")).to_have_class(re.compile("active"))
    page.emulate_media(reduced_motion="reduce")
    page.reload()
    expect(page.locator("#frames-main .frame.table")).to_have_count(4)
    page.evaluate("window.__animations = 0")
    for step in range(4, 7):
        page.keyboard.press("ArrowRight")
        expect(page.locator("#step-now")).to_have_text(str(step))
    assert page.evaluate("window.__animations + document.getAnimations().length") == 0
    assert console_errors == []


TEXT_SIZES = """(root) => {
  const small = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const box = node.parentElement;
    if (!node.textContent.trim() || !box) continue;
    if (box.closest('.visually-hidden, [hidden], .js-plotly-plot')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (!range.getClientRects().length || box.getClientRects().length === 0) continue;
    const style = getComputedStyle(box);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let size = parseFloat(style.fontSize);
    if (box instanceof SVGElement) size *= box.getScreenCTM().a;
    if (size < 19.9) small.push(`${node.textContent.trim().slice(0, 30)} (${size.toFixed(1)}px)`);
  }
  return small;
}"""


def test_the_projector_draws_every_word_of_the_walk_at_20px_or_more(
        page: Page, console_errors: list[str]) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    url = start_lab(page, "memory-shadow-vs-ept", seed=SEED)
    access(page, "0x401008")
    for _ in range(14):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#step-now")).to_have_text("15")
    page.goto(f"{url}?view=projector")
    expect(page.locator("#walk-frames .frame.reading")).to_have_count(1)  # Xen fills a shadow entry
    expect(page.locator("#frames-xen")).to_be_visible()
    assert page.locator(".picture").evaluate(TEXT_SIZES) == []
    assert console_errors == []


def test_compare_names_every_mode_at_once_and_never_says_0_steps_left(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "memory-pv-mmu", seed=SEED)
    expect(page.locator("#request")).to_contain_text("in the form above")
    page.locator("#compare").click()
    expect(page.locator("#step-now")).to_have_text("1")
    expect(page.locator("#busy")).to_contain_text("1 of 4 done")
    expect(page.locator("#busy")).not_to_contain_text("0 step")
    expect(page.locator("#charts-summary li")).to_have_count(4)
    expect(page.locator("#charts-summary li.pending")).to_have_count(3)
    assert page.evaluate("document.getElementById('chart-refs').data[0].x") == [
        "Native", "PV", "Shadow", "EPT"]
    assert console_errors == []


def test_a_mode_the_guest_cannot_run_is_disabled_with_its_reason_on_screen(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "memory-native-tlb", seed=SEED)
    pv = page.locator("#mode-switch button[data-mode=pv]")
    expect(pv).to_have_attribute("aria-disabled", "true")
    expect(page.locator("#mode-why")).to_be_visible()
    expect(page.locator("#mode-why")).to_contain_text("PV")
    expect(page.locator("#mode-why")).to_contain_text("superpages")
    expect(page.locator("#mode-switch button[data-mode=ept]")).not_to_have_attribute(
        "aria-disabled", "true")
    pv.click(force=True)  # aria-disabled: still focusable and clickable, so it must send nothing
    page.wait_for_timeout(300)  # nothing is sent: no refusal comes back
    expect(page.locator("#status")).to_be_hidden()
    expect(page.locator("#step-now")).to_have_text("0")
    expect(pv).to_have_attribute("aria-pressed", "false")
    assert console_errors == []


def test_a_new_exercise_problem_comes_even_while_a_walk_is_in_progress(
        page: Page, console_errors: list[str]) -> None:
    start_lab(page, "memory-native-tlb", seed=SEED)
    access(page, "0x401010", "write")
    expect(page.locator("#busy")).to_contain_text("step(s) left")
    page.locator("#ex-new").click()
    expect(page.locator("#ex-problem")).to_be_visible()
    expect(page.locator("#ex-question")).not_to_be_empty()
    assert console_errors == []


def test_a_refused_mmu_update_is_drawn_coming_back_from_xen(page: Page,
                                                          console_errors: list[str]) -> None:
    start_lab(page, "memory-pv-mmu", seed=SEED)
    expect(page.locator("#frames-xen-box")).to_be_visible()
    page.locator("li[data-id=pt_writable] button[data-suggestion]").click()
    page.locator("#mmu-send").click()
    expect(page.locator("#frames-xen-state")).to_have_class(re.compile("refused"))
    page.locator("li[data-id=read_only] button[data-suggestion]").click()
    page.locator("#mmu-send").click()
    expect(page.locator("#step-now")).to_have_text("1")
    expect(page.locator("#frames-xen-state")).to_have_text("validates the update")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # Xen checks the types, then writes the entry
    expect(page.locator("#step-now")).to_have_text("3")
    expect(page.locator("#frames-xen-state")).to_have_class(re.compile("accepted"))
    assert console_errors == []
