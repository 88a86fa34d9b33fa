"""``xl create`` of a PV guest, one toolstack, builder, Xen or guest call per step
(virtualization-facts.md §1.4–1.8).

These micro-steps are THE model of building a domain: the boot lab runs them one per step
(recipe ``build``); the lifecycle lab's ``create`` groups them into its coarser steps
(``lifecycle/build.py``), so a domain built in either lab is the same domain.
"""

from __future__ import annotations

from typing import Any

from webapp.model import scheduler
from webapp.model.boot import layout as lay
from webapp.model.boot.abi import (
    ENTRIES,
    HYPERCALL_STUB_BYTES,
    MMUEXT_PIN_L4_TABLE,
    PAGE_SHIFT,
    PAGE_SIZE,
    XEN_LEGACY_MAX_VCPUS,
    MiB,
    flag_names,
)
from webapp.model.boot.common import (
    by,
    config_of,
    domain_of,
    hexa,
    host_of,
    mark,
    merged,
    mfn_lookup,
    names,
    record_of,
    xen_heap_frame,
)
from webapp.model.boot.kernel import kernel_image
from webapp.model.boot.state import BootRecord, Layout, lab_of
from webapp.model.domain import Domain, VCpu
from webapp.model.errors import Refused
from webapp.model.events import TOOLSTACK, XEN, XENSTORED, guest
from webapp.model.memory import SUPERPAGE_FRAMES, extend_p2m, frames_for_mb, p2m_frames
from webapp.model.operations import AGAIN, Context, Operation
from webapp.model.scenario import write_domain_nodes
from webapp.model.xenstore import home

#: libxc asks for at most this many 2 MiB extents per populate_physmap call
#: (SUPERPAGE_BATCH_SIZE); the model takes them all in one step and counts the calls.
SUPERPAGE_BATCH = 512

# -- 1. the toolstack makes the domain ---------------------------------------------------------


def parse_config(ctx: Context, op: Operation) -> None:
    """``xl create`` parses the configuration; with ``boot_both`` the traditional machine is
    powered on at the same moment (the engine then interleaves the two, one step each)."""
    config = config_of(op)
    ctx.emit("create.parse_config", (TOOLSTACK,), domain=config.name,
             memory_mb=config.memory_mb, vcpus=config.vcpus, kernel=config.kernel)
    if op.args.get("with_native"):
        ctx.spawn("native_boot", None, {})


def create_domain(ctx: Context, op: Operation) -> None:
    """``XEN_DOMCTL_createdomain``: born paused, ``controller_pause_count = 1``; Xen gives the
    domain a ``shared_info`` page from its own heap."""
    host, config = host_of(ctx, op), config_of(op)
    domid = host.allocate_domid()
    record = BootRecord("restore" if op.kind == "restore" else "xl", config.kernel,
                        config.cmdline)
    record.shared_info_mfn = xen_heap_frame(host.memory, domid)
    host.domains[domid] = Domain(domid, config, [VCpu(i) for i in range(config.vcpus)],
                                 busy=str(op.args.get("action", op.kind)), boot=record)
    op.domid = domid
    mark(record, "create_domain")
    ctx.emit("create.domain_created", (TOOLSTACK, XEN), notable=True, domain=config.name,
             domid=domid)


def set_limits(ctx: Context, op: Operation) -> None:
    """``XEN_DOMCTL_max_vcpus`` and ``XEN_DOMCTL_max_mem`` (libxl__build_pre)."""
    domain = domain_of(ctx, op)
    mark(record_of(domain), "set_limits")
    ctx.emit("boot.max_limits", (TOOLSTACK, XEN), vcpus=domain.config.vcpus,
             memory_kb=domain.config.memory_mb * 1024, **names(domain))


