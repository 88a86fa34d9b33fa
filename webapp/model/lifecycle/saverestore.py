"""``xl save`` (stream headers, suspend, stream the memory, destroy) and ``xl restore`` (a new
domain from the image), following virtualization-facts.md §3.6 and its errata 7–8.

The image is three layers: xl's header and the configuration; libxl's stream ("LibxlFmt" v2,
docs/specs/libxl-migration-stream.pandoc) whose ``LIBXC_CONTEXT`` record hands over to libxc's
stream (v3, tools/libs/guest/xg_sr_save.c). libxc writes its headers and static records while
the domain still runs, then suspends it (``send_domain_memory_nonlive``) and sends the pages.
A restore builds the domain shell (``libxl__build_pre``), then libxc populates each page on
demand as its ``PAGE_DATA`` record arrives (``populate_pfns``, 4 KiB frames).
"""

from __future__ import annotations

from dataclasses import asdict

from webapp.model.boot.physmap import roll_back
from webapp.model.domain import ShutdownReason
from webapp.model.errors import Refused
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.host import SavedImage
from webapp.model.lifecycle.build import BUILD_STEPS
from webapp.model.lifecycle.common import domain_of, finalise_shutdown, host_of, names
from webapp.model.lifecycle.shutdown import acknowledge, guest_shutdown, write_control
from webapp.model.memory import extend_p2m, p2m_frames
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


def libxl_header(ctx: Context, op: Operation) -> None:
    """libxl's stream: its header, then ``LIBXC_CONTEXT`` hands the stream to libxc."""
    image_of(ctx, op).records += ["libxl header (LibxlFmt v2)", "LIBXC_CONTEXT"]
    ctx.emit("save.libxl_header", (TOOLSTACK,), **names(domain_of(ctx, op)))


def stream_headers(ctx: Context, op: Operation) -> None:
    """libxc's headers and static records, written while the domain still runs."""
    image = image_of(ctx, op)
    image.records += ["image header (XENF v3)", "domain header (x86 PV)", "X86_PV_INFO",
                      "X86_CPUID_POLICY", "X86_MSR_POLICY", "STATIC_DATA_END",
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
    image.records += ["X86_TSC_INFO", "SHARED_INFO", "X86_PV_VCPU_BASIC", "END",
                      "libxl END"]
    image.complete = True
    ctx.emit("save.complete", (TOOLSTACK,), notable=True, file=image.name,
             pages=image.nr_pages, **names(domain_of(ctx, op)))
    ctx.spawn("destroy", op.domid, {"then": "destroy"})


recipe("save", write_header, libxl_header, stream_headers, write_control, acknowledge,
       guest_shutdown, finalise_shutdown, page_data, finish_image)


def read_image(ctx: Context, op: Operation) -> None:
    """xl reads the header and the saved configuration, then builds a new domain.

    The restore keeps its own copy of what it needs, so a later ``xl save`` to the same file
    name cannot change the image under it."""
    image = image_of(ctx, op)
    op.args.update(config=asdict(image.config), nr_pages=image.nr_pages, loaded=0)
    ctx.emit("restore.read", (TOOLSTACK,), notable=True, file=image.name, domain=image.config.name)


def read_stream_headers(ctx: Context, op: Operation) -> None:
    """``LIBXC_CONTEXT``: libxc reads its headers and static records (no memory yet)."""
    ctx.emit("restore.stream_headers", (TOOLSTACK,), **names(domain_of(ctx, op)))


def receive_pages(ctx: Context, op: Operation) -> str | None:
    """A ``PAGE_DATA`` record: ``populate_pfns`` allocates its frames (4 KiB each) now, the data
    is written, page tables are localised. Out of memory, libxl destroys the new domain."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    total, loaded = int(op.args["nr_pages"]), int(op.args["loaded"])
    count = min(batch_size(total), total - loaded)
    try:
        pieces = host.memory.take_frames(domain.domid, count)
    except Refused:
        roll_back(ctx, op, "create.failed_enomem", wanted=total - loaded,
                  free=host.memory.free_frames(), freed=domain.nr_pages)
        return None
    domain.p2m = extend_p2m(domain.p2m, pieces)
    domain.nr_pages = p2m_frames(domain.p2m)
    op.args["loaded"] = loaded + count
    ctx.emit("restore.page_data", (TOOLSTACK, XEN), pages=count, written=loaded + count,
             total=total, runs=len(domain.p2m), **names(domain))
    return AGAIN if loaded + count < total else None


def resume_guest(ctx: Context, op: Operation) -> None:
    """vCPU and shared_info records restored; ``SCHEDOP_shutdown(suspend)`` returns 0."""
    domain = domain_of(ctx, op)
    domain.shutdown_code = None
    ctx.emit("restore.resumed", (TOOLSTACK, XEN), code=int(ShutdownReason.SUSPEND),
             **names(domain))


_BUILD = {step.__name__: step for step in BUILD_STEPS}
recipe("restore", read_image, _BUILD["create_domain"], _BUILD["build_pre"],
       read_stream_headers, receive_pages,
       _BUILD["set_vcpu_context"], resume_guest, _BUILD["build_post"], _BUILD["attach_devices"],
       _BUILD["unpause_new"], _BUILD["bring_up_vcpus"])
