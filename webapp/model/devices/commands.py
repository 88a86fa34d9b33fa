"""The devices lab's commands: each is checked against the world without changing it, then
started as an operation whose first micro-step is the command's own (see ``agenda.py``).

Commands name what a learner asks for in the course's words: ``connect``/``disconnect``/
``reconnect`` a device, ``read`` and ``batch`` on the PV disk, ``send``/``receive`` on the PV
network, ``emulated_read`` on the HVM guest's IDE disk, and the hand-made hypercalls
``map_grant``, ``end_access``, ``evtchn_send``, ``xenstore_write`` and ``push_request``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.devices import blk, closing, emulated, evtchn, grants, handshake, net, probes
from webapp.model.devices.agenda import command_recipe, lab_of
from webapp.model.devices.blk.protocol import SECTORS_PER_PAGE
from webapp.model.devices.pages import has_pages
from webapp.model.devices.state import Device, DevicesLab
from webapp.model.errors import InvalidCommand, Refused, UnknownTarget
from webapp.model.host import World
from webapp.model.operations import Operation, command

DISK_SECTORS = 20971520  # the 10 GiB disk blkback publishes in ``sectors``
MAX_BATCH = 64
Check = Callable[[World, DevicesLab, dict[str, Any]], dict[str, Any]]


class DevicesCommand:
    """A command of the devices lab: ``check`` validates and returns the operation's args."""

    def __init__(self, kind: str, check: Check, allowed: tuple[str, ...]) -> None:
        self.kind, self.check, self.allowed = kind, check, allowed

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        if "devices" not in world.labs:
            raise Refused("refused.devices.no_lab")
        unknown = sorted(set(args) - set(self.allowed))
        if unknown:
            raise InvalidCommand("command.bad_arg", field=unknown[0], problem="not an argument")
        checked = self.check(world, lab_of(world), dict(args))
        return Operation(0, self.kind, None, {**checked, "given": dict(args)})