def alloc_evtchns(ctx: Context, op: Operation) -> None:
    """Two unbound event channels: xenstore (to xenstored) and console (to the backend)."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    domain.store_port, domain.console_port = host.allocate_port(), host.allocate_port()
    mark(record_of(domain), "alloc_evtchns")
    ctx.emit("boot.evtchns", (TOOLSTACK, XEN), store_port=domain.store_port,
             console_port=domain.console_port, **names(domain))


# -- 2. the domain builder reads the kernel ----------------------------------------------------


def load_files(ctx: Context, op: Operation) -> None:
    """``xc_dom_allocate``, ``xc_dom_kernel_file`` and ``xc_dom_module_file`` (the initrd)."""
    domain = domain_of(ctx, op)
    image = kernel_image(domain.config.kernel)
    mark(record_of(domain), "load_files")
    ctx.emit("boot.load_files", (TOOLSTACK,), kernel=image.path, initrd=image.initrd,
             kernel_mb=image.kernel_bytes // MiB, initrd_bytes=image.initrd_bytes,
             **names(domain))


def parse_elf(ctx: Context, op: Operation) -> None:
    """``xc_dom_parse_image``: the ELF headers and the Xen notes (§1.9)."""
    domain = domain_of(ctx, op)
    image = kernel_image(domain.config.kernel)
    mark(record_of(domain), "parse_elf")
    ctx.emit("boot.parse_elf", by(record_of(domain)), entry=hexa(image.entry),
             virt_base=hexa(image.virt_base), hypercall_page=hexa(image.hypercall_page),
             features=image.features, guest_os=image.guest_os, **names(domain))


# -- 3. memory: populate_physmap and the P2M ---------------------------------------------------


def mem_init(ctx: Context, op: Operation) -> None:
    """``xc_dom_mem_init``: the target size; a local ``pv_p2m[]`` all ``INVALID_PFN``. The
    start-of-day layout is planned now that ``nr_pages`` is known."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    target = frames_for_mb(domain.config.memory_mb)
    if record.origin == "xl":
        record.layout = lay.plan(kernel_image(domain.config.kernel), target)
    mark(record, "mem_init")
    ctx.emit("boot.mem_init", (TOOLSTACK,), nr_pages=target, extents=target // SUPERPAGE_FRAMES,
             **names(domain))


def populate_2m(ctx: Context, op: Operation) -> None:
    """``populate_physmap`` of order 9, in calls of up to 512 extents: every aligned 2 MiB
    extent the allocator finds for the domain, wherever it is; the P2M numbers them as the
    next PFNs."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    record = record_of(domain)
    wanted = frames_for_mb(domain.config.memory_mb) // SUPERPAGE_FRAMES
    got = host.memory.take_superpages(domain.domid, wanted) if wanted > 0 else []
    pieces = tuple((run.mfn, run.count) for run in got)
    domain.p2m = merged(extend_p2m(domain.p2m, list(pieces)))
    domain.nr_pages = p2m_frames(domain.p2m)
    mark(record, "populate_2m", ctx, pieces)
    extents = p2m_frames(got) // SUPERPAGE_FRAMES
    ctx.emit("boot.populate_2m", (TOOLSTACK, XEN), extents=extents, frames=domain.nr_pages,
             calls=max(1, -(-extents // SUPERPAGE_BATCH)), first_mfn=got[0].mfn if got else 0,
             pieces=len(pieces), wanted=wanted, **names(domain))


def populate_4k(ctx: Context, op: Operation) -> None:
    """The remainder as 4 KiB frames (``populate_physmap_exact``); on ENOMEM libxl destroys
    the half-built domain."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    wanted = frames_for_mb(domain.config.memory_mb) - domain.nr_pages
    try:
        pieces = host.memory.take_frames(domain.domid, wanted)
    except Refused:
        freed = host.memory.frames_of(domain.domid)
        roll_back(ctx, op, "create.failed_enomem", wanted=wanted,
                  free=host.memory.free_frames(), freed=freed)
        return None
    domain.p2m = extend_p2m(domain.p2m, pieces)
    domain.nr_pages = p2m_frames(domain.p2m)
    if domain.boot is not None:
        mark(domain.boot, "populate_4k", ctx, tuple(pieces))
    ctx.emit("create.populate_4k", (TOOLSTACK, XEN), frames=wanted, runs=len(domain.p2m),
             nr_pages=domain.nr_pages, **names(domain))
    return None


