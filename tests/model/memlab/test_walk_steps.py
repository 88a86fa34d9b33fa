"""One memory reference per step, A/D bits as the hardware sets them, faults, counters."""

from __future__ import annotations

from webapp.model.memlab.tables import A, D, read

from .support import kinds, lab, last_result, reads, run, simulation


def test_a_cold_access_is_a_tlb_miss_then_one_reference_per_step() -> None:
    sim = simulation()
    first = sim.step_no
    events = run(sim, "access", va="0x401008", access="read", user=True)
    assert kinds(events)[0] == "mem.tlb_miss"
    steps = [e.step for e in reads(events)]
    assert len(steps) == 4 and len(set(steps)) == 4, "each reference has its own step"
    assert [e.data["level"] for e in reads(events)] == ["PML4", "PDPT", "PD", "PT"]
    assert kinds(events)[-1] == "mem.translated"
    assert events[-1].data["pa"] == "0x201008"
    assert sim.step_no - first == len(events)


def test_accessed_bits_flip_in_every_entry_used_and_dirty_only_in_the_leaf_on_a_write(
        ) -> None:
    sim = simulation()
    tables = lab(sim).tables
    assert tables is not None
    before = {pfn: frame for pfn, frame in tables.frames.items()}
    events = run(sim, "access", va="0x401010", access="write", user=True)
    updates = [e for e in events if e.kind == "mem.write_back"]
    assert [u.data["bits"] for u in updates] == ["A", "A", "A", "A D"]
    l1 = next(pfn for pfn, level in tables.levels.items() if level == 1
              and before[pfn][1] & 1)
    leaf = read(tables, l1, 1)
    assert leaf & A and leaf & D
    assert not before[l1][1] & (A | D)
    upper = [read(tables, tables.root, 0)]
    assert all(entry & A and not entry & D for entry in upper)


def test_a_read_sets_accessed_but_not_dirty() -> None:
    sim = simulation()
    events = run(sim, "access", va="0x401010", access="read", user=True)
    assert [e.data["bits"] for e in events if e.kind == "mem.write_back"] == ["A"] * 4


def test_the_second_access_to_the_page_hits_the_tlb_with_no_reference() -> None:
    sim = simulation()
    run(sim, "access", va="0x401008", access="read", user=True)
    events = run(sim, "access", va="0x401ff0", access="read", user=True)
    assert kinds(events) == ["mem.tlb_hit"]
    assert events[0].data["pa"] == "0x201ff0"
    counters = lab(sim).counters["native"]
    assert (counters.tlb_hits, counters.tlb_misses, counters.memory_references) == (1, 1, 4)


def test_a_write_through_a_clean_tlb_entry_walks_again_to_set_dirty() -> None:
    sim = simulation()
    run(sim, "access", va="0x401008", access="read", user=True)
    events = run(sim, "access", va="0x401008", access="write", user=True)
    assert kinds(events)[0] == "mem.tlb_miss"
    assert [e.data["bits"] for e in events if e.kind == "mem.write_back"] == ["D"]
    assert kinds(run(sim, "access", va="0x401008", access="write", user=True)) == [
        "mem.tlb_hit"]


def test_a_not_present_page_faults_with_its_error_code_and_cr2() -> None:
    sim = simulation()
    events = run(sim, "access", va="0x403abc", access="write", user=True)
    fault = events[-1]
    assert fault.kind == "fault.pf" and fault.notable
    assert fault.data["cr2"] == "0x403abc"
    assert fault.data["error_code"] == "0x6"  # not present, write, user
    assert (fault.data["p"], fault.data["wr"], fault.data["us"]) == (0, 1, 1)
    assert "mem.write_back" not in kinds(events), "no A bits without a translation"
    assert last_result(sim)["kind"] == "page_fault"


def test_a_protection_fault_names_its_rule_and_sets_p_in_the_error_code() -> None:
    sim = simulation()
    events = run(sim, "access", va="0x400000", access="write", user=True)
    assert "mem.rights_refused" in kinds(events)
    assert events[-1].data["error_code"] == "0x7"
    assert events[-1].data["why"] == {"key": "mem.violation.read_only"}


def test_kernel_pages_refuse_user_accesses_and_nx_refuses_fetches() -> None:
    sim = simulation()
    user = run(sim, "access", va="0xffff888000300000", access="read", user=True)
    assert user[-1].data["why"] == {"key": "mem.violation.user_supervisor"}
    fetch = run(sim, "access", va="0x401000", access="exec", user=True)
    assert fetch[-1].data["error_code"] == "0x15"  # P, U/S, I/D


def test_a_non_canonical_address_is_a_gp_with_no_reference() -> None:
    sim = simulation()
    events = run(sim, "access", va="0x800000000000", access="read", user=False)
    assert kinds(events) == ["mem.tlb_miss", "fault.gp"]
    assert lab(sim).counters["native"].memory_references == 0


def test_the_counters_add_the_modelled_cycles_of_each_step() -> None:
    sim = simulation()
    run(sim, "access", va="0x401008", access="read", user=True)
    run(sim, "access", va="0x401008", access="read", user=True)
    counters = lab(sim).counters["native"]
    assert counters.cycles == 4 * 6 + 1
    assert counters.accesses == 2
