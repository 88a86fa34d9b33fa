"""TLB semantics: hits, LRU eviction, CR3 keeps global entries, invlpg drops one page."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.memlab.apply import _tlb_fill
from webapp.model.memlab.state import MemoryLab, Tlb, TlbEntry

from .support import kinds, lab, run, simulation

KERNEL_GLOBAL = "0xffff888000300040"


def cached_pages(sim: Any) -> set[str]:
    return {hex(entry.base) for entry in lab(sim).tlb.entries}


def test_writing_cr3_flushes_the_non_global_entries_only() -> None:
    sim = simulation()
    run(sim, "access", va="0x401008", access="read", user=True)
    run(sim, "access", va=KERNEL_GLOBAL, access="read", user=False)
    assert cached_pages(sim) == {"0x401000", "0xffff888000300000"}
    events = run(sim, "write_cr3")
    assert kinds(events) == ["mem.cr3"]
    assert cached_pages(sim) == {"0xffff888000300000"}
    assert kinds(run(sim, "access", va=KERNEL_GLOBAL, access="read", user=False)) == [
        "mem.tlb_hit"]
    assert kinds(run(sim, "access", va="0x401008", access="read", user=True))[0] == (
        "mem.tlb_miss")


def test_invlpg_drops_one_page_even_a_global_one() -> None:
    sim = simulation()
    run(sim, "access", va="0x401008", access="read", user=True)
    run(sim, "access", va=KERNEL_GLOBAL, access="read", user=False)
    run(sim, "invlpg", va="0xffff888000300abc")
    assert cached_pages(sim) == {"0x401000"}


def test_a_stale_entry_survives_a_page_table_change_until_invlpg() -> None:
    sim = simulation()
    run(sim, "access", va="0x401008", access="read", user=True)
    run(sim, "write_pte", va="0x401000", pfn="0x250", flags="P RW US NX")
    stale = run(sim, "access", va="0x401008", access="read", user=True)
    assert kinds(stale) == ["mem.tlb_hit"] and stale[0].data["pa"] == "0x201008"
    run(sim, "invlpg", va="0x401000")
    fresh = run(sim, "access", va="0x401008", access="read", user=True)
    assert fresh[-1].data["pa"] == "0x250008"


def test_switching_modes_starts_with_a_cold_tlb() -> None:
    sim = simulation()
    run(sim, "access", va="0x401008", access="read", user=True)
    run(sim, "set_mode", mode="ept")
    assert lab(sim).tlb.entries == []


def entry(base: int, global_: bool = False) -> TlbEntry:
    return TlbEntry(base, 4096, base + 0x100000, True, True, False, True, global_)


@settings(max_examples=60, deadline=None)
@given(pages=st.lists(st.integers(0, 20), min_size=1, max_size=60),
       capacity=st.integers(1, 8))
def test_the_tlb_never_exceeds_its_capacity_and_keeps_the_most_recent(
        pages: list[int], capacity: int) -> None:
    state = MemoryLab(domid=1, tlb=Tlb(capacity))
    for page in pages:
        _tlb_fill(None, state, entry(page << 12))  # type: ignore[arg-type]
    bases = [e.base >> 12 for e in state.tlb.entries]
    assert len(bases) <= capacity and len(set(bases)) == len(bases)
    recent = list(dict.fromkeys(reversed(pages)))[:capacity]
    assert set(bases) == set(recent)
    assert bases[-1] == pages[-1]


@pytest.mark.parametrize("mode", ["native", "pv", "shadow", "ept"])
def test_a_repeated_access_hits_in_every_mode(mode: str) -> None:
    sim = simulation(mode)
    first = run(sim, "access", va="0x401008", access="read", user=True)
    second = run(sim, "access", va="0x401008", access="read", user=True)
    assert first[-1].data.get("pa", first[-1].data.get("hpa")) == second[0].data["pa"]
    assert kinds(second) == ["mem.tlb_hit"]
