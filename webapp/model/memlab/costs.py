"""The cycle model of the memory lab: model assumptions, not measurements.

Taken from virtualization-facts.md §6.3 ("suggested default cycle budgets"); the page shows
this table next to the charts so a learner can see what the modelled cycles rest on.
"""

from __future__ import annotations

#: name → (cycles, where the figure comes from). Shown as is on the page.
COSTS: dict[str, tuple[int, str]] = {
    "tlb_hit": (1, "§6.3: TLB hit = 1"),
    "memory_reference": (6, "§6.3: a native 4-level walk with cached entries costs 20–30, "
                            "so ≈ 6 per page-table reference; a 2D walk costs its number of "
                            "references × the same"),
    "fault": (150, "§6.3: delivering an exception to the guest kernel ≈ a syscall (150)"),
    "trap": (500, "§6.3: a trap into Xen (PV #PF bounce) uses the hypercall path, 300–1,000"),
    "hypercall": (500, "§6.3: PV hypercall 300–1,000 including validation"),
    "vm_exit": (1000, "§6.3: VM exit round trip (hardware) = 1,000"),
}


def cycles(name: str) -> int:
    return COSTS[name][0]
