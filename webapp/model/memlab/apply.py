"""Carrying out an item: its effects on the lab state and its counts.

Effects are plain tuples so plans pickle with the checkpoints; ``HANDLERS`` maps each effect
name to the function that performs it. ``commands`` adds the handlers of its own effects
(mode switch, document, comparison, quiz).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.host import World
from webapp.model.memlab import pv
from webapp.model.memlab import shadow as shadows
from webapp.model.memlab.state import Item, MemoryLab, TlbEntry
from webapp.model.memlab.tables import A, D, scan_work, write
from webapp.model.memlab.views import P2M, machine_entry, p2m_of, pv_view

LOG_LENGTH = 12
Handler = Callable[..., None]


def apply_item(world: World, lab: MemoryLab, item: Item) -> None:
    """Count ``item`` in the current mode's counters and perform its effects in order."""
    if item.counts:
        counters = lab.counters_of(lab.mode)
        for name, amount in item.counts:
            counters.add(name, amount)
    for effect in item.effects:
        HANDLERS[effect[0]](world, lab, *effect[1:])


def _tlb_touch(world: World, lab: MemoryLab, base: int) -> None:
    entries = lab.tlb.entries
    for position, entry in enumerate(entries):
        if entry.base == base:
            entries.append(entries.pop(position))
            return


def _tlb_fill(world: World, lab: MemoryLab, entry: TlbEntry) -> None:
    tlb = lab.tlb
    tlb.entries = [e for e in tlb.entries if not (e.covers(entry.base) or entry.covers(e.base))]
    tlb.entries.append(entry)
    while len(tlb.entries) > tlb.capacity:
        tlb.entries.pop(0)


def _tlb_flush(world: World, lab: MemoryLab, which: str) -> None:
    if which == "all":
        lab.tlb.entries = []
    else:
        lab.tlb.entries = [e for e in lab.tlb.entries if e.global_]


def _tlb_drop(world: World, lab: MemoryLab, va: int) -> None:
    lab.tlb.entries = [e for e in lab.tlb.entries if not e.covers(va)]


def _log(world: World, lab: MemoryLab, request: dict[str, Any], result: dict[str, Any],
         tlb: str) -> None:
    number = lab.log[-1]["n"] + 1 if lab.log else 1
    lab.log.append({"n": number, **request, **result, "tlb": tlb, "mode": lab.mode})
    del lab.log[:-LOG_LENGTH]


def _guest(world: World, lab: MemoryLab, pfn: int, index: int, value: int) -> None:
    """Write one entry of the guest's tables (and of the PV machine copy, in PV mode)."""
    assert lab.tables is not None
    if pfn not in lab.tables.frames:
        return
    if (lab.tables.frames[pfn][index] ^ value) & ~(A | D):
        lab.layout_version += 1  # more than the accessed/dirty bits a walk writes back
    write(lab.tables.frames, pfn, index, value)
    lab.tables_version += 1
    if lab.mode == "pv" and lab.pv_frames:
        p2m = p2m_of(world, lab)
        mfn = p2m.mfn(pfn)
        if mfn is not None and mfn in lab.pv_frames:
            write(lab.pv_frames, mfn, index, machine_entry(value, lab.tables.levels[pfn], p2m))


def _new_table(world: World, lab: MemoryLab, pfn: int, level: int) -> None:
    """A frame becomes a page table of ``level`` (an empty one: the lab models no data)."""
    assert lab.tables is not None
    if pfn in lab.tables.frames:
        return
    lab.tables.frames[pfn] = (0,) * 512
    lab.tables.levels[pfn] = level
    lab.tables_version += 1
    lab.layout_version += 1
    if lab.mode == "pv":
        mfn = p2m_of(world, lab).mfn(pfn)
        if mfn is not None:
            lab.pv_frames[mfn] = (0,) * 512


def _pv_types(world: World, lab: MemoryLab) -> None:
    lab.work += scan_work(lab.tables)
    if lab.tables is not None:
        lab.pv_types = pv.derive_types(lab.tables, p2m_of(world, lab), lab.pinned,
                                       lab.pv_types)


def _shadow(world: World, lab: MemoryLab, smfn: int, index: int, value: int) -> None:
    if lab.shadow is not None and smfn in lab.shadow.frames:
        write(lab.shadow.frames, smfn, index, value)


def _shadow_alloc(world: World, lab: MemoryLab, key: tuple[int, ...], smfn: int,
                  level: int) -> None:
    assert lab.shadow is not None
    lab.shadow.of_guest[key] = smfn
    lab.shadow.frames[smfn] = (0,) * 512
    lab.shadow.levels[smfn] = level


def _shadow_reset(world: World, lab: MemoryLab) -> None:
    shadows.reset(lab)


def _counters_reset(world: World, lab: MemoryLab) -> None:
    lab.counters.pop(lab.mode, None)


def enter_mode(world: World, lab: MemoryLab, mode: str) -> None:
    """Run the guest in ``mode`` from now on: a cold TLB, and that mode's structures."""
    lab.mode = mode
    lab.tables_version += 1
    lab.layout_version += 1
    lab.work += scan_work(lab.tables)
    lab.tlb.entries = []
    lab.pv_frames, lab.pv_types = {}, {}
    if lab.tables is None or lab.tables.paging != "x86_64":
        return
    if mode == "pv":
        p2m: P2M = p2m_of(world, lab)
        lab.pv_frames = pv_view(lab.tables, p2m)
        root = p2m.mfn(lab.tables.root)
        lab.pinned = {root} if root is not None else set()
        lab.pv_types = pv.derive_types(lab.tables, p2m, lab.pinned, {})
    if mode == "shadow":
        shadows.reset(lab)


def _mode(world: World, lab: MemoryLab, mode: str) -> None:
    enter_mode(world, lab, mode)


HANDLERS: dict[str, Handler] = {
    "tlb_touch": _tlb_touch,
    "tlb_fill": _tlb_fill,
    "tlb_flush": _tlb_flush,
    "tlb_drop": _tlb_drop,
    "log": _log,
    "guest": _guest,
    "new_table": _new_table,
    "pv_types": _pv_types,
    "shadow": _shadow,
    "salloc": _shadow_alloc,
    "sreset": _shadow_reset,
    "counters_reset": _counters_reset,
    "mode": _mode,
}
