"""Shadow paging's page-fault path: the #PF on the shadow exits to Xen, which walks the guest's
tables in software, then fills the shadow and re-enters the guest (or injects the guest's own
fault, or emulates a write to a page table).
"""

from __future__ import annotations

from typing import Any

from webapp.model.memlab import shadow as shadows
from webapp.model.memlab.state import Item
from webapp.model.memlab.tables import cr3, flag_words, memory
from webapp.model.memlab.walk import ACCESS, EXIT, FAULT, LEVEL_NAMES, WalkPlanner, fault_key, hx
from webapp.model.paging import PageFault, Translation, Walk, walk_x86_64
from webapp.model.paging.results import FaultReason


class ShadowPlanner(WalkPlanner):
    """Shadow paging: the hardware walks Xen's shadow tables; a miss exits to Xen, which walks
    the guest's tables in software and fills the shadow (or injects the guest's fault)."""

    def _shadow(self, va: int, access: str, user: bool, request: dict[str, Any]) -> list[Item]:
        lab, tables = self.lab, self._tables()
        assert lab.shadow is not None and lab.shadow.root is not None
        kind = ACCESS[access]
        hardware = walk_x86_64(shadows.memory(lab.shadow.frames), lab.shadow.root << 12, va,
                               kind, user)
        if not isinstance(hardware.outcome, PageFault):
            return self._walk_items(hardware, "mem.read", self._ad_shadow, request, va,
                                    access, "shadow")
        items = [self._read(ref, n, "mem.read", 8, "shadow")
                 for n, ref in enumerate(hardware.references, start=1)]
        exit_data = {**request, "why": {"key": fault_key(hardware.outcome)}}
        items.append(Item("exit.shadow_pf", exit_data, "xen", counts=EXIT, notable=True))
        guest = walk_x86_64(memory(tables), cr3(tables), va, kind, user)
        soft = [self._read(ref, n, "mem.read_soft", 8, "guest")
                for n, ref in enumerate(guest.references, start=1)]
        items += soft
        if not isinstance(guest.outcome, Translation):
            outcome = guest.outcome
            if isinstance(outcome, PageFault) and outcome.reason is FaultReason.PROTECTION:
                items.append(self._rights(guest, access))
            fault = self._outcome(guest, request, va, access, "guest")
            injected = Item("fault.injected", fault.data, "guest", counts=FAULT,
                            effects=fault.effects, notable=True)
            return [*items, injected]
        items += [Item("mem.write_back_soft", i.data, "guest", i.level, i.address, i.value,
                       effects=i.effects)
                  for i in (self._write_back(u, self._ad_direct, "guest")
                            for u in guest.entry_updates)]
        return items + self._shadow_fill(guest, request, va, access, user)

    def _shadow_fill(self, guest: Walk, request: dict[str, Any], va: int, access: str,
                     user: bool) -> list[Item]:
        lab, tables = self.lab, self._tables()
        assert lab.shadow is not None and isinstance(guest.outcome, Translation)
        target = guest.outcome.pa >> 12
        if self.p2m.mfn(target) is None:
            result = {"kind": "mmio", "address": hx(guest.outcome.pa)}
            return [Item("exit.mmio", {**request, "gpa": hx(guest.outcome.pa)}, "xen",
                         effects=(("log", request, result, "miss"),), notable=True)]
        if access == "write" and target in tables.frames:
            mfn = self.p2m.mfn(target)
            assert mfn is not None
            result = {"kind": "translated", "address": hx((mfn << 12) | (va & 0xFFF))}
            data = {**request, "pfn": hx(target), "mfn": hx(mfn)}
            return [Item("mem.shadow_emulate", data, "xen",
                         effects=(("log", request, result, "miss"),))]
        entries = {u.entry_address: u.new for u in guest.entry_updates}
        used = guest.references
        filler = shadows.Filler(lab.shadow, tables, self.p2m)
        if not filler.fill(used, [entries.get(r.entry_address, r.entry) for r in used], va):
            return [Item("mem.shadow_full", dict(request), "xen")]
        items = []
        for level, smfn, index, value in filler.writes:
            data = {"level": LEVEL_NAMES[{4: "pml4", 3: "pdpt", 2: "pd", 1: "pt"}[level]],
                    "smfn": hx(smfn), "index": index, "value": hx(value),
                    "flags": " ".join(flag_words(value))}
            items.append(Item("mem.shadow_fill", data, "xen", data["level"],
                              (smfn << 12) | index * 8, value))
        effects = tuple(e for group in filler.effects for e in group)
        if items:
            first = items[0]
            items[0] = Item(first.kind, first.data, first.stage, first.level, first.address,
                            first.value, effects=effects)
        else:
            items.append(Item("mem.shadow_same", dict(request), "xen", effects=effects))
        items.append(Item("mem.vm_entry", dict(request), "xen"))
        root = lab.shadow.root
        assert root is not None
        rewalk = walk_x86_64(shadows.memory(filler.frames), root << 12, va,
                             ACCESS[access], user)
        return items + self._walk_items(rewalk, "mem.read", self._ad_shadow, request, va,
                                        access, "shadow")
