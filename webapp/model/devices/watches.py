"""Watch firings: xenstored sends WATCH_EVENT to the watcher, whose callback reads the node and
decides what to do (``otherend_changed`` in Linux's xenbus, ``backend_changed`` in blkback,
libxl's wait for a backend state). Each firing is one micro-step; what it causes comes next."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.devices import xs
from webapp.model.devices.agenda import later, say, task
from webapp.model.devices.handshake.frontend import talk_to_backend
from webapp.model.devices.handshake.xenbus import host_of, read_state, spec_of, state_node
from webapp.model.devices.state import Device, DevicesLab, XenbusState
from webapp.model.events import TOOLSTACK, XENSTORED, guest
from webapp.model.operations import Context

Why = dict[str, Any]
Reaction = Callable[[Context, DevicesLab, Device, str], Why]


def why(key: str, **data: Any) -> Why:
    """A nested sentence the narration renders inside the firing's sentence."""
    return {"key": key, "data": data}


@task("xs:fire")
def fire(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    token = str(args["token"])
    role, _, kind = token.partition(":")
    domid = int(args["domid"])
    if role in xs.BUS_TOKENS:
        reason = _bus(ctx, lab, role, domid)
    elif kind in lab.devices:
        reason = REACTIONS[role](ctx, lab, lab.devices[kind], str(args["path"]))
    else:
        reason = why("xs.why.gone")
    actor = TOOLSTACK if role.startswith("libxl") else guest(domid)
    say(ctx, "xs.watch_fired", (XENSTORED, actor), watcher=f"d{domid}", token=token,
        watched=str(args["watched"]), path=str(args["path"]), why=reason)


def _bus(ctx: Context, lab: DevicesLab, role: str, domid: int) -> Why:
    side = "back" if role == "backend-bus" else "front"
    for device in lab.devices.values():
        end = device.backend if side == "back" else device.frontend
        if end == domid and not getattr(device, f"{side}_probed"):
            setattr(device, f"{side}_probed", True)  # xenbus knows the device from now on
            later(lab, f"{side}:probe", device=device.kind)
            driver = spec_of(device).back_driver if side == "back" else spec_of(device).front_driver
            return why("xs.why.new_device", driver=driver, device=device.kind)
    return why("xs.why.nothing_new")


def _libxl_wait(ctx: Context, lab: DevicesLab, device: Device, path: str) -> Why:
    """libxl waits for the backend to reach InitWait, then runs the hotplug script."""
    state = read_state(ctx, state_node(device, "back"))
    if state == XenbusState.InitWait:
        host_of(ctx).xenstore.unwatch(f"libxl-wait:{device.kind}", device.backend)
        later(lab, "toolstack:hotplug", device=device.kind)
        script = "block" if device.kind == "vbd" else "vif-bridge"
        return why("xs.why.hotplug", script=script)
    return why("xs.why.libxl_waits", seen=_label(state), wanted=XenbusState.InitWait.label)


def _libxl_close(ctx: Context, lab: DevicesLab, device: Device, path: str) -> Why:
    """libxl waits (up to 10 s) for the backend to reach Closed, then removes the device."""
    state = read_state(ctx, state_node(device, "back"))
    if state == XenbusState.Closed:
        host_of(ctx).xenstore.unwatch(f"libxl-close:{device.kind}", device.backend)
        later(lab, "toolstack:remove", device=device.kind)
        return why("xs.why.remove")
    return why("xs.why.libxl_waits", seen=_label(state), wanted=XenbusState.Closed.label)


def _back_physical(ctx: Context, lab: DevicesLab, device: Device, path: str) -> Why:
    if host_of(ctx).xenstore.read(path) is None:
        return why("xs.why.physical_absent", node=spec_of(device).physical_node)
    ready = device.blkback.physical if device.kind == "vbd" else device.netback.hotplug
    if not ready:
        later(lab, "back:physical", device=device.kind)
    return why("xs.why.physical", node=spec_of(device).physical_node,
               driver=spec_of(device).back_driver)


def _back_otherend(ctx: Context, lab: DevicesLab, device: Device, path: str) -> Why:
    """blkback/netback ``frontend_changed``: blkback connects on Initialised, netback ignores
    Initialised and connects when the frontend is Connected."""
    front = read_state(ctx, path)
    back = XenbusState(device.back_state)
    driver = spec_of(device).back_driver
    ready = XenbusState.Initialised if device.kind == "vbd" else XenbusState.Connected
    if front == ready and back == XenbusState.InitWait:
        later(lab, "back:connect_ring", device=device.kind)
        return why("xs.why.connect_ring" if device.kind == "vbd" else "xs.why.connect_ring_net",
                   driver=driver)
    if front == XenbusState.Closed and back != XenbusState.Closed:
        later(lab, "back:disconnect", device=device.kind)
        return why("xs.why.disconnect", driver=driver)
    if front == XenbusState.Initialising and back == XenbusState.Closed:
        later(lab, "back:reinitwait", device=device.kind)
        return why("xs.why.reconnect", driver=driver)
    return why("xs.why.nothing", driver=driver, seen=_label(front))


def _front_otherend(ctx: Context, lab: DevicesLab, device: Device, path: str) -> Why:
    """blkfront ``blkback_changed`` / netfront ``netback_changed``."""
    back = read_state(ctx, path)
    front = XenbusState(device.front_state)
    driver = spec_of(device).front_driver
    reconnecting = device.phase == "reconnecting"
    if back == XenbusState.Connected and front == XenbusState.Initialised:
        later(lab, "front:connected_read", device=device.kind)
        return why("xs.why.back_connected", driver=driver)
    if back == XenbusState.InitWait and front == XenbusState.Initialising and not (
            reconnecting or device.front_setup):
        talk_to_backend(lab, device)
        return why("xs.why.initwait", driver=driver)
    if back == XenbusState.Connected and front == XenbusState.Connected and device.kind == "vif":
        return why("xs.why.notify_peers", driver=driver)
    if back == XenbusState.Closing and device.phase == "closing":
        later(lab, "front:closing", device=device.kind)
        return why("xs.why.back_closing", driver=driver)
    if back == XenbusState.Closed and reconnecting and front == XenbusState.Closed:
        later(lab, "front:reinit", device=device.kind)
        return why("xs.why.front_reinit", driver=driver)
    if back == XenbusState.InitWait and reconnecting and front == XenbusState.Initialising:
        talk_to_backend(lab, device)
        return why("xs.why.front_setup", driver=driver)
    return why("xs.why.nothing", driver=driver, seen=_label(back))


def _label(state: XenbusState | None) -> str:
    return state.label if state is not None else "—"


REACTIONS: dict[str, Reaction] = {
    "libxl-wait": _libxl_wait,
    "libxl-close": _libxl_close,
    "back-physical": _back_physical,
    "back-otherend": _back_otherend,
    "front-otherend": _front_otherend,
}

