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

from collections.abc import Callable
from typing import Any

from webapp.model.memlab import costs
from webapp.model.memlab import shadow as shadows
from webapp.model.memlab.state import Item, MemoryLab, TlbEntry
from webapp.model.memlab.tables import (
    NX,
    RW,
    US,
    A,
    D,
    G,
    cr3,
    flag_words,
    geometry,
    memory,
)
from webapp.model.memlab.views import P2M
from webapp.model.paging import (
    Access,
    Ept,
    EptCause,
    EptViolation,
    GeneralProtection,
    InvalidEntry,
    NestedTranslation,
    PageFault,
    PagingError,
    PhysicalMemory,
    Reference,
    SimpleTranslation,
    Stage,
    StepKind,
    Translation,
    Walk,
    micro_steps,
    walk_linear,
    walk_nested,
    walk_ostep,
    walk_x86_32,
    walk_x86_64,
)
from webapp.model.paging.results import EntryUpdate, FaultReason

ACCESS = {access.value: access for access in Access}
LEVEL_NAMES = {"pml4": "PML4", "pdpt": "PDPT", "pd": "PD", "pt": "PT"}
REFERENCE = (("memory_references", 1), ("cycles", costs.cycles("memory_reference")))
FAULT = (("faults", 1), ("cycles", costs.cycles("fault")))
EXIT = (("vm_exits", 1), ("cycles", costs.cycles("vm_exit")))
TRAP = (("traps", 1), ("cycles", costs.cycles("trap")))
HYPERCALL = (("hypercalls", 1), ("cycles", costs.cycles("hypercall")))

AdEffect = Callable[[EntryUpdate], tuple[Any, ...]]


def hx(value: int) -> str:
    return f"{value:#x}"


def mode_key(mode: str) -> dict[str, str]:
    """A mode's name as a narration sub-sentence (translated when said)."""
    return {"key": f"mem.mode_name.{mode}"}


def size_key(size: int) -> dict[str, Any]:
    """A page size as a narration sub-sentence (KiB in English, Kio in French)."""
    number, unit = size_word(size).split()
    return {"key": f"mem.size.{unit.lower()}", "data": {"n": int(number)}}


def size_word(size: int) -> str:
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return f"{size >> shift} {unit}"
    return f"{size} B"


def tlb_allows(entry: TlbEntry, access: str, user: bool) -> bool:
    """A TLB hit serves the access only if the cached rights allow it (and, for a write, the
    dirty bit is already set); otherwise the processor walks the tables again."""
    if user and not entry.user:
        return False
    if access == "write" and not (entry.writable and entry.dirty):
        return False
    return not (access == "exec" and entry.nx)


