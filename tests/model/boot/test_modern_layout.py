"""Issue 11, items 4 and 12: the boot layout of today's x86-64 Linux, which declares
XEN_ELFNOTE_MOD_START_PFN and XEN_ELFNOTE_INIT_P2M (xen-head.S), as libxc (xc_dom_build_image,
start_info_x86_64) and Xen's dom0 builder (dom0_construct_pv) lay it out; and dom0's magic and
flags. The older layout stays available for a kernel without those notes."""

from __future__ import annotations

from webapp.model.boot import layout as lay
from webapp.model.boot.abi import SIF_MOD_START_PFN
from webapp.model.boot.kernel import DEFAULT_KERNEL, LEGACY_KERNEL, P2M_BASE, kernel_image
from webapp.model.memory import p2m_lookup
from webapp.model.snapshot import snapshot

from ..support import check_invariants
from .helpers import build, domain, host_sim

KERNEL, LEGACY = kernel_image(DEFAULT_KERNEL), kernel_image(LEGACY_KERNEL)


def fields(layout: lay.Layout, dom0: bool = False) -> dict[str, int | str]:
    out: dict[str, int | str] = {}
    for _, group in lay.start_info_groups(layout, lambda pfn: pfn + 0x1000, nr_pages=65536,
                                          shared_info_mfn=1, store_port=1, console_port=2,
                                          cmdline="", dom0=dom0, initrd_bytes=KERNEL.initrd_bytes):
        out.update(group)
    return out


def test_linux_declares_both_notes_and_p2m_base_is_512_gib() -> None:
    notes = KERNEL.notes()
    assert notes["XEN_ELFNOTE_MOD_START_PFN"] == 1 and notes["XEN_ELFNOTE_INIT_P2M"] == P2M_BASE
    assert P2M_BASE == 0x80_0000_0000 and KERNEL.modern and not LEGACY.modern


def test_the_initrd_follows_the_mapped_region_and_mod_start_is_a_pfn() -> None:
    layout = lay.plan(KERNEL, 65536)
    initrd = layout.segment("initrd")
    assert initrd is not None and initrd.where == "unmapped"
    assert initrd.pfn == layout.region_pages, "after the padding, at the region's end"
    info = fields(layout)
    assert int(info["flags"]) & SIF_MOD_START_PFN
    assert (info["mod_start"], info["mod_len"]) == (initrd.pfn, initrd.pages * 4096)


def test_the_p2m_list_is_mapped_at_p2m_base_outside_the_region() -> None:
    layout = lay.plan(KERNEL, 65536)
    p2m, initrd = layout.segment("p2m"), layout.segment("initrd")
    assert p2m is not None and initrd is not None and p2m.where == "p2m_base"
    assert p2m.pfn == initrd.end_pfn and p2m.vstart == P2M_BASE
    info = fields(layout)
    assert info["mfn_list"] == P2M_BASE
    assert (info["first_p2m_pfn"], info["nr_p2m_frames"]) == (p2m.pfn, p2m.pages)
    list_pages = 65536 * 8 // 4096
    assert p2m.pages == list_pages + 3, "the list, then an L3, an L2 and an L1 to map it"
    tables = lay.table_frames(layout, lambda pfn: pfn)
    own = tables[layout.nr_pt_frames:]
    assert [t.level for t in own] == [3, 2, 1] and own[0].pfn == p2m.pfn + list_pages
    assert all(not (p2m.pfn <= t.pfn < p2m.end_pfn) for t in tables[:layout.nr_pt_frames])


def test_the_older_layout_keeps_initrd_and_p2m_inside_the_region() -> None:
    layout = lay.plan(LEGACY, 65536)
    assert [s.where for s in layout.segments] == ["region"] * len(layout.segments)
    info = fields(layout)
    assert info["flags"] == 0 and info["mod_start"] == layout.segment("initrd").vstart
    assert (info["first_p2m_pfn"], info["nr_p2m_frames"]) == (0, 0)


def test_a_guest_built_by_the_lab_uses_the_modern_layout_by_default() -> None:
    sim = host_sim()
    build(sim, memory_mb=256)
    guest = domain(sim)
    info, layout = guest.boot.start_info, guest.boot.layout
    assert layout.modern and info["mfn_list"] == P2M_BASE
    assert info["flags"] == SIF_MOD_START_PFN
    shown = next(d for d in snapshot(sim)["boot"]["domains"] if d["name"] == "g")
    assert shown["layout"]["variant"] == "modern"
    assert {s["name"]: s["where"] for s in shown["layout"]["segments"]}["p2m"] == "p2m_base"
    p2m = layout.segment("p2m")
    assert p2m_lookup(guest.p2m, p2m.pfn) is not None
    check_invariants(sim)


def test_the_learner_can_build_with_a_kernel_without_the_notes_to_compare() -> None:
    sim = host_sim()
    build(sim, memory_mb=256, kernel=LEGACY_KERNEL)
    guest = domain(sim)
    assert not guest.boot.layout.modern and guest.boot.start_info["flags"] == 0


def test_dom0s_start_info_has_the_pae_magic_and_flags_0x20b() -> None:
    from webapp.catalog import scenarios
    from webapp.model.simulation import Simulation

    sim = Simulation(scenarios()["boot-dom0"], 3)
    for _ in range(200):
        sim.step()
    dom0 = sim.world.host.domains[0]
    assert dom0.boot is not None
    info = dom0.boot.start_info
    assert info["magic"] == "xen-3.0-x86_64p" and info["flags"] == 0x20B
    assert info["mfn_list"] == P2M_BASE and int(info["nr_p2m_frames"]) > 0
    initrd = dom0.boot.layout.segment("initrd")
    assert info["mod_start"] == initrd.pfn == lay.dom0_chunk(dom0.boot.layout.region_pages)
    check_invariants(sim)


def test_dom0_with_a_kernel_without_the_notes_maps_its_initrd_inside_the_region() -> None:
    from importlib import resources

    import yaml

    from webapp.model.scenario import Scenario
    from webapp.model.simulation import Simulation

    folder = resources.files("webapp.model").joinpath("scenarios")
    doc = yaml.safe_load(folder.joinpath("boot-dom0.yaml").read_text(encoding="utf-8"))
    doc["host"]["dom0"]["kernel"] = LEGACY_KERNEL
    sim = Simulation(Scenario.from_dict(doc), 3)
    for _ in range(200):
        sim.step()
    dom0 = sim.world.host.domains[0]
    assert dom0.boot is not None and not dom0.boot.layout.modern
    info = dom0.boot.start_info
    initrd = dom0.boot.layout.segment("initrd")
    assert initrd is not None and initrd.where == "region"
    assert info["flags"] == 0x203 and info["mod_start"] == initrd.vstart
    assert info["nr_p2m_frames"] == 0
    check_invariants(sim)