def roll_back(ctx: Context, op: Operation, key: str, **data: object) -> None:
    """libxl destroys a domain whose build failed: every frame goes back, the domain is gone,
    nothing is left allocated."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    host.memory.release(domain.domid)
    del host.domains[domain.domid]
    op.done = True
    lab_of(ctx.world).failure = {"key": key, "step": ctx.step, **names(domain), **data}
    ctx.emit(key, (XEN, TOOLSTACK), notable=True, **data, **names(domain))


# -- 4. the start-of-day region ----------------------------------------------------------------

PLACE_EVENTS = {"kernel": "boot.place_kernel", "initrd": "boot.place_initrd",
                "p2m": "boot.place_p2m", "start_info": "boot.place_start_info",
                "xenstore": "boot.place_xenstore", "console": "boot.place_console",
                "pagetables": "boot.place_pagetables", "stack": "boot.place_stack"}


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
    ctx.emit(PLACE_EVENTS[seg.name], by(record), pfn=seg.pfn, pages=seg.pages,
             vstart=hexa(seg.vstart), vend=hexa(seg.vend), size=seg.size,
             virt_end=hexa(layout.virt_end), padding_kb=(layout.virt_end - seg.vend) // 1024,
             nr_pt_frames=layout.nr_pt_frames, **names(domain))
    return AGAIN if record.placed < len(layout.segments) else None


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
    layout = _layout(record)
    record.tables = lay.table_frames(layout, mfn_lookup(domain.p2m))
    top = {frame.level: frame for frame in reversed(record.tables)}
    l1s = [frame for frame in record.tables if frame.level == 1]
    mark(record, "tables:upper")
    ctx.emit("boot.pgtables_upper", by(record), l4_mfn=top[4].mfn, l4_slot=top[4].first_slot,
             l3_mfn=top[3].mfn, l3_slot=top[3].first_slot, l2_mfn=top[2].mfn,
             l1_tables=len(l1s), **names(domain))


def tables_l1(ctx: Context, op: Operation) -> None:
    """The L1 entries map every frame of the region to its MFN; the entries that map the page
    tables themselves are read-only (``get_pg_prot`` clears ``_PAGE_RW``)."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    layout = _layout(record)
    mark(record, "tables:l1")
    ctx.emit("boot.pgtables_l1", by(record), frames=layout.region_pages,
             l1_tables=layout.region_pages // ENTRIES, readonly=layout.nr_pt_frames,
             pt_pfn=lay.readonly_frames(layout).start, **names(domain))


def copy_p2m(ctx: Context, op: Operation) -> None:
    """``pv_p2m[]`` is copied into the guest's P2M list at ``mfn_list``: entry ``pfn`` holds
    the MFN of ``pfn``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    seg = _layout(record).segment("p2m")
    mark(record, "p2m_copy")
    ctx.emit("boot.p2m_copied", by(record), entries=domain.nr_pages, runs=len(domain.p2m),
             va=hexa(seg.vstart if seg else 0), **names(domain))


START_INFO_EVENTS = {"magic": "boot.si_magic", "shared_info": "boot.si_shared_info",
                     "flags": "boot.si_flags", "store": "boot.si_store",
                     "console": "boot.si_console", "pt_base": "boot.si_pt_base",
                     "mfn_list": "boot.si_mfn_list", "module": "boot.si_module",
                     "cmd_line": "boot.si_cmd_line"}
DOM0_START_INFO_EVENTS = {"store": "boot.si_store_dom0", "console": "boot.si_console_dom0",
                          "module": "boot.si_module_dom0"}


def start_info_groups(domain: Domain, record: BootRecord
                      ) -> list[tuple[str, dict[str, int | str]]]:
    """The groups of ``start_info`` fields for ``domain``, with the model's values."""
    dom0 = record.origin == "dom0"
    image = kernel_image(domain.config.kernel)
    initrd = record.guest.get("initrd_pfn")
    return lay.start_info_groups(
        _layout(record), mfn_lookup(domain.p2m), nr_pages=frames_for_mb(domain.config.memory_mb),
        shared_info_mfn=record.shared_info_mfn or 0, store_port=domain.store_port or 0,
        console_port=domain.console_port or 0, cmdline=domain.config.cmdline, dom0=dom0,
        initrd_pfn=initrd if isinstance(initrd, int) else None,
        initrd_bytes=image.initrd_bytes if dom0 else 0)


