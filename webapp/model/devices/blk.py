"""One disk read, end to end, through blkfront, the shared ring and blkback (facts §4.7).

Frontend: the block layer queues a read; blkfront checks ``RING_FULL``, grants the data page to
dom0 (writable: the backend writes into it), fills the next slot and its shadow copy, and after
the batch pushes ``req_prod`` and notifies only if ``req_event`` lies in (old, new].
Backend: woken by the event, blkback's thread copies each request (``req_cons++``), maps its
grant, submits the I/O to the real disk; on completion it unmaps, writes the response, pushes
``rsp_prod`` (notifying by ``rsp_event``) and, once every consumed request is answered, sets
``req_event = req_cons + 1`` so the next push notifies. Frontend again: the upcall reads the
responses, ends grant access, completes the requests and re-arms ``rsp_event``.
"""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.closing import retry_deferred, teardown
from webapp.model.devices.notify import handler, notify
from webapp.model.devices.pages import alloc_page, frame_of, free_page
from webapp.model.devices.ring import Ring
from webapp.model.devices.state import (
    Blkfront,
    Device,
    DevicesLab,
    DiskIo,
    OsRequest,
    Pending,
    Shadow,
    XenbusState,
)
from webapp.model.errors import Refused
from webapp.model.events import HARDWARE, XEN, guest
from webapp.model.operations import Context

BLKIF_OP_READ = 0
BLKIF_RSP_OKAY = 0
BLKIF_RSP_ERROR = -1
SECTORS_PER_PAGE = 8
PATH = "blk"


def vbd(lab: DevicesLab) -> Device:
    return lab.devices["vbd"]


def ring_of(device: Device) -> Ring:
    return device.rings["blkif"]


def indices(ring: Ring) -> dict[str, Any]:
    """The ring's indices, for the narration."""
    return {"req_prod": ring.req_prod, "req_event": ring.req_event, "rsp_prod": ring.rsp_prod,
            "rsp_event": ring.rsp_event, "req_prod_pvt": ring.req_prod_pvt,
            "rsp_cons": ring.rsp_cons, "req_cons": ring.req_cons,
            "rsp_prod_pvt": ring.rsp_prod_pvt}


# -- frontend: queueing ----------------------------------------------------------------------


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
    """Run ``do_blkif_request`` unless it is running or the queue is stopped."""
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
                               f"r{rid} data")
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
    """Every slot is taken: ``blk_stop_queue`` until responses free some."""
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


# -- backend ---------------------------------------------------------------------------------


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


# -- frontend: completion --------------------------------------------------------------------


@handler("blkfront")
def front_interrupt(lab: DevicesLab, device: Device) -> None:
    later(lab, "blk:interrupt", device="vbd")


