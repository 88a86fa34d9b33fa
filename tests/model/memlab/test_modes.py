"""The same guest in four modes: PV direct paging, shadow paging, nested paging (EPT)."""

from __future__ import annotations

from typing import Any

import pytest

from webapp.model.memlab.views import P2M

from .support import MAPPINGS, kinds, lab, last_result, reads, run, simulation

MMIO = [*MAPPINGS, {"va": "0xffffc90000000000", "pfn": "0xfee00", "flags": "P RW PCD NX"}]


def p2m(sim: Any) -> P2M:
    return P2M(sim.world.host.domains[lab(sim).domid].p2m)


def machine(sim: Any, pa: str) -> str:
    address = int(pa, 16)
    mfn = p2m(sim).mfn(address >> 12)
    assert mfn is not None
    return hex(mfn << 12 | address & 0xFFF)


def test_a_cold_2d_walk_makes_24_references_in_the_documented_order() -> None:
    sim = simulation("ept")
    events = run(sim, "access", va="0x401008", access="read", user=True)
    refs = reads(events)
    assert len(refs) == 24
    sides = "".join("G" if e.kind == "mem.read_guest" else "E" for e in refs)
    assert sides == "EEEEG" * 4 + "EEEE"
    assert [e.data["n"] for e in refs] == list(range(1, 25))
    assert len({e.step for e in refs}) == 24, "one reference per step"
    translated = events[-1]
    assert translated.kind == "mem.translated_2d"
    assert translated.data["gpa"] == "0x201008"
    assert translated.data["hpa"] == machine(sim, "0x201008")
    assert lab(sim).counters["ept"].memory_references == 24


def test_every_ept_walk_translates_the_guest_physical_address_the_guest_needs() -> None:
    sim = simulation("ept")
    refs = reads(run(sim, "access", va="0x401008", access="read", user=True))
    tables = lab(sim).tables
    assert tables is not None
    assert refs[0].data["gpa"] == hex(tables.root << 12)  # the guest CR3 first
    guest = [e for e in refs if e.kind == "mem.read_guest"]
    for entry, next_walk in zip(guest, [refs[5], refs[10], refs[15], refs[20]], strict=True):
        target = int(entry.data["value"], 16) & 0x000F_FFFF_FFFF_F000
        assert int(next_walk.data["gpa"], 16) & ~0xFFF == target


def test_an_ept_violation_exits_to_xen_when_the_ept_has_no_entry() -> None:
    sim = simulation("ept", mappings=MMIO)
    events = run(sim, "access", va="0xffffc90000000010", access="read", user=False)
    exit_event = events[-1]
    assert exit_event.kind == "exit.ept_violation" and exit_event.notable
    assert exit_event.data["exit_reason"] == 48
    assert exit_event.data["gpa"] == "0xfee00010"
    assert lab(sim).counters["ept"].vm_exits == 1
    assert last_result(sim)["kind"] == "ept_violation"


def test_pv_walks_machine_frames_and_gives_the_machine_address() -> None:
    sim = simulation("pv")
    events = run(sim, "access", va="0x401008", access="read", user=True)
    tables = lab(sim).tables
    assert tables is not None
    root_mfn = p2m(sim).mfn(tables.root)
    assert reads(events)[0].data["base"] == hex(root_mfn << 12)
    assert events[-1].data["pa"] == machine(sim, "0x201008")
    assert len(reads(events)) == 4


def test_a_pv_page_fault_traps_to_xen_which_bounces_it() -> None:
    sim = simulation("pv")
    events = run(sim, "access", va="0x403000", access="read", user=True)
    assert kinds(events)[-2:] == ["fault.pf", "trap.pv_bounce"]
    counters = lab(sim).counters["pv"]
    assert (counters.faults, counters.traps, counters.vm_exits) == (1, 1, 0)


def test_pv_guests_use_hypercalls_for_cr3_and_invlpg() -> None:
    sim = simulation("pv")
    assert kinds(run(sim, "write_cr3")) == ["hypercall.new_baseptr"]
    assert kinds(run(sim, "invlpg", va="0x401000")) == ["hypercall.invlpg"]
    assert lab(sim).counters["pv"].hypercalls == 2