class Planner:
    """Builds the items of one request against the lab's current state."""

    def __init__(self, lab: MemoryLab, p2m: P2M | None) -> None:
        self.lab = lab
        self._p2m = p2m

    @property
    def p2m(self) -> P2M:
        assert self._p2m is not None, "the virtual modes need the guest's P2M"
        return self._p2m

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

    # -- walks as items ----------------------------------------------------------------------

    def _walk_items(self, walk: Walk, read_kind: str, ad: AdEffect, request: dict[str, Any],
                    va: int, access: str, stage: str | None = None) -> list[Item]:
        """``micro_steps(walk)`` as items: reads, rights, write-backs, then the outcome."""
        references = iter(walk.references)
        updates = iter(walk.entry_updates)
        items: list[Item] = []
        entry_bytes = 4 if self.lab.tables is not None and self.lab.tables.paging == "x86_32" \
            else 8
        count = 0
        for step in micro_steps(walk):
            if step.kind is StepKind.READ_ENTRY:
                count += 1
                items.append(self._read(next(references), count, read_kind, entry_bytes, stage))
            elif step.kind is StepKind.CHECK_RIGHTS:
                items.append(self._rights(walk, access))
            elif step.kind is StepKind.WRITE_BACK:
                items.append(self._write_back(next(updates), ad, stage))
            else:
                items.append(self._outcome(walk, request, va, access, stage))
        return items

    def _read(self, ref: Reference, number: int, kind: str, entry_bytes: int,
              stage: str | None) -> Item:
        side = stage or ref.stage.value
        level = LEVEL_NAMES[ref.level.value]
        if ref.stage is Stage.EPT:
            kind, level = "mem.read_ept", "EPT " + level
        elif ref.stage is Stage.GUEST:
            kind = "mem.read_guest"
        elif side == "shadow":
            kind = "mem.read_shadow"
        address = ref.entry_address
        data = {"n": number, "level": level, "address": hx(address), "value": hx(ref.entry),
                "base": hx(address & ~0xFFF), "index": (address & 0xFFF) // entry_bytes,
                "stage": side, "gpa": hx(ref.gpa) if ref.gpa is not None else None,
                "flags": (" ".join(flag_words(ref.entry)) or "—") if ref.stage is not Stage.EPT
                else ept_flags(ref.entry)}
        return Item(kind, data, side, level, address, ref.entry, counts=REFERENCE)

    def _rights(self, walk: Walk, access: str) -> Item:
        used = [ref.entry for ref in walk.references if ref.stage is not Stage.EPT]
        writable = all(e & RW for e in used)
        user = all(e & US for e in used)
        nx = any(e & NX for e in used)
        outcome = walk.outcome
        violation = outcome.violation if isinstance(outcome, PageFault) else None
        data: dict[str, Any] = {"rw": int(writable), "us": int(user), "nx": int(nx),
                                "access": access, "how": {"key": f"mem.access.{access}"}}
        if violation is None:
            return Item("mem.rights_ok", data, "check")
        data["violation"] = {"key": f"mem.violation.{violation.value}"}
        return Item("mem.rights_refused", data, "check")

    def _write_back(self, update: EntryUpdate, ad: AdEffect, stage: str | None) -> Item:
        bits = [name for name, bit in (("A", A), ("D", D)) if (update.new ^ update.old) & bit]
        level = LEVEL_NAMES[update.level.value]
        data = {"level": level, "address": hx(update.entry_address), "old": hx(update.old),
                "new": hx(update.new), "bits": " ".join(bits)}
        side = stage or update.stage.value
        return Item("mem.write_back", data, side, level, update.entry_address, update.new,
                    effects=(ad(update),))

    def _outcome(self, walk: Walk, request: dict[str, Any], va: int, access: str,
                 stage: str | None) -> Item:
        outcome = walk.outcome
        if isinstance(outcome, Translation | NestedTranslation):
            return self._translated(walk, outcome, request, va, access, stage)
        if isinstance(outcome, SimpleTranslation):
            size = self._ostep_page()
            fill = TlbEntry(va & ~(size - 1), size, outcome.pa & ~(size - 1), True, True,
                            False, True, False)
            data = {**request, "pa": hx(outcome.pa), "value": outcome.value}
            result = {"kind": "translated", "address": hx(outcome.pa)}
            return Item("mem.translated_ostep", data, "native", address=outcome.pa,
                        effects=(("tlb_fill", fill), ("log", request, result, "miss")))
        if isinstance(outcome, PageFault):
            return self._page_fault(outcome, request, walk)
        if isinstance(outcome, GeneralProtection):
            result = {"kind": "general_protection"}
            return Item("fault.gp", {**request}, "native", counts=FAULT,
                        effects=(("log", request, result, "miss"),), notable=True)
        if isinstance(outcome, EptViolation):
            cause = "mem.ept_cause.data" if outcome.cause is EptCause.DATA \
                else "mem.ept_cause.table"
            data = {**request, "gpa": hx(outcome.gpa), "level": "EPT " +
                    LEVEL_NAMES[outcome.level.value], "exit_reason": outcome.exit_reason,
                    "why": {"key": f"mem.ept_reason.{outcome.reason.value}"},
                    "cause": {"key": cause}}
            result = {"kind": "ept_violation", "address": hx(outcome.gpa)}
            return Item("exit.ept_violation", data, "ept", counts=EXIT,
                        effects=(("log", request, result, "miss"),), notable=True)
        assert isinstance(outcome, InvalidEntry)
        result = {"kind": "invalid"}
        data = {**request, "vpn": outcome.vpn, "level": LEVEL_NAMES[outcome.level.value]}
        return Item("fault.ostep", data, "native", counts=FAULT,
                    effects=(("log", request, result, "miss"),), notable=True)

    def _translated(self, walk: Walk, outcome: Translation | NestedTranslation,
                    request: dict[str, Any], va: int, access: str, stage: str | None) -> Item:
        used = [ref.entry for ref in walk.references if ref.stage is not Stage.EPT]
        leaf = used[-1]
        if isinstance(outcome, NestedTranslation):
            size = min(outcome.page_size, outcome.ept_page_size)
            pa, kind = outcome.hpa, "mem.translated_2d"
            data = {**request, "gpa": hx(outcome.gpa), "hpa": hx(outcome.hpa),
                    "page": size_word(outcome.page_size), "size": size_key(outcome.page_size)}
        else:
            size, pa = outcome.page_size, outcome.pa
            kind = "mem.translated"
            data = {**request, "pa": hx(pa), "page": size_word(size), "size": size_key(size)}
        fill = TlbEntry(va & ~(size - 1), size, pa & ~(size - 1),
                        all(e & RW for e in used), all(e & US for e in used),
                        any(e & NX for e in used), bool(leaf & D) or access == "write",
                        bool(leaf & G))
        result = {"kind": "translated", "address": hx(pa)}
        return Item(kind, data, stage or "native", address=pa,
                    effects=(("tlb_fill", fill), ("log", request, result, "miss")))

    def _page_fault(self, fault: PageFault, request: dict[str, Any], walk: Walk) -> Item:
        code = fault.error_code
        bits = {name: int(bool(code & bit)) for name, bit in
                (("p", 1), ("wr", 2), ("us", 4), ("rsvd", 8), ("id", 16))}
        data = {**request, "cr2": hx(fault.cr2), "error_code": hx(code),
                "level": LEVEL_NAMES[fault.level.value], "why": {"key": _fault_key(fault)},
                **bits}
        del walk
        result = {"kind": "page_fault", "error_code": hx(code)}
        return Item("fault.pf", data, "native", counts=FAULT,
                    effects=(("log", request, result, "miss"),), notable=True)

    # -- direct write-backs ------------------------------------------------------------------

    def _ad_direct(self, update: EntryUpdate) -> tuple[Any, ...]:
        """A/D written into the guest's own tables (native: physical = pseudo-physical)."""
        geo = geometry(self._tables())
        return ("guest", update.entry_address >> 12,
                (update.entry_address & 0xFFF) // geo.entry_bytes, update.new)

    def _ad_machine(self, update: EntryUpdate) -> tuple[Any, ...]:
        """A/D written at a machine address of one of the guest's tables (PV, 2D walk)."""
        pfn = self.p2m.pfn(update.entry_address >> 12)
        assert pfn is not None
        index = (update.entry_address & 0xFFF) >> 3
        old = self._tables().frames[pfn][index]
        return ("guest", pfn, index, old | (update.new & (A | D)))

    def _ad_shadow(self, update: EntryUpdate) -> tuple[Any, ...]:
        return ("shadow", update.entry_address >> 12, (update.entry_address & 0xFFF) >> 3,
                update.new)

    def _tables(self) -> Any:
        assert self.lab.tables is not None
        return self.lab.tables

    # -- shadow paging -----------------------------------------------------------------------

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
        exit_data = {**request, "why": {"key": _fault_key(hardware.outcome)}}
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

    # -- OSTEP -------------------------------------------------------------------------------

    def _ostep_page(self) -> int:
        assert self.lab.ostep is not None
        return self.lab.ostep.page_size

    def _ostep(self, va: int, request: dict[str, Any]) -> list[Item]:
        problem = self.lab.ostep
        assert problem is not None
        if problem.kind == "multi":
            walk = walk_ostep(problem.memory, problem.pdbr, va)
        else:
            walk = walk_linear(problem.page_table, problem.page_size, va)
        items = []
        for n, ref in enumerate(walk.references, start=1):
            level = LEVEL_NAMES[ref.level.value]
            step = 1 if problem.kind == "multi" else 4
            data = {"n": n, "level": level, "address": hx(ref.entry_address),
                    "value": hx(ref.entry), "index": (ref.entry_address % 32) // step
                    if problem.kind == "multi" else ref.entry_address // 4,
                    "base": hx(ref.entry_address & ~31) if problem.kind == "multi" else "0x0",
                    "stage": "native", "gpa": None, "flags": ostep_flags(ref.entry, problem.kind)}
            items.append(Item("mem.read_ostep", data, "native", level, ref.entry_address,
                              ref.entry, counts=REFERENCE))
        items.append(self._outcome(walk, request, va, "read", None))
        return items


def _fault_key(fault: PageFault) -> str:
    if fault.reason is FaultReason.PROTECTION and fault.violation is not None:
        return f"mem.violation.{fault.violation.value}"
    return f"mem.pf.{fault.reason.value}"


def ept_flags(entry: int) -> str:
    words = [name for name, bit in (("R", 1), ("W", 2), ("X", 4)) if entry & bit]
    if entry & 0x80:
        words.append("PS")
    return " ".join(words) or "—"


def ostep_flags(entry: int, kind: str) -> str:
    valid = entry & (0x80 if kind == "multi" else 0x8000_0000)
    pfn = entry & (0x7F if kind == "multi" else 0x7FFF_FFFF)
    return f"V={1 if valid else 0} PFN={pfn:#x}"
