"""The start-of-day region, the bootstrap page tables, ``start_info`` and vCPU0's registers,
computed from the kernel's ELF notes, the domain's memory and its P2M (pure functions).

Follows ``xc_dom_build_image`` (xg_dom_core.c), ``alloc_pgtables_pv``/``count_pgtables``/
``setup_pgtables_pv``, ``alloc_p2m_list_x86_64``, ``start_info_x86_64`` and ``vcpu_x86_64`` in
tools/libs/guest/xg_dom_x86.c, Xen's ``dom0_construct_pv`` (xen/arch/x86/pv/dom0_build.c) and
the ``startofday`` rules of xen.h (virtualization-facts.md §1.5–1.7 and errata 4, 12).

Two layouts. A kernel with ``XEN_ELFNOTE_MOD_START_PFN`` and ``XEN_ELFNOTE_INIT_P2M`` (today's
Linux) gets a region with the kernel, start_info, the rings, the page tables and the stack; the
initrd follows the region, mapped by no table (``mod_start`` is its PFN), and the P2M list is
mapped at ``p2m_base`` by tables of its own, outside the region (``first_p2m_pfn``,
``nr_p2m_frames``). A kernel without those notes gets the initrd and the P2M list inside the
region.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from webapp.model.boot.abi import (
    DOM0_GUEST_TYPE,
    DOM0_VGA_CONSOLE_INFO_SIZE,
    ENTRIES,
    FLAT_KERNEL_CS64,
    FLAT_KERNEL_DS64,
    FLAT_KERNEL_SS64,
    GUEST_TYPE,
    LEVEL_BITS,
    MAX_GUEST_CMDLINE,
    P2M_ENTRY_BYTES,
    PADDING,
    PAGE_SHIFT,
    PAGE_SIZE,
    REGION_ALIGN,
    RFLAGS_IF,
    SIF_INITDOMAIN,
    SIF_MOD_START_PFN,
    SIF_PM_PX,
    SIF_PRIVILEGED,
    START_INFO_SIZE,
    X86_DR6_DEFAULT,
    X86_DR7_DEFAULT,
    pages_for,
)
from webapp.model.boot.kernel import KernelImage
from webapp.model.boot.state import Layout, Segment, TableFrame

#: 48-bit canonical virtual addresses: the builder masks them before counting tables.
VADDR_MASK = (1 << 48) - 1
#: Bits of address one table of each level spans: L4 512 TiB … L1 2 MiB.
LEVEL_SPAN_BITS = {4: 48, 3: 39, 2: 30, 1: 21}

#: Segment names in the order §1.6 places them, for a kernel without the two notes (dom0 has
#: no xenstore or console page) ...
DOMU_ORDER = ("kernel", "initrd", "p2m", "start_info", "xenstore", "console", "pagetables",
              "stack")
DOM0_ORDER = ("kernel", "initrd", "p2m", "start_info", "pagetables", "stack")
#: ... and the region of a kernel with them; the initrd and the P2M list come after it.
DOMU_MODERN = ("kernel", "start_info", "xenstore", "console", "pagetables", "stack")
DOM0_MODERN = ("kernel", "start_info", "pagetables", "stack")

Lookup = Callable[[int], int]  # pfn -> mfn


def count_tables(first: int, last: int) -> int:
    """Page-table frames to map ``first..last`` (inclusive): one top-level table, then per level
    one table per aligned span the range touches (``count_pgtables``)."""
    first, last = first & VADDR_MASK, last & VADDR_MASK
    total = 1
    for level in (3, 2, 1):
        bits = LEVEL_SPAN_BITS[level]
        mask = (1 << bits) - 1
        total += (((last | mask) - (first & ~mask)) >> bits) + 1
    return total


def region_end(virt_base: int, alloc_end: int) -> tuple[int, int]:
    """(page-table frames, end of the region): the fixed point of ``alloc_pgtables_pv``.

    The tables must map themselves, the boot stack and at least 512 KiB of padding, and the
    region ends on a 4 MiB boundary; more tables may push the end further, so iterate."""
    extra = 1 + PADDING // PAGE_SIZE
    pages = extra
    while True:
        end = ((alloc_end + pages * PAGE_SIZE) // REGION_ALIGN + 1) * REGION_ALIGN
        tables = count_tables(virt_base, end - 1)
        pages = tables + extra
        if alloc_end + pages * PAGE_SIZE <= end:
            return tables, end


def plan(kernel: KernelImage, nr_pages: int, dom0: bool = False) -> Layout:
    """What the builder places for a domain of ``nr_pages`` pages, in §1.6's order.

    ``too_small`` names the first element that ends beyond the domain's memory (the builder
    fails there with ``XC_OUT_OF_MEMORY``)."""
    names: tuple[str, ...]
    if kernel.modern:
        names = DOM0_MODERN if dom0 else DOMU_MODERN
    else:
        names = DOM0_ORDER if dom0 else DOMU_ORDER
    segments, tables, end = _region(kernel, nr_pages, names)
    if kernel.modern:
        segments += _outside(kernel, nr_pages, dom0, (end - kernel.virt_base) >> PAGE_SHIFT)
    layout = Layout(kernel.virt_base, tuple(segments), end, tables, None, kernel.modern)
    return replace(layout, too_small=_too_small(layout, nr_pages))


def _region(kernel: KernelImage, nr_pages: int, names: tuple[str, ...]
            ) -> tuple[list[Segment], int, int]:
    """The start-of-day region's segments, 4 KiB aligned and packed; its tables and end."""
    sizes = {"kernel": kernel.kernel_bytes, "initrd": kernel.initrd_bytes,
             "p2m": nr_pages * P2M_ENTRY_BYTES, "start_info": PAGE_SIZE,
             "xenstore": PAGE_SIZE, "console": PAGE_SIZE, "stack": PAGE_SIZE}
    pfn = kernel.kernel_offset >> PAGE_SHIFT
    segments: list[Segment] = []
    tables, end = 0, 0
    for name in names:
        if name == "pagetables":
            tables, end = region_end(kernel.virt_base, kernel.virt_base + (pfn << PAGE_SHIFT))
            size = tables * PAGE_SIZE
        else:
            size = sizes[name]
        segments.append(Segment(name, pfn, pages_for(size), kernel.virt_base + (pfn << PAGE_SHIFT),
                                size, writable=name != "pagetables"))
        pfn += pages_for(size)
    return segments, tables, end


