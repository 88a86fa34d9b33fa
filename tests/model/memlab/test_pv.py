"""PV direct paging: Xen validates every mmu_update; a refusal changes nothing."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.errors import Refused
from webapp.model.memlab.pv import TABLE_TYPES, derive_types
from webapp.model.memlab.tables import RW, US, P, frame_of
from webapp.model.memlab.views import P2M
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot

from .support import MAPPINGS, kinds, lab, run, simulation

PT_FLAGS = P | RW | US


def p2m(sim: Simulation) -> P2M:
    return P2M(sim.world.host.domains[lab(sim).domid].p2m)


def table_of_level(sim: Simulation, level: int) -> int:
    tables = lab(sim).tables
    assert tables is not None
    return next(pfn for pfn, lv in sorted(tables.levels.items()) if lv == level)


def slot(sim: Simulation, pfn: int, index: int) -> int:
    mfn = p2m(sim).mfn(pfn)
    assert mfn is not None
    return mfn << 12 | index * 8


def mfn(sim: Simulation, pfn: int) -> int:
    found = p2m(sim).mfn(pfn)
    assert found is not None
    return found


def world_bytes(sim: Simulation) -> bytes:
    return pickle.dumps((sim.world, sim.step_no), protocol=pickle.HIGHEST_PROTOCOL)


def refused(sim: Simulation, **args: Any) -> Refused:
    before, shown = world_bytes(sim), snapshot(sim)
    with pytest.raises(Refused) as caught:
        sim.submit("mmu_update", None, args)
    assert world_bytes(sim) == before, "a refused update changes nothing"
    assert snapshot(sim) == shown
    return caught.value


def test_the_initial_types_count_references_from_the_tables() -> None:
    sim = simulation("pv")
    types = lab(sim).pv_types
    tables = lab(sim).tables
    assert tables is not None
    root = types[mfn(sim, tables.root)]
    assert (root.type, root.count, root.pinned, root.validated) == ("l4", 2, True, True)
    l1 = types[mfn(sim, table_of_level(sim, 1))]
    assert (l1.type, l1.validated) == ("l1", True)
    data = types[mfn(sim, 0x201)]
    assert (data.type, data.count) == ("writable", 1)
    assert types[mfn(sim, 0x200)].type == "none", "a read-only mapping takes no type"


def test_xen_refuses_to_map_a_page_table_frame_writable() -> None:
    sim = simulation("pv")
    l1 = table_of_level(sim, 1)
    error = refused(sim, ptr=hex(slot(sim, l1, 10)), val=hex(mfn(sim, l1) << 12 | PT_FLAGS))
    assert error.key == "xen.mmu.pt_writable"
    assert "may not be mapped writable" in error.message("en")
    assert "Rien n'a changé" in error.message("fr")


def test_xen_refuses_to_map_a_frame_the_domain_does_not_own() -> None:
    sim = simulation("pv")
    dom0_frame = sim.world.host.domains[0].p2m[0].mfn
    l1 = table_of_level(sim, 1)
    error = refused(sim, ptr=hex(slot(sim, l1, 10)), val=hex(dom0_frame << 12 | PT_FLAGS))
    assert error.key == "xen.mmu.not_owner"
    assert error.data["owner"] == "d0"


def test_xen_writes_8_bytes_into_a_data_page_as_data_accepted_not_refused() -> None:
    """Issue 11 item 1: do_mmu_update writes a frame that is not a validated page table with
    paging_write_guest_entry (after get_page_type(PGT_writable_page))."""
    sim = simulation("pv")
    before = {m: (t.type, t.count) for m, t in lab(sim).pv_types.items()}
    events = run(sim, "mmu_update", ptr=hex(mfn(sim, 0x201) << 12 | 8),
                 val=hex(mfn(sim, 0x202) << 12 | P))
    assert kinds(events) == ["hypercall.mmu_update", "mem.xen_data_write"]
    assert "Accepted" in events[-1].narration()["en"]
    assert {m: (t.type, t.count) for m, t in lab(sim).pv_types.items()} == before


def test_the_suggested_data_page_write_is_offered_as_accepted_and_is_accepted() -> None:
    sim = simulation("pv")
    suggestions = {s["id"]: s for s in snapshot(sim)["memory"]["pv"]["suggestions"]}
    data = suggestions["data_page"]
    assert data["expect"] == "accepted"
    assert suggestions["superpage"]["expect"] == "refused"
    run(sim, "mmu_update", ptr=data["ptr"], val=data["val"])
    error = refused(sim, ptr=suggestions["superpage"]["ptr"],
                    val=suggestions["superpage"]["val"])
    assert error.key == "xen.mmu.superpage" and "MARK_SUPER" in error.message("en")
    assert "needs" not in error.message("en")


def test_the_command_is_ptr_and_7_three_bits_four_commands() -> None:
    sim = simulation("pv")
    l1 = table_of_level(sim, 1)
    entry = slot(sim, l1, 10)
    for command in (4, 5, 6, 7):
        error = refused(sim, ptr=hex(entry | command), val="0x0")
        assert (error.key, error.data["command"]) == ("xen.mmu.command", command)
    assert refused(sim, ptr=hex(entry | 1), val="0x0").key == "memory.refused.machphys"
    events = run(sim, "mmu_update", ptr=hex(entry | 2), val=hex(mfn(sim, 0x210) << 12 | P))
    assert events[0].data["command_name"] == "MMU_PT_UPDATE_PRESERVE_AD"
    assert kinds(events)[-1] == "mem.xen_pt_write"


def test_xen_refuses_pse_and_cache_bits_in_upper_level_entries() -> None:
    sim = simulation("pv")
    l2 = table_of_level(sim, 2)
    target = hex(mfn(sim, 0x400) << 12 | PT_FLAGS | 1 << 7)
    assert refused(sim, ptr=hex(slot(sim, l2, 100)), val=target).key == "xen.mmu.superpage"
    error = refused(sim, ptr=hex(slot(sim, l2, 100)), val=hex(mfn(sim, 0x400) << 12 | PT_FLAGS
                                                             | 1 << 4))
    assert (error.key, error.data["flags"]) == ("xen.mmu.bad_flags", "PCD")


def test_xen_refuses_entries_in_another_domains_frame_and_in_its_own_l4_slots() -> None:
    sim = simulation("pv")
    foreign = sim.world.host.domains[0].p2m[0].mfn
    assert refused(sim, ptr=hex(foreign << 12), val="0x0").key == "xen.mmu.pt_not_owned"
    root = lab(sim).tables.root  # type: ignore[union-attr]
    assert refused(sim, ptr=hex(slot(sim, root, 256)), val="0x0").key == "xen.mmu.xen_slot"
    assert refused(sim, ptr=hex(slot(sim, root, 3) | 5), val="0x0").key == "xen.mmu.command"


def test_xen_refuses_a_table_entry_that_would_retype_a_writable_frame() -> None:
    sim = simulation("pv")
    l2 = table_of_level(sim, 2)
    error = refused(sim, ptr=hex(slot(sim, l2, 100)), val=hex(mfn(sim, 0x201) << 12 | PT_FLAGS))
    assert error.key == "xen.mmu.type_conflict"


def test_an_accepted_update_is_a_hypercall_checked_then_written() -> None:
    sim = simulation("pv")
    l1 = table_of_level(sim, 1)
    events = run(sim, "mmu_update", ptr=hex(slot(sim, l1, 10)),
                 val=hex(mfn(sim, 0x210) << 12 | PT_FLAGS))
    assert kinds(events) == ["hypercall.mmu_update", "mem.xen_validate_rw", "mem.xen_pt_write"]
    tables = lab(sim).tables
    assert tables is not None
    assert frame_of(tables.frames[l1][10]) == 0x210, "the guest's view holds the PFN"
    assert lab(sim).pv_frames[mfn(sim, l1)][10] >> 12 == mfn(sim, 0x210)
    assert lab(sim).pv_types[mfn(sim, 0x210)].type == "writable"
    access = run(sim, "access", va="0x40a000", access="write", user=True)
    assert access[-1].data["pa"] == hex(mfn(sim, 0x210) << 12)
    assert lab(sim).counters["pv"].hypercalls == 1


def test_unmapping_a_page_table_frame_then_mapping_it_writable() -> None:
    """A frame changes type only at type count 0: unhook the L1, then it may be writable."""
    sim = simulation("pv", mappings=[MAPPINGS[1], MAPPINGS[4]])
    tables = lab(sim).tables
    assert tables is not None
    user_l1 = next(pfn for pfn, level in tables.levels.items() if level == 1
                   and tables.frames[pfn][1] & P)
    l2 = next(pfn for pfn, level in tables.levels.items() if level == 2
              and tables.frames[pfn][2] & P)
    other_l1 = next(pfn for pfn, level in tables.levels.items() if level == 1
                    and pfn != user_l1)
    writable = hex(mfn(sim, user_l1) << 12 | PT_FLAGS)
    assert refused(sim, ptr=hex(slot(sim, other_l1, 5)), val=writable).key == (
        "xen.mmu.pt_writable")
    run(sim, "mmu_update", ptr=hex(slot(sim, l2, 2)), val="0x0")
    info = lab(sim).pv_types[mfn(sim, user_l1)]
    assert (info.type, info.count, info.validated) == ("l1", 0, False)
    run(sim, "mmu_update", ptr=hex(slot(sim, other_l1, 5)), val=writable)
    assert lab(sim).pv_types[mfn(sim, user_l1)].type == "writable"


def test_write_pte_in_pv_mode_goes_through_the_same_validation() -> None:
    sim = simulation("pv")
    l1 = table_of_level(sim, 1)
    with pytest.raises(Refused) as caught:
        sim.submit("write_pte", None, {"va": "0x405000", "pfn": hex(l1), "flags": "P RW US"})
    assert caught.value.key == "xen.mmu.pt_writable"
    events = run(sim, "write_pte", va="0x405000", pfn=hex(l1), flags="P US NX")
    assert kinds(events)[0] == "hypercall.mmu_update"


def test_mmu_update_is_refused_outside_pv_mode() -> None:
    sim = simulation("native")
    with pytest.raises(Refused) as caught:
        sim.submit("mmu_update", None, {"ptr": "0x1000", "val": "0x0"})
    assert caught.value.key == "memory.refused.not_pv"


def test_pv_mode_is_refused_when_a_page_table_is_mapped_writable() -> None:
    sim = simulation("native")
    tables = lab(sim).tables
    assert tables is not None
    l1 = table_of_level(sim, 1)
    run(sim, "write_pte", va="0x405000", pfn=hex(l1), flags="P RW")
    with pytest.raises(Refused) as caught:
        sim.submit("set_mode", None, {"mode": "pv"})
    assert caught.value.key == "memory.refused.pv_conflict"


def no_page_table_is_writable(sim: Simulation) -> None:
    tables = lab(sim).tables
    assert tables is not None
    types = lab(sim).pv_types
    for pfn, frame in tables.frames.items():
        level = tables.levels[pfn]
        for entry in frame:
            if entry & P and entry & RW and (level == 1):
                target = p2m(sim).mfn(frame_of(entry))
                assert target is None or types[target].type not in TABLE_TYPES or (
                    types[target].count == 0), "a page-table frame is mapped writable"
    again = derive_types(tables, p2m(sim), lab(sim).pinned, types)
    assert {m: (t.type, t.count) for m, t in again.items()} == {
        m: (t.type, t.count) for m, t in types.items()}


@settings(max_examples=60, deadline=None)
@given(requests=st.lists(st.tuples(st.integers(0, 15), st.integers(0, 511),
                                   st.integers(0, 0x320), st.sampled_from([0, P, P | US,
                                                                           PT_FLAGS])),
                         max_size=8))
def test_random_updates_are_refused_unchanged_or_keep_xens_invariants(
        requests: list[tuple[int, int, int, int]]) -> None:
    sim = simulation("pv", trace=[])
    tables = lab(sim).tables
    assert tables is not None
    frames = sorted(tables.frames) + [0x201, 0x300]
    for which, index, target, flags in requests:
        pfn = frames[which % len(frames)]
        target_mfn = p2m(sim).mfn(target) or 0
        args = {"ptr": hex(slot(sim, pfn, index)), "val": hex(target_mfn << 12 | flags)}
        before = world_bytes(sim)
        try:
            run(sim, "mmu_update", **args)
        except Refused:
            assert world_bytes(sim) == before
        no_page_table_is_writable(sim)
