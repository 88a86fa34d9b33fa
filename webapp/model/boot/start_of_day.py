"""The start-of-day region, steps 4–5 of ``xl create``: ``xc_dom_build_image`` places the
kernel, initrd, P2M list, start_info, rings, page tables and stack; ``xc_dom_boot_image``
writes the page tables, copies the P2M and has Xen write the hypercall page.
"""

from __future__ import annotations

from typing import Any

from webapp.model.boot import layout as lay
from webapp.model.boot.abi import ENTRIES, HYPERCALL_STUB_BYTES, PAGE_SHIFT, PAGE_SIZE, pages_for
from webapp.model.boot.common import by, domain_of, hexa, mark, mfn_lookup, names, record_of
from webapp.model.boot.kernel import kernel_image
from webapp.model.boot.physmap import roll_back
from webapp.model.boot.state import BootRecord, Layout, Segment, TableFrame
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.operations import AGAIN, Context, Operation

# -- 4. the start-of-day region ----------------------------------------------------------------

PLACE_EVENTS = {"kernel": "boot.place_kernel", "initrd": "boot.place_initrd",
                "p2m": "boot.place_p2m", "start_info": "boot.place_start_info",
                "xenstore": "boot.place_xenstore", "console": "boot.place_console",
                "pagetables": "boot.place_pagetables", "stack": "boot.place_stack"}
#: Outside the region, for a kernel with XEN_ELFNOTE_MOD_START_PFN and XEN_ELFNOTE_INIT_P2M.
OUTSIDE_EVENTS = {"unmapped": "boot.place_initrd_unmapped", "p2m_base": "boot.place_p2m_outside"}


def place_segment(ctx: Context, op: Operation) -> str | None:
    """``xc_dom_build_image``: the next element of the region, 4 KiB aligned, packed."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    layout = record.layout
    if layout is None:
        raise ValueError("the layout is planned by mem_init")
    seg = layout.segments[record.placed]
    if layout.too_small == seg.name:
        roll_back(ctx, op, "create.failed_too_small", element=seg.name,
                  needed=max(seg.end_pfn, layout.region_pages), nr_pages=domain.nr_pages,
                  freed=domain.nr_pages)
        return None
    record.placed += 1
    mark(record, f"place:{seg.name}")
    ctx.emit(OUTSIDE_EVENTS.get(seg.where, PLACE_EVENTS[seg.name]), by(record),
             **_place_data(layout, seg), **names(domain))
    return AGAIN if record.placed < len(layout.segments) else None


def _place_data(layout: Layout, seg: Segment) -> dict[str, Any]:
    """What a placement says: where, how big, and (in the region) the padding left after it;
    outside, the P2M's list pages and the tables that map them."""
    list_pages = pages_for(seg.size)
    padding = (layout.virt_end - seg.vend) // 1024 if seg.where == "region" else 0
    return {"pfn": seg.pfn, "pages": seg.pages, "vstart": hexa(seg.vstart),
            "vend": hexa(seg.vend), "size": seg.size, "virt_end": hexa(layout.virt_end),
            "padding_kb": padding, "nr_pt_frames": layout.nr_pt_frames,
            "list_pages": list_pages, "tables": max(0, seg.pages - list_pages)}


def _p2m_mapping(layout: Layout, frames: list[TableFrame]) -> dict[str, Any]:
    """The tables that map the P2M list at ``p2m_base`` (empty without XEN_ELFNOTE_INIT_P2M)."""
    p2m = layout.segment("p2m")
    if not frames or p2m is None:
        return {}
    return {"p2m_base": hexa(p2m.vstart), "p2m_l3_mfn": frames[0].mfn,
            "p2m_slot": (p2m.vstart >> 39) & (ENTRIES - 1), "p2m_tables": len(frames)}


# -- 5. xc_dom_boot_image: page tables, start_info, hypercall page -----------------------------


def shared_info_frame(ctx: Context, op: Operation) -> None:
    """``bootearly``; getdomaininfo tells the builder the MFN of ``shared_info``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    mfn = record.shared_info_mfn or 0
    mark(record, "shared_info_frame")
    ctx.emit("boot.shared_info_frame", (TOOLSTACK, XEN), mfn=mfn,
             maddr=hexa(lay.shared_info_address(mfn)), **names(domain))


def tables_upper(ctx: Context, op: Operation) -> None:
    """``setup_pgtables``: the L4, L3 and L2 entries, each holding a machine frame number."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    layout = layout_of(record)
    record.tables = lay.table_frames(layout, mfn_lookup(domain.p2m), record.origin == "dom0")
    region = record.tables[:layout.nr_pt_frames]
    top = {frame.level: frame for frame in reversed(region)}
    l1s = [frame for frame in region if frame.level == 1]
    mark(record, "tables:upper")
    extra = _p2m_mapping(layout, record.tables[layout.nr_pt_frames:])
    ctx.emit("boot.pgtables_upper_p2m" if extra else "boot.pgtables_upper", by(record),
             l4_mfn=top[4].mfn, l4_slot=top[4].first_slot, l3_mfn=top[3].mfn,
             l3_slot=top[3].first_slot, l2_mfn=top[2].mfn, l1_tables=len(l1s), **extra,
             **names(domain))


def tables_l1(ctx: Context, op: Operation) -> None:
    """The L1 entries map every frame of the region to its MFN; the entries that map the page
    tables themselves are read-only (``get_pg_prot`` clears ``_PAGE_RW``)."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    layout = layout_of(record)
    mark(record, "tables:l1")
    ctx.emit("boot.pgtables_l1", by(record), frames=layout.region_pages,
             l1_tables=layout.region_pages // ENTRIES, readonly=layout.nr_pt_frames,
             pt_pfn=lay.readonly_frames(layout).start, **names(domain))


def copy_p2m(ctx: Context, op: Operation) -> None:
    """``pv_p2m[]`` is copied into the guest's P2M list at ``mfn_list``: entry ``pfn`` holds
    the MFN of ``pfn``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    seg = layout_of(record).segment("p2m")
    mark(record, "p2m_copy")
    ctx.emit("boot.p2m_copied", by(record), entries=domain.nr_pages, runs=len(domain.p2m),
             va=hexa(seg.vstart if seg else 0), **names(domain))



def hypercall_page(ctx: Context, op: Operation) -> None:
    """``setup_hypercall_page``: Xen writes the stubs (32 bytes apart) into the page the kernel
    names with ``XEN_ELFNOTE_HYPERCALL_PAGE``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    image = kernel_image(domain.config.kernel)
    pfn = (image.hypercall_page - image.virt_base) >> PAGE_SHIFT
    mark(record, "hypercall_page")
    ctx.emit("boot.hypercall_page", by(record, XEN), va=hexa(image.hypercall_page), pfn=pfn,
             mfn=mfn_lookup(domain.p2m)(pfn), stubs=PAGE_SIZE // HYPERCALL_STUB_BYTES,
             **names(domain))


def layout_of(record: BootRecord) -> Layout:
    """The domain's start-of-day layout (planned by ``mem_init``)."""
    if record.layout is None:
        raise ValueError("no start-of-day layout")
    return record.layout