def _outside(kernel: KernelImage, nr_pages: int, dom0: bool, region_pages: int
             ) -> list[Segment]:
    """After the region: the initrd (``xc_dom_alloc_pad`` pads to the region's end first; Xen
    gives dom0 the initrd's frames after its first chunk), then the P2M list with the tables
    that map it at ``p2m_base``."""
    first = dom0_chunk(region_pages) if dom0 else region_pages
    initrd = Segment("initrd", first, pages_for(kernel.initrd_bytes),
                     kernel.virt_base + (first << PAGE_SHIFT), kernel.initrd_bytes,
                     where="unmapped")
    size = nr_pages * P2M_ENTRY_BYTES
    base = kernel.init_p2m or 0
    frames = dom0_p2m_frames(size) if dom0 else pages_for(size) + p2m_tables(base, size)
    return [initrd, Segment("p2m", initrd.end_pfn, frames, base, size, where="p2m_base")]


def p2m_tables(base: int, size: int) -> int:
    """Page-table frames libxc adds to map ``size`` bytes of P2M list at ``base``: no new L4,
    an L3, then the L2s and L1s the range touches (``alloc_p2m_list_x86_64``)."""
    return count_tables(base, base + pages_for(size) * PAGE_SIZE - 1) - 1


def dom0_p2m_frames(size: int) -> int:
    """Frames Xen's ``setup_pv_physmap`` gives dom0's P2M list of ``size`` bytes: the list
    (aligned 1 GiB and 2 MiB stretches as superpages, the rest as 4 KiB pages) and its
    tables: an L3, an L2 unless 1 GiB pages cover it all, an L1 for a 4 KiB tail."""
    rest = size % (1 << 30)
    tail = rest % (2 << 20)
    return pages_for(size) + 1 + (1 if rest else 0) + (1 if tail else 0)


def dom0_chunk(pages: int) -> int:
    """The order-aligned chunk Xen allocates first for dom0: enough for ``pages`` frames."""
    return 1 << max(0, (pages - 1).bit_length())


def _too_small(layout: Layout, nr_pages: int) -> str | None:
    """Each element must fit, and the page tables map the whole region, padding included."""
    for seg in layout.segments:
        if seg.end_pfn > nr_pages or (seg.name == "pagetables"
                                      and layout.region_pages > nr_pages):
            return seg.name
    return None


