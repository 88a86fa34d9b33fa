"""The xenbus handshake that connects a frontend to its backend, one micro-step at a time
(facts §4.2, XEN:xen/include/public/io/blkif.h "STATE DIAGRAMS", libxl_device.c).

The toolstack writes both xenstore directories; the backend probes and moves to InitWait; the
hotplug script names the physical device; the frontend allocates and grants its ring page(s),
allocates an unbound event channel, publishes ``ring-ref`` and ``event-channel`` and moves to
Initialised; the backend's watch fires, it maps the ring, binds the channel, publishes its
features and moves to Connected; the frontend reads them and moves to Connected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from webapp.model.devices import evtchn, grants, xs
from webapp.model.devices.agenda import charge, later, say, task
from webapp.model.devices.pages import alloc_page, frame_of
from webapp.model.devices.ring import BLKIF_RING_SIZE, NETIF_RING_SIZE, Ring
from webapp.model.devices.state import Device, DevicesLab, XenbusState
from webapp.model.events import TOOLSTACK, XEN, XENSTORED, guest
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
    value = host_of(ctx).xenstore.read(path)
    return XenbusState(int(value)) if value is not None and value.isdigit() else None


# -- the toolstack ---------------------------------------------------------------------------


def toolstack_nodes(ctx: Context, device: Device) -> dict[str, str]:
    """The nodes libxl writes in one transaction (libxl_disk.c / libxl_nic.c)."""
    back, front = xs.backend_dir(device), xs.frontend_dir(device)
    name = ctx.world.host.domains[device.frontend].name
    common_back = {"frontend": front, "frontend-id": str(device.frontend), "online": "1",
                   "state": "1"}
    common_front = {"backend": back, "backend-id": str(device.backend), "state": "1"}
    if device.kind == "vbd":
        back_nodes = {**common_back, "removable": "0", "bootable": "1", "dev": "xvda",
                      "type": "phy", "mode": "w", "device-type": "disk",
                      "params": f"/dev/vg0/{name}-disk"}
        front_nodes = {**common_front, "virtual-device": str(device.devid),
                       "device-type": "disk", "trusted": "1"}
    else:
        mac = f"00:16:3e:5a:{device.frontend:02x}:{device.devid:02x}"
        back_nodes = {**common_back, "script": "vif-bridge", "mac": mac, "bridge": "xenbr0",
                      "handle": str(device.devid), "type": "vif"}
        front_nodes = {**common_front, "handle": str(device.devid), "mac": mac}
    return {**{f"{back}/{k}": v for k, v in back_nodes.items()},
            **{f"{front}/{k}": v for k, v in front_nodes.items()}}


def add_device(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``connect``: libxl writes both directories in one transaction and waits for InitWait."""
    kind = str(args["device"])
    device = Device(kind, SPECS[kind].devid, lab.frontend, lab.backend)
    lab.devices[kind] = device
    host = host_of(ctx)
    for path, perms in xs.device_perms(device).items():
        host.xenstore.set_perms(path, perms)
    written = xs.write_all(lab, host, toolstack_nodes(ctx, device))
    say(ctx, "xenbus.toolstack_added", (TOOLSTACK, XENSTORED), notable=True, **ends(device),
        nodes=len(written), back_dir=xs.backend_dir(device), front_dir=xs.frontend_dir(device))
    xs.watch(lab, host.xenstore, state_node(device, "back"), f"libxl-wait:{kind}",
             device.backend)


@task("toolstack:hotplug")
def hotplug(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """libxl saw InitWait: the hotplug script (``block`` / ``vif-bridge``) does its work."""
    device = device_of(lab, args)
    base = xs.backend_dir(device)
    if device.kind == "vbd":
        values = {f"{base}/physical-device": "fd:0", f"{base}/physical-device-path": "/dev/dm-0"}
        key = "xenbus.hotplug_block"
    else:
        values = {f"{base}/hotplug-status": "connected"}
        key = "xenbus.hotplug_vif"
    xs.write_all(lab, host_of(ctx), values)
    say(ctx, key, (TOOLSTACK, XENSTORED), **ends(device), path=list(values)[0])


# -- the backend -----------------------------------------------------------------------------

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


# -- the frontend ----------------------------------------------------------------------------


@task("front:probe")
def front_probe(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """The frontend driver's probe: read the device's identity, watch the backend's state,
    then set up the ring (``talk_to_blkback`` / ``talk_to_netback``)."""
    device = device_of(lab, args)
    device.front_probed = True
    node = "virtual-device" if device.kind == "vbd" else "mac"
    value = host_of(ctx).xenstore.read(f"{xs.frontend_dir(device)}/{node}") or "?"
    say(ctx, "xenbus.front_probed", (guest(device.frontend),), **ends(device), node=node,
        value=value)
    xs.watch(lab, host_of(ctx).xenstore, state_node(device, "back"),
             f"front-otherend:{device.kind}", device.frontend)
    talk_to_backend(lab, device)


def talk_to_backend(lab: DevicesLab, device: Device) -> None:
    for name in spec_of(device).rings:
        later(lab, "front:alloc_ring", device=device.kind, ring=name)
        later(lab, "front:grant_ring", device=device.kind, ring=name)
    later(lab, "front:alloc_evtchn", device=device.kind)
    later(lab, "front:publish", device=device.kind)
    later(lab, "front:initialised", device=device.kind)


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
                                    f"{device.kind} {ring.name} ring")
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
    """The backend is Connected: read what it published and create the disk (or netdev)."""
    device = device_of(lab, args)
    if device.kind == "vbd":
        device.blkfront.gendisk = True
        size = host_of(ctx).xenstore.read(f"{xs.backend_dir(device)}/sectors") or "0"
        say(ctx, "xenbus.front_disk", (guest(device.frontend),), **ends(device), sectors=size)
    else:
        say(ctx, "xenbus.front_netdev", (guest(device.frontend),), **ends(device))
    later(lab, "front:connected", device=device.kind)


@task("front:connected")
def front_connected(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = device_of(lab, args)
    switch(ctx, lab, device, "front", XenbusState.Connected)
    recovering = device.phase == "reconnecting"
    device.phase = "connected"
    if device.kind == "vif":
        post_rx(lab, lab.rx_buffers)
    elif recovering and device.blkfront.shadow:
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
