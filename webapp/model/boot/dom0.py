"""dom0's own boot: no toolstack exists yet, so Xen builds it (``dom0_construct_pv`` in
xen/arch/x86/pv/dom0_build.c). What differs from ``xl create``:

- Xen allocates one contiguous, aligned chunk of ``2^order`` frames for the start-of-day region
  (so dom0's P2M starts with one long run), then the rest in chunks;
- the initrd stays in the machine frames where the bootloader put it: Xen hands those frames to
  dom0 — after the chunk, with ``mod_start`` a PFN (``SIF_MOD_START_PFN``), for a kernel with
  ``XEN_ELFNOTE_MOD_START_PFN``; inside the region otherwise;
- with ``XEN_ELFNOTE_INIT_P2M`` the P2M list is not in the region: ``setup_pv_physmap`` maps it
  at ``p2m_base`` with frames of its own (``first_p2m_pfn``, ``nr_p2m_frames``);
- ``start_info.magic`` is ``xen-3.0-x86_64p`` (PAE_MODE yes) and ``flags`` has
  ``SIF_PRIVILEGED | SIF_INITDOMAIN`` and the power-management bits (typically 0x20B); there are
  no xenstore or console pages (``store_mfn = 0``); ``console.dom0`` locates the VGA console
  info after start_info;
- Xen unpauses dom0 itself at the end of its own boot.
"""

from __future__ import annotations

from webapp.model.boot import layout as lay
from webapp.model.boot.bootlate import init_shared_info, vcpu_context
from webapp.model.boot.builder import parse_elf
from webapp.model.boot.common import (
    config_of,
    domain_of,
    host_of,
    mark,
    names,
    record_of,
    xen_heap_frame,
)
from webapp.model.boot.guest import GUEST_STEPS, guest_init
from webapp.model.boot.kernel import kernel_image
from webapp.model.boot.start_info import fill_start_info
from webapp.model.boot.start_of_day import (
    copy_p2m,
    hypercall_page,
    place_segment,
    tables_l1,
    tables_upper,
)
from webapp.model.boot.state import BootRecord, lab_of
from webapp.model.domain import Domain, VCpu
from webapp.model.events import XEN
from webapp.model.memory import FREE, P2MRun, Run, extend_p2m, frames_for_mb, p2m_frames
from webapp.model.operations import Context, Operation


def dom0_create(ctx: Context, op: Operation) -> None:
    """``domain_create(0, …)``: the control and hardware domain, born paused like any other."""
    host, config = host_of(ctx, op), config_of(op)
    record = BootRecord("dom0", config.kernel, config.cmdline)
    record.shared_info_mfn = xen_heap_frame(host.memory, 0)
    host.domains[0] = Domain(0, config, [VCpu(i) for i in range(config.vcpus)],
                             busy=str(op.args.get("action", op.kind)), boot=record)
    op.domid = 0
    mark(record, "create_domain")
    ctx.emit("boot.dom0_create", (XEN,), notable=True, vcpus=config.vcpus,
             memory_mb=config.memory_mb, **names(host.domains[0]))


def dom0_layout(ctx: Context, op: Operation) -> None:
    """"VIRTUAL MEMORY ARRANGEMENT": kernel, phys-mach map, start info, page tables, stack."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    record.layout = lay.plan(kernel_image(domain.config.kernel),
                             frames_for_mb(domain.config.memory_mb), dom0=True)
    mark(record, "mem_init")
    key = "boot.dom0_layout" if record.layout.modern else "boot.dom0_layout_inside"
    ctx.emit(key, (XEN,), v_start=hex(record.layout.virt_base),
             v_end=hex(record.layout.virt_end), nr_pt_frames=record.layout.nr_pt_frames,
             **names(domain))


def dom0_alloc(ctx: Context, op: Operation) -> None:
    """``alloc_domheap_pages(d, order)``: one aligned chunk covering the region."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    record = record_of(domain)
    order = (lay.dom0_first_chunk(record.layout) if record.layout else 1).bit_length() - 1
    start = _aligned_free(host.memory.runs, 1 << order)
    if start is None:  # the scenario's setup checked that dom0 fits (else Xen would panic)
        raise ValueError("Not enough RAM for domain 0 allocation")
    host.memory.set_owner(start, 1 << order, 0)
    domain.p2m = [P2MRun(0, start, 1 << order)]
    domain.nr_pages = 1 << order
    mark(record, "populate_2m:1", ctx, ((start, 1 << order),))
    ctx.emit("boot.dom0_alloc", (XEN,), order=order, pages=1 << order, first_mfn=start,
             **names(domain))


