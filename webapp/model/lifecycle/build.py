"""``xl create``: the toolstack builds a PV domain (virtualization-facts.md §1.4), one call
per step, then unpauses it. The boot lab shows the same recipe in more detail.
"""

from __future__ import annotations

from dataclasses import asdict

from webapp.model import scheduler
from webapp.model.domain import Domain, DomainConfig, VCpu
from webapp.model.errors import Refused
from webapp.model.events import TOOLSTACK, XEN, XENSTORED
from webapp.model.lifecycle.common import domain_of, guest_actor, host_of, names
from webapp.model.memory import SUPERPAGE_FRAMES, extend_p2m, frames_for_mb, p2m_frames
from webapp.model.operations import Context, Operation, recipe
from webapp.model.scenario import write_domain_nodes
from webapp.model.xenstore import home


def config_of(op: Operation) -> DomainConfig:
    return DomainConfig(**op.args["config"])


def parse_config(ctx: Context, op: Operation) -> None:
    config = config_of(op)
    ctx.emit("create.parse_config", (TOOLSTACK,), domain=config.name,
             memory_mb=config.memory_mb, vcpus=config.vcpus, kernel=config.kernel)


def create_domain(ctx: Context, op: Operation) -> None:
    """``XEN_DOMCTL_createdomain``: born paused, ``controller_pause_count = 1``."""
    host, config = host_of(ctx, op), config_of(op)
    domid = host.allocate_domid()
    host.domains[domid] = Domain(domid, config, [VCpu(i) for i in range(config.vcpus)],
                                 busy=str(op.args.get("action", op.kind)))
    op.domid = domid
    ctx.emit("create.domain_created", (TOOLSTACK, XEN), notable=True, domain=config.name,
             domid=domid)


def build_pre(ctx: Context, op: Operation) -> None:
    domain = domain_of(ctx, op)
    host = host_of(ctx, op)
    domain.store_port, domain.console_port = host.allocate_port(), host.allocate_port()
    ctx.emit("create.build_pre", (TOOLSTACK, XEN), vcpus=domain.config.vcpus,
             memory_kb=domain.config.memory_mb * 1024, store_port=domain.store_port,
             console_port=domain.console_port, **names(domain))


def parse_image(ctx: Context, op: Operation) -> None:
    domain = domain_of(ctx, op)
    ctx.emit("create.parse_image", (TOOLSTACK,), kernel=domain.config.kernel, **names(domain))


def populate_superpages(ctx: Context, op: Operation) -> None:
    """``xc_domain_populate_physmap`` with order 9: 2 MiB extents first."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    wanted = frames_for_mb(domain.config.memory_mb) // SUPERPAGE_FRAMES
    domain.p2m = host.memory.take_superpages(domain.domid, wanted)
    domain.nr_pages = p2m_frames(domain.p2m)
    ctx.emit("create.populate_2m", (TOOLSTACK, XEN), extents=len(domain.p2m) and
             domain.nr_pages // SUPERPAGE_FRAMES, frames=domain.nr_pages, **names(domain))


def populate_frames(ctx: Context, op: Operation) -> None:
    """The remainder as 4 KiB frames; on ENOMEM libxl destroys the half-built domain."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    wanted = frames_for_mb(domain.config.memory_mb) - domain.nr_pages
    try:
        pieces = host.memory.take_frames(domain.domid, wanted)
    except Refused:
        return _roll_back(ctx, op, wanted)
    domain.p2m = extend_p2m(domain.p2m, pieces)
    domain.nr_pages = p2m_frames(domain.p2m)
    ctx.emit("create.populate_4k", (TOOLSTACK, XEN), frames=wanted, runs=len(domain.p2m),
             nr_pages=domain.nr_pages, **names(domain))
    return None


def _roll_back(ctx: Context, op: Operation, wanted: int) -> None:
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    freed = host.memory.release(domain.domid)
    del host.domains[domain.domid]
    op.done = True
    ctx.emit("create.failed_enomem", (XEN, TOOLSTACK), notable=True, wanted=wanted,
             free=host.memory.free_frames() - freed, freed=freed, **names(domain))


