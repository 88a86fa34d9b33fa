"""``xl create`` of a PV guest, one toolstack, builder, Xen or guest call per step
(virtualization-facts.md §1.4–1.8).

These micro-steps are THE model of building a domain: the boot lab runs them one per step
(recipe ``build``); the lifecycle lab's ``create`` groups them into its coarser steps
(``lifecycle/build.py``), so a domain built in either lab is the same domain.

The steps live with their concept: ``physmap`` (step 3), ``start_of_day`` (steps 4–5),
``start_info`` and ``bootlate`` (step 6); this module keeps the toolstack's own calls and
gathers them all in ``BUILDER_STEPS``.
"""

from __future__ import annotations

from webapp.model import scheduler
from webapp.model.boot.abi import MiB
from webapp.model.boot.bootlate import init_shared_info, pin_l4, seed_grants, vcpu_context
from webapp.model.boot.common import (
    by,
    config_of,
    domain_of,
    hexa,
    host_of,
    mark,
    names,
    record_of,
    xen_heap_frame,
)
from webapp.model.boot.kernel import kernel_image
from webapp.model.boot.physmap import SUPERPAGE_BATCH, mem_init, populate_2m, populate_4k, roll_back
from webapp.model.boot.start_info import (
    DOM0_START_INFO_EVENTS,
    HEX_FIELDS,
    START_INFO_EVENTS,
    fill_start_info,
    start_info_groups,
)
from webapp.model.boot.start_of_day import (
    PLACE_EVENTS,
    copy_p2m,
    hypercall_page,
    layout_of,
    place_segment,
    shared_info_frame,
    tables_l1,
    tables_upper,
)
from webapp.model.boot.state import BootRecord
from webapp.model.domain import Domain, VCpu
from webapp.model.events import TOOLSTACK, XEN, XENSTORED, guest
from webapp.model.operations import Context, Operation
from webapp.model.scenario import write_domain_nodes
from webapp.model.xenstore import home

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
    notes = {"key": "boot.notes.modern", "data": {"p2m_base": hexa(image.init_p2m or 0)}} \
        if image.modern else {"key": "boot.notes.legacy", "data": {}}
    ctx.emit("boot.parse_elf", by(record_of(domain)), entry=hexa(image.entry),
             virt_base=hexa(image.virt_base), hypercall_page=hexa(image.hypercall_page),
             features=image.features, guest_os=image.guest_os, notes=notes, **names(domain))



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


BUILDER_STEPS = (parse_config, create_domain, set_limits, alloc_evtchns, load_files, parse_elf,
                 mem_init, populate_2m, populate_4k, place_segment, shared_info_frame,
                 tables_upper, tables_l1, copy_p2m, fill_start_info, hypercall_page, pin_l4,
                 init_shared_info, vcpu_context, seed_grants, write_nodes, introduce,
                 attach_devices, unpause_domain)

__all__ = [
    "BUILDER_STEPS", "DOM0_START_INFO_EVENTS", "HEX_FIELDS", "PLACE_EVENTS", "START_INFO_EVENTS",
    "SUPERPAGE_BATCH", "alloc_evtchns", "attach_devices", "bring_up_vcpus", "copy_p2m",
    "create_domain", "fill_start_info", "hypercall_page", "init_shared_info", "introduce",
    "layout_of", "load_files", "mem_init", "parse_config", "parse_elf", "pin_l4", "place_segment",
    "populate_2m", "populate_4k", "roll_back", "seed_grants", "set_limits", "shared_info_frame",
    "start_info_groups", "tables_l1", "tables_upper", "unpause_domain", "vcpu_context",
    "write_nodes",
]