def _aligned_free(runs: list[Run], size: int) -> int | None:
    """The first free, ``size``-aligned stretch of ``size`` frames (the buddy allocator)."""
    for run in runs:
        first = -(-run.start // size) * size
        if run.owner == FREE and first + size <= run.end:
            return first
    return None


def dom0_initrd(ctx: Context, op: Operation) -> None:
    """The initrd's frames, where the bootloader left them, become dom0's: its next PFNs
    (``SIF_MOD_START_PFN``), or the PFNs of the initrd's place inside the region."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    record = record_of(domain)
    facts = lab_of(ctx.world).native.facts
    mfn, pages = int(facts.get("initrd_mfn", 0)), int(facts.get("initrd_pages", 0))
    seg = record.layout.segment("initrd") if record.layout else None
    mapped = seg is not None and seg.where == "region"
    pfn = seg.pfn if mapped and seg is not None else domain.nr_pages
    if pages:
        host.memory.set_owner(mfn, pages, 0)
        domain.p2m = _spliced(domain.p2m, pfn, mfn, pages)
        domain.nr_pages = p2m_frames(domain.p2m)
    mark(record, "dom0_initrd", ctx, ((mfn, pages),) if pages else ())
    ctx.emit("boot.dom0_initrd_mapped" if mapped else "boot.dom0_initrd", (XEN,), pfn=pfn,
             mfn=mfn, pages=pages, va=hex(seg.vstart) if seg else "—", **names(domain))


def _spliced(p2m: list[P2MRun], pfn: int, mfn: int, pages: int) -> list[P2MRun]:
    """The chunk's single run with the initrd's frames at ``pfn`` (``dom0_construct_pv``: the
    chunk's frames shift past them)."""
    if not p2m or pfn >= p2m_frames(p2m):
        return extend_p2m(p2m, [(mfn, pages)])
    chunk = p2m[0]
    runs = [P2MRun(0, chunk.mfn, pfn)] if pfn else []
    runs.append(P2MRun(pfn, mfn, pages))
    runs.append(P2MRun(pfn + pages, chunk.mfn + pfn, chunk.count - pfn))
    return runs


def dom0_p2m(ctx: Context, op: Operation) -> None:
    """``setup_pv_physmap``: with ``XEN_ELFNOTE_INIT_P2M``, frames for the P2M list and its
    tables, mapped at ``p2m_base``; without, the list lives inside the region."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    record = record_of(domain)
    seg = record.layout.segment("p2m") if record.layout else None
    if seg is None or seg.where != "p2m_base":
        mark(record, "dom0_p2m")
        ctx.emit("boot.dom0_p2m_inside", (XEN,), va=hex(seg.vstart if seg else 0),
                 first_p2m_pfn=domain.nr_pages, **names(domain))
        return
    pieces = host.memory.take_frames(0, seg.pages)
    domain.p2m = extend_p2m(domain.p2m, pieces)
    domain.nr_pages = p2m_frames(domain.p2m)
    mark(record, "dom0_p2m", ctx, tuple(pieces))
    ctx.emit("boot.dom0_p2m", (XEN,), pfn=seg.pfn, frames=seg.pages, va=hex(seg.vstart),
             entries=frames_for_mb(domain.config.memory_mb), **names(domain))


def dom0_memory(ctx: Context, op: Operation) -> None:
    """``alloc_chunk`` for the rest of dom0's memory; Xen writes the P2M and the M2P."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    record = record_of(domain)
    wanted = frames_for_mb(domain.config.memory_mb) - domain.nr_pages
    pieces = host.memory.take_frames(0, wanted) if wanted > 0 else []
    domain.p2m = extend_p2m(domain.p2m, pieces)
    domain.nr_pages = p2m_frames(domain.p2m)
    mark(record, "populate_4k", ctx, tuple(pieces))
    ctx.emit("boot.dom0_memory", (XEN,), frames=max(wanted, 0), nr_pages=domain.nr_pages,
             runs=len(domain.p2m), **names(domain))


def dom0_discard(ctx: Context, op: Operation) -> None:
    """``free_boot_modules``: the kernel module's frames go back to Xen's free heap."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    facts = lab_of(ctx.world).native.facts
    mfn, pages = int(facts.get("module_mfn", 0)), int(facts.get("module_pages", 0))
    if pages:
        host.memory.set_owner(mfn, pages, FREE)
    mark(record_of(domain), "dom0_discard")
    ctx.emit("boot.dom0_discard", (XEN,), mfn=mfn, pages=pages, **names(domain))


def dom0_unpause(ctx: Context, op: Operation) -> None:
    """``domain_unpause_by_systemcontroller(dom0)``: count 1→0, creation finished."""
    domain = domain_of(ctx, op)
    domain.controller_pause_count = 0
    domain.creation_finished = True
    mark(record_of(domain), "unpause")
    ctx.emit("boot.dom0_unpause", (XEN,), notable=True, **names(domain))


DOM0_STEPS = (dom0_create, parse_elf, dom0_layout, dom0_alloc, dom0_initrd, dom0_p2m,
              tables_upper, tables_l1, init_shared_info, place_segment, hypercall_page,
              dom0_memory, copy_p2m, fill_start_info, vcpu_context, dom0_discard, dom0_unpause,
              *GUEST_STEPS, guest_init)

dom0_chunk = lay.dom0_chunk  # re-exported: the lab's setup checks that dom0 fits
