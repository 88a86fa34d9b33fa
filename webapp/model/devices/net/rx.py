"""Receive: when a packet arrives, netback takes a buffer the guest posted, has Xen copy the
packet into it (grant copy: no page changes hands) and answers with the length."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.net.device import PATH, abandoned, back_live, notify_or_not, ring, vif
from webapp.model.devices.state import DevicesLab
from webapp.model.errors import Refused
from webapp.model.events import HARDWARE, XEN, guest
from webapp.model.operations import Context


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
    notify_or_not(lab, device.backend, device.back_port, push.notify)
    say(ctx, "net.rx_responded_notify" if push.notify else "net.rx_responded_quiet",
        (guest(device.backend),), id=int(args["id"]), slot=rx.slot(index),
        status=int(args["status"]), old=push.old, new=push.new, event=push.event)
    if device.netback.rx_queue:
        later(lab, "net:rx_consume", device="vif")
    else:
        device.netback.rx_busy = False
