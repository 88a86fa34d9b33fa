"""The network path: netfront and netback with separate TX and RX rings of 256 slots each
(facts §4.8, ``io/netif.h``), one event channel for both.

Transmit: netfront grants the packet's page read-only, puts a TX request, pushes; netback
consumes it, has Xen copy the data out (``GNTTABOP_copy``), sends it on the bridge, answers.
Receive: the guest posts empty buffers (granted writable) on the RX ring in advance; when a packet
arrives, netback takes a posted buffer, has Xen copy the packet into it (grant copy: no page
changes hands, as in today's backends), answers with the length, and the guest re-posts.
"""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.handshake import post_rx
from webapp.model.devices.notify import handler, notify
from webapp.model.devices.pages import alloc_page, frame_of, free_page
from webapp.model.devices.ring import Ring
from webapp.model.devices.state import Device, DevicesLab, RxBuffer, TxPacket
from webapp.model.errors import Refused
from webapp.model.events import HARDWARE, XEN, guest
from webapp.model.operations import Context

PATH = "net"
NETIF_RSP_OKAY = 0


def vif(lab: DevicesLab) -> Device:
    return lab.devices["vif"]


def front_live(lab: DevicesLab) -> Device | None:
    """netfront works only while connected (closing turns the carrier off)."""
    device = lab.devices.get("vif")
    return device if device is not None and device.phase == "connected" else None


def back_live(lab: DevicesLab) -> Device | None:
    """netback works until it disconnects (its threads stop, its rings are unmapped)."""
    device = lab.devices.get("vif")
    if device is None or device.blkback.stopping or any(
            r.handle is None for r in device.rings.values()):
        return None
    return device


def abandoned(ctx: Context, lab: DevicesLab, side: str) -> None:
    """A step of a driver that is no longer connected: it does nothing."""
    device = lab.devices.get("vif")
    if device is not None and side == "back":
        device.netback.tx_busy = device.netback.rx_busy = False
        device.netback.rx_queue = []
    if device is not None and side == "front":
        device.netfront.tx_polling = device.netfront.rx_polling = False
    domid = lab.backend if side == "back" else lab.frontend
    say(ctx, "net.abandoned", (guest(domid),), driver="netback" if side == "back" else
        "netfront")


def ring(device: Device, name: str) -> Ring:
    return device.rings[name]


def _free_id(used: set[int], size: int) -> int:
    return min(set(range(size)) - used)


# -- transmit --------------------------------------------------------------------------------


