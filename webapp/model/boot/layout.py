"""The start-of-day region, the bootstrap page tables, ``start_info`` and vCPU0's registers,
computed from the kernel's ELF notes, the domain's memory and its P2M (pure functions).

Follows ``alloc_pgtables_pv``/``count_pgtables``/``setup_pgtables_pv``, ``start_info_x86_64``
and ``vcpu_x86_64`` in tools/libs/guest/xg_dom_x86.c and the ``startofday`` rules of xen.h
(virtualization-facts.md §1.5–1.7).
"""

from __future__ import annotations

from collections.abc import Callable

from webapp.model.boot.abi import (
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

#: Segment names in the order §1.6 places them (domU; dom0 has no initrd, xenstore, console).
DOMU_ORDER = ("kernel", "initrd", "p2m", "start_info", "xenstore", "console", "pagetables",
              "stack")
DOM0_ORDER = ("kernel", "p2m", "start_info", "pagetables", "stack")

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
    """The start-of-day region of a domain of ``nr_pages`` pages, in §1.6's order.

    For dom0, Xen leaves the initrd where the bootloader put it (``SIF_MOD_START_PFN``) and
    there are no xenstore or console pages. ``too_small`` names the first element that ends
    beyond the domain's memory (the builder fails there with ``XC_OUT_OF_MEMORY``)."""
    sizes = {"kernel": kernel.kernel_bytes, "initrd": kernel.initrd_bytes,
             "p2m": nr_pages * P2M_ENTRY_BYTES, "start_info": PAGE_SIZE,
             "xenstore": PAGE_SIZE, "console": PAGE_SIZE, "stack": PAGE_SIZE}
    pfn = kernel.kernel_offset >> PAGE_SHIFT
    segments: list[Segment] = []
    tables, end = 0, 0
    for name in DOM0_ORDER if dom0 else DOMU_ORDER:
        if name == "pagetables":
            tables, end = region_end(kernel.virt_base, kernel.virt_base + (pfn << PAGE_SHIFT))
            size = tables * PAGE_SIZE
        else:
            size = sizes[name]
        segments.append(Segment(name, pfn, pages_for(size), kernel.virt_base + (pfn << PAGE_SHIFT),
                                size, writable=name != "pagetables"))
        pfn += pages_for(size)
    layout = Layout(kernel.virt_base, tuple(segments), end, tables)
    return Layout(layout.virt_base, layout.segments, end, tables, _too_small(layout, nr_pages))


def _too_small(layout: Layout, nr_pages: int) -> str | None:
    """Each element must fit, and the page tables map the whole region, padding included."""
    for seg in layout.segments:
        if seg.end_pfn > nr_pages or (seg.name == "pagetables"
                                      and layout.region_pages > nr_pages):
            return seg.name
    return None


def table_frames(layout: Layout, mfn_of: Lookup) -> list[TableFrame]:
    """The bootstrap tables, top level first, each with the slots it fills (setup_pgtables_pv):
    L4[511] → L3, L3[510] → L2, L2[0..] → the L1s, the L1s → every frame of the region."""
    seg = layout.segment("pagetables")
    if seg is None:
        return []
    first, last = layout.virt_base & VADDR_MASK, (layout.virt_end - 1) & VADDR_MASK
    frames, pfn = [], seg.pfn
    for level in (4, 3, 2, 1):
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


def shared_info_address(mfn: int) -> int:
    """``start_info.shared_info``: the machine address of the page (MFN << 12 for PV)."""
    return mfn << PAGE_SHIFT


def start_info_groups(layout: Layout, mfn_of: Lookup, *, nr_pages: int, shared_info_mfn: int,
                      store_port: int, console_port: int, cmdline: str, dom0: bool = False,
                      initrd_pfn: int | None = None, initrd_bytes: int = 0
                      ) -> list[tuple[str, dict[str, int | str]]]:
    """``start_info`` as ``start_info_x86_64()`` (domU) or ``dom0_construct_pv()`` fills it,
    in small groups, each with the real values of the model."""
    segs = {seg.name: seg for seg in layout.segments}
    pt = segs["pagetables"]
    if dom0:
        flags = SIF_PRIVILEGED | SIF_INITDOMAIN | (SIF_MOD_START_PFN if initrd_pfn is not None
                                                   else 0)
        ring: tuple[str, dict[str, int | str]] = ("console", {
            "console.dom0.info_off": START_INFO_SIZE,
            "console.dom0.info_size": DOM0_VGA_CONSOLE_INFO_SIZE})
        store: dict[str, int | str] = {"store_mfn": 0, "store_evtchn": 0}
        module: dict[str, int | str] = {"mod_start": initrd_pfn or 0, "mod_len": initrd_bytes}
    else:
        flags = 0
        ring = ("console", {"console.domU.mfn": mfn_of(segs["console"].pfn),
                            "console.domU.evtchn": console_port})
        store = {"store_mfn": mfn_of(segs["xenstore"].pfn), "store_evtchn": store_port}
        initrd = segs["initrd"]
        module = {"mod_start": initrd.vstart, "mod_len": initrd.size}
    return [
        ("magic", {"magic": GUEST_TYPE, "nr_pages": nr_pages}),
        ("shared_info", {"shared_info": shared_info_address(shared_info_mfn)}),
        ("flags", {"flags": flags}),
        ("store", store),
        ring,
        ("pt_base", {"pt_base": pt.vstart, "nr_pt_frames": layout.nr_pt_frames}),
        ("mfn_list", {"mfn_list": segs["p2m"].vstart, "first_p2m_pfn": 0, "nr_p2m_frames": 0}),
        ("module", module),
        ("cmd_line", {"cmd_line": cmdline[: MAX_GUEST_CMDLINE - 1]}),
    ]


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