def fill_start_info(ctx: Context, op: Operation) -> str | None:
    """The ``start_info`` hook fills the structure, one field or small group per step."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    groups = start_info_groups(domain, record)
    done = sum(1 for step in record.steps if step.startswith("start_info:"))
    group, fields = groups[done]
    record.start_info.update(fields)
    mark(record, f"start_info:{group}")
    shown: dict[str, Any] = {
        key.replace(".", "_"): hexa(value) if key in HEX_FIELDS and isinstance(value, int)
        else value for key, value in fields.items()}
    if group == "flags":
        shown["flag_names"] = " | ".join(flag_names(int(fields["flags"]))) or "0"
    kind = (DOM0_START_INFO_EVENTS if record.origin == "dom0" else START_INFO_EVENTS).get(
        group, START_INFO_EVENTS[group])
    ctx.emit(kind, by(record), **shown, **names(domain))
    return AGAIN if done + 1 < len(groups) else None


#: start_info fields written as hex: addresses (and machine frame numbers read as such).
HEX_FIELDS = ("shared_info", "pt_base", "mfn_list", "mod_start", "flags")


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


# -- 6. bootlate: pin, shared_info, vCPU0, grants ----------------------------------------------


def pin_l4(ctx: Context, op: Operation) -> None:
    """``MMUEXT_PIN_L4_TABLE``: Xen validates the whole tree and pins the top-level table."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    top = record.tables[0] if record.tables else None
    mark(record, "pin_l4")
    ctx.emit("boot.pin_l4", (TOOLSTACK, XEN), mfn=top.mfn if top else 0, cmd=MMUEXT_PIN_L4_TABLE,
             tables=len(record.tables), **names(domain))


def init_shared_info(ctx: Context, op: Operation) -> None:
    """``shared_info`` is mapped and cleared; every ``vcpu_info[i].evtchn_upcall_mask = 1``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    mark(record, "shared_info_init")
    ctx.emit("boot.shared_info_init", by(record, XEN), mfn=record.shared_info_mfn or 0,
             slots=XEN_LEGACY_MAX_VCPUS, **names(domain))


def vcpu_context(ctx: Context, op: Operation) -> None:
    """``XEN_DOMCTL_setvcpucontext`` for vCPU0: RIP, RSP, RSI, CR3, flags (§1.7)."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    domain.vcpus[0].online = True
    mark(record, "vcpu_context")
    if record.layout is None:  # a restore: the context comes from the image's vCPU record
        return
    image = kernel_image(domain.config.kernel)
    record.registers = lay.registers(record.layout, mfn_lookup(domain.p2m), image.entry)
    regs = record.registers
    ctx.emit("boot.vcpu_context", by(record, XEN), rip=hexa(regs["rip"]), rsp=hexa(regs["rsp"]),
             rsi=hexa(regs["rsi"]), cr3=hexa(regs["cr3"]), **names(domain))