def transmit(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``send``: ``xennet_start_xmit`` grants the packet's page to dom0, read-only."""
    device = vif(lab)
    size = int(args["size"])
    pid = lab.next_pid
    lab.next_pid += 1
    pfn = alloc_page(lab, device.frontend)
    frame = frame_of(ctx.world, device.frontend, pfn)
    gref = grants.grant_access(lab.grants[device.frontend], device.backend, frame, True,
                               f"tx p{pid}")
    tx = ring(device, "tx")
    packet = TxPacket(_free_id(set(device.netfront.tx_pending), tx.size), pid, gref, pfn, size)
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
    _notify_or_not(lab, device.frontend, device.front_port, push.notify)
    say(ctx, "net.pushed_notify" if push.notify else "net.pushed_quiet",
        (guest(device.frontend),), ring="tx", old=push.old, new=push.new, event=push.event)


def _notify_or_not(lab: DevicesLab, domid: int, port: int | None, yes: bool) -> None:
    if yes:
        notify(lab, domid, port, PATH)
    else:
        charge(lab, PATH, suppressed=1)


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
    """``GNTTABOP_copy``: Xen copies the packet out of the guest's granted page into dom0."""
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    charge(lab, PATH, hypercalls=1, grant_ops=1)
    status = NETIF_RSP_OKAY
    try:
        grants.check_copy(lab.grants, device.backend, device.frontend, int(args["gref"]), False)
        key = "net.tx_copied"
    except Refused:
        status, key = -1, "net.tx_copy_failed"
    say(ctx, key, (guest(device.backend), XEN), gref=int(args["gref"]), size=int(args["size"]),
        pid=f"p{args['pid']}")
    later(lab, "net:tx_deliver", device="vif", id=int(args["id"]), pid=int(args["pid"]),
          size=int(args["size"]), status=status)


@task("net:tx_deliver")
def tx_deliver(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    device.netback.transmitted += 1
    say(ctx, "net.tx_delivered", (guest(device.backend), HARDWARE), pid=f"p{args['pid']}",
        size=int(args["size"]))
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
    _notify_or_not(lab, device.backend, device.back_port, push.notify)
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


# -- receive ---------------------------------------------------------------------------------


def arrive(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``receive``: a packet for the guest comes in on eth0; the bridge hands it to netback."""
    device = vif(lab)
    pid = lab.next_pid
    lab.next_pid += 1
    device.netback.rx_queue.append({"pid": pid, "size": int(args["size"])})
    charge(lab, PATH, requests=1)
    say(ctx, "net.rx_arrived", (HARDWARE, guest(device.backend)), notable=True, pid=f"p{pid}",
        size=int(args["size"]), queued=len(device.netback.rx_queue))
    if not device.netback.rx_busy:
        device.netback.rx_busy = True
        later(lab, "net:rx_consume", device="vif")


@task("net:rx_consume")
def rx_consume(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Take a buffer the guest posted; without one the packet waits (and ``req_event`` asks
    for a notification when the guest posts more)."""
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    rx, back = ring(device, "rx"), device.netback
    if not rx.unconsumed_requests():
        more = rx.final_check_requests()
        back.rx_busy = more
        if more:
            later(lab, "net:rx_consume", device="vif")
        say(ctx, "net.rx_no_buffer", (guest(device.backend),), queued=len(back.rx_queue),
            req_event=rx.req_event)
        return
    index, entry = rx.take_request()
    packet = back.rx_queue.pop(0)
    say(ctx, "net.rx_consumed", (guest(device.backend),), id=int(entry["id"]),
        gref=int(entry["gref"]), slot=rx.slot(index), pid=f"p{packet['pid']}")
    later(lab, "net:rx_copy", device="vif", id=int(entry["id"]), gref=int(entry["gref"]),
          pid=packet["pid"], size=packet["size"])


@task("net:rx_copy")
def rx_copy(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``GNTTABOP_copy`` with the destination a guest grant: Xen writes the packet into it."""
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    charge(lab, PATH, hypercalls=1, grant_ops=1)
    status = int(args["size"])
    try:
        grants.check_copy(lab.grants, device.backend, device.frontend, int(args["gref"]), True)
        key = "net.rx_copied"
    except Refused:
        status, key = -1, "net.rx_copy_failed"
    say(ctx, key, (guest(device.backend), XEN), gref=int(args["gref"]), size=int(args["size"]),
        pid=f"p{args['pid']}")
    later(lab, "net:rx_respond", device="vif", id=int(args["id"]), status=status,
          pid=int(args["pid"]))


@task("net:rx_respond")
def rx_respond(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = back_live(lab)
    if device is None:
        abandoned(ctx, lab, "back")
        return
    rx = ring(device, "rx")
    index = rx.put_response({"id": int(args["id"]), "offset": 0, "flags": 0,
                             "status": int(args["status"]), "pid": int(args["pid"])})
    push = rx.push_responses()
    _notify_or_not(lab, device.backend, device.back_port, push.notify)
    say(ctx, "net.rx_responded_notify" if push.notify else "net.rx_responded_quiet",
        (guest(device.backend),), id=int(args["id"]), slot=rx.slot(index),
        status=int(args["status"]), old=push.old, new=push.new, event=push.event)
    if device.netback.rx_queue:
        later(lab, "net:rx_consume", device="vif")
    else:
        device.netback.rx_busy = False


# -- the guest side of both rings ------------------------------------------------------------


@handler("netfront")
def front_interrupt(lab: DevicesLab, device: Device) -> None:
    later(lab, "net:interrupt", device="vif")


@task("net:interrupt")
def interrupt(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``xennet_interrupt``: TX completions to collect, RX packets to receive."""
    device = front_live(lab)
    if device is None:
        abandoned(ctx, lab, "front")
        return
    tx, rx = ring(device, "tx"), ring(device, "rx")
    say(ctx, "net.interrupt", (guest(device.frontend),), tx=tx.unconsumed_responses(),
        rx=rx.unconsumed_responses())
    front = device.netfront
    if tx.unconsumed_responses() and not front.tx_polling:
        front.tx_polling = True
        later(lab, "net:tx_done", device="vif")
    if rx.unconsumed_responses() and not front.rx_polling:
        front.rx_polling = True
        later(lab, "net:rx_done", device="vif", reposts=0)


@task("net:tx_done")
def tx_done(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``xennet_tx_buf_gc``: end access to the packet's grant, free it; re-arm ``rsp_event``."""
    device = front_live(lab)
    if device is None:
        abandoned(ctx, lab, "front")
        return
    tx = ring(device, "tx")
    entry = tx.slots[tx.slot(tx.rsp_cons)] or {}
    packet = device.netfront.tx_pending.pop(int(entry["id"]))
    grants.try_end(lab.grants[device.frontend], packet.gref)
    free_page(lab, device.frontend, packet.pfn)
    tx.rsp_cons += 1
    device.netfront.sent += 1
    charge(lab, PATH, completed=1)
    more = tx.final_check_responses()
    say(ctx, "net.tx_done", (guest(device.frontend),), notable=True, pid=f"p{packet.pid}",
        gref=packet.gref, rsp_event=tx.rsp_event)
    device.netfront.tx_polling = more
    if more:
        later(lab, "net:tx_done", device="vif")


@task("net:rx_done")
def rx_done(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Receive one packet: end access to the buffer's grant, pass the data up the stack."""
    device = front_live(lab)
    if device is None:
        abandoned(ctx, lab, "front")
        return
    rx = ring(device, "rx")
    entry = rx.slots[rx.slot(rx.rsp_cons)] or {}
    buffer = device.netfront.rx_posted.pop(int(entry["id"]))
    grants.try_end(lab.grants[device.frontend], buffer.gref)
    free_page(lab, device.frontend, buffer.pfn)
    rx.rsp_cons += 1
    reposts = int(args["reposts"]) + 1
    ok = int(entry["status"]) >= 0
    if ok:
        device.netfront.delivered += 1
        charge(lab, PATH, completed=1)
    more = rx.final_check_responses()
    say(ctx, "net.rx_done" if ok else "net.rx_error", (guest(device.frontend),), notable=True,
        pid=f"p{entry['pid']}", size=int(entry["status"]), gref=buffer.gref,
        rsp_event=rx.rsp_event)
    device.netfront.rx_polling = more
    if more:
        later(lab, "net:rx_done", device="vif", reposts=reposts)
    else:
        post_rx(lab, reposts)


@task("net:rx_grant")
def rx_grant(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = front_live(lab)
    if device is None:
        abandoned(ctx, lab, "front")
        return
    pfn = alloc_page(lab, device.frontend)
    frame = frame_of(ctx.world, device.frontend, pfn)
    gref = grants.grant_access(lab.grants[device.frontend], device.backend, frame, False,
                               "rx buffer")
    device.netfront.rx_ready.append(RxBuffer(-1, gref, pfn))
    say(ctx, "net.rx_granted", (guest(device.frontend),), gref=gref, frame=f"0x{frame:x}")


@task("net:rx_post")
def rx_post(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = front_live(lab)
    if device is None:
        abandoned(ctx, lab, "front")
        return
    front, rx = device.netfront, ring(device, "rx")
    buffer = front.rx_ready.pop(0)
    buffer.id = _free_id(set(front.rx_posted), rx.size)
    front.rx_posted[buffer.id] = buffer
    index = rx.put_request({"id": buffer.id, "gref": buffer.gref})
    say(ctx, "net.rx_posted", (guest(device.frontend),), id=buffer.id, gref=buffer.gref,
        slot=rx.slot(index), req_prod_pvt=rx.req_prod_pvt)


@task("net:rx_push")
def rx_push(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = front_live(lab)
    if device is None:
        abandoned(ctx, lab, "front")
        return
    push = ring(device, "rx").push_requests()
    _notify_or_not(lab, device.frontend, device.front_port, push.notify)
    say(ctx, "net.pushed_notify" if push.notify else "net.pushed_quiet",
        (guest(device.frontend),), ring="rx", old=push.old, new=push.new, event=push.event)
