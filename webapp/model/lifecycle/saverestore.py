"""``xl save`` (suspend, stream the memory, destroy) and ``xl restore`` (a new domain from the
image), following virtualization-facts.md §3.6 and the libxc migration stream v3.
"""

from __future__ import annotations

from dataclasses import asdict

from webapp.model.domain import ShutdownReason
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.host import SavedImage
from webapp.model.lifecycle.build import BUILD_STEPS
from webapp.model.lifecycle.common import domain_of, finalise_shutdown, names
from webapp.model.lifecycle.shutdown import acknowledge, guest_shutdown, write_control
from webapp.model.operations import AGAIN, Context, Operation, recipe

PAGE_BATCHES = 4  # PAGE_DATA records shown, one per step


def image_of(ctx: Context, op: Operation) -> SavedImage:
    return ctx.world.images[op.args["file"]]


def batch_size(nr_pages: int) -> int:
    return max(1, -(-nr_pages // PAGE_BATCHES))


def write_header(ctx: Context, op: Operation) -> None:
    """xl opens the file and writes its header and the domain's configuration as JSON."""
    domain = domain_of(ctx, op)
    ctx.world.images[op.args["file"]] = SavedImage(op.args["file"], domain.config,
                                                   domain.nr_pages, domain.domid)
    image_of(ctx, op).records.append("xl header")
    ctx.emit("save.header", (TOOLSTACK,), file=op.args["file"], **names(domain))


def stream_headers(ctx: Context, op: Operation) -> None:
    image = image_of(ctx, op)
    image.records += ["image header (XENF v3)", "domain header (x86 PV)", "X86_PV_INFO",
                      "X86_PV_P2M_FRAMES"]
    ctx.emit("save.stream_headers", (TOOLSTACK,), **names(domain_of(ctx, op)))


def page_data(ctx: Context, op: Operation) -> str | None:
    """One ``PAGE_DATA`` record per step; page tables are normalised (MFN → PFN)."""
    image = image_of(ctx, op)
    count = min(batch_size(image.nr_pages), image.nr_pages - image.pages_written)
    image.pages_written += count
    image.records.append("PAGE_DATA")
    ctx.emit("save.page_data", (TOOLSTACK,), pages=count, written=image.pages_written,
             total=image.nr_pages, **names(domain_of(ctx, op)))
    return AGAIN if image.pages_written < image.nr_pages else None


def finish_image(ctx: Context, op: Operation) -> None:
    image = image_of(ctx, op)
    image.records += ["X86_TSC_INFO", "SHARED_INFO", "X86_PV_VCPU_BASIC", "END"]
    image.complete = True
    ctx.emit("save.complete", (TOOLSTACK,), notable=True, file=image.name,
             pages=image.nr_pages, **names(domain_of(ctx, op)))
    ctx.spawn("destroy", op.domid, {"then": "destroy"})


recipe("save", write_header, write_control, acknowledge, guest_shutdown, finalise_shutdown,
       stream_headers, page_data, finish_image)


def read_image(ctx: Context, op: Operation) -> None:
    """xl reads the header and the saved configuration, then builds a new domain.

    The restore keeps its own copy of what it needs, so a later ``xl save`` to the same file
    name cannot change the image under it."""
    image = image_of(ctx, op)
    op.args.update(config=asdict(image.config), nr_pages=image.nr_pages, loaded=0)
    ctx.emit("restore.read", (TOOLSTACK,), notable=True, file=image.name, domain=image.config.name)


def receive_pages(ctx: Context, op: Operation) -> str | None:
    """``PAGE_DATA`` records are written into the new frames; page tables are localised."""
    total, loaded = int(op.args["nr_pages"]), int(op.args["loaded"])
    count = min(batch_size(total), total - loaded)
    op.args["loaded"] = loaded + count
    ctx.emit("restore.page_data", (TOOLSTACK, XEN), pages=count, written=loaded + count,
             total=total, **names(domain_of(ctx, op)))
    return AGAIN if loaded + count < total else None


def resume_guest(ctx: Context, op: Operation) -> None:
    """vCPU and shared_info records restored; ``SCHEDOP_shutdown(suspend)`` returns 0."""
    domain = domain_of(ctx, op)
    domain.shutdown_code = None
    ctx.emit("restore.resumed", (TOOLSTACK, XEN), code=int(ShutdownReason.SUSPEND),
             **names(domain))


_BUILD = {step.__name__: step for step in BUILD_STEPS}
recipe("restore", read_image, _BUILD["create_domain"], _BUILD["build_pre"],
       _BUILD["populate_superpages"], _BUILD["populate_frames"], receive_pages,
       _BUILD["set_vcpu_context"], resume_guest, _BUILD["build_post"], _BUILD["attach_devices"],
       _BUILD["unpause_new"], _BUILD["bring_up_vcpus"])
