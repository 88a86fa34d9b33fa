"""The domain's memory, step 3 of ``xl create``: ``xc_dom_mem_init``, ``populate_physmap``
(2 MiB extents, then 4 KiB frames) and the P2M they build; libxl's roll-back when the build
fails.
"""

from __future__ import annotations

from webapp.model.boot import layout as lay
from webapp.model.boot.common import domain_of, host_of, mark, merged, names, record_of
from webapp.model.boot.kernel import kernel_image
from webapp.model.boot.state import lab_of
from webapp.model.errors import Refused
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.memory import SUPERPAGE_FRAMES, extend_p2m, frames_for_mb, p2m_frames
from webapp.model.operations import Context, Operation

#: libxc asks for at most this many 2 MiB extents per populate_physmap call
#: (SUPERPAGE_BATCH_SIZE); the model takes them all in one step and counts the calls.
SUPERPAGE_BATCH = 512

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
