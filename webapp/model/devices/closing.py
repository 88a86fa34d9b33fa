"""Closing a device (facts §4.2, "Unplug / shutdown sequence") and reconnecting it mid-stream.

Orderly close: libxl writes the backend's ``online = 0`` and ``state = Closing``; the frontend
fails what is still queued, lets the requests already on the ring finish (switching to Closing
while they do), frees its ring and event channel and moves to Closed; the backend then stops,
unbinds, unmaps the ring and moves to Closed; libxl removes both directories.

Reconnect (blkfront's recovery after a resume): the frontend drops its connection at once,
keeping its shadow copies; the backend finishes the disk I/O it started and disconnects; the
frontend goes back to Initialising, the backend to InitWait, the handshake runs again, and
``blkif_recover`` re-issues every request still in the shadow with a fresh grant.
"""

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
from webapp.model.devices.pages import free_page
from webapp.model.devices.state import Device, DevicesLab, RxBuffer, TxPacket, XenbusState
from webapp.model.events import TOOLSTACK, XEN, XENSTORED, guest
from webapp.model.operations import Context


def close_device(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``disconnect``: libxl writes ``online = 0`` and ``state = 5`` in one transaction, then
    waits for the backend to reach Closed."""
    device = lab.devices[str(args["device"])]
    device.phase = "closing"
    device.online = False
    device.back_state = XenbusState.Closing
    base = xs.backend_dir(device)
    host = host_of(ctx)
    xs.write_all(lab, host, {f"{base}/online": "0", f"{base}/state": "5"})
    say(ctx, "close.toolstack", (TOOLSTACK, XENSTORED), notable=True, **ends(device),
        path=f"{base}/state")
    xs.watch(lab, host.xenstore, state_node(device, "back"), f"libxl-close:{device.kind}",
             device.backend)


@task("front:closing")
def front_closing(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``blkfront_closing``: stop the queue; wait for what is on the ring, fail the rest."""
    device = device_of(lab, args)
    front = device.blkfront
    front.stopped = True
    on_ring = [s for s in front.shadow.values() if s.on_ring]
    in_flight = len(on_ring) if device.kind == "vbd" else len(device.netfront.tx_pending)
    stranded = len(front.shadow) - len(on_ring)
    say(ctx, "close.front_sees_closing", (guest(device.frontend),), **ends(device),
        in_flight=in_flight, queued=len(front.queue) + stranded)
    if front.queue or stranded:
        later(lab, "blk:fail_queue", device=device.kind)
    if in_flight and device.kind == "vbd":
        later(lab, "front:switch_closing", device=device.kind)
    else:
        teardown(lab, device)


@task("front:switch_closing")
def front_switch_closing(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """The disk is still in use: Closing until the last request on the ring completes."""
    switch(ctx, lab, device_of(lab, args), "front", XenbusState.Closing)


def teardown(lab: DevicesLab, device: Device) -> None:
    """``blkif_free`` / ``xennet_disconnect_backend``, then Closed."""
    later(lab, "front:close_port", device=device.kind)
    for name in spec_of(device).rings:
        later(lab, "front:end_ring", device=device.kind, ring=name)
    if device.phase == "reconnecting":
        for shadow_id in sorted(device.blkfront.shadow):
            later(lab, "front:end_data", device=device.kind, id=shadow_id,
                  rid=device.blkfront.shadow[shadow_id].rid)
    if device.kind == "vif":
        later(lab, "front:end_buffers", device=device.kind)
    later(lab, "front:closed", device=device.kind)


@task("front:close_port")
def front_close_port(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = device_of(lab, args)
    port = device.front_port
    if port is not None and port in lab.evtchn[device.frontend].ports:
        evtchn.close(lab.evtchn, device.frontend, port)
        charge(lab, "setup", hypercalls=1)
    device.front_port = None
    say(ctx, "close.front_port", (guest(device.frontend), XEN), **ends(device), port=port,
        back_port=device.back_port)


@task("front:end_ring")
def front_end_ring(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``gnttab_end_foreign_access`` on the ring page: deferred while dom0 still maps it."""
    device = device_of(lab, args)
    ring = device.rings[str(args["ring"])]
    ref = ring.gref if ring.gref is not None else -1
    ended = grants.try_end(lab.grants[device.frontend], ref)
    if ended:
        free_page(lab, device.frontend, ring.pfn)
    say(ctx, "close.end_ring_now" if ended else "close.end_ring_deferred",
        (guest(device.frontend),), **ends(device), ring=ring.name, gref=ref)


@task("front:end_data")
def front_end_data(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Reconnecting: the old grant of an in-flight request is ended (or deferred)."""
    device = device_of(lab, args)
    shadow = device.blkfront.shadow.get(int(args["id"]))
    if shadow is None or shadow.rid != int(args["rid"]):
        say(ctx, "close.end_data_done", (guest(device.frontend),), rid=f"r{args['rid']}")
        return
    ended = grants.try_end(lab.grants[device.frontend], shadow.gref)
    say(ctx, "close.end_data_now" if ended else "close.end_data_deferred",
        (guest(device.frontend),), **ends(device), id=shadow.id, rid=f"r{shadow.rid}",
        gref=shadow.gref)


@task("front:end_buffers")
def front_end_buffers(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """netfront releases its posted RX buffers and unsent packets: it ends their grants."""
    device = device_of(lab, args)
    front = device.netfront
    table = lab.grants[device.frontend]
    buffers: list[RxBuffer | TxPacket] = [*front.rx_posted.values(), *front.rx_ready,
                                          *front.tx_pending.values()]
    for buffer in buffers:
        grants.try_end(table, buffer.gref)
        free_page(lab, device.frontend, buffer.pfn)
    front.rx_posted, front.rx_ready, front.tx_pending = {}, [], {}
    say(ctx, "close.end_buffers", (guest(device.frontend),), **ends(device),
        count=len(buffers))


@task("front:closed")
def front_closed(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    switch(ctx, lab, device_of(lab, args), "front", XenbusState.Closed)


@task("back:disconnect")
def back_disconnect(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``xen_blkif_disconnect``: stop the thread; wait for the disk I/O already started."""
    device = device_of(lab, args)
    device.blkback.stopping = True
    device.blkback.rp = None
    in_flight = len(device.blkback.pending)
    say(ctx, "close.back_disconnect", (guest(device.backend),), **ends(device),
        in_flight=in_flight)
    if not in_flight:
        device.blkback.unbinding = True
        later(lab, "back:close_port", device=device.kind)


@task("back:close_port")
def back_close_port(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    device = device_of(lab, args)
    port = device.back_port
    if port is not None and port in lab.evtchn[device.backend].ports:
        evtchn.close(lab.evtchn, device.backend, port)
        charge(lab, "setup", hypercalls=1)
    device.back_port = None
    say(ctx, "close.back_port", (guest(device.backend), XEN), **ends(device), port=port)
    mapped = [name for name, ring in device.rings.items() if ring.handle is not None]
    for name in mapped:
        later(lab, "back:unmap_ring", device=device.kind, ring=name)
    if not mapped:
        later(lab, "back:closed", device=device.kind)


@task("back:unmap_ring")
def back_unmap_ring(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """GNTTABOP_unmap_grant_ref on the ring page: Xen clears the entry's status bits."""
    device = device_of(lab, args)
    ring = device.rings[str(args["ring"])]
    handle = ring.handle if ring.handle is not None else -1
    mapping = grants.unmap_grant(lab.grants, device.backend, handle)
    ring.handle = None
    charge(lab, "setup", hypercalls=1, grant_ops=1)
    say(ctx, "close.back_unmapped_ring", (guest(device.backend), XEN), **ends(device),
        ring=ring.name, gref=mapping.ref, handle=handle)
    retry_deferred(lab, device.frontend, mapping.ref, ring.pfn)
    if all(r.handle is None for r in device.rings.values()):
        later(lab, "back:closed", device=device.kind)


def retry_deferred(lab: DevicesLab, granter: int, ref: int, pfn: int | None) -> None:
    """Linux retries a deferred end once the grantee has unmapped the page."""
    table = lab.grants.get(granter)
    if table is not None and ref in table.deferred:
        entry = table.entries.get(ref)
        if entry is not None and not entry.in_use:
            later(lab, "front:retry_end", domid=granter, ref=ref,
                  pfn=pfn if pfn is not None else -1)


@task("front:retry_end")
def front_retry_end(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    domid, ref, pfn = int(args["domid"]), int(args["ref"]), int(args["pfn"])
    table = lab.grants[domid]
    grants.end_access(table, ref)
    if pfn >= 0:
        free_page(lab, domid, pfn)
    say(ctx, "close.deferred_ended", (guest(domid),), domid=f"d{domid}", gref=ref)


@task("back:closed")
def back_closed(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    switch(ctx, lab, device_of(lab, args), "back", XenbusState.Closed)


@task("toolstack:remove")
def toolstack_remove(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """The hotplug script's ``remove``; libxl deletes both directories; the device is gone."""
    device = device_of(lab, args)
    xenstore = host_of(ctx).xenstore
    for role, owner in (("back-otherend", device.backend), ("back-physical", device.backend),
                        ("front-otherend", device.frontend)):
        xenstore.unwatch(f"{role}:{device.kind}", owner)
    removed = xs.remove(lab, host_of(ctx), xs.backend_dir(device))
    removed += xs.remove(lab, host_of(ctx), xs.frontend_dir(device))
    for ring in device.rings.values():
        if ring.gref is None or not lab.grants[device.frontend].entries[ring.gref].permitted:
            free_page(lab, device.frontend, ring.pfn)
    del lab.devices[device.kind]
    lab.agenda = [t for t in lab.agenda if t.args.get("device") != device.kind]
    say(ctx, "close.removed", (TOOLSTACK, XENSTORED), notable=True, **ends(device),
        nodes=removed)


def reconnect(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``reconnect``: blkfront drops the connection mid-stream (as after a resume), keeping
    its shadow copies to re-issue later."""
    device = lab.devices[str(args["device"])]
    device.phase = "reconnecting"
    device.blkfront.stopped = True
    for shadow in device.blkfront.shadow.values():
        shadow.on_ring = False
    say(ctx, "close.reconnect", (guest(device.frontend),), notable=True, **ends(device),
        in_flight=len(device.blkfront.shadow), queued=len(device.blkfront.queue))
    teardown(lab, device)
