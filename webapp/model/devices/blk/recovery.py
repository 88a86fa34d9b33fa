"""``blkif_recover`` after a reconnect: every request still in the shadow is granted afresh and
put on the new ring again."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.agenda import later, say, task
from webapp.model.devices.blk.protocol import indices, ring_of, vbd
from webapp.model.devices.pages import frame_of
from webapp.model.devices.state import Device, DevicesLab
from webapp.model.events import guest
from webapp.model.operations import Context


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
                                      grants.purpose("data", request=f"r{shadow.rid}"))
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
