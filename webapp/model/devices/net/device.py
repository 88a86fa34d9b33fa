"""The vif as both drivers see it: its rings, whether each end is still live, and the
notification a push may send."""

from __future__ import annotations

from webapp.model.devices.agenda import charge, say
from webapp.model.devices.notify import notify
from webapp.model.devices.ring import Ring
from webapp.model.devices.state import Device, DevicesLab
from webapp.model.events import guest
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


def free_id(used: set[int], size: int) -> int:
    return min(set(range(size)) - used)


def notify_or_not(lab: DevicesLab, domid: int, port: int | None, yes: bool) -> None:
    if yes:
        notify(lab, domid, port, PATH)
    else:
        charge(lab, PATH, suppressed=1)
