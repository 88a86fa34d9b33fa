"""dom0's own boot: no toolstack exists yet, so Xen builds it (``dom0_construct_pv`` in
xen/arch/x86/pv/dom0_build.c). What differs from ``xl create``:

- Xen allocates one contiguous, aligned chunk of ``2^order`` frames for the start-of-day region
  (so dom0's P2M starts with one long run), then the rest in chunks;
- the initrd stays in the machine frames where the bootloader put it: Xen hands those frames to
  dom0 and passes ``mod_start`` as a PFN (``SIF_MOD_START_PFN``);
- ``start_info.flags`` has ``SIF_PRIVILEGED | SIF_INITDOMAIN``; there are no xenstore or console
  pages (``store_mfn = 0``); ``console.dom0`` locates the VGA console info after start_info;
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
    ctx.emit("boot.dom0_layout", (XEN,), v_start=hex(record.layout.virt_base),
             v_end=hex(record.layout.virt_end), nr_pt_frames=record.layout.nr_pt_frames,
             **names(domain))


def dom0_alloc(ctx: Context, op: Operation) -> None:
    """``alloc_domheap_pages(d, order)``: one aligned chunk covering the region."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    record = record_of(domain)
    pages = record.layout.region_pages if record.layout else 1
    order = dom0_chunk(pages).bit_length() - 1
    start = _aligned_free(host.memory.runs, 1 << order)
    if start is None:  # the scenario's setup checked that dom0 fits (else Xen would panic)
        raise ValueError("Not enough RAM for domain 0 allocation")
    host.memory.set_owner(start, 1 << order, 0)
    domain.p2m = [P2MRun(0, start, 1 << order)]
    domain.nr_pages = 1 << order
    mark(record, "populate_2m:1", ctx, ((start, 1 << order),))
    ctx.emit("boot.dom0_alloc", (XEN,), order=order, pages=1 << order, first_mfn=start,
             **names(domain))


def dom0_chunk(pages: int) -> int:
    """The order-aligned chunk Xen allocates first: enough for a region of ``pages``."""
    return 1 << max(0, (pages - 1).bit_length())


def _aligned_free(runs: list[Run], size: int) -> int | None:
    """The first free, ``size``-aligned stretch of ``size`` frames (the buddy allocator)."""
    for run in runs:
        first = -(-run.start // size) * size
        if run.owner == FREE and first + size <= run.end:
            return first
    return None


def dom0_initrd(ctx: Context, op: Operation) -> None:
    """The initrd's frames, where the bootloader left them, become dom0's next PFNs."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    record = record_of(domain)
    facts = lab_of(ctx.world).native.facts
    mfn, pages = int(facts.get("initrd_mfn", 0)), int(facts.get("initrd_pages", 0))
    record.guest["initrd_pfn"] = domain.nr_pages
    if pages:
        host.memory.set_owner(mfn, pages, 0)
        domain.p2m = extend_p2m(domain.p2m, [(mfn, pages)])
        domain.nr_pages = p2m_frames(domain.p2m)
    mark(record, "dom0_initrd", ctx, ((mfn, pages),) if pages else ())
    ctx.emit("boot.dom0_initrd", (XEN,), pfn=int(record.guest["initrd_pfn"]), mfn=mfn,
             pages=pages, **names(domain))


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
    """``discard_initial_images``: the kernel module's frames go back to Xen's free heap."""
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


DOM0_STEPS = (dom0_create, parse_elf, dom0_layout, dom0_alloc, dom0_initrd, tables_upper,
              tables_l1, init_shared_info, place_segment, hypercall_page, dom0_memory, copy_p2m,
              fill_start_info, vcpu_context, dom0_discard, dom0_unpause, *GUEST_STEPS,
              guest_init)
