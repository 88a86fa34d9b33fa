"""Transmit: netfront grants the packet's page read-only, puts a TX request, pushes; netback
consumes it, has Xen copy the first ``XEN_NETBACK_TX_COPY_LEN`` (128) bytes out
(``GNTTABOP_copy``) and grant-maps the page for the rest (``GNTTABOP_map_grant_ref``), sends it
on the bridge, unmaps, then answers (drivers/net/xen-netback/netback.c,
``xenvif_tx_build_gops``, ``xenvif_tx_dealloc_action``)."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.closing import retry_deferred
from webapp.model.devices.net.device import (
    NETIF_RSP_OKAY,
    PATH,
    abandoned,
    back_live,
    free_id,
    front_live,
    notify_or_not,
    ring,
    vif,
)
from webapp.model.devices.notify import handler
from webapp.model.devices.pages import alloc_page, frame_of
from webapp.model.devices.state import Device, DevicesLab, TxPacket
from webapp.model.errors import Refused
from webapp.model.events import HARDWARE, XEN, guest
from webapp.model.operations import Context

#: netback copies at most this many bytes of a transmitted packet; it maps the rest.
XEN_NETBACK_TX_COPY_LEN = 128


def transmit(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``send``: ``xennet_start_xmit`` grants the packet's page to dom0, read-only."""
    device = vif(lab)
    size = int(args["size"])
    pid = lab.next_pid
    lab.next_pid += 1
    pfn = alloc_page(lab, device.frontend)
    frame = frame_of(ctx.world, device.frontend, pfn)
    gref = grants.grant_access(lab.grants[device.frontend], device.backend, frame, True,
                               grants.purpose("tx", packet=f"p{pid}"))
    tx = ring(device, "tx")
    packet = TxPacket(free_id(set(device.netfront.tx_pending), tx.size), pid, gref, pfn, size)
    device.netfront.tx_pending[packet.id] = packet
    charge(lab, PATH, requests=1)
    say(ctx, "net.tx_granted", (guest(device.frontend),), notable=True, pid=f"p{pid}",
        size=size, gref=gref, frame=f"0x{frame:x}")
    later(lab, "net:tx_fill", device="vif", id=packet.id)


@task("net:tx_fill")
def tx_fill(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = front_live(lab)
    if device is None:
        abandoned(ctx, lab, "front")
        return
    packet = device.netfront.tx_pending[int(args["id"])]
    tx = ring(device, "tx")
    index = tx.put_request({"id": packet.id, "gref": packet.gref, "offset": 0, "flags": 0,
                            "size": packet.size, "pid": packet.pid})
    say(ctx, "net.tx_filled", (guest(device.frontend),), pid=f"p{packet.pid}", id=packet.id,
        slot=tx.slot(index), req_prod_pvt=tx.req_prod_pvt)
    later(lab, "net:tx_push", device="vif")


@task("net:tx_push")
def tx_push(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = front_live(lab)
    if device is None:
        abandoned(ctx, lab, "front")
        return
    push = ring(device, "tx").push_requests()
    notify_or_not(lab, device.frontend, device.front_port, push.notify)
    say(ctx, "net.pushed_notify" if push.notify else "net.pushed_quiet",
        (guest(device.frontend),), ring="tx", old=push.old, new=push.new, event=push.event)


@handler("netback")
def back_interrupt(lab: DevicesLab, device: Device) -> None:
    """``xenvif_interrupt``: schedule the TX work and the RX work that can go on."""
    back = device.netback
    if ring(device, "tx").unconsumed_requests() and not back.tx_busy:
        back.tx_busy = True
        later(lab, "net:tx_consume", device="vif")
    if back.rx_queue and not back.rx_busy:
        back.rx_busy = True
        later(lab, "net:rx_consume", device="vif")


@task("net:tx_consume")
def tx_consume(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    tx = ring(device, "tx")
    index, entry = tx.take_request()
    say(ctx, "net.tx_consumed", (guest(device.backend),), id=int(entry["id"]),
        pid=f"p{entry['pid']}", slot=tx.slot(index), req_cons=tx.req_cons)
    later(lab, "net:tx_copy", device="vif", id=int(entry["id"]), gref=int(entry["gref"]),
          size=int(entry["size"]), pid=int(entry["pid"]))


@task("net:tx_copy")
def tx_copy(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``GNTTABOP_copy`` of the first 128 bytes; beyond them, ``GNTTABOP_map_grant_ref`` of the
    guest's page (read-only) for the rest of the packet."""
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    gref, size = int(args["gref"]), int(args["size"])
    mapped = max(0, size - XEN_NETBACK_TX_COPY_LEN)
    operations = 2 if mapped else 1
    charge(lab, PATH, hypercalls=operations, grant_ops=operations)
    status, handle = NETIF_RSP_OKAY, -1
    try:
        grants.check_copy(lab.grants, device.backend, device.frontend, gref, False)
        if mapped:
            handle = grants.map_grant(lab.grants, device.backend, device.frontend, gref, True)
        key = "net.tx_copied_mapped" if mapped else "net.tx_copied"
    except Refused:
        status, key = -1, "net.tx_copy_failed"
    say(ctx, key, (guest(device.backend), XEN), gref=gref, size=size, pid=f"p{args['pid']}",
        copied=min(size, XEN_NETBACK_TX_COPY_LEN), mapped=mapped, handle=handle)
    later(lab, "net:tx_deliver", device="vif", id=int(args["id"]), pid=int(args["pid"]),
          size=size, status=status, gref=gref, handle=handle)


@task("net:tx_deliver")
def tx_deliver(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    device.netback.transmitted += 1
    say(ctx, "net.tx_delivered", (guest(device.backend), HARDWARE), pid=f"p{args['pid']}",
        size=int(args["size"]))
    after = "net:tx_unmap" if int(args.get("handle", -1)) >= 0 else "net:tx_respond"
    later(lab, after, device="vif", id=int(args["id"]), status=int(args["status"]),
          gref=int(args.get("gref", -1)), handle=int(args.get("handle", -1)))


@task("net:tx_unmap")
def tx_unmap(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``xenvif_tx_dealloc_action``: the sent packet's mapping is undone before the answer."""
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    handle = int(args["handle"])
    grants.unmap_grant(lab.grants, device.backend, handle)
    retry_deferred(lab, device.frontend, int(args["gref"]), None)  # netfront closed meanwhile
    charge(lab, PATH, hypercalls=1, grant_ops=1)
    say(ctx, "net.tx_unmapped", (guest(device.backend), XEN), gref=int(args["gref"]),
        handle=handle)
    later(lab, "net:tx_respond", device="vif", id=int(args["id"]), status=int(args["status"]))


@task("net:tx_respond")
def tx_respond(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    tx = ring(device, "tx")
    index = tx.put_response({"id": int(args["id"]), "status": int(args["status"])})
    push = tx.push_responses()
    notify_or_not(lab, device.backend, device.back_port, push.notify)
    say(ctx, "net.tx_responded_notify" if push.notify else "net.tx_responded_quiet",
        (guest(device.backend),), id=int(args["id"]), slot=tx.slot(index), old=push.old,
        new=push.new, event=push.event)
    later(lab, "net:tx_consume" if tx.unconsumed_requests() else "net:tx_final", device="vif")


@task("net:tx_final")
def tx_final(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    tx = ring(device, "tx")
    more = tx.final_check_requests()
    device.netback.tx_busy = more
    if more:
        later(lab, "net:tx_consume", device="vif")
    say(ctx, "net.final_check", (guest(device.backend),), ring="tx", req_event=tx.req_event)
