"""The backend's part of the handshake: probe to InitWait, map the frontend's ring, bind the
event channel, publish its features and switch to Connected."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import evtchn, grants, xs
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.handshake.xenbus import (
    device_of,
    ends,
    host_of,
    spec_of,
    state_node,
    switch,
)
from webapp.model.devices.state import Device, DevicesLab, XenbusState
from webapp.model.events import XEN, XENSTORED, guest
from webapp.model.operations import Context

BACK_FEATURES = {
    "vbd": {"feature-max-indirect-segments": "256", "multi-queue-max-queues": "4",
            "max-ring-page-order": "4"},
    "vif": {"feature-sg": "1", "feature-gso-tcpv4": "1", "feature-rx-copy": "1",
            "feature-rx-flip": "0", "feature-split-event-channels": "1"},
}


@task("back:probe")
def back_probe(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """The backend driver's probe: publish features, watch the physical node and the peer."""
    device = device_of(lab, args)
    device.back_probed = True
    base = xs.backend_dir(device)
    host = host_of(ctx)
    xs.write_all(lab, host, {f"{base}/{k}": v for k, v in BACK_FEATURES[device.kind].items()})
    say(ctx, "xenbus.back_probed", (guest(device.backend),), **ends(device),
        features=list(BACK_FEATURES[device.kind]))
    later(lab, "back:initwait", device=device.kind)
    xs.watch(lab, host.xenstore, f"{base}/{spec_of(device).physical_node}",
             f"back-physical:{device.kind}", device.backend)
    xs.watch(lab, host.xenstore, state_node(device, "front"), f"back-otherend:{device.kind}",
             device.backend)


@task("back:initwait")
def back_initwait(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    switch(ctx, lab, device_of(lab, args), "back", XenbusState.InitWait)


@task("back:physical")
def back_physical(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """blkback opens the physical device (or netback sees the vif plugged into the bridge)."""
    device = device_of(lab, args)
    if device.kind == "vbd":
        device.blkback.physical = True
        say(ctx, "xenbus.back_opened", (guest(device.backend),), **ends(device),
            physical="/dev/dm-0 (fd:0)")
    else:
        device.netback.hotplug = True
        say(ctx, "xenbus.back_plugged", (guest(device.backend),), **ends(device),
            bridge="xenbr0")
    maybe_connect(lab, device)


def maybe_connect(lab: DevicesLab, device: Device) -> None:
    """``xen_update_blkif_status``: connect once both the physical side and the ring are
    ready, whichever came last."""
    ready = device.blkback.physical if device.kind == "vbd" else device.netback.hotplug
    if ready and device.back_port is not None and device.back_state == XenbusState.InitWait:
        later(lab, "back:connect", device=device.kind)


@task("back:connect_ring")
def back_connect_ring(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``connect_ring``: read the frontend's ring references and event channel."""
    device = device_of(lab, args)
    device.blkback.stopping = device.blkback.unbinding = False
    base = xs.frontend_dir(device)
    xenstore = host_of(ctx).xenstore
    nodes = [*spec_of(device).front_ref_nodes, "event-channel"]
    values = {node: xenstore.read(f"{base}/{node}") or "?" for node in nodes}
    say(ctx, "xenbus.back_read_ring", (guest(device.backend),), **ends(device),
        values=[f"{k} = {v}" for k, v in values.items()])
    for name in spec_of(device).rings:
        later(lab, "back:map_ring", device=device.kind, ring=name)
    later(lab, "back:bind", device=device.kind)


@task("back:map_ring")
def back_map_ring(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``xenbus_map_ring_valloc``: GNTTABOP_map_grant_ref on the ring page, then BACK_RING_INIT."""
    device = device_of(lab, args)
    ring = device.rings[str(args["ring"])]
    ref = ring.gref if ring.gref is not None else -1
    ring.handle = grants.map_grant(lab.grants, device.backend, device.frontend, ref, False)
    ring.req_cons = ring.rsp_prod_pvt = 0
    charge(lab, "setup", hypercalls=1, grant_ops=1)
    entry = lab.grants[device.frontend].entries[ref]
    say(ctx, "xenbus.back_mapped_ring", (guest(device.backend), XEN), **ends(device),
        ring=ring.name, gref=ref, handle=ring.handle, flags=grants.flag_names(entry.flags))


@task("back:bind")
def back_bind(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``EVTCHNOP_bind_interdomain``: a new dom0 port joined to the frontend's unbound port."""
    device = device_of(lab, args)
    remote = device.front_port if device.front_port is not None else -1
    port = evtchn.bind_interdomain(lab.evtchn, device.backend, device.frontend, remote,
                                   f"{device.kind} d{device.frontend}",
                                   spec_of(device).back_driver, device.kind)
    device.back_port = port
    charge(lab, "setup", hypercalls=1)
    delivery = evtchn.set_pending(lab.evtchn[device.backend], port)
    say(ctx, "xenbus.back_bound", (guest(device.backend), XEN), **ends(device), port=port,
        remote_port=remote)
    if delivery.outcome == "upcall":
        later(lab, "evtchn:upcall", domid=device.backend, path="setup")
    maybe_connect(lab, device)


BACK_CONNECT = {"sectors": "20971520", "info": "0", "sector-size": "512",
                "physical-sector-size": "512", "feature-flush-cache": "1",
                "feature-discard": "0", "feature-persistent": "1"}


@task("back:connect")
def back_connect(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``connect()``: blkback publishes the disk's size and features (netback starts its
    threads); then it switches to Connected."""
    device = device_of(lab, args)
    if device.kind == "vbd":
        base = xs.backend_dir(device)
        xs.write_all(lab, host_of(ctx), {f"{base}/{k}": v for k, v in BACK_CONNECT.items()})
        say(ctx, "xenbus.back_published", (guest(device.backend), XENSTORED), **ends(device),
            sectors=BACK_CONNECT["sectors"], size_gib=int(BACK_CONNECT["sectors"]) // 2**21)
    else:
        say(ctx, "xenbus.back_threads", (guest(device.backend),), **ends(device))
    later(lab, "back:connected", device=device.kind)


@task("back:connected")
def back_connected(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    switch(ctx, lab, device_of(lab, args), "back", XenbusState.Connected)


@task("back:reinitwait")
def back_reinitwait(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """The frontend is back to Initialising while we are Closed: prepare for a reconnect."""
    switch(ctx, lab, device_of(lab, args), "back", XenbusState.InitWait)