def build_image(ctx: Context, op: Operation) -> None:
    domain = domain_of(ctx, op)
    ctx.emit("create.build_image", (TOOLSTACK,), **names(domain))


def boot_image(ctx: Context, op: Operation) -> None:
    domain = domain_of(ctx, op)
    ctx.emit("create.boot_image", (TOOLSTACK, XEN), nr_pages=domain.nr_pages, **names(domain))


def pin_and_shared_info(ctx: Context, op: Operation) -> None:
    domain = domain_of(ctx, op)
    ctx.emit("create.pin_l4", (TOOLSTACK, XEN), **names(domain))


def set_vcpu_context(ctx: Context, op: Operation) -> None:
    """``XEN_DOMCTL_setvcpucontext`` for vCPU0, flags ``VGCF_online``."""
    domain = domain_of(ctx, op)
    domain.vcpus[0].online = True
    ctx.emit("create.vcpu_context", (TOOLSTACK, XEN), **names(domain))


def grant_table_init(ctx: Context, op: Operation) -> None:
    domain = domain_of(ctx, op)
    ctx.emit("create.gnttab_seed", (TOOLSTACK,), **names(domain))


def build_post(ctx: Context, op: Operation) -> None:
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    write_domain_nodes(host, domain)
    ctx.emit("create.introduce", (TOOLSTACK, XENSTORED), path=home(domain.domid),
             store_port=domain.store_port, **names(domain))


def attach_devices(ctx: Context, op: Operation) -> None:
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    store = host.xenstore
    store.write(f"{home(domain.domid)}/device/vbd/51712/state", "1")
    store.write(f"{home(0)}/backend/vbd/{domain.domid}/51712/state", "1")
    store.write(f"{home(domain.domid)}/device/vif/0/state", "1")
    store.write(f"{home(0)}/backend/vif/{domain.domid}/0/state", "1")
    ctx.emit("create.devices", (TOOLSTACK, XENSTORED), **names(domain))


def unpause_new(ctx: Context, op: Operation) -> None:
    """Unless ``-p``: ``XEN_DOMCTL_unpausedomain``, count 1→0 marks creation finished."""
    domain = domain_of(ctx, op)
    if op.args.get("paused"):
        ctx.emit("create.left_paused", (TOOLSTACK,), notable=True, **names(domain))
        op.done = True
        return
    domain.controller_pause_count = 0
    domain.creation_finished = True
    ctx.emit("create.unpaused", (TOOLSTACK, XEN), notable=True, **names(domain))
    if domain.config.vcpus == 1:
        op.done = True


def bring_up_vcpus(ctx: Context, op: Operation) -> None:
    """The guest kernel brings its secondary vCPUs online with ``VCPUOP_up``."""
    domain = domain_of(ctx, op)
    for vcpu in domain.vcpus[1:]:
        vcpu.online = True
    scheduler.deschedule(host_of(ctx, op), domain)
    ctx.emit("create.vcpus_up", (guest_actor(domain), XEN), count=len(domain.vcpus) - 1,
             **names(domain))


BUILD_STEPS = (create_domain, build_pre, parse_image, populate_superpages, populate_frames,
               build_image, boot_image, pin_and_shared_info, set_vcpu_context,
               grant_table_init, build_post, attach_devices, unpause_new, bring_up_vcpus)

recipe("create", parse_config, *BUILD_STEPS)


def create_args(config: DomainConfig, paused: bool = False) -> dict[str, object]:
    """The operation arguments for building ``config``."""
    return {"config": asdict(config), "paused": paused}


def announce_restart(ctx: Context, op: Operation) -> None:
    """``on_reboot=restart`` (or ``on_crash``…): xl creates a new domain from the same config."""
    ctx.emit("create.restart", (TOOLSTACK,), notable=True, domain=config_of(op).name,
             setting=str(op.args.get("setting", "on_reboot")))


recipe("restart", announce_restart, *BUILD_STEPS)