def table_frames(layout: Layout, mfn_of: Lookup, dom0: bool = False) -> list[TableFrame]:
    """The bootstrap tables, top level first, each with the slots it fills (setup_pgtables_pv):
    L4[511] → L3, L3[510] → L2, L2[0..] → the L1s, the L1s → every frame of the region; then,
    for a kernel with ``XEN_ELFNOTE_INIT_P2M``, the tables that map the P2M list (L4[1] → …)."""
    seg = layout.segment("pagetables")
    if seg is None:
        return []
    first, last = layout.virt_base & VADDR_MASK, (layout.virt_end - 1) & VADDR_MASK
    frames = _mapping(first, last, seg.pfn, (4, 3, 2, 1), mfn_of)
    p2m = layout.segment("p2m")
    if p2m is not None and p2m.where == "p2m_base":
        frames += _dom0_p2m_tables(p2m, mfn_of) if dom0 else _p2m_tables(p2m, mfn_of)
    return frames


def _mapping(first: int, last: int, pfn: int, levels: tuple[int, ...], mfn_of: Lookup
             ) -> list[TableFrame]:
    """One table per aligned span of each level that ``first..last`` touches, from ``pfn``."""
    frames = []
    for level in levels:
        bits = LEVEL_SPAN_BITS[level]
        child_bits = bits - LEVEL_BITS
        low = first & ~((1 << bits) - 1)
        while low <= last:
            start, stop = max(first, low), min(last, low + (1 << bits) - 1)
            slot = (start >> child_bits) & (ENTRIES - 1)
            slots = ((stop >> child_bits) - (start >> child_bits)) + 1
            frames.append(TableFrame(level, pfn, mfn_of(pfn), slot, slots))
            pfn, low = pfn + 1, low + (1 << bits)
    return frames


def _p2m_tables(seg: Segment, mfn_of: Lookup) -> list[TableFrame]:
    """libxc's second mapping: its L3, L2s and L1s follow the list's pages in the segment."""
    list_pages = pages_for(seg.size)
    last = seg.vstart + list_pages * PAGE_SIZE - 1
    return _mapping(seg.vstart & VADDR_MASK, last & VADDR_MASK, seg.pfn + list_pages,
                    (3, 2, 1), mfn_of)


def _dom0_p2m_tables(seg: Segment, mfn_of: Lookup) -> list[TableFrame]:
    """Xen's ``setup_pv_physmap``: an L3 and an L2 first, 2 MiB pages where they fit, then an
    L1 for the 4 KiB tail (1 GiB pages cover whole GiBs without an L2)."""
    gib, rest = divmod(seg.size, 1 << 30)
    big, tail = divmod(rest, 2 << 20)
    frames = [TableFrame(3, seg.pfn, mfn_of(seg.pfn), 0, gib + (1 if rest else 0))]
    if rest:
        frames.append(TableFrame(2, seg.pfn + 1, mfn_of(seg.pfn + 1), 0, big + (1 if tail else 0)))
    if tail:
        pfn = seg.pfn + 2 + big * ENTRIES
        frames.append(TableFrame(1, pfn, mfn_of(pfn), 0, pages_for(tail)))
    return frames


def shared_info_address(mfn: int) -> int:
    """``start_info.shared_info``: the machine address of the page (MFN << 12 for PV)."""
    return mfn << PAGE_SHIFT


def start_info_groups(layout: Layout, mfn_of: Lookup, *, nr_pages: int, shared_info_mfn: int,
                      store_port: int, console_port: int, cmdline: str, dom0: bool = False,
                      initrd_bytes: int = 0) -> list[tuple[str, dict[str, int | str]]]:
    """``start_info`` as ``start_info_x86_64()`` (domU) or ``dom0_construct_pv()`` fills it,
    in small groups, each with the real values of the model."""
    segs = {seg.name: seg for seg in layout.segments}
    pt = segs["pagetables"]
    if dom0:
        ring: tuple[str, dict[str, int | str]] = ("console", {
            "console.dom0.info_off": START_INFO_SIZE,
            "console.dom0.info_size": DOM0_VGA_CONSOLE_INFO_SIZE})
        store: dict[str, int | str] = {"store_mfn": 0, "store_evtchn": 0}
    else:
        ring = ("console", {"console.domU.mfn": mfn_of(segs["console"].pfn),
                            "console.domU.evtchn": console_port})
        store = {"store_mfn": mfn_of(segs["xenstore"].pfn), "store_evtchn": store_port}
    return [
        ("magic", {"magic": DOM0_GUEST_TYPE if dom0 else GUEST_TYPE, "nr_pages": nr_pages}),
        ("shared_info", {"shared_info": shared_info_address(shared_info_mfn)}),
        ("flags", {"flags": sif_flags(layout, dom0)}),
        ("store", store),
        ring,
        ("pt_base", {"pt_base": pt.vstart, "nr_pt_frames": layout.nr_pt_frames}),
        ("mfn_list", _p2m_fields(layout, dom0)),
        ("module", _module(segs["initrd"], dom0, initrd_bytes)),
        ("cmd_line", {"cmd_line": cmdline[: MAX_GUEST_CMDLINE - 1]}),
    ]