def seed_grants(ctx: Context, op: Operation) -> None:
    """``xc_dom_gnttab_init``: entry 0 lets the console backend map the console ring, entry 1
    lets xenstored map the xenstore ring (both in dom0 here)."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    if record.layout is not None:
        lookup = mfn_lookup(domain.p2m)
        console, store = record.layout.segment("console"), record.layout.segment("xenstore")
        record.grants = [(0, "console", 0, lookup(console.pfn) if console else 0),
                         (1, "xenstore", 0, lookup(store.pfn) if store else 0)]
    mark(record, "gnttab")
    frames = {use: frame for _, use, _, frame in record.grants}
    ctx.emit("boot.gnttab", (TOOLSTACK, XEN), console_mfn=frames.get("console", 0),
             store_mfn=frames.get("xenstore", 0), **names(domain))


# -- 7. post-build, devices, unpause -----------------------------------------------------------


def write_nodes(ctx: Context, op: Operation) -> None:
    """``libxl__build_post``: the domain's nodes under ``/local/domain/<domid>``."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    before = len(host.xenstore.nodes)
    write_domain_nodes(host, domain)
    mark(record_of(domain), "xenstore_nodes")
    ctx.emit("boot.xenstore_nodes", (TOOLSTACK, XENSTORED), path=home(domain.domid),
             nodes=len(host.xenstore.nodes) - before, cmdline=domain.config.cmdline,
             **names(domain))


def introduce(ctx: Context, op: Operation) -> None:
    """``xs_introduce_domain(domid, store_mfn, store_port)``: xenstored maps the ring."""
    domain = domain_of(ctx, op)
    mark(record_of(domain), "introduce")
    ctx.emit("create.introduce", (TOOLSTACK, XENSTORED), path=home(domain.domid),
             store_port=domain.store_port, **names(domain))


def attach_devices(ctx: Context, op: Operation) -> None:
    """Frontend and backend directories of the disk and the network card."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    store = host.xenstore
    store.write(f"{home(domain.domid)}/device/vbd/51712/state", "1")
    store.write(f"{home(0)}/backend/vbd/{domain.domid}/51712/state", "1")
    store.write(f"{home(domain.domid)}/device/vif/0/state", "1")
    store.write(f"{home(0)}/backend/vif/{domain.domid}/0/state", "1")
    if domain.boot is not None:
        mark(domain.boot, "devices")
    ctx.emit("create.devices", (TOOLSTACK, XENSTORED), **names(domain))


def unpause_domain(ctx: Context, op: Operation) -> None:
    """Unless ``-p``: ``XEN_DOMCTL_unpausedomain``, count 1→0 marks creation finished."""
    domain = domain_of(ctx, op)
    if op.args.get("paused"):
        ctx.emit("create.left_paused", (TOOLSTACK,), notable=True, **names(domain))
        op.done = True
        return
    domain.controller_pause_count = 0
    domain.creation_finished = True
    if domain.boot is not None:
        mark(domain.boot, "unpause")
    ctx.emit("create.unpaused", (TOOLSTACK, XEN), notable=True, **names(domain))


def bring_up_vcpus(ctx: Context, op: Operation) -> None:
    """The guest kernel brings its secondary vCPUs online with ``VCPUOP_up``."""
    domain = domain_of(ctx, op)
    for vcpu in domain.vcpus[1:]:
        vcpu.online = True
    scheduler.deschedule(host_of(ctx, op), domain)
    ctx.emit("create.vcpus_up", (guest(domain.domid), XEN), count=len(domain.vcpus) - 1,
             **names(domain))


def _layout(record: BootRecord) -> Layout:
    if record.layout is None:
        raise ValueError("no start-of-day layout")
    return record.layout


BUILDER_STEPS = (parse_config, create_domain, set_limits, alloc_evtchns, load_files, parse_elf,
                 mem_init, populate_2m, populate_4k, place_segment, shared_info_frame,
                 tables_upper, tables_l1, copy_p2m, fill_start_info, hypercall_page, pin_l4,
                 init_shared_info, vcpu_context, seed_grants, write_nodes, introduce,
                 attach_devices, unpause_domain)
