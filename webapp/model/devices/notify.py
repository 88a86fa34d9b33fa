"""Notifications: a driver's ``EVTCHNOP_send``, Xen's delivery, and the receiver's upcall.

``evtchn.send``: one hypercall; Xen sets the peer port's pending bit (2-level ABI) and, if the
vCPU had no upcall pending, raises one. ``evtchn.upcall``: the receiving domain's vCPU runs its
event callback, clears and scans the pending bits, and calls the driver bound to each port —
a vCPU of another domain had to be woken and scheduled: a context switch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.devices import evtchn
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.state import Device, DevicesLab
from webapp.model.events import XEN, guest
from webapp.model.operations import Context

#: What the driver bound to a port does in its interrupt handler (it queues its work).
Wake = Callable[[DevicesLab, Device], None]
DELIVERED = {"upcall": "evtchn.delivered_upcall", "already_upcall": "evtchn.delivered_pending",
             "coalesced": "evtchn.delivered_coalesced", "masked": "evtchn.delivered_masked"}
HANDLERS: dict[str, Wake] = {}


def handler(name: str) -> Callable[[Wake], Wake]:
    def register(function: Wake) -> Wake:
        HANDLERS[name] = function
        return function

    return register


def notify(lab: DevicesLab, domid: int, port: int | None, path: str) -> None:
    """``notify_remote_via_irq``: queue the send (nothing to send on a closed port)."""
    if port is not None:
        later(lab, "evtchn:send", domid=domid, port=port, path=path)


@task("evtchn:send")
def send(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    domid, port, path = int(args["domid"]), int(args["port"]), str(args["path"])
    chans = lab.evtchn.get(domid)
    if chans is None or port not in chans.ports:
        say(ctx, "evtchn.send_closed", (guest(domid),), domid=f"d{domid}", port=port)
        return
    found = chans.ports[port]
    delivery = evtchn.send(lab.evtchn, domid, port)
    charge(lab, path, hypercalls=1)
    if delivery.outcome == "dropped":
        say(ctx, "evtchn.send_dropped", (guest(domid), XEN), domid=f"d{domid}", port=port)
        return
    charge(lab, path, notifications=1)
    say(ctx, DELIVERED[delivery.outcome], (guest(domid), XEN), domid=f"d{domid}",
        port=port, peer=f"d{found.remote_dom}", peer_port=found.remote_port)
    if delivery.outcome == "upcall":
        later(lab, "evtchn:upcall", domid=delivery.domid, path=path)


@task("evtchn:upcall")
def upcall(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    domid, path = int(args["domid"]), str(args["path"])
    chans = lab.evtchn[domid]
    ports = evtchn.take_pending(chans)
    charge(lab, path, upcalls=1, context_switches=1)
    done = [_dispatch(lab, chans.ports.get(port)) for port in ports]
    if not ports:
        say(ctx, "evtchn.upcall_empty", (XEN, guest(domid)), domid=f"d{domid}")
        return
    say(ctx, "evtchn.upcall", (XEN, guest(domid)), domid=f"d{domid}", ports=ports,
        handlers=[name for name in done if name] or ["—"])


def _dispatch(lab: DevicesLab, port: evtchn.Port | None) -> str:
    """Call the handler bound to ``port``; the handler's name ("" if none runs)."""
    if port is None or port.handler not in HANDLERS or port.device not in lab.devices:
        return ""
    HANDLERS[port.handler](lab, lab.devices[port.device])
    return port.handler