@task("blk:interrupt")
def interrupt(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``blkif_interrupt``: read ``rsp_prod`` (then a read barrier)."""
    device = vbd(lab)
    front, ring = device.blkfront, ring_of(device)
    if device.phase not in ("connected", "closing"):
        say(ctx, "blk.interrupt_ignored", (guest(device.frontend),), phase_state=device.phase)
        return
    front.rp, front.cursor = ring.rsp_prod, ring.rsp_cons
    say(ctx, "blk.interrupt", (guest(device.frontend),), count=ring.unconsumed_responses(),
        **indices(ring))
    later(lab, "blk:response" if front.cursor != front.rp else "blk:front_final", device="vbd")


@task("blk:response")
def response(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Read the response at ``rsp_cons``, find ``shadow[id]``, end access to its grant."""
    device = vbd(lab)
    front, ring = device.blkfront, ring_of(device)
    entry = ring.slots[ring.slot(front.cursor)] or {}
    shadow = front.shadow[int(entry["id"])]
    ended = grants.try_end(lab.grants[device.frontend], shadow.gref)
    say(ctx, "blk.ended" if ended else "blk.end_deferred", (guest(device.frontend),),
        id=shadow.id, rid=f"r{shadow.rid}", gref=shadow.gref, slot=ring.slot(front.cursor))
    later(lab, "blk:complete", device="vbd", id=shadow.id, status=int(entry["status"]))


@task("blk:complete")
def complete(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Give the id back to the free list and complete the OS request (0 or -EIO)."""
    device = vbd(lab)
    front = device.blkfront
    shadow = front.shadow.pop(int(args["id"]))
    ok = int(args["status"]) == BLKIF_RSP_OKAY
    finish(lab, shadow.rid, ok)
    front.cursor += 1
    say(ctx, "blk.completed" if ok else "blk.completed_error", (guest(device.frontend),),
        notable=True, rid=f"r{shadow.rid}", id=shadow.id, left=len(front.shadow))
    later(lab, "blk:response" if front.cursor != front.rp else "blk:front_final", device="vbd")


def finish(lab: DevicesLab, rid: int, ok: bool) -> None:
    request = lab.requests[rid]
    request.completions += 1
    request.status = "done" if ok else "error"
    free_page(lab, lab.frontend, request.pfn)
    charge(lab, request.path, completed=1)


@task("blk:front_final")
def front_final(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``rsp_cons = rp``; re-arm ``rsp_event`` (final check if requests are still out); restart
    the queue if it was stopped."""
    device = vbd(lab)
    front, ring = device.blkfront, ring_of(device)
    ring.rsp_cons = front.cursor
    if ring.rsp_cons != ring.req_prod_pvt:
        more = ring.final_check_responses()
    else:
        ring.rsp_event = (ring.rsp_cons + 1) & 0xFFFFFFFF
        more = False
    say(ctx, "blk.front_final_more" if more else "blk.front_final", (guest(device.frontend),),
        rsp_cons=ring.rsp_cons, rsp_event=ring.rsp_event, rsp_prod=ring.rsp_prod,
        outstanding=ring.outstanding())
    if device.phase == "connected" and _restart(front, ring):
        say(ctx, "blk.restarted", (guest(device.frontend),), notable=True,
            free=ring.free_requests(), queued=len(front.queue))
    if more:
        later(lab, "blk:interrupt", device="vbd")
    elif device.phase == "closing" and not front.shadow and (
            device.front_state == XenbusState.Closing):
        teardown(lab, device)
    kick(lab, device)


def _restart(front: Blkfront, ring: Ring) -> bool:
    """``kick_pending_request_queues``: restart a queue stopped on a full ring."""
    if front.stopped and not ring.full():
        front.stopped = False
        return True
    return False


@task("blk:fail_queue")
def fail_queue(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Closing: reads that never reached the ring fail with -EIO."""
    device = vbd(lab)
    front = device.blkfront
    failed = list(front.queue)
    front.queue = []
    for shadow in [s for s in front.shadow.values() if not s.on_ring]:
        grants.try_end(lab.grants[device.frontend], shadow.gref)
        del front.shadow[shadow.id]
        failed.append(shadow.rid)
    for rid in failed:
        finish(lab, rid, ok=False)
    say(ctx, "blk.failed_queue", (guest(device.frontend),), rids=[f"r{r}" for r in failed])


# -- recovery after a reconnect --------------------------------------------------------------


@task("blk:recover")
def recover(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``blkif_recover``: every request still in the shadow goes on the new ring again."""
    device = vbd(lab)
    if device.phase != "connected":
        abandon_recovery(ctx, lab, device)
        return
    front = device.blkfront
    ids = sorted(front.shadow)
    say(ctx, "blk.recover", (guest(device.frontend),), notable=True, count=len(ids),
        rids=[f"r{front.shadow[i].rid}" for i in ids])
    for shadow_id in ids:
        later(lab, "blk:regrant", device="vbd", id=shadow_id)
        later(lab, "blk:requeue", device="vbd", id=shadow_id)
    later(lab, "blk:flush", device="vbd", then_queue=True)


def abandon_recovery(ctx: Context, lab: DevicesLab, device: Device) -> None:
    """The connection dropped again before this step: the next recovery starts over from the
    shadow copies."""
    device.blkfront.running = False
    say(ctx, "blk.recover_abandoned", (guest(device.frontend),), phase_state=device.phase)


@task("blk:regrant")
def regrant(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """A fresh grant of the request's data page (the old one belonged to the old connection)."""
    device = vbd(lab)
    if device.phase != "connected":
        abandon_recovery(ctx, lab, device)
        return
    shadow = device.blkfront.shadow[int(args["id"])]
    frame = frame_of(ctx.world, device.frontend, shadow.pfn)
    old = shadow.gref
    shadow.gref = grants.grant_access(lab.grants[device.frontend], device.backend, frame, False,
                                      f"r{shadow.rid} data")
    shadow.request["gref"] = shadow.gref
    say(ctx, "blk.regranted", (guest(device.frontend),), id=shadow.id, rid=f"r{shadow.rid}",
        old=old, gref=shadow.gref)


@task("blk:requeue")
def requeue(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """The shadow copy goes into the next slot of the new ring."""
    device = vbd(lab)
    if device.phase != "connected":
        abandon_recovery(ctx, lab, device)
        return
    ring = ring_of(device)
    shadow = device.blkfront.shadow[int(args["id"])]
    index = ring.put_request(dict(shadow.request))
    shadow.on_ring = True
    device.blkfront.unpushed += 1
    say(ctx, "blk.requeued", (guest(device.frontend),), id=shadow.id, rid=f"r{shadow.rid}",
        slot=ring.slot(index), **indices(ring))


def disk_complete_owner(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    if "vbd" in lab.devices and int(args["tag"]) in vbd(lab).blkback.pending:
        disk_done(ctx, lab, int(args["tag"]))
    else:
        say(ctx, "blk.disk_orphan", (HARDWARE,), sector=int(args["sector"]))
