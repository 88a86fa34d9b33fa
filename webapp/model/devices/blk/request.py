"""blkfront queues reads: ``RING_FULL``?, grant the data page, fill a slot and its shadow copy,
then push ``req_prod`` and notify only if ``req_event`` lies in (old, new]."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.blk.protocol import BLKIF_OP_READ, PATH, indices, ring_of, vbd
from webapp.model.devices.blk.recovery import abandon_recovery
from webapp.model.devices.notify import notify
from webapp.model.devices.pages import alloc_page, frame_of
from webapp.model.devices.state import Device, DevicesLab, OsRequest, Shadow
from webapp.model.events import guest
from webapp.model.operations import Context


def submit(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``read`` / ``batch``: the guest's block layer hands blkfront ``count`` reads at once."""
    device = vbd(lab)
    sectors = list(args["sectors"])
    rids = []
    for sector in sectors:
        rid = lab.next_rid
        lab.next_rid += 1
        lab.requests[rid] = OsRequest(rid, PATH, int(sector), int(args["count_sectors"]),
                                      alloc_page(lab, device.frontend))
        device.blkfront.queue.append(rid)
        rids.append(rid)
    charge(lab, PATH, requests=len(rids))
    say(ctx, "blk.submitted", (guest(device.frontend),), notable=True, count=len(rids),
        rids=[f"r{rid}" for rid in rids], first_sector=sectors[0],
        sectors=int(args["count_sectors"]), queued=len(device.blkfront.queue))
    kick(lab, device)


def kick(lab: DevicesLab, device: Device) -> None:
    """blk-mq dispatches to ``blkif_queue_rq`` unless it is running or the hardware queue is
    stopped."""
    front = device.blkfront
    if front.queue and not front.running and not front.stopped and device.phase == "connected":
        front.running = True
        later(lab, "blk:queue", device="vbd")


@task("blk:queue")
def queue(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Take the next read: ``RING_FULL``? no: reserve a shadow id and grant the data page."""
    device = vbd(lab)
    front, ring = device.blkfront, ring_of(device)
    if not front.queue or device.phase != "connected" or ring.full():
        front.running = False
        say(ctx, "blk.queue_waits", (guest(device.frontend),), queued=len(front.queue),
            free=ring.free_requests())
        if front.unpushed:
            later(lab, "blk:flush", device="vbd")
        return
    rid = front.queue[0]
    request = lab.requests[rid]
    shadow_id = min(set(range(ring.size)) - set(front.shadow))
    frame = frame_of(ctx.world, device.frontend, request.pfn)
    gref = grants.grant_access(lab.grants[device.frontend], device.backend, frame, False,
                               grants.purpose("data", request=f"r{rid}"))
    say(ctx, "blk.granted", (guest(device.frontend),), rid=f"r{rid}", id=shadow_id,
        free=ring.free_requests(), gref=gref, frame=f"0x{frame:x}", pfn=f"0x{request.pfn:x}")
    later(lab, "blk:fill", device="vbd", rid=rid, id=shadow_id, gref=gref)


@task("blk:fill")
def fill(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Fill the request in slot ``req_prod_pvt & 31`` and its shadow copy; ``req_prod_pvt++``."""
    device = vbd(lab)
    front, ring = device.blkfront, ring_of(device)
    rid, shadow_id, gref = int(args["rid"]), int(args["id"]), int(args["gref"])
    request = lab.requests[rid]
    if device.phase != "connected":
        grants.end_access(lab.grants[device.frontend], gref)
        front.running = False
        say(ctx, "blk.fill_abandoned", (guest(device.frontend),), rid=f"r{rid}", gref=gref,
            phase_state=device.phase)
        if front.unpushed:
            later(lab, "blk:flush", device="vbd")
        return
    entry = {"id": shadow_id, "operation": BLKIF_OP_READ, "sector_number": request.sector,
             "nr_segments": 1, "gref": gref, "first_sect": 0,
             "last_sect": request.sectors - 1, "rid": rid}
    index = ring.put_request(entry)
    front.queue.remove(rid)
    front.shadow[shadow_id] = Shadow(shadow_id, rid, dict(entry), request.pfn, gref)
    front.unpushed += 1
    request.status = "ring"
    say(ctx, "blk.filled", (guest(device.frontend),), rid=f"r{rid}", id=shadow_id,
        slot=ring.slot(index), sector=request.sector, gref=gref, **indices(ring))
    if front.queue and ring.full():
        later(lab, "blk:ring_full", device="vbd")
    elif front.queue:
        later(lab, "blk:queue", device="vbd")
    else:
        front.running = False
        later(lab, "blk:flush", device="vbd")


@task("blk:ring_full")
def ring_full(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Every slot is taken: ``blk_mq_stop_hw_queue`` and ``BLK_STS_DEV_RESOURCE`` until
    responses free some."""
    device = vbd(lab)
    front, ring = device.blkfront, ring_of(device)
    front.stopped, front.running = True, False
    say(ctx, "blk.ring_full", (guest(device.frontend),), notable=True, size=ring.size,
        outstanding=ring.outstanding(), queued=len(front.queue))
    later(lab, "blk:flush", device="vbd")


@task("blk:flush")
def flush(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``RING_PUSH_REQUESTS_AND_CHECK_NOTIFY``: publish ``req_prod``; notify iff ``req_event``
    lies in (old, new]."""
    device = vbd(lab)
    if device.phase == "reconnecting":
        abandon_recovery(ctx, lab, device)
        return
    ring = ring_of(device)
    pushed = device.blkfront.unpushed
    device.blkfront.unpushed = 0
    push = ring.push_requests()
    key = "blk.pushed_notify" if push.notify else "blk.pushed_quiet"
    if push.notify:
        notify(lab, device.frontend, device.front_port, PATH)
    else:
        charge(lab, PATH, suppressed=1)
    say(ctx, key, (guest(device.frontend),), notable=True, count=pushed, old=push.old,
        new=push.new, event=push.event)
    if args.get("then_queue"):
        device.blkfront.running = device.blkfront.stopped = False
        kick(lab, device)