def sif_flags(layout: Layout, dom0: bool) -> int:
    """``SIF_MOD_START_PFN`` when the initrd is not mapped; dom0 adds privileged, initdomain
    and the power-management bits (``XEN_PROCESSOR_PM_PX``): typically 0x20B."""
    flags = SIF_MOD_START_PFN if layout.modern else 0
    return flags | (SIF_PRIVILEGED | SIF_INITDOMAIN | SIF_PM_PX if dom0 else 0)


def _p2m_fields(layout: Layout, dom0: bool) -> dict[str, int | str]:
    """``mfn_list``: the P2M list's address; with ``XEN_ELFNOTE_INIT_P2M``, also its frames
    (``first_p2m_pfn``, ``nr_p2m_frames``). Xen always writes dom0's first_p2m_pfn."""
    p2m = layout.segment("p2m")
    assert p2m is not None
    if p2m.where == "p2m_base":
        return {"mfn_list": p2m.vstart, "first_p2m_pfn": p2m.pfn, "nr_p2m_frames": p2m.pages}
    initrd = layout.segment("initrd")
    first = dom0_first_chunk(layout) + (initrd.pages if initrd else 0) if dom0 else 0
    return {"mfn_list": p2m.vstart, "first_p2m_pfn": first, "nr_p2m_frames": 0}


def _module(initrd: Segment, dom0: bool, initrd_bytes: int) -> dict[str, int | str]:
    """``mod_start``: a PFN for an unmapped initrd, else its virtual address. ``mod_len``:
    libxc gives an unmapped initrd whole pages, Xen gives dom0's its length in bytes."""
    if initrd.where == "unmapped":
        length = initrd_bytes if dom0 else initrd.pages * PAGE_SIZE
        return {"mod_start": initrd.pfn, "mod_len": length}
    return {"mod_start": initrd.vstart, "mod_len": initrd_bytes if dom0 else initrd.size}


def dom0_first_chunk(layout: Layout) -> int:
    """The frames of dom0's first chunk: the region, less a mapped initrd (which keeps the
    bootloader's frames)."""
    initrd = layout.segment("initrd")
    mapped = initrd.pages if initrd is not None and initrd.where == "region" else 0
    return dom0_chunk(layout.region_pages - mapped)


def registers(layout: Layout, mfn_of: Lookup, entry: int) -> dict[str, int]:
    """vCPU0's initial context (``vcpu_x86_64``): RIP = entry, RSP = top of the boot stack,
    RSI = start_info, CR3 = MFN of the top-level table << 12, flat 64-bit selectors."""
    segs = {seg.name: seg for seg in layout.segments}
    rsp = layout.va_of(segs["stack"].pfn + 1)
    return {"rip": entry, "rsp": rsp, "rsi": layout.va_of(segs["start_info"].pfn),
            "rflags": RFLAGS_IF, "cr3": mfn_of(segs["pagetables"].pfn) << PAGE_SHIFT,
            "cs": FLAT_KERNEL_CS64, "ss": FLAT_KERNEL_SS64, "ds": FLAT_KERNEL_DS64,
            "es": FLAT_KERNEL_DS64, "fs": FLAT_KERNEL_DS64, "gs": FLAT_KERNEL_DS64,
            "kernel_ss": FLAT_KERNEL_SS64, "kernel_sp": rsp,
            "dr6": X86_DR6_DEFAULT, "dr7": X86_DR7_DEFAULT}


def readonly_frames(layout: Layout) -> range:
    """Pseudo-physical frames the L1 tables map read-only: the bootstrap page tables."""
    seg = layout.segment("pagetables")
    return range(seg.pfn, seg.end_pfn) if seg else range(0)
