"""What a learner may try by hand: the hypercalls and xenstore writes the drivers make, aimed
where they please. Xen (or the granting kernel, or xenstored) refuses a misuse with the reason
and nothing changes; a legitimate call is carried out like any other micro-step."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import evtchn, grants, xs
from webapp.model.devices.agenda import later, say, task
from webapp.model.devices.state import DevicesLab
from webapp.model.errors import Refused
from webapp.model.events import XEN, XENSTORED, guest
from webapp.model.host import World
from webapp.model.operations import Context

#: Nodes the drivers watch or read at set-up: forging them would break the model's drivers,
#: so the console refuses to write them (a limit of this lab, not of xenstored).
PROTOCOL_NODES = ("state", "ring-ref", "tx-ring-ref", "rx-ring-ref", "event-channel")


def check_xenstore_write(world: World, domid: int, path: str) -> None:
    xenstore = world.host.xenstore
    if not xenstore.allowed(domid, path, "w"):
        perms = xenstore.perms_of(path)
        raise Refused("refused.devices.xs_eacces", domid=f"d{domid}", path=path,
                      owner=f"d{perms[0].domid}", perms=[str(p) for p in perms])
    if path.rsplit("/", 1)[-1] in PROTOCOL_NODES:
        raise Refused("refused.devices.xs_protocol_node", path=path,
                      node=path.rsplit("/", 1)[-1])


def map_probe(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """A legitimate ``GNTTABOP_map_grant_ref`` by hand: map the page, unmap it next step."""
    mapper, granter, ref = int(args["mapper"]), int(args["granter"]), int(args["ref"])
    handle = grants.map_grant(lab.grants, mapper, granter, ref, readonly=False)
    entry = lab.grants[granter].entries[ref]
    say(ctx, "probe.mapped", (guest(mapper), XEN), mapper=f"d{mapper}", granter=f"d{granter}",
        ref=ref, handle=handle, flags=grants.flag_names(entry.flags))
    later(lab, "probe:unmap", mapper=mapper, handle=handle)


@task("probe:unmap")
def unmap_probe(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    from webapp.model.devices.closing import retry_deferred  # noqa: PLC0415

    mapper, handle = int(args["mapper"]), int(args["handle"])
    mapping = grants.unmap_grant(lab.grants, mapper, handle)
    say(ctx, "probe.unmapped", (guest(mapper), XEN), mapper=f"d{mapper}",
        granter=f"d{mapping.granter}", ref=mapping.ref, handle=handle)
    retry_deferred(lab, mapping.granter, mapping.ref, None)


def end_probe(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """A legitimate end of access by hand: whoever relied on the grant will find it gone."""
    domid, ref = int(args["domid"]), int(args["ref"])
    entry = lab.grants[domid].entries[ref]
    grants.end_access(lab.grants[domid], ref)
    say(ctx, "probe.ended", (guest(domid),), domid=f"d{domid}", ref=ref,
        purpose=entry.purpose or grants.purpose("none"))


def send_probe(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """A legitimate ``EVTCHNOP_send`` by hand: the peer gets a notification with no work."""
    domid, port = int(args["domid"]), int(args["port"])
    found = lab.evtchn[domid].ports[port]
    delivery = evtchn.send(lab.evtchn, domid, port)
    say(ctx, "probe.sent", (guest(domid), XEN), domid=f"d{domid}", port=port,
        peer=f"d{found.remote_dom}", peer_port=found.remote_port)
    if delivery.outcome == "upcall":
        later(lab, "evtchn:upcall", domid=delivery.domid, path="setup")


def xenstore_probe(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    domid, path, value = int(args["domid"]), str(args["path"]), str(args["value"])
    xs.write(lab, ctx.world.host, path, value)
    say(ctx, "probe.xs_written", (guest(domid), XENSTORED), domid=f"d{domid}", path=path,
        value=value)
