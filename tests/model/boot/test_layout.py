"""The start-of-day region, the bootstrap tables, start_info and vCPU0's registers as pure
functions (virtualization-facts.md §1.5–1.7)."""

from __future__ import annotations

import pytest

from webapp.model.boot import layout as lay
from webapp.model.boot.abi import (
    FLAT_KERNEL_CS64,
    FLAT_KERNEL_SS64,
    SIF_INITDOMAIN,
    SIF_MOD_START_PFN,
    SIF_PRIVILEGED,
    MiB,
)
from webapp.model.boot.kernel import DEFAULT_KERNEL, LEGACY_KERNEL, kernel_image

KERNEL = kernel_image(DEFAULT_KERNEL)  # today's Linux: MOD_START_PFN and INIT_P2M notes
LEGACY = kernel_image(LEGACY_KERNEL)  # no such notes: initrd and P2M in the region


def identity(pfn: int) -> int:
    return pfn + 0x100000


@pytest.mark.parametrize("nr_pages", [12288, 65536, 262144, 4 << 20])
@pytest.mark.parametrize("kernel", [KERNEL, LEGACY], ids=["modern", "legacy"])
def test_the_region_follows_the_startofday_rules(nr_pages: int, kernel: object) -> None:
    assert isinstance(kernel, type(KERNEL))
    layout = lay.plan(kernel, nr_pages)
    region = layout.in_region()
    order = lay.DOMU_MODERN if kernel.modern else lay.DOMU_ORDER
    assert [s.name for s in region] == list(order)
    assert layout.segments[0].vstart == KERNEL.virt_kstart
    for before, after in zip(region, region[1:], strict=False):
        assert after.pfn == before.end_pfn, "packed"
        assert after.vstart == before.vend and after.vstart % 4096 == 0, "4 KiB aligned"
    assert (layout.virt_end - layout.virt_base) % (4 * MiB) == 0, "ends on a 4 MiB boundary"
    assert layout.virt_end - region[-1].vend >= 512 * 1024, "512 KiB of padding"
    for seg in region:
        assert seg.vstart == layout.va_of(seg.pfn), "virtual = virt_base + pfn * 4096"
        assert seg.writable == (seg.name != "pagetables"), "only the page tables are read-only"
    assert layout.segment("p2m").size == nr_pages * 8
    assert layout.too_small is None


def test_the_page_tables_map_the_whole_region_and_themselves() -> None:
    layout = lay.plan(LEGACY, 65536)
    tables = lay.table_frames(layout, identity)
    assert len(tables) == layout.nr_pt_frames == layout.segment("pagetables").pages
    assert [t.level for t in tables[:3]] == [4, 3, 2]
    assert (tables[0].first_slot, tables[1].first_slot) == (511, 510)  # 0xffffffff80000000
    l1s = [t for t in tables if t.level == 1]
    assert sum(t.slots for t in l1s) == layout.region_pages
    assert tables[2].slots == len(l1s)
    assert [t.pfn for t in tables] == list(lay.readonly_frames(layout))
    assert all(t.mfn == identity(t.pfn) for t in tables), "entries hold machine frames"


def test_a_bigger_region_needs_more_tables_until_it_maps_itself() -> None:
    small, big = lay.plan(LEGACY, 65536), lay.plan(LEGACY, 4 << 20)
    assert big.nr_pt_frames > small.nr_pt_frames
    assert lay.count_tables(big.virt_base, big.virt_end - 1) == big.nr_pt_frames


def test_with_init_p2m_the_region_no_longer_grows_with_the_memory_size() -> None:
    small, big = lay.plan(KERNEL, 65536), lay.plan(KERNEL, 4 << 20)
    assert (small.virt_end, small.nr_pt_frames) == (big.virt_end, big.nr_pt_frames)
    assert big.segment("p2m").pages > small.segment("p2m").pages


@pytest.mark.parametrize("nr_pages, element", [(4096, "kernel"), (8192, "kernel"),
                                               (11000, "initrd"), (12000, "pagetables")])
