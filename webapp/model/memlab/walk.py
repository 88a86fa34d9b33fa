"""A page walk as plan items: one memory reference per item, then the rights check, the A/D
write-backs and the outcome (translation, #PF, #GP, EPT violation), as ``micro_steps`` gives
them; and how the lab says addresses, sizes and flags.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.memlab import costs
from webapp.model.memlab.state import Item, MemoryLab, TlbEntry
from webapp.model.memlab.tables import NX, RW, US, A, D, G, flag_words, geometry
from webapp.model.memlab.views import P2M
from webapp.model.paging import (
    Access,
    EptCause,
    EptViolation,
    GeneralProtection,
    InvalidEntry,
    NestedTranslation,
    PageFault,
    Reference,
    SimpleTranslation,
    Stage,
    StepKind,
    Translation,
    Walk,
    micro_steps,
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


class WalkPlanner:
    """The items of a walk: each reference, the rights check, the A/D write-backs and the
    outcome, against the lab's current state (the modes' planners build on it)."""

    def __init__(self, lab: MemoryLab, p2m: P2M | None) -> None:
        self.lab = lab
        self._p2m = p2m

    @property
    def p2m(self) -> P2M:
        assert self._p2m is not None, "the virtual modes need the guest's P2M"
        return self._p2m

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
            kind = outcome.kind  # ept_violation (exit 48) or ept_misconfig (exit 49)
            result = {"kind": kind, "address": hx(outcome.gpa)}
            return Item(f"exit.{kind}", data, "ept", counts=EXIT,
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
                "level": LEVEL_NAMES[fault.level.value], "why": {"key": fault_key(fault)},
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

    def _ostep_page(self) -> int:
        assert self.lab.ostep is not None
        return self.lab.ostep.page_size


def fault_key(fault: PageFault) -> str:
    if fault.reason is FaultReason.PROTECTION and fault.violation is not None:
        return f"mem.violation.{fault.violation.value}"
    return f"mem.pf.{fault.reason.value}"


def ept_flags(entry: int) -> str:
    words = [name for name, bit in (("R", 1), ("W", 2), ("X", 4)) if entry & bit]
    if entry & 0x80:
        words.append("PS")
    return " ".join(words) or "—"
