"""A devices scenario's world at step 0, from its ``extra`` section:

```yaml
extra:
  frontend: web        # the PV guest with blkfront and netfront
  hvm: legacy          # optional: an HVM guest without PV drivers (emulated IDE disk)
  disk_latency: 3      # steps the real disk takes per I/O
  connected: [vbd]     # devices already connected at step 0 (the handshake ran before)
  rx_buffers: 4        # receive buffers netfront posts (Linux fills the whole RX ring)
```
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.devices import agenda, evtchn, grants, handshake
from webapp.model.devices.evtchn import EventChannels, Port
from webapp.model.devices.grants import GrantEntry, GrantTable, GTF_permit_access
from webapp.model.devices.pages import POOL_PAGES, POOL_START, frame_of
from webapp.model.devices.state import LAB, DevicesLab, Disk, Ide
from webapp.model.errors import ScenarioError
from webapp.model.host import Host, World
from webapp.model.operations import Context, Operation
from webapp.model.scenario import Scenario
from webapp.model.xenstore import Permission, home

DISK = "nvme0n1"


def _domid(host: Host, name: Any, field: str) -> int:
    domain = host.find(name)
    if domain is None or domain.domid == 0:
        raise ScenarioError("scenario.bad_field", field=field, problem=f"no guest {name!r}")
    return domain.domid


def build(world: World, scenario: Scenario, rng: random.Random) -> None:
    """Register with ``extensions.setup("devices", build)``."""
    extra = scenario.extra
    host = world.host
    frontend = _domid(host, extra.get("frontend"), "extra.frontend")
    hvm = _domid(host, extra["hvm"], "extra.hvm") if extra.get("hvm") else None
    lab = DevicesLab(backend=0, frontend=frontend, hvm=hvm,
                     disk=Disk(DISK, int(extra.get("disk_latency", 3))),
                     rx_buffers=int(extra.get("rx_buffers", 4)))
    world.labs[LAB] = lab
    for domid in sorted({0, frontend, *([hvm] if hvm is not None else [])}):
        lab.grants[domid] = GrantTable(domid)
        lab.evtchn[domid] = EventChannels(domid)
        host.xenstore.set_perms(home(domid), (Permission(domid, "n"),))
        if domid:
            lab.free_pages[domid] = list(range(POOL_START, POOL_START + POOL_PAGES))
    _seed_guest(world, lab, frontend)
    if hvm is not None:
        _seed_hvm(world, lab, hvm)
    _watch_buses(host, lab)
    for kind in extra.get("connected", []):
        _connect_silently(world, rng, lab, str(kind))


def _seed_guest(world: World, lab: DevicesLab, domid: int) -> None:
    """What the domain builder and libxl left behind: the reserved grant entries for the
    console and xenstore pages, the xenstore and console channels, VIRQ_TIMER."""
    table = lab.grants[domid]
    for ref, name, pfn in ((0, "console", 1), (1, "xenstore", 2)):
        table.entries[ref] = GrantEntry(GTF_permit_access, 0, frame_of(world, domid, pfn),
                                        grants.purpose("reserved", name=name))
    _channels(world, lab, domid)


def _channels(world: World, lab: DevicesLab, domid: int) -> None:
    domain = world.host.domains[domid]
    guest, dom0 = lab.evtchn[domid], lab.evtchn[0]
    for port, label in ((domain.store_port, "xenstore"), (domain.console_port, "console")):
        if port is None:
            continue
        peer = dom0.add(Port(evtchn.INTERDOMAIN, domid, port, label=f"{label} d{domid}"))
        guest.ports[port] = Port(evtchn.INTERDOMAIN, 0, peer, label=label)
    guest.add(Port(evtchn.VIRQ, virq="VIRQ_TIMER", label="timer"))


def _seed_hvm(world: World, lab: DevicesLab, domid: int) -> None:
    """The HVM guest's channels, and QEMU's ioreq channel: an unbound port Xen allocated in
    the guest for the device model, bound by QEMU in dom0."""
    _channels(world, lab, domid)
    guest, dom0 = lab.evtchn[domid], lab.evtchn[0]
    xen_port = guest.add(Port(evtchn.UNBOUND, 0, label="ioreq vcpu0"))
    qemu_port = dom0.add(Port(evtchn.INTERDOMAIN, domid, xen_port, label=f"qemu ioreq d{domid}"))
    guest.ports[xen_port] = Port(evtchn.INTERDOMAIN, 0, qemu_port, label="ioreq vcpu0")
    lab.ide = Ide(xen_port=xen_port, qemu_port=qemu_port)


def _watch_buses(host: Host, lab: DevicesLab) -> None:
    """xenbus in dom0 watches the backend directory; xenbus in the PV guest its device one."""
    host.xenstore.watch(f"{home(0)}/backend", "backend-bus", 0)
    host.xenstore.watch(f"{home(lab.frontend)}/device", "frontend-bus", lab.frontend)
    lab.evtchn[0].add(Port(evtchn.VIRQ, virq="VIRQ_DOM_EXC", label="toolstack"))
    lab.evtchn[0].add(Port(evtchn.VIRQ, virq="VIRQ_TIMER", label="timer"))


def _connect_silently(world: World, rng: random.Random, lab: DevicesLab, kind: str) -> None:
    """Run the whole handshake before step 0 (its events are not part of the run)."""
    if kind not in handshake.SPECS:
        raise ScenarioError("scenario.bad_field", field="extra.connected", problem=kind)

    def no_spawn(kind: str, domid: int | None, args: dict[str, Any]) -> Operation:
        raise RuntimeError("the devices lab does not spawn operations")

    ctx = Context(world, rng, 0, no_spawn)
    handshake.add_device(ctx, lab, {"device": kind})
    while not agenda.quiescent(lab):
        agenda.pump(ctx, lab)
    for name in lab.counters:
        lab.counters[name] = type(lab.counters[name])()