def test_shadow_paging_fills_the_shadow_on_a_hidden_fault_then_rewalks() -> None:
    sim = simulation("shadow")
    events = run(sim, "access", va="0x401008", access="read", user=True)
    sequence = kinds(events)
    assert sequence[:3] == ["mem.tlb_miss", "mem.read_shadow", "exit.shadow_pf"]
    assert sequence.count("mem.read_soft") == 4
    assert sequence.count("mem.shadow_fill") == 4
    assert "mem.vm_entry" in sequence
    assert sequence[-1] == "mem.translated"
    assert events[-1].data["pa"] == machine(sim, "0x201008")
    counters = lab(sim).counters["shadow"]
    assert counters.vm_exits == 1 and counters.memory_references == 1 + 4 + 4
    nearby = run(sim, "access", va="0x402008", access="read", user=True)
    assert kinds(nearby).count("mem.shadow_fill") == 1, "only the missing PT entry"


def test_shadow_paging_injects_a_true_fault_into_the_guest() -> None:
    sim = simulation("shadow")
    events = run(sim, "access", va="0x403000", access="read", user=True)
    assert kinds(events)[-1] == "fault.injected"
    assert "mem.shadow_fill" not in kinds(events)


def test_the_first_write_to_a_clean_page_exits_so_xen_sets_the_guest_dirty_bit() -> None:
    sim = simulation("shadow")
    run(sim, "access", va="0x401008", access="read", user=True)
    events = run(sim, "access", va="0x401008", access="write", user=True)
    assert "exit.shadow_pf" in kinds(events)
    soft = [e for e in events if e.kind == "mem.write_back_soft"]
    assert soft[-1].data["bits"] == "D"
    again = run(sim, "access", va="0x401010", access="write", user=True)
    assert kinds(again) == ["mem.tlb_hit"]


def test_a_guest_write_to_its_page_table_traps_and_the_shadow_is_resynced() -> None:
    sim = simulation("shadow")
    run(sim, "access", va="0x401008", access="read", user=True)
    events = run(sim, "write_pte", va="0x401000", pfn="0x250", flags="P RW US NX")
    assert kinds(events) == ["exit.pt_write", "mem.shadow_emulate_pte", "mem.shadow_resync"]
    assert lab(sim).tlb.entries == []
    after = run(sim, "access", va="0x401008", access="read", user=True)
    assert after[-1].data["pa"] == machine(sim, "0x250008")
    assert "exit.shadow_pf" not in kinds(after), "the resync already filled the entry"


def test_shadow_cr3_and_invlpg_exit_to_xen() -> None:
    sim = simulation("shadow")
    run(sim, "access", va="0x401008", access="read", user=True)
    assert kinds(run(sim, "write_cr3")) == ["exit.cr3", "mem.shadow_cr3"]
    assert kinds(run(sim, "invlpg", va="0x401000")) == ["exit.invlpg", "mem.shadow_invlpg"]
    assert "exit.shadow_pf" in kinds(run(sim, "access", va="0x401008", access="read",
                                          user=True))


def test_nested_paging_needs_no_exit_for_cr3_invlpg_or_page_table_writes() -> None:
    sim = simulation("ept")
    assert kinds(run(sim, "write_cr3")) == ["mem.cr3_ept"]
    assert kinds(run(sim, "invlpg", va="0x401000")) == ["mem.invlpg_ept"]
    assert kinds(run(sim, "write_pte", va="0x401000", pfn="0x250")) == ["mem.pte_store_ept"]
    assert lab(sim).counters.get("ept") is None or lab(sim).counters["ept"].vm_exits == 0


@pytest.mark.parametrize("mode", ["pv", "shadow", "ept"])
def test_every_mode_reaches_the_machine_frame_the_p2m_gives(mode: str) -> None:
    native = simulation("native")
    virtual = simulation(mode)
    for va, access, user in [("0x401008", "read", True), ("0x400010", "exec", True),
                             ("0xffff888000300040", "write", False)]:
        expected = run(native, "access", va=va, access=access, user=user)[-1].data["pa"]
        got = run(virtual, "access", va=va, access=access, user=user)[-1].data
        assert got.get("pa", got.get("hpa")) == machine(virtual, expected)


def test_large_guest_pages_are_splintered_by_the_shadow() -> None:
    large = [{"va": "0xffffffff81000000", "pfn": "0x400", "size": "2M", "flags": "P G"}]
    sim = simulation("shadow", mappings=large, trace=[])
    events = run(sim, "access", va="0xffffffff81001234", access="exec", user=False)
    assert events[-1].kind == "mem.translated"
    assert events[-1].data["pa"] == machine(sim, "0x401234")
    assert events[-1].data["page"] == "4 KiB", "the fl1 shadow maps 4 KiB pages"
