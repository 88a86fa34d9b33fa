"""Xen's shadow page tables for an HVM guest (virtualization-facts.md §2.3).

The processor's CR3 points to a shadow L4 that Xen builds; shadow entries hold machine
frames (guest VA → PFN from the guest's tables, composed with PFN → MFN from the P2M).
Shadows fill lazily: a missing shadow entry makes the access fault, the fault exits to Xen,
Xen walks the guest's tables in software and fills the shadow along the path ("hidden"
fault), or injects the #PF into the guest when the guest's own tables refuse ("true" fault).

Like Xen, the lab keeps a shadow leaf read-only while the guest's D bit is clear (so the
first write exits and Xen sets D in the guest entry) and always read-only when it maps one
of the guest's page-table pages (so a guest write to its tables exits and Xen resyncs the
shadow). A guest 2 MiB page is splintered into a 4 KiB "fl1" shadow
(``SH_type_fl1_64_shadow``).
"""

from __future__ import annotations

from typing import Any

from webapp.model.memlab.state import MemoryLab, Shadow, Tables
from webapp.model.memlab.tables import (
    NX,
    PCD,
    PS,
    PWT,
    RW,
    US,
    X86_64,
    A,
    D,
    G,
    P,
    frame_of,
    is_leaf,
    with_frame,
)
from webapp.model.memlab.views import P2M
from webapp.model.paging.memory import PhysicalMemory
from webapp.model.paging.results import Reference

TABLE_FLAGS = P | RW | US | PWT | PCD | NX
LEAF_FLAGS = TABLE_FLAGS | G
ShadowKey = tuple[int, ...]
Effect = tuple[Any, ...]


def table_key(pfn: int) -> ShadowKey:
    return (0, pfn)


def create(pool: list[int], tables: Tables) -> Shadow:
    """An empty shadow: the shadow of the guest's top table only, all entries not present."""
    shadow = Shadow(pool=list(pool))
    smfn = shadow.pool[0]
    shadow.of_guest[table_key(tables.root)] = smfn
    shadow.frames[smfn] = (0,) * 512
    shadow.levels[smfn] = 4
    shadow.root = smfn
    return shadow


def reset(lab: MemoryLab) -> None:
    """Drop every shadow (Xen's ``shadow_blow_tables``) and shadow the guest's L4 again."""
    if lab.shadow is not None and lab.tables is not None:
        lab.shadow = create(lab.shadow.pool, lab.tables)


def memory(frames: dict[int, tuple[int, ...]]) -> PhysicalMemory:
    return PhysicalMemory(frames, 8, "machine")


