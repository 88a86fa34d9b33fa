"""Plans: what one request does in the current mode, as items — one simulation step each.

An access plan starts with the TLB lookup; on a miss it is the walk as ``micro_steps`` gives
it (one memory reference per item, then the rights check, the A/D write-backs and the
outcome), plus what the hypervisor does in that mode: the #PF bounce of PV, the VM exits,
software walk and shadow fill of shadow paging, the EPT violation of nested paging.

A plan is computed from the state at its first step and carries its changes as effects
(``apply``); the lab accepts no other command while a plan runs, so the state it was
computed from is still the state each item applies to.
"""

from __future__ import annotations

from typing import Any

from webapp.model.memlab import costs
from webapp.model.memlab.ostep import OstepPlanner
from webapp.model.memlab.shadow_fault import ShadowPlanner
from webapp.model.memlab.state import Item, TlbEntry
from webapp.model.memlab.tables import cr3, memory
from webapp.model.memlab.walk import ACCESS, EXIT, HYPERCALL, TRAP, hx, mode_key, size_word
from webapp.model.paging import (
    Ept,
    GeneralProtection,
    PageFault,
    PagingError,
    PhysicalMemory,
    walk_nested,
    walk_x86_32,
    walk_x86_64,
)

__all__ = ["EXIT", "HYPERCALL", "Planner", "hx", "mode_key", "size_word", "tlb_allows"]


def tlb_allows(entry: TlbEntry, access: str, user: bool) -> bool:
    """A TLB hit serves the access only if the cached rights allow it (and, for a write, the
    dirty bit is already set); otherwise the processor walks the tables again."""
    if user and not entry.user:
        return False
    if access == "write" and not (entry.writable and entry.dirty):
        return False
    return not (access == "exec" and entry.nx)


class Planner(ShadowPlanner, OstepPlanner):
    """Builds the items of one request against the lab's current state."""

    # -- one access --------------------------------------------------------------------------

    def access(self, va: int, access: str, user: bool) -> list[Item]:
        """The items of one access in the current mode."""
        lab = self.lab
        who = {"key": "mem.who.user" if user else "mem.who.kernel"}
        request = {"va": hx(va), "access": access, "user": user, "mode": mode_key(lab.mode),
                   "who": who,
                   "how": {"key": f"mem.access.{access}"}}
        cached = lab.tlb.find(va)
        if cached is not None and tlb_allows(cached, access, user):
            pa = cached.frame | (va & (cached.size - 1))
            counts = (("accesses", 1), ("tlb_hits", 1), ("cycles", costs.cycles("tlb_hit")))
            outcome = {"kind": "translated", "address": hx(pa)}
            return [Item("mem.tlb_hit", {**request, "pa": hx(pa), "page": hx(cached.base)},
                         "tlb", counts=counts,
                         effects=(("tlb_touch", cached.base), ("log", request, outcome, "hit")))]
        reason = "mem.tlb.absent" if cached is None else "mem.tlb.refuses"
        first = Item("mem.tlb_miss", {**request, "why": {"key": reason}}, "tlb",
                     counts=(("accesses", 1), ("tlb_misses", 1)))
        try:
            rest = self._walk_in_mode(va, access, user, request)
        except PagingError as error:
            rest = [Item("mem.walk_error", {"problem": str(error)}, "native")]
        return [first, *rest]

    def _walk_in_mode(self, va: int, access: str, user: bool, request: dict[str, Any]
                      ) -> list[Item]:
        lab = self.lab
        if lab.ostep is not None:
            return self._ostep(va, request)
        assert lab.tables is not None
        tables = lab.tables
        kind = ACCESS[access]
        if lab.mode == "native" or tables.paging == "x86_32":
            walker = walk_x86_64 if tables.paging == "x86_64" else walk_x86_32
            walk = walker(memory(tables, "physical"), cr3(tables), va, kind, user)
            return self._walk_items(walk, "mem.read", self._ad_direct, request, va, access)
        if lab.mode == "pv":
            root = self.p2m.mfn(tables.root)
            assert root is not None
            walk = walk_x86_64(PhysicalMemory(lab.pv_frames, 8, "machine"), root << 12, va,
                               kind, user)
            items = self._walk_items(walk, "mem.read", self._ad_machine, request, va, access)
            if isinstance(walk.outcome, PageFault | GeneralProtection):
                items.append(Item("trap.pv_bounce", {"va": hx(va)}, "xen", counts=TRAP,
                                  notable=True))
            return items
        if lab.mode == "ept":
            ept = Ept(lab.ept_root, PhysicalMemory(lab.ept_frames, 8, "host-physical"))
            walk = walk_nested(memory(tables), cr3(tables), ept, va, kind, user)
            return self._walk_items(walk, "mem.read", self._ad_machine, request, va, access)
        return self._shadow(va, access, user, request)