def test_a_domain_too_small_for_its_region_is_detected(nr_pages: int, element: str) -> None:
    assert lay.plan(LEGACY, nr_pages).too_small == element


def test_dom0_has_no_xenstore_or_console_and_today_no_initrd_or_p2m_in_its_region() -> None:
    layout = lay.plan(KERNEL, 524288, dom0=True)
    assert [s.name for s in layout.in_region()] == list(lay.DOM0_MODERN)
    legacy = lay.plan(LEGACY, 524288, dom0=True)
    assert [s.name for s in legacy.segments] == list(lay.DOM0_ORDER)


def test_start_info_agrees_with_the_layout() -> None:
    layout = lay.plan(LEGACY, 65536)
    fields: dict[str, int | str] = {}
    for _, group in lay.start_info_groups(layout, identity, nr_pages=65536, shared_info_mfn=7,
                                          store_port=3, console_port=4, cmdline="quiet"):
        fields.update(group)
    seg = {s.name: s for s in layout.segments}
    assert fields["magic"] == "xen-3.0-x86_64" and fields["nr_pages"] == 65536
    assert fields["shared_info"] == 7 << 12
    assert fields["pt_base"] == seg["pagetables"].vstart
    assert fields["nr_pt_frames"] == layout.nr_pt_frames
    assert fields["mfn_list"] == seg["p2m"].vstart
    assert fields["store_mfn"] == identity(seg["xenstore"].pfn)
    assert fields["console.domU.mfn"] == identity(seg["console"].pfn)
    assert (fields["store_evtchn"], fields["console.domU.evtchn"]) == (3, 4)
    assert (fields["mod_start"], fields["mod_len"]) == (seg["initrd"].vstart, KERNEL.initrd_bytes)
    assert fields["cmd_line"] == "quiet" and fields["flags"] == 0


def test_dom0_start_info_differs() -> None:
    layout = lay.plan(KERNEL, 524288, dom0=True)
    fields: dict[str, int | str] = {}
    for _, group in lay.start_info_groups(layout, identity, nr_pages=524288, shared_info_mfn=1,
                                          store_port=0, console_port=0, cmdline="", dom0=True,
                                          initrd_bytes=99):
        fields.update(group)
    assert fields["flags"] == SIF_PRIVILEGED | SIF_INITDOMAIN | SIF_MOD_START_PFN | 0x200
    assert fields["flags"] == 0x20B and fields["magic"] == "xen-3.0-x86_64p"
    assert (fields["store_mfn"], fields["store_evtchn"]) == (0, 0)
    assert (fields["console.dom0.info_off"], fields["console.dom0.info_size"]) == (1168, 40)
    initrd = layout.segment("initrd")
    assert initrd is not None and initrd.pfn == lay.dom0_chunk(layout.region_pages)
    assert (fields["mod_start"], fields["mod_len"]) == (initrd.pfn, 99)
    assert "console.domU.mfn" not in fields


def test_the_command_line_is_cut_to_1023_bytes() -> None:
    layout = lay.plan(KERNEL, 65536)
    groups = dict(lay.start_info_groups(layout, identity, nr_pages=65536, shared_info_mfn=1,
                                        store_port=1, console_port=2, cmdline="x" * 2000))
    assert len(str(groups["cmd_line"]["cmd_line"])) == 1023


def test_vcpu0_starts_at_the_entry_with_the_stack_and_start_info() -> None:
    layout = lay.plan(KERNEL, 65536)
    regs = lay.registers(layout, identity, KERNEL.entry)
    seg = {s.name: s for s in layout.segments}
    assert regs["rip"] == KERNEL.entry
    assert regs["rsp"] == seg["stack"].vend == regs["kernel_sp"]
    assert regs["rsi"] == seg["start_info"].vstart
    assert regs["cr3"] == identity(seg["pagetables"].pfn) << 12
    assert regs["rflags"] == 1 << 9
    assert (regs["cs"], regs["ss"], regs["ds"]) == (FLAT_KERNEL_CS64, FLAT_KERNEL_SS64, 0)
