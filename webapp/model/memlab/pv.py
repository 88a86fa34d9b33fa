"""PV direct paging: page types, type counts, pinning, and Xen's check of ``mmu_update``.

Written from virtualization-facts.md §2.2 and its errata 1–2 (XEN:xen/arch/x86/mm.c). Every
machine frame has a type (L1–L4 page table, writable page, none) and a type count; a frame
changes type only at type count 0; taking the first reference of a page-table type validates
it. The lab derives the counts from the tables themselves: an L(n) entry that points to a frame
holds one L(n-1) reference on it, a writable L1 entry holds one ``PGT_writable_page``
reference, the pin and CR3 each hold one L4 reference.

``check_update`` follows ``do_mmu_update``: the command is ``ptr & 7``; the frame holding the
entry is locked if it is a validated page table and the update goes to ``mod_lN_entry``;
otherwise Xen takes a ``PGT_writable_page`` type reference and writes the 8 bytes as data
(``paging_write_guest_entry``) — accepted, not refused. A refusal raises ``Refused`` with
Xen's reason and changes nothing. Stated simplifications: ``MMU_MACHPHYS_UPDATE`` (1) is not
offered (the lab does not let the M2P be edited); ``MMU_PT_UPDATE_NO_TRANSLATE`` (3) acts as
``MMU_NORMAL_PT_UPDATE`` (they differ only for a translated foreign domain); the cache bits of
L1 entries are not checked. PSE in an L2/L3 entry is refused: PV superpages no longer exist
(``L2_DISALLOW_MASK``; ``MMUEXT_MARK_SUPER`` returns ``-EOPNOTSUPP``).
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.model.errors import InvalidCommand, Refused
from webapp.model.host import World
from webapp.model.memlab.state import FrameType, MemoryLab, Tables
from webapp.model.memlab.tables import (
    ADDRESS_64,
    PCD,
    PS,
    PWT,
    RW,
    A,
    D,
    G,
    P,
    flag_words,
    frame_of,
    is_leaf,
    with_frame,
)
from webapp.model.memlab.views import P2M, large_pages
from webapp.model.memory import DOMID_XEN, FREE
from webapp.model.paging.errors import PagingDocumentError
from webapp.model.paging.fields import as_hex

#: L4 slots 256..271 belong to Xen in every 64-bit PV address space (ROOT_PAGETABLE_*).
XEN_L4_SLOTS = range(256, 272)
#: ``mmu_update`` commands, ``ptr & 7`` (xen.h); other values are unknown (-ENOSYS).
MMU_NORMAL_PT_UPDATE, MMU_MACHPHYS_UPDATE = 0, 1
MMU_PT_UPDATE_PRESERVE_AD, MMU_PT_UPDATE_NO_TRANSLATE = 2, 3
PT_COMMANDS = (MMU_NORMAL_PT_UPDATE, MMU_PT_UPDATE_PRESERVE_AD, MMU_PT_UPDATE_NO_TRANSLATE)
COMMAND_NAMES = {0: "MMU_NORMAL_PT_UPDATE", 2: "MMU_PT_UPDATE_PRESERVE_AD",
                 3: "MMU_PT_UPDATE_NO_TRANSLATE"}
#: Flag bits ``base_disallow_mask`` refuses in a PV L2/L3/L4 entry (all but P, RW, US, A, D,
#: the available bits and NX).
UPPER_DISALLOWED = PWT | PCD | PS | G
TABLE_TYPES = ("l1", "l2", "l3", "l4")


def owner_word(owner: int) -> str | dict[str, str]:
    """``d<domid>``, or a narration key for Xen and free memory (translated when shown)."""
    if owner == FREE:
        return {"key": "memory.owner.free"}
    return {"key": "memory.owner.xen"} if owner == DOMID_XEN else f"d{owner}"


def derive_types(tables: Tables, p2m: P2M, pinned: set[int],
                 previous: dict[int, FrameType]) -> dict[int, FrameType]:
    """The type of every machine frame the tables reference, from the tables.

    A frame whose count drops to 0 keeps its type (Xen changes the type only when a new
    reference of another type is taken) but is no longer validated.
    """
    types: dict[int, FrameType] = {
        mfn: FrameType(info.type, 0, mfn in pinned, False, 0)
        for mfn, info in previous.items() if info.type in TABLE_TYPES
    }

    def take(mfn: int, kind: str) -> None:
        info = types.setdefault(mfn, FrameType(kind, 0, mfn in pinned))
        if info.count == 0:
            info.type = kind
        info.count += 1

    root = p2m.mfn(tables.root)
    if root is not None:
        take(root, "l4")  # the vCPU's CR3 (MMUEXT_NEW_BASEPTR)
    for mfn in pinned:
        take(mfn, types.get(mfn, FrameType("l4")).type)
    for pfn, frame in tables.frames.items():
        level = tables.levels[pfn]
        for entry in frame:
            if not entry & P:
                continue
            target = p2m.mfn(frame_of(entry))
            if target is None:
                continue
            if level > 1 and not is_leaf(entry, level):
                take(target, f"l{level - 1}")
                continue
            types.setdefault(target, FrameType("none", 0, target in pinned)).mappings += 1
            if entry & RW:
                take(target, "writable")
    for info in types.values():
        info.validated = info.type in TABLE_TYPES and info.count > 0
    return dict(sorted(types.items()))


def conflicts(tables: Tables, p2m: P2M) -> list[dict[str, str]]:
    """Why Xen would not validate these tables as a PV guest's (empty when it would)."""
    found: list[dict[str, str]] = []
    large = large_pages(tables)
    if large:
        pfn, index = large[0]
        found.append({"key": "memory.conflict.superpage", "pfn": hex(pfn), "index": str(index)})
    kinds: dict[int, set[str]] = {}
    for pfn, frame in tables.frames.items():
        level = tables.levels[pfn]
        for entry in frame:
            if entry & P and not is_leaf(entry, level):
                kinds.setdefault(frame_of(entry), set()).add(f"L{level - 1}")
            elif entry & P and entry & RW:
                kinds.setdefault(frame_of(entry), set()).add("WRITABLE")
    for pfn, seen in sorted(kinds.items()):
        if len(seen) > 1:
            found.append({"key": "memory.conflict.types", "pfn": hex(pfn),
                          "types": ", ".join(sorted(seen))})
    return found


