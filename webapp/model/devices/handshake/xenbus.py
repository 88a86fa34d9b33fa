"""What the xenbus handshake steps share: each device kind's spec, the data every device event
carries, and ``xenbus_switch_state``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from webapp.model.devices import xs
from webapp.model.devices.agenda import say
from webapp.model.devices.ring import BLKIF_RING_SIZE, NETIF_RING_SIZE
from webapp.model.devices.state import Device, DevicesLab, XenbusState
from webapp.model.events import XENSTORED, guest
from webapp.model.host import Host
from webapp.model.operations import Context

Why = dict[str, Any]


@dataclass(frozen=True)
class Spec:
    """What differs between a disk (vbd) and a network interface (vif)."""

    devid: int
    rings: tuple[str, ...]
    ring_size: int
    front_driver: str
    back_driver: str
    physical_node: str  # what the hotplug script writes and the backend watches
    front_ref_nodes: tuple[str, ...]


SPECS = {
    "vbd": Spec(51712, ("blkif",), BLKIF_RING_SIZE, "blkfront", "blkback", "physical-device",
                ("ring-ref",)),
    "vif": Spec(0, ("tx", "rx"), NETIF_RING_SIZE, "netfront", "netback", "hotplug-status",
                ("tx-ring-ref", "rx-ring-ref")),
}


def spec_of(device: Device) -> Spec:
    return SPECS[device.kind]


def host_of(ctx: Context) -> Host:
    return ctx.world.host


def device_of(lab: DevicesLab, args: dict[str, Any]) -> Device:
    return lab.devices[str(args["device"])]


def ends(device: Device) -> dict[str, Any]:
    """The data every device event carries."""
    spec = spec_of(device)
    return {"device": device.kind, "devid": device.devid, "front": f"d{device.frontend}",
            "back": f"d{device.backend}", "frontend_driver": spec.front_driver,
            "backend_driver": spec.back_driver}


def state_node(device: Device, side: str) -> str:
    return f"{xs.backend_dir(device) if side == 'back' else xs.frontend_dir(device)}/state"


def switch(ctx: Context, lab: DevicesLab, device: Device, side: str, new: XenbusState) -> None:
    """``xenbus_switch_state``: write our own ``state`` node (the peer's watch fires)."""
    old = XenbusState(device.back_state if side == "back" else device.front_state)
    if side == "back":
        device.back_state = new
    else:
        device.front_state = new
    xs.write(lab, host_of(ctx), state_node(device, side), str(int(new)))
    actor = guest(device.backend if side == "back" else device.frontend)
    say(ctx, "xenbus.switched", (actor, XENSTORED), notable=True, **ends(device),
        driver=spec_of(device).back_driver if side == "back" else spec_of(device).front_driver,
        old=old.label, new=new.label, path=state_node(device, side))


def read_state(ctx: Context, path: str) -> XenbusState | None:
    """The state written at ``path``, or None when absent or not a xenbus state number
    (``isdigit()`` alone would let "²" reach ``int()``)."""
    value = host_of(ctx).xenstore.read(path)
    known = {str(int(state)): state for state in XenbusState}
    return known.get(value) if value is not None else None
