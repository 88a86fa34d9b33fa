"""``xl create``: the toolstack builds a PV domain (virtualization-facts.md §1.4), then unpauses
it, and the guest kernel starts (§1.8).

The micro-steps are the boot lab's (``webapp/model/boot/builder.py``, ``guest.py``): one model
of building a domain. The lifecycle lab shows them grouped, one libxl phase per step; the boot
lab's ``build`` recipe shows every one. A phase runs its micro-steps in one step and keeps only
the ``create.*`` events (those both labs narrate); the boot lab's ``boot.*`` details are said
once, in a summary.
"""

from __future__ import annotations

from dataclasses import asdict

from webapp.model.boot import builder as b
from webapp.model.boot.common import config_of
from webapp.model.boot.guest import GUEST_STEPS, guest_ready
from webapp.model.domain import DomainConfig
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.lifecycle.common import domain_of, names
from webapp.model.memory import SUPERPAGE_FRAMES
from webapp.model.operations import AGAIN, Context, MicroStep, Operation, recipe

parse_config = b.parse_config
create_domain = b.create_domain
attach_devices = b.attach_devices
bring_up_vcpus = b.bring_up_vcpus


def quietly(ctx: Context, op: Operation, *steps: MicroStep) -> None:
    """Run ``steps`` to completion within this step (a failure ends the operation); keep the
    ``create.*`` events, drop the boot lab's ``boot.*`` detail."""
    mark = len(ctx.events)
    for step in steps:
        while not op.done and step(ctx, op) == AGAIN:
            pass
        if op.done:
            break
    ctx.events[mark:] = [e for e in ctx.events[mark:] if not e.kind.startswith("boot.")]


def build_pre(ctx: Context, op: Operation) -> None:
    """``libxl__build_pre``: max vCPUs and memory, two unbound event channels."""
    quietly(ctx, op, b.set_limits, b.alloc_evtchns)
    domain = domain_of(ctx, op)
    ctx.emit("create.build_pre", (TOOLSTACK, XEN), vcpus=domain.config.vcpus,
             memory_kb=domain.config.memory_mb * 1024, store_port=domain.store_port,
             console_port=domain.console_port, **names(domain))


def parse_image(ctx: Context, op: Operation) -> None:
    quietly(ctx, op, b.load_files, b.parse_elf)
    domain = domain_of(ctx, op)
    ctx.emit("create.parse_image", (TOOLSTACK,), kernel=domain.config.kernel, **names(domain))


def populate_superpages(ctx: Context, op: Operation) -> None:
    """``xc_domain_populate_physmap`` with order 9: 2 MiB extents first."""
    quietly(ctx, op, b.mem_init, b.populate_2m)
    domain = domain_of(ctx, op)
    ctx.emit("create.populate_2m", (TOOLSTACK, XEN), extents=len(domain.p2m) and
             domain.nr_pages // SUPERPAGE_FRAMES, frames=domain.nr_pages, **names(domain))


def populate_frames(ctx: Context, op: Operation) -> None:
    """The remainder as 4 KiB frames; on ENOMEM libxl destroys the half-built domain."""
    b.populate_4k(ctx, op)


def build_image(ctx: Context, op: Operation) -> None:
    """``xc_dom_build_image``: every element of the start-of-day region (or a failure)."""
    quietly(ctx, op, b.place_segment)
    if not op.done:
        ctx.emit("create.build_image", (TOOLSTACK,), **names(domain_of(ctx, op)))


def boot_image(ctx: Context, op: Operation) -> None:
    quietly(ctx, op, b.shared_info_frame, b.tables_upper, b.tables_l1, b.copy_p2m,
            b.fill_start_info, b.hypercall_page)
    domain = domain_of(ctx, op)
    ctx.emit("create.boot_image", (TOOLSTACK, XEN), nr_pages=domain.nr_pages, **names(domain))


def pin_and_shared_info(ctx: Context, op: Operation) -> None:
    quietly(ctx, op, b.pin_l4, b.init_shared_info)
    ctx.emit("create.pin_l4", (TOOLSTACK, XEN), **names(domain_of(ctx, op)))


def set_vcpu_context(ctx: Context, op: Operation) -> None:
    """``XEN_DOMCTL_setvcpucontext`` for vCPU0, flags ``VGCF_online``."""
    quietly(ctx, op, b.vcpu_context)
    ctx.emit("create.vcpu_context", (TOOLSTACK, XEN), **names(domain_of(ctx, op)))


def grant_table_init(ctx: Context, op: Operation) -> None:
    quietly(ctx, op, b.seed_grants)
    ctx.emit("create.gnttab_seed", (TOOLSTACK,), **names(domain_of(ctx, op)))


def build_post(ctx: Context, op: Operation) -> None:
    """``libxl__build_post``: the xenstore nodes, then ``xs_introduce_domain``."""
    quietly(ctx, op, b.write_nodes, b.introduce)


def unpause_new(ctx: Context, op: Operation) -> None:
    """Unless ``-p``: count 1→0 marks creation finished, and the guest kernel starts (a
    restored guest resumes instead)."""
    quietly(ctx, op, b.unpause_domain)
    if op.done:
        return
    domain = domain_of(ctx, op)
    if domain.boot is not None and domain.boot.layout is not None:
        quietly(ctx, op, *GUEST_STEPS, guest_ready)
    if domain.config.vcpus == 1:
        op.done = True


def start_guest(ctx: Context, op: Operation) -> None:
    """A domain created with ``-p`` starts when it is first unpaused: its kernel boots and
    brings its other vCPUs online."""
    domain = domain_of(ctx, op)
    if domain.boot is not None and domain.boot.layout is not None and not domain.boot.did(
            "guest:init"):
        quietly(ctx, op, *GUEST_STEPS, guest_ready)
    if len(domain.vcpus) > 1:
        bring_up_vcpus(ctx, op)


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
