"""PV direct paging: page types, type counts, pinning, and Xen's check of ``mmu_update``.

Written from virtualization-facts.md §2.2 (XEN:xen/arch/x86/mm.c). Every machine frame has a
type (L1–L4 page table, writable page, none) and a type count; a frame changes type only at
type count 0; taking the first reference of a page-table type validates it. The lab derives
the counts from the tables themselves: an L(n) entry that points to a frame holds one
L(n-1) reference on it, a writable L1 entry holds one ``PGT_writable_page`` reference, the
pin and CR3 each hold one L4 reference.

``check_update`` follows ``do_mmu_update`` → ``mod_lN_entry``; a refusal raises ``Refused``
with Xen's reason and changes nothing. Simplifications, stated to the learner: only
``MMU_NORMAL_PT_UPDATE`` is modelled; an update whose ``ptr`` is not inside a validated page
table is refused (Xen would turn it into a checked write to an ordinary writable page);
PSE superpages are refused (a PV guest needs ``MMUEXT_MARK_SUPER`` for them).
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.model.errors import InvalidCommand, Refused
from webapp.model.host import World
from webapp.model.memlab.state import FrameType, MemoryLab, Tables
from webapp.model.memlab.tables import ADDRESS_64, PS, RW, P, frame_of, is_leaf, with_frame
from webapp.model.memlab.views import P2M, large_pages
from webapp.model.memory import DOMID_XEN, FREE
from webapp.model.paging.errors import PagingDocumentError
from webapp.model.paging.fields import as_hex

#: L4 slots 256..271 belong to Xen in every 64-bit PV address space (ROOT_PAGETABLE_*).
XEN_L4_SLOTS = range(256, 272)
MMU_NORMAL_PT_UPDATE = 0
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
    """An accepted ``MMU_NORMAL_PT_UPDATE``: where, what, and in guest terms."""

    ptr: int
    val: int
    mfn: int
    index: int
    level: int
    pfn: int
    guest_entry: int
    target_mfn: int | None
    target_type: str | None


def parse_update(args: dict[str, object]) -> tuple[int, int]:
    """``ptr`` and ``val`` as hex strings; InvalidCommand otherwise."""
    try:
        return as_hex(args.get("ptr"), "ptr"), as_hex(args.get("val"), "val")
    except PagingDocumentError as error:
        raise InvalidCommand("memory.invalid", problem=str(error)) from error


def check_update(world: World, lab: MemoryLab, p2m: P2M, ptr: int, val: int) -> Update:
    """Xen's validation of one ``mmu_update`` request; Refused with its reason, or the update.

    The order follows ``do_mmu_update``: the command, the frame holding the entry (owned by
    the guest, a validated page table), the Xen slots of an L4, then the new entry
    (``mod_l1_entry``: the target owned by the guest and, if writable, able to take a
    writable reference; ``mod_l2/3/4_entry``: the target able to become the next lower
    table type).
    """
    tables = lab.tables
    if tables is None or tables.paging != "x86_64":
        raise Refused("memory.refused.not_x86_64")
    if ptr & 3 != MMU_NORMAL_PT_UPDATE:
        raise Refused("xen.mmu.command", command=ptr & 3)
    address = ptr & ~3
    if address & 7:
        raise Refused("xen.mmu.unaligned", ptr=hex(ptr))
    mfn, index = address >> 12, (address & 0xFFF) >> 3
    owner = world.host.memory.owner_of(mfn) if mfn < world.host.memory.total_frames else FREE
    if owner != lab.domid:
        raise Refused("xen.mmu.pt_not_owned", mfn=hex(mfn), owner=owner_word(owner))
    info = lab.pv_types.get(mfn)
    pfn = p2m.pfn(mfn)
    if info is None or not info.validated or pfn is None or pfn not in tables.frames:
        kind = info.type if info is not None else "none"
        raise Refused("xen.mmu.not_page_table", mfn=hex(mfn), type=kind,
                      count=info.count if info is not None else 0)
    level = int(info.type[1])
    if level == 4 and index in XEN_L4_SLOTS:
        raise Refused("xen.mmu.xen_slot", index=index)
    return _check_entry(world, lab, p2m, Update(ptr, val, mfn, index, level, pfn, 0, None, None))


def _check_entry(world: World, lab: MemoryLab, p2m: P2M, update: Update) -> Update:
    val, level = update.val, update.level
    if not val & P:
        return _accepted(update, val, None, None)
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
    if val & PS:
        raise Refused("xen.mmu.superpage", level=level)
    wanted = f"l{level - 1}"
    busy = info is not None and info.count > 0 and info.type != wanted
    known = lab.tables.levels.get(target_pfn) if lab.tables is not None else None
    if busy or (known is not None and known != level - 1):
        kind = info.type if info is not None else f"l{known}"
        raise Refused("xen.mmu.type_conflict", target=hex(target), type=kind.upper(),
                      count=info.count if info is not None else 0, wanted=wanted.upper())
    return _accepted(update, guest_entry, target, wanted)


def _accepted(update: Update, guest_entry: int, target: int | None, kind: str | None
              ) -> Update:
    return Update(update.ptr, update.val, update.mfn, update.index, update.level, update.pfn,
                  guest_entry, target, kind)
