"""The cloud lab's commands. Each ``check_*`` validates against the world without changing it
and returns the operation's arguments; the recipes (``ops.py``) carry them out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.cloud import args as a
from webapp.model.cloud import placement
from webapp.model.cloud.state import CloudLab
from webapp.model.errors import Refused
from webapp.model.host import World
from webapp.model.operations import Operation, command

Check = Callable[[CloudLab, Any, dict[str, Any]], dict[str, Any]]


class CloudCommand:
    def __init__(self, recipe: str, check: Check) -> None:
        self.recipe, self.check = recipe, check

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        lab = a.lab_of(world)
        return Operation(0, self.recipe, None, self.check(lab, target, dict(args)))


def check_migrate(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    a.only(args, "to", "dirty_rate", "wws_pages", "bandwidth_mbps", "stop_pages",
           "max_rounds", "overhead_ms")
    domain = a.in_state(a.idle(a.domain(lab, target)), "running")
    if "to" in args:
        host = a.host_on(a.host(lab, args["to"]))
    else:
        found = placement.first_fit(lab, domain)
        if found is None:
            raise Refused("refused.cloud.no_room", domain=domain.name, memory_mb=domain.memory_mb)
        host = found
    if host.index == domain.host:
        raise Refused("refused.cloud.same_host", domain=domain.name, host=host.name)
    if placement.free_mb(lab, host) < domain.memory_mb:
        raise Refused("refused.cloud.host_full", host=host.name, domain=domain.name,
                      free_mb=placement.free_mb(lab, host), memory_mb=domain.memory_mb)
    return {"domid": domain.domid, "to": host.index, "params": migration_params(lab, args)}


def migration_params(lab: CloudLab, args: dict[str, Any]) -> dict[str, Any]:
    d = lab.defaults
    return {"dirty_rate": a.integer(args, "dirty_rate", d["dirty_rate"], 0, 1_000_000),
            "wws_pages": a.integer(args, "wws_pages", d["wws_pages"], 0, 65536),
            "bandwidth_mbps": a.number(args, "bandwidth_mbps", d["bandwidth_mbps"], 10, 100_000),
            "stop_pages": a.integer(args, "stop_pages", d["stop_pages"], 0, 65536),
            "max_rounds": a.integer(args, "max_rounds", d["max_rounds"], 1, 30),
            "overhead_ms": a.number(args, "overhead_ms", d["overhead_ms"], 0, 10_000)}


def check_evacuate(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    a.only(args)
    host = a.host_on(a.host(lab, target))
    moves: list[list[int]] = []
    added: dict[int, int] = {}
    for domid in host.domains:
        domain = a.in_state(a.idle(lab.domains[domid]), "running")
        found = next((h for h in lab.hosts if h.index != host.index and placement.fits(
            lab, h, domain, added.get(h.index, 0))), None)
        if found is None:
            raise Refused("refused.cloud.no_room", domain=domain.name, memory_mb=domain.memory_mb)
        added[found.index] = added.get(found.index, 0) + domain.memory_mb
        moves.append([domid, found.index])
    return {"kind": "evacuate", "moves": moves, "off": [host.index]}


def check_consolidate(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    a.only(args)
    moves, off = placement.consolidation(lab)
    return {"kind": "consolidate", "moves": [list(m) for m in moves], "off": off}


def _host_command(*states: str) -> Check:
    def check(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
        a.only(args)
        host = a.host(lab, target)
        if host.state not in states:
            raise Refused("refused.cloud.host_state", host=host.name, host_state=host.state)
        return {"host": host.index}
    return check


def check_switch_off(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    found = _host_command("on")(lab, target, args)
    host = lab.hosts[found["host"]]
    if host.domains or host.reserved_mb:
        raise Refused("refused.cloud.host_not_empty", host=host.name, count=len(host.domains))
    return found


def check_restart(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    a.only(args)
    if target is None:
        down = [d.domid for d in lab.domains.values() if d.state == "crashed"]
    else:
        down = [a.in_state(a.domain(lab, target), "crashed").domid]
    if not down:
        raise Refused("refused.cloud.nothing_down")
    return {"domids": down}


def _domain_command(*states: str) -> Check:
    def check(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
        a.only(args)
        return {"domid": a.in_state(a.idle(a.domain(lab, target)), *states).domid}
    return check


def check_restore(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    found = _domain_command("saved")(lab, target, args)
    domain = lab.domains[found["domid"]]
    if placement.first_fit(lab, domain) is None:
        raise Refused("refused.cloud.no_room", domain=domain.name, memory_mb=domain.memory_mb)
    return found


def check_prices(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    a.only(args, "vcpu_hour", "gib_hour", "io_million", "net_gb")
    now = lab.prices.as_dict()
    return {"set": "prices", "values": {k: a.number(args, k, now[k], 0, 1000) for k in now}}


def check_power(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    a.only(args, "idle_w", "max_w", "off_w")
    idle = a.number(args, "idle_w", lab.power.idle_w, 0, 5000)
    peak = a.number(args, "max_w", lab.power.max_w, idle, 10000)
    off = a.number(args, "off_w", lab.power.off_w, 0, idle)
    return {"set": "power", "values": {"idle_w": idle, "max_w": peak, "off_w": off}}


def check_defaults(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    a.only(args, "dirty_rate", "wws_pages", "bandwidth_mbps", "stop_pages", "max_rounds",
           "overhead_ms")
    return {"set": "defaults", "values": migration_params(lab, args)}


def check_sched(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    a.only(args, "weight", "cap")
    domain = a.domain(lab, target)
    return {"set": "sched", "domid": domain.domid,
            "values": {"weight": a.integer(args, "weight", domain.weight, 1, 65535),
                       "cap": a.integer(args, "cap", domain.cap, 0, 100 * domain.vcpus)}}


def check_focus(lab: CloudLab, target: Any, args: dict[str, Any]) -> dict[str, Any]:
    a.only(args)
    return {"set": "focus", "values": {"host": a.host(lab, target).index}}


for _name, _recipe, _check in (
        ("migrate", "cloud:migrate", check_migrate),
        ("evacuate", "cloud:plan", check_evacuate),
        ("consolidate", "cloud:plan", check_consolidate),
        ("fail_host", "cloud:fail_host", _host_command("on")),
        ("repair_host", "cloud:repair_host", _host_command("failed")),
        ("switch_on", "cloud:switch_on", _host_command("off")),
        ("switch_off", "cloud:switch_off", check_switch_off),
        ("restart_domains", "cloud:restart", check_restart),
        ("pause_domain", "cloud:pause", _domain_command("running")),
        ("unpause_domain", "cloud:unpause", _domain_command("paused")),
        ("save_domain", "cloud:save", _domain_command("running", "paused")),
        ("restore_domain", "cloud:restore", check_restore),
        ("set_prices", "cloud:set", check_prices),
        ("set_power", "cloud:set", check_power),
        ("set_migration", "cloud:set", check_defaults),
        ("set_sched", "cloud:set", check_sched),
        ("focus_host", "cloud:set", check_focus)):
    command(_name, CloudCommand(_recipe, _check))
