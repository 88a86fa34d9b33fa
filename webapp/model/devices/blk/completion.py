"""blkfront's completion: the upcall reads the responses, ends grant access, completes the
requests, re-arms ``rsp_event`` and restarts a queue stopped on a full ring."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.blk.protocol import BLKIF_RSP_OKAY, indices, ring_of, vbd
from webapp.model.devices.blk.request import kick
from webapp.model.devices.closing import teardown
from webapp.model.devices.notify import handler
from webapp.model.devices.pages import free_page
from webapp.model.devices.ring import Ring
from webapp.model.devices.state import Blkfront, Device, DevicesLab, XenbusState
from webapp.model.events import guest
from webapp.model.operations import Context


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
    """``kick_pending_request_queues``: ``blk_mq_start_stopped_hw_queues`` once the ring
    has room."""
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