class Filler:
    """Plans the shadow entries for one guest walk, on an overlay of the shadow frames."""

    def __init__(self, shadow: Shadow, tables: Tables, p2m: P2M) -> None:
        self.shadow, self.tables, self.p2m = shadow, tables, p2m
        self.frames = dict(shadow.frames)
        self.keys = dict(shadow.of_guest)
        used = set(self.keys.values())
        self.free = [frame for frame in shadow.pool if frame not in used]
        self.effects: list[list[Effect]] = []
        self.writes: list[tuple[int, int, int, int]] = []  # (level, smfn, index, value)

    def frame_for(self, key: ShadowKey, level: int, effects: list[Effect]) -> int | None:
        found = self.keys.get(key)
        if found is not None:
            return found
        if not self.free:
            return None
        smfn = self.free.pop(0)
        self.keys[key] = smfn
        self.frames[smfn] = (0,) * 512
        effects.append(("salloc", key, smfn, level))
        return smfn

    def put(self, level: int, smfn: int, index: int, value: int, effects: list[Effect]) -> None:
        old = self.frames[smfn]
        if old[index] & ~(A | D) == value & ~(A | D):
            return  # already in step (A/D are the hardware's own, in the shadow)
        self.frames[smfn] = old[:index] + (value,) + old[index + 1:]
        effects.append(("shadow", smfn, index, value))
        self.writes.append((level, smfn, index, value))

    def leaf_value(self, guest_entry: int, pfn: int) -> int | None:
        mfn = self.p2m.mfn(pfn)
        if mfn is None:
            return None
        value = with_frame(guest_entry & LEAF_FLAGS, mfn)
        if pfn in self.tables.frames or not guest_entry & D:
            value &= ~RW
        return value

    def fill(self, used: tuple[Reference, ...], entries: list[int], va: int) -> bool:
        """Shadow every level of a successful guest walk; False if the pool ran out.

        ``used`` are the guest references (entry addresses are guest-physical here) and
        ``entries`` their values after this walk's A/D write-backs.
        """
        for ref, entry in zip(used, entries, strict=True):
            level = {"pml4": 4, "pdpt": 3, "pd": 2, "pt": 1}[ref.level.value]
            table, index = ref.entry_address >> 12, (ref.entry_address & 0xFFF) >> 3
            effects: list[Effect] = []
            smfn = self.frame_for(table_key(table), level, effects)
            if smfn is None:
                return False
            if level == 1:
                value = self.leaf_value(entry, frame_of(entry))
                if value is None:
                    return False
                self.put(level, smfn, index, value, effects)
            elif is_leaf(entry, level):
                if not self._splinter(entry, level, table, index, smfn, va, effects):
                    return False
            else:
                child = self.frame_for(table_key(frame_of(entry)), level - 1, effects)
                if child is None:
                    return False
                self.put(level, smfn, index, with_frame(entry & TABLE_FLAGS, child), effects)
            self.effects.append(effects)
        return True

    def _splinter(self, entry: int, level: int, table: int, index: int, smfn: int, va: int,
                  effects: list[Effect]) -> bool:
        parent, slot = smfn, index
        path: tuple[int, ...] = (1, table, index)
        for lower in range(level - 1, 0, -1):
            key = (*path, lower)
            child = self.frame_for(key, lower, effects)
            if child is None:
                return False
            self.put(lower + 1, parent, slot, with_frame(entry & TABLE_FLAGS, child), effects)
            parent, slot = child, X86_64.index(va, lower)
            path = (*path, slot)
        size = X86_64.page_size(level)
        pfn = frame_of(entry & ~PS & ~(1 << 12)) + ((va % size) >> 12)
        value = self.leaf_value(entry & ~PS & ~(1 << 12), pfn)
        if value is None:
            return False
        self.put(1, parent, slot, value, effects)
        return True


def resynced_entry(lab: MemoryLab, p2m: P2M, pfn: int, index: int, entry: int
                   ) -> tuple[int, int] | None:
    """(shadow frame, new shadow value) after the guest wrote ``entry`` at (pfn, index).

    None when that guest table has no shadow. A changed non-leaf entry whose child table
    has no shadow, or a large page, is zapped (0): the next access refills it.
    """
    shadow, tables = lab.shadow, lab.tables
    if shadow is None or tables is None:
        return None
    smfn = shadow.of_guest.get(table_key(pfn))
    if smfn is None:
        return None
    level = tables.levels[pfn]
    if not entry & P:
        return smfn, 0
    if level == 1:
        filler = Filler(shadow, tables, p2m)
        value = filler.leaf_value(entry, frame_of(entry))
        return smfn, 0 if value is None else value
    if is_leaf(entry, level):
        return smfn, 0
    child = shadow.of_guest.get(table_key(frame_of(entry)))
    return smfn, 0 if child is None else with_frame(entry & TABLE_FLAGS, child)


def leaf_slot(shadow: Shadow, va: int) -> tuple[int, int] | None:
    """(shadow frame, index) of the present shadow leaf that maps ``va``, if any."""
    if shadow.root is None:
        return None
    frame, level = shadow.root, 4
    while True:
        index = X86_64.index(va, level)
        entry = shadow.frames[frame][index]
        if not entry & P:
            return None
        if level == 1 or is_leaf(entry, level):
            return frame, index
        frame, level = frame_of(entry), level - 1
        if frame not in shadow.frames:
            return None
