"""The guest side of both rings: netfront's interrupt collects TX completions and received
packets, and re-posts RX buffers (granted writable) for the next ones."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.handshake.frontend import post_rx
from webapp.model.devices.net.device import (
    PATH,
    abandoned,
    free_id,
    front_live,
    notify_or_not,
    ring,
)
from webapp.model.devices.notify import handler
from webapp.model.devices.pages import alloc_page, frame_of, free_page
from webapp.model.devices.state import Device, DevicesLab, RxBuffer
from webapp.model.events import guest
from webapp.model.operations import Context


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
                               grants.purpose("rx"))
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
    buffer.id = free_id(set(front.rx_posted), rx.size)
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
    notify_or_not(lab, device.frontend, device.front_port, push.notify)
    say(ctx, "net.pushed_notify" if push.notify else "net.pushed_quiet",
        (guest(device.frontend),), ring="rx", old=push.old, new=push.new, event=push.event)
