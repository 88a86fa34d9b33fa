"""Event channels (``xen/include/public/event_channel.h``) with 2-level delivery.

Each domain has its own port numbers. A port is *unbound* (allocated for one remote domain to
bind), *interdomain* (connected to a peer port) or bound to a *virq*. Sending on an interdomain
port sets the peer's bit in the peer's ``shared_info.evtchn_pending``; if the port is not masked
Xen sets the selector bit and ``evtchn_upcall_pending`` and kicks the vCPU, whose upcall then
scans, clears and handles the pending ports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from webapp.model.errors import Refused

UNBOUND = "unbound"
INTERDOMAIN = "interdomain"
VIRQ = "virq"


@dataclass
class Port:
    """One port of one domain (Xen's ``struct evtchn``, reduced)."""

    state: str
    remote_dom: int | None = None
    remote_port: int | None = None
    virq: str | None = None
    label: str = ""
    handler: str = ""  # who runs when it fires: a driver name, "" for nobody in this model
    device: str = ""  # the device it serves (vbd, vif), if any


@dataclass
class EventChannels:
    """A domain's ports and its ``shared_info`` bits (vCPU 0's ``vcpu_info``)."""

    domid: int
    ports: dict[int, Port] = field(default_factory=dict)
    pending: list[int] = field(default_factory=list)  # evtchn_pending bits set, sorted
    masked: list[int] = field(default_factory=list)  # evtchn_mask bits set
    upcall_pending: bool = False  # vcpu_info.evtchn_upcall_pending
    pending_sel: int = 0  # vcpu_info.evtchn_pending_sel

    def free_port(self) -> int:
        port = 1  # port 0 is never used
        while port in self.ports:
            port += 1
        return port

    def add(self, port: Port) -> int:
        number = self.free_port()
        self.ports[number] = port
        return number


Tables = dict[int, EventChannels]


def alloc_unbound(chans: EventChannels, remote_dom: int, label: str, handler: str,
                  device: str = "") -> int:
    """``EVTCHNOP_alloc_unbound{dom=DOMID_SELF, remote_dom}``: a port waiting for its peer."""
    return chans.add(Port(UNBOUND, remote_dom=remote_dom, label=label, handler=handler,
                          device=device))


def check_bind(tables: Tables, local: int, remote: int, remote_port: int) -> Port:
    peer = tables.get(remote, EventChannels(remote)).ports.get(remote_port)
    if peer is None or peer.state != UNBOUND or peer.remote_dom != local:
        raise Refused("refused.devices.evtchn_bind", domid=local, remote=remote,
                      port=remote_port, errno="-EINVAL")
    return peer


def bind_interdomain(tables: Tables, local: int, remote: int, remote_port: int, label: str,
                     handler: str, device: str = "") -> int:
    """``EVTCHNOP_bind_interdomain``: connect a new local port to the peer's unbound port.
    Xen sets the new port pending once, in case the peer signalled before the bind."""
    peer = check_bind(tables, local, remote, remote_port)
    chans = tables[local]
    port = chans.add(Port(INTERDOMAIN, remote, remote_port, label=label, handler=handler,
                          device=device))
    peer.state, peer.remote_port = INTERDOMAIN, port
    return port


def close(tables: Tables, domid: int, port: int) -> int | None:
    """``EVTCHNOP_close``: free the port; an interdomain peer goes back to unbound (waiting for
    this domain again). The peer's domain, if any."""
    chans = tables[domid]
    closed = chans.ports.pop(port)
    if port in chans.pending:
        chans.pending.remove(port)
    if closed.state == INTERDOMAIN and closed.remote_dom is not None:
        peer = tables.get(closed.remote_dom, EventChannels(-1)).ports.get(
            closed.remote_port or 0)
        if peer is not None:
            peer.state, peer.remote_port = UNBOUND, None
        return closed.remote_dom
    return None


@dataclass(frozen=True)
class Delivery:
    """What ``evtchn_2l_set_pending`` did on the receiving side."""

    domid: int
    port: int
    outcome: str  # "upcall", "already_upcall", "coalesced", "masked", "dropped"


def check_send(tables: Tables, domid: int, port: int) -> Port:
    """``EVTCHNOP_send`` on ``port``: refused unless the port is interdomain."""
    found = tables.get(domid, EventChannels(domid)).ports.get(port)
    if found is None:
        raise Refused("refused.devices.evtchn_closed", domid=domid, port=port, errno="-EINVAL")
    if found.state == UNBOUND:
        raise Refused("refused.devices.evtchn_unbound", domid=domid, port=port,
                      remote=found.remote_dom)
    if found.state != INTERDOMAIN:
        raise Refused("refused.devices.evtchn_not_interdomain", domid=domid, port=port,
                      kind=found.virq or found.state, errno="-EINVAL")
    return found


def send(tables: Tables, domid: int, port: int) -> Delivery:
    """Notify the peer of an interdomain port. An unbound port drops it (as Xen does)."""
    found = tables[domid].ports[port]
    if found.state != INTERDOMAIN or found.remote_dom is None or found.remote_port is None:
        return Delivery(domid, port, "dropped")
    return set_pending(tables[found.remote_dom], found.remote_port)


def set_pending(chans: EventChannels, port: int) -> Delivery:
    """2-level delivery: the pending bit, then (unmasked) the selector and the upcall."""
    if port in chans.pending:
        return Delivery(chans.domid, port, "coalesced")
    chans.pending = sorted([*chans.pending, port])
    if port in chans.masked:
        return Delivery(chans.domid, port, "masked")
    chans.pending_sel |= 1 << (port // 64)
    if chans.upcall_pending:
        return Delivery(chans.domid, port, "already_upcall")
    chans.upcall_pending = True
    return Delivery(chans.domid, port, "upcall")


def take_pending(chans: EventChannels) -> list[int]:
    """The upcall: clear ``evtchn_upcall_pending``, swap the selector with 0, then clear and
    return every pending, unmasked port."""
    chans.upcall_pending = False
    chans.pending_sel = 0
    ready = [port for port in chans.pending if port not in chans.masked]
    chans.pending = [port for port in chans.pending if port in chans.masked]
    return ready
