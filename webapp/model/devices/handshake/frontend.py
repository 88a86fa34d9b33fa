"""The frontend's part of the handshake (virtualization-facts.md errata 3). Nothing happens at
probe: the frontend waits for the backend's InitWait, reads the backend's limits, allocates and
grants its ring page(s), allocates an unbound event channel and publishes them. blkfront then
moves to Initialised and connects when blkback is Connected (``blkback_changed``,
``talk_to_blkback``); netfront registers its interface, posts its receive buffers and moves
straight from Initialising to Connected (``netback_changed``, ``xennet_connect``)."""

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
from webapp.model.devices.pages import alloc_page, frame_of
from webapp.model.devices.ring import Ring
from webapp.model.devices.state import Device, DevicesLab, XenbusState
from webapp.model.events import XEN, XENSTORED, guest
from webapp.model.operations import Context


@task("front:probe")
def front_probe(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """The frontend driver's probe: read the device's identity; xenbus watches the backend's
    state. No ring yet: that waits for the backend's InitWait."""
    device = device_of(lab, args)
    device.front_probed = True
    node = "virtual-device" if device.kind == "vbd" else "mac"
    value = host_of(ctx).xenstore.read(f"{xs.frontend_dir(device)}/{node}") or "?"
    say(ctx, "xenbus.front_probed", (guest(device.frontend),), **ends(device), node=node,
        value=value)
    xs.watch(lab, host_of(ctx).xenstore, state_node(device, "back"),
             f"front-otherend:{device.kind}", device.frontend)


#: What each frontend reads from the backend before it sets up its ring(s).
BACKEND_LIMITS = {"vbd": ("max-ring-page-order", "multi-queue-max-queues"),
                  "vif": ("feature-rx-copy", "feature-split-event-channels",
                          "multi-queue-max-queues")}


def talk_to_backend(lab: DevicesLab, device: Device) -> None:
    """The backend is in InitWait: ``talk_to_blkback`` / ``xennet_connect``."""
    device.front_setup = True
    later(lab, "front:read_backend", device=device.kind)
    for name in spec_of(device).rings:
        later(lab, "front:alloc_ring", device=device.kind, ring=name)
        later(lab, "front:grant_ring", device=device.kind, ring=name)
    later(lab, "front:alloc_evtchn", device=device.kind)
    later(lab, "front:publish", device=device.kind)
    if device.kind == "vbd":
        later(lab, "front:initialised", device=device.kind)
        return
    later(lab, "front:netdev", device=device.kind)
    post_rx(lab, lab.rx_buffers)
    later(lab, "front:connected", device=device.kind)


@task("front:read_backend")
def front_read_backend(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Read the backend's limits and features (absent nodes read as the driver's default)."""
    device = device_of(lab, args)
    base = xs.backend_dir(device)
    store = host_of(ctx).xenstore
    values = [f"{node} = {store.read(f'{base}/{node}') or '—'}"
              for node in BACKEND_LIMITS[device.kind]]
    say(ctx, "xenbus.front_read_backend", (guest(device.frontend),), **ends(device),
        values=values)


@task("front:netdev")
def front_netdev(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``xennet_connect``: ``register_netdev``, carrier on; the RX buffers come next."""
    device = device_of(lab, args)
    device.phase = "connected"
    say(ctx, "xenbus.front_netdev", (guest(device.frontend),), **ends(device))


@task("front:alloc_ring")
def front_alloc_ring(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Allocate a page for the ring; ``SHARED_RING_INIT`` and ``FRONT_RING_INIT``."""
    device = device_of(lab, args)
    name = str(args["ring"])
    pfn = alloc_page(lab, device.frontend)
    device.rings[name] = Ring(name, spec_of(device).ring_size, pfn)
    say(ctx, "xenbus.front_ring_allocated", (guest(device.frontend),), **ends(device),
        ring=name, pfn=f"0x{pfn:x}", size=spec_of(device).ring_size)


@task("front:grant_ring")
def front_grant_ring(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``xenbus_grant_ring``: grant the ring page to the backend domain, read-write."""
    device = device_of(lab, args)
    ring = device.rings[str(args["ring"])]
    frame = frame_of(ctx.world, device.frontend, ring.pfn)
    ring.gref = grants.grant_access(lab.grants[device.frontend], device.backend, frame, False,
                                    grants.purpose("ring", device=device.kind, ring=ring.name))
    say(ctx, "xenbus.front_granted_ring", (guest(device.frontend),), **ends(device),
        ring=ring.name, gref=ring.gref, frame=f"0x{frame:x}")


@task("front:alloc_evtchn")
def front_alloc_evtchn(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``xenbus_alloc_evtchn``: EVTCHNOP_alloc_unbound for the backend domain."""
    device = device_of(lab, args)
    device.front_port = evtchn.alloc_unbound(lab.evtchn[device.frontend], device.backend,
                                             f"{device.kind} {device.devid}",
                                             spec_of(device).front_driver, device.kind)
    charge(lab, "setup", hypercalls=1)
    say(ctx, "xenbus.front_evtchn", (guest(device.frontend), XEN), **ends(device),
        port=device.front_port)


@task("front:publish")
def front_publish(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """In one transaction: the ring reference(s), the event channel and the protocol."""
    device = device_of(lab, args)
    base = xs.frontend_dir(device)
    spec = spec_of(device)
    values = {f"{base}/{node}": str(device.rings[name].gref)
              for node, name in zip(spec.front_ref_nodes, spec.rings, strict=True)}
    values[f"{base}/event-channel"] = str(device.front_port)
    if device.kind == "vbd":
        values.update({f"{base}/protocol": "x86_64-abi", f"{base}/feature-persistent": "0"})
    else:
        values.update({f"{base}/request-rx-copy": "1", f"{base}/feature-rx-notify": "1"})
    xs.write_all(lab, host_of(ctx), values)
    say(ctx, "xenbus.front_published", (guest(device.frontend), XENSTORED), **ends(device),
        nodes=[path.rsplit("/", 1)[1] for path in values])


@task("front:initialised")
def front_initialised(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    switch(ctx, lab, device_of(lab, args), "front", XenbusState.Initialised)


@task("front:connected_read")
def front_connected_read(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """blkback is Connected: ``blkfront_connect`` reads what it published, creates the disk."""
    device = device_of(lab, args)
    device.blkfront.gendisk = True
    size = host_of(ctx).xenstore.read(f"{xs.backend_dir(device)}/sectors") or "0"
    say(ctx, "xenbus.front_disk", (guest(device.frontend),), **ends(device), sectors=size)
    later(lab, "front:connected", device=device.kind)


@task("front:connected")
def front_connected(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = device_of(lab, args)
    switch(ctx, lab, device, "front", XenbusState.Connected)
    recovering = device.phase == "reconnecting"
    device.phase = "connected"
    if device.kind == "vif":
        return
    if recovering and device.blkfront.shadow:
        device.blkfront.running = True  # nothing else goes on the ring before the recovery
        later(lab, "blk:recover", device="vbd")
    else:
        device.blkfront.stopped = False
        if device.blkfront.queue and not device.blkfront.running:
            device.blkfront.running = True
            later(lab, "blk:queue", device="vbd")


def post_rx(lab: DevicesLab, count: int) -> None:
    """netfront posts ``count`` receive buffers: grant a page, put an RX request; then push."""
    for _ in range(count):
        later(lab, "net:rx_grant", device="vif")
        later(lab, "net:rx_post", device="vif")
    later(lab, "net:rx_push", device="vif")


@task("front:reinit")
def front_reinit(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Reconnecting: back to Initialising, so that the (Closed) backend waits for us again."""
    switch(ctx, lab, device_of(lab, args), "front", XenbusState.Initialising)