def _int(args: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = args.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidCommand("command.bad_arg", field=key, problem=f"an integer {low}–{high}")
    return value


def _alive(world: World, lab: DevicesLab, domid: int | None) -> int:
    if domid is None or domid in lab.gone or domid not in world.host.domains:
        raise Refused("refused.devices.domain_gone", domid=f"d{domid}")
    return domid


def _domid(world: World, lab: DevicesLab, args: dict[str, Any], key: str, default: int) -> int:
    value = _int(args, key, default, 0, 0x7FEF)
    if value not in world.host.domains or value in lab.gone:
        raise UnknownTarget("target.unknown_domain", target=f"d{value}",
                            known=[d.name for d in world.host.domains.values()])
    return value


def _device(lab: DevicesLab, args: dict[str, Any], only: tuple[str, ...] = ("vbd", "vif")
            ) -> str:
    kind = args.get("device", only[0])
    if kind not in only:
        raise InvalidCommand("command.bad_arg", field="device", problem=" | ".join(only))
    return str(kind)


def _connected(lab: DevicesLab, kind: str, phases: tuple[str, ...] = ("connected",)) -> Device:
    device = lab.devices.get(kind)
    if device is None:
        raise Refused("refused.devices.not_connected", device=kind, phase_state="absent")
    if device.phase not in phases:
        raise Refused("refused.devices.not_connected", device=kind, phase_state=device.phase)
    return device


# -- the split-driver devices ----------------------------------------------------------------


def check_connect(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    kind = _device(lab, args)
    _alive(world, lab, lab.frontend)
    if kind in lab.devices:
        raise Refused("refused.devices.already", device=kind, phase_state=lab.devices[kind].phase)
    if not has_pages(lab, lab.frontend, 8):
        raise Refused("refused.devices.no_pages", domid=lab.frontend)
    return {"device": kind}


def check_disconnect(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    kind = _device(lab, args)
    _connected(lab, kind)
    return {"device": kind}


def check_reconnect(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    kind = _device(lab, args, ("vbd",))
    _connected(lab, kind)
    return {"device": kind}


def _sectors(lab: DevicesLab, args: dict[str, Any], count: int) -> list[int]:
    default = (lab.next_rid * 2056) % (DISK_SECTORS - 8 * MAX_BATCH)
    first = _int(args, "sector", default, 0, DISK_SECTORS - 8 * count)
    return [first + i * SECTORS_PER_PAGE for i in range(count)]


def check_read(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    count = _int(args, "count", 1, 1, MAX_BATCH)
    sectors = _int(args, "sectors", SECTORS_PER_PAGE, 1, SECTORS_PER_PAGE)
    _alive(world, lab, lab.frontend)
    _connected(lab, "vbd", ("connected", "reconnecting"))
    if not has_pages(lab, lab.frontend, count):
        raise Refused("refused.devices.no_pages", domid=lab.frontend)
    return {"sectors": _sectors(lab, args, count), "count_sectors": sectors}


def check_push(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    """``push_request``: put one more request on the ring right now. blkfront's own check
    (``RING_FULL``) refuses when every slot holds an unanswered request."""
    device = _connected(lab, "vbd")
    ring = device.rings["blkif"]
    if ring.full():
        slot = ring.slot(ring.req_prod_pvt)
        entry = ring.slots[slot] or {}
        raise Refused("refused.devices.ring_full", size=ring.size, slot=slot,
                      id=entry.get("id", "?"), req_prod_pvt=ring.req_prod_pvt,
                      rsp_cons=ring.rsp_cons)
    return check_read(world, lab, {k: v for k, v in args.items() if k == "sector"})


def check_net(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    size = _int(args, "size", 1500, 60, 1514)
    _alive(world, lab, lab.frontend)
    _connected(lab, "vif")
    if not has_pages(lab, lab.frontend, 2):
        raise Refused("refused.devices.no_pages", domid=lab.frontend)
    return {"size": size}


def check_emulated(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    count = _int(args, "count", 1, 1, 8)
    if lab.ide is None or lab.hvm is None:
        raise Refused("refused.devices.no_hvm")
    _alive(world, lab, lab.hvm)
    if not has_pages(lab, lab.hvm, count):
        raise Refused("refused.devices.no_pages", domid=lab.hvm)
    return {"sectors": _sectors(lab, args, count)}


# -- hand-made hypercalls --------------------------------------------------------------------


def check_map(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    """``map_grant``: GNTTABOP_map_grant_ref by ``mapper`` of ``granter``'s ``ref``."""
    mapper = _domid(world, lab, args, "mapper", lab.backend)
    granter = _domid(world, lab, args, "granter", lab.frontend)
    ref = _int(args, "ref", 0, -1, 1 << 20)
    grants.check_map(lab.grants, mapper, granter, ref, readonly=False)
    return {"mapper": mapper, "granter": granter, "ref": ref}


def check_end(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    """``end_access``: the granter's ``gnttab_end_foreign_access_ref`` on ``ref``."""
    domid = _domid(world, lab, args, "domid", lab.frontend)
    ref = _int(args, "ref", 0, 0, 1 << 20)
    table = lab.grants.get(domid)
    if table is None:
        raise Refused("refused.devices.end_not_granted", domid=domid, ref=ref, ended=False)
    grants.check_end(table, ref)
    for device in lab.devices.values():
        for ring in device.rings.values():
            if device.frontend == domid and ring.gref == ref:
                raise Refused("refused.devices.end_ring_owned", domid=domid, ref=ref,
                              device=device.kind, ring=ring.name)
    return {"domid": domid, "ref": ref}


def check_send(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    """``evtchn_send``: EVTCHNOP_send on ``domid``'s ``port``."""
    domid = _domid(world, lab, args, "domid", lab.frontend)
    port = _int(args, "port", 0, 0, 4095)
    evtchn.check_send(lab.evtchn, domid, port)
    return {"domid": domid, "port": port}


def check_xenstore(world: World, lab: DevicesLab, args: dict[str, Any]) -> dict[str, Any]:
    """``xenstore_write``: XS_WRITE of ``value`` at ``path`` on behalf of ``domid``."""
    domid = _domid(world, lab, args, "domid", lab.frontend)
    path, value = args.get("path"), args.get("value", "1")
    if not isinstance(path, str) or not path.startswith("/") or len(path) > 3072:
        raise InvalidCommand("command.bad_arg", field="path", problem="an absolute path")
    if not isinstance(value, str) or len(value) > 4096:
        raise InvalidCommand("command.bad_arg", field="value", problem="text up to 4096 bytes")
    probes.check_xenstore_write(world, domid, path.rstrip("/"))
    return {"domid": domid, "path": path.rstrip("/"), "value": value}


COMMANDS: dict[str, tuple[str, Check, tuple[str, ...], Callable[..., None]]] = {
    "connect": ("devices:connect", check_connect, ("device",), handshake.add_device),
    "disconnect": ("devices:disconnect", check_disconnect, ("device",), closing.close_device),
    "reconnect": ("devices:reconnect", check_reconnect, ("device",), closing.reconnect),
    "read": ("devices:read", check_read, ("sector", "sectors"), blk.submit),
    "batch": ("devices:batch", check_read, ("count", "sector"), blk.submit),
    "push_request": ("devices:push_request", check_push, ("sector",), blk.submit),
    "send": ("devices:send", check_net, ("size",), net.transmit),
    "receive": ("devices:receive", check_net, ("size",), net.arrive),
    "emulated_read": ("devices:emulated_read", check_emulated, ("count", "sector"),
                      emulated.submit),
    "map_grant": ("devices:map_grant", check_map, ("mapper", "granter", "ref"),
                  probes.map_probe),
    "end_access": ("devices:end_access", check_end, ("domid", "ref"), probes.end_probe),
    "evtchn_send": ("devices:evtchn_send", check_send, ("domid", "port"), probes.send_probe),
    "xenstore_write": ("devices:xenstore_write", check_xenstore, ("domid", "path", "value"),
                       probes.xenstore_probe),
}

for _name, (_kind, _check, _allowed, _first) in COMMANDS.items():
    command(_name, DevicesCommand(_kind, _check, _allowed))
    command_recipe(_kind, _check, _first)
