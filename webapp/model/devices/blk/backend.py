"""blkback's thread: consume each request, map its grant, submit the I/O to the real disk; on
completion unmap, respond, push ``rsp_prod`` and re-arm ``req_event`` (final check)."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.blk.protocol import (
    BLKIF_OP_READ,
    BLKIF_RSP_ERROR,
    BLKIF_RSP_OKAY,
    PATH,
    indices,
    ring_of,
    vbd,
)
from webapp.model.devices.closing import retry_deferred
from webapp.model.devices.notify import handler, notify
from webapp.model.devices.state import Device, DevicesLab, DiskIo, Pending
from webapp.model.errors import Refused
from webapp.model.events import HARDWARE, XEN, guest
from webapp.model.operations import Context


@handler("blkback")
def back_interrupt(lab: DevicesLab, device: Device) -> None:
    """``xen_blkif_be_int``: set ``waiting_reqs`` and wake the ring's thread."""
    device.blkback.waiting = True
    if device.blkback.rp is None and not device.blkback.stopping:
        later(lab, "blk:consume", device="vbd")


@task("blk:consume")
def consume(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``do_block_io_op``: copy the request at ``req_cons`` into private memory, ``req_cons++``."""
    device = vbd(lab)
    back, ring = device.blkback, ring_of(device)
    if back.stopping or ring.handle is None:
        back.rp = None
        say(ctx, "blk.thread_stopped", (guest(device.backend),))
        return
    if back.rp is None:
        back.waiting = False
        back.rp = ring.req_prod
    if ring.req_cons == back.rp or ring.unconsumed_requests() == 0:
        back.rp = None
        say(ctx, "blk.nothing_to_consume", (guest(device.backend),), **indices(ring))
        return
    index, entry = ring.take_request()
    pending = Pending(int(entry["id"]), int(entry["rid"]), int(entry["sector_number"]),
                      int(entry["last_sect"]) - int(entry["first_sect"]) + 1, int(entry["gref"]))
    back.pending[pending.id] = pending
    say(ctx, "blk.consumed", (guest(device.backend),), id=pending.id, rid=f"r{pending.rid}",
        slot=ring.slot(index), rp=back.rp, **indices(ring))
    later(lab, "blk:map", device="vbd", id=pending.id)


@task("blk:map")
def map_data(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``xen_blkbk_map``: one GNTTABOP_map_grant_ref for the request's segment."""
    device = vbd(lab)
    pending = device.blkback.pending[int(args["id"])]
    charge(lab, PATH, hypercalls=1, grant_ops=1)
    try:
        pending.handle = grants.map_grant(lab.grants, device.backend, device.frontend,
                                          pending.gref, readonly=False)
    except Refused as refusal:
        pending.status = BLKIF_RSP_ERROR
        say(ctx, "blk.map_failed", (guest(device.backend), XEN), id=pending.id,
            gref=pending.gref, status=refusal.data.get("gntst", "GNTST_general_error (-1)"))
        later(lab, "blk:respond", device="vbd", id=pending.id)
        continue_or_sleep(lab, device)
        return
    entry = lab.grants[device.frontend].entries[pending.gref]
    say(ctx, "blk.mapped", (guest(device.backend), XEN), id=pending.id, gref=pending.gref,
        handle=pending.handle, flags=grants.flag_names(entry.flags), pins=entry.pins_rw)
    later(lab, "blk:submit_bio", device="vbd", id=pending.id)


@task("blk:submit_bio")
def submit_bio(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``submit_bio(READ)`` to the real disk driver in dom0."""
    device = vbd(lab)
    pending = device.blkback.pending[int(args["id"])]
    lab.disk.queue.append(DiskIo("blkback", pending.id, pending.sector, pending.sectors,
                                 lab.disk.latency))
    say(ctx, "blk.bio_submitted", (guest(device.backend), HARDWARE), id=pending.id,
        sector=pending.sector, sectors=pending.sectors, disk=lab.disk.name,
        depth=len(lab.disk.queue))
    continue_or_sleep(lab, device)


def continue_or_sleep(lab: DevicesLab, device: Device) -> None:
    """After dispatching a request: the next one up to ``rp``, a new round if an interrupt
    came meanwhile, or sleep."""
    back, ring = device.blkback, ring_of(device)
    if back.rp is not None and ring.req_cons != back.rp:
        later(lab, "blk:consume", device="vbd")
    elif back.waiting and not back.stopping:
        back.rp = None
        later(lab, "blk:consume", device="vbd")
    else:
        back.rp = None


def disk_done(ctx: Context, lab: DevicesLab, tag: int) -> None:
    """The disk DMA'd the data into the guest's page and interrupted dom0: ``end_block_io_op``."""
    device = vbd(lab)
    pending = device.blkback.pending[tag]
    say(ctx, "blk.disk_done", (HARDWARE, guest(device.backend)), id=pending.id,
        sector=pending.sector, disk=lab.disk.name, front=f"d{device.frontend}")
    later(lab, "blk:unmap", device="vbd", id=pending.id)


@task("blk:unmap")
def unmap_data(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """GNTTABOP_unmap_grant_ref: Xen clears GTF_writing/GTF_reading and flushes the TLB."""
    device = vbd(lab)
    pending = device.blkback.pending[int(args["id"])]
    handle = pending.handle if pending.handle is not None else -1
    grants.unmap_grant(lab.grants, device.backend, handle)
    pending.handle = None
    charge(lab, PATH, hypercalls=1, grant_ops=1)
    entry = lab.grants[device.frontend].entries[pending.gref]
    say(ctx, "blk.unmapped", (guest(device.backend), XEN), id=pending.id, gref=pending.gref,
        handle=handle, flags=grants.flag_names(entry.flags))
    retry_deferred(lab, device.frontend, pending.gref, None)
    later(lab, "blk:respond", device="vbd", id=pending.id)


@task("blk:respond")
def respond(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``make_response``: ``{id, operation, status}`` at ``rsp_prod_pvt``; ``rsp_prod_pvt++``."""
    device = vbd(lab)
    ring = ring_of(device)
    pending = device.blkback.pending.pop(int(args["id"]))
    index = ring.put_response({"id": pending.id, "operation": BLKIF_OP_READ,
                               "status": pending.status, "rid": pending.rid})
    say(ctx, "blk.responded", (guest(device.backend),), id=pending.id, slot=ring.slot(index),
        status="BLKIF_RSP_OKAY" if pending.status == BLKIF_RSP_OKAY else "BLKIF_RSP_ERROR",
        **indices(ring))
    if not device.blkback.push_queued:
        device.blkback.push_queued = True
        later(lab, "blk:push_responses", device="vbd")


@task("blk:push_responses")
def push_responses(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``RING_PUSH_RESPONSES_AND_CHECK_NOTIFY``; then the tail check for more requests."""
    device = vbd(lab)
    back, ring = device.blkback, ring_of(device)
    back.push_queued = False
    push = ring.push_responses()
    if ring.rsp_prod_pvt == ring.req_cons and not back.stopping:
        later(lab, "blk:final_check", device="vbd")
    elif ring.unconsumed_requests() and not back.stopping:
        back_interrupt(lab, device)
    if push.notify:
        notify(lab, device.backend, device.back_port, PATH)
    else:
        charge(lab, PATH, suppressed=1)
    say(ctx, "blk.responses_notify" if push.notify else "blk.responses_quiet",
        (guest(device.backend),), old=push.old, new=push.new, event=push.event)
    if back.stopping and not back.pending and not back.unbinding:
        back.unbinding = True
        later(lab, "back:close_port", device="vbd")


@task("blk:final_check")
def final_check(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``RING_FINAL_CHECK_FOR_REQUESTS``: ``req_event = req_cons + 1``, then look again."""
    device = vbd(lab)
    ring = ring_of(device)
    more = ring.final_check_requests()
    if more:
        back_interrupt(lab, device)
    say(ctx, "blk.final_check_more" if more else "blk.final_check_idle",
        (guest(device.backend),), req_event=ring.req_event, req_cons=ring.req_cons,
        req_prod=ring.req_prod)


def disk_complete_owner(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    if "vbd" in lab.devices and int(args["tag"]) in vbd(lab).blkback.pending:
        disk_done(ctx, lab, int(args["tag"]))
    else:
        say(ctx, "blk.disk_orphan", (HARDWARE,), sector=int(args["sector"]))