@dataclass(frozen=True)
class Update:
    """An accepted update: where, what, and in guest terms. ``level`` 0 is Xen's plain write
    of 8 bytes into a frame that is not a validated page table (``target_type`` "data")."""

    ptr: int
    val: int
    mfn: int
    index: int
    level: int
    pfn: int
    guest_entry: int
    target_mfn: int | None
    target_type: str | None
    command: int = MMU_NORMAL_PT_UPDATE
    frame_type: str = "none"


def parse_update(args: dict[str, object]) -> tuple[int, int]:
    """``ptr`` and ``val`` as hex strings; InvalidCommand otherwise."""
    try:
        return as_hex(args.get("ptr"), "ptr"), as_hex(args.get("val"), "val")
    except PagingDocumentError as error:
        raise InvalidCommand("memory.invalid", problem=str(error)) from error


def check_update(world: World, lab: MemoryLab, p2m: P2M, ptr: int, val: int) -> Update:
    """Xen's handling of one ``mmu_update`` request: Refused with its reason, or the update.

    The order follows ``do_mmu_update``: the command (``ptr & 7``), the frame holding the
    entry (the guest's own); a validated page table goes to ``mod_lN_entry`` (Xen's L4
    slots, then the new entry), any other frame of the guest is written as data.
    """
    tables = lab.tables
    if tables is None or tables.paging != "x86_64":
        raise Refused("memory.refused.not_x86_64")
    command = ptr & 7
    if command == MMU_MACHPHYS_UPDATE:
        raise Refused("memory.refused.machphys")
    if command not in PT_COMMANDS:
        raise Refused("xen.mmu.command", command=command)
    address = ptr - command
    mfn, index = address >> 12, (address & 0xFFF) >> 3
    owner = world.host.memory.owner_of(mfn) if mfn < world.host.memory.total_frames else FREE
    if owner != lab.domid:
        raise Refused("xen.mmu.pt_not_owned", mfn=hex(mfn), owner=owner_word(owner))
    info = lab.pv_types.get(mfn)
    pfn = p2m.pfn(mfn)
    assert pfn is not None  # owned by the guest, so in its P2M
    update = Update(ptr, val, mfn, index, 0, pfn, val, None, "data", command,
                    info.type if info is not None else "none")
    if info is None or not info.validated:
        return _data_write(lab, p2m, update)
    level = int(info.type[1])
    if level == 4 and index in XEN_L4_SLOTS:
        raise Refused("xen.mmu.xen_slot", index=index)
    old = tables.frames[pfn][index]
    if command == MMU_PT_UPDATE_PRESERVE_AD and val & P:
        val |= old & (A | D)
    return _check_entry(world, lab, p2m, Update(ptr, val, mfn, index, level, pfn, 0, None,
                                                None, command, info.type))


def _data_write(lab: MemoryLab, p2m: P2M, update: Update) -> Update:
    """``page_lock`` fails (not a validated table): ``get_page_type(PGT_writable_page)`` and
    a plain write. The lab keeps the contents of its page-table frames in guest (PFN) terms,
    so 8 bytes written into one that is not validated are stored translated."""
    assert lab.tables is not None
    if update.pfn not in lab.tables.frames or not update.val & P:
        return update
    target = p2m.pfn((update.val & ADDRESS_64) >> 12)
    if target is None:
        raise Refused("memory.refused.raw_entry", mfn=hex(update.mfn))
    return _accepted(update, with_frame(update.val, target), update.target_mfn, "data")


def _check_entry(world: World, lab: MemoryLab, p2m: P2M, update: Update) -> Update:
    val, level = update.val, update.level
    if not val & P:
        return _accepted(update, val, None, None)
    if level > 1:
        _check_flags(val, level)
    target = (val & ADDRESS_64) >> 12
    memory = world.host.memory
    owner = memory.owner_of(target) if target < memory.total_frames else FREE
    if owner != lab.domid:
        raise Refused("xen.mmu.not_owner", target=hex(target), owner=owner_word(owner))
    info = lab.pv_types.get(target)
    target_pfn = p2m.pfn(target)
    assert target_pfn is not None  # owned by the guest, so in its P2M
    guest_entry = with_frame(val, target_pfn)
    if level == 1:
        if val & RW and info is not None and info.type in TABLE_TYPES and info.count > 0:
            raise Refused("xen.mmu.pt_writable", target=hex(target), type=info.type.upper(),
                          count=info.count)
        return _accepted(update, guest_entry, target, "writable" if val & RW else None)
    wanted = f"l{level - 1}"
    busy = info is not None and info.count > 0 and info.type != wanted
    known = lab.tables.levels.get(target_pfn) if lab.tables is not None else None
    if busy or (known is not None and known != level - 1):
        kind = info.type if info is not None else f"l{known}"
        raise Refused("xen.mmu.type_conflict", target=hex(target), type=kind.upper(),
                      count=info.count if info is not None else 0, wanted=wanted.upper())
    return _accepted(update, guest_entry, target, wanted)


def _check_flags(val: int, level: int) -> None:
    """``L2_DISALLOW_MASK`` (= ``base_disallow_mask``, as for L3 and L4 of a 64-bit guest):
    PSE, PWT, PCD and G are refused in an upper-level entry."""
    if val & PS and level in (2, 3):
        raise Refused("xen.mmu.superpage", level=level)
    bad = val & UPPER_DISALLOWED
    if bad:
        raise Refused("xen.mmu.bad_flags", level=level, flags=" ".join(flag_words(bad)))


def _accepted(update: Update, guest_entry: int, target: int | None, kind: str | None
              ) -> Update:
    return Update(update.ptr, update.val, update.mfn, update.index, update.level, update.pfn,
                  guest_entry, target, kind, update.command, update.frame_type)
