"""Strict checks of a cloud command's target and arguments (nothing changes while checking)."""

from __future__ import annotations

from typing import Any

from webapp.model.cloud.state import LAB, CloudDomain, CloudHost, CloudLab
from webapp.model.errors import InvalidCommand, Refused, UnknownTarget
from webapp.model.host import World


def lab_of(world: World) -> CloudLab:
    lab = world.labs.get(LAB)
    if not isinstance(lab, CloudLab):
        raise Refused("refused.cloud.no_lab")
    return lab


def only(args: dict[str, Any], *allowed: str) -> None:
    unknown = sorted(set(args) - set(allowed) - {"action"})
    if unknown:
        raise InvalidCommand("command.bad_arg", field=unknown[0], problem="not an argument")


def number(args: dict[str, Any], key: str, default: float, low: float, high: float) -> float:
    value = args.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InvalidCommand("command.bad_arg", field=key, problem=f"a number {low}–{high}")
    return float(value)


def integer(args: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = args.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidCommand("command.bad_arg", field=key, problem=f"an integer {low}–{high}")
    return value


def host(lab: CloudLab, name: Any) -> CloudHost:
    found = lab.host_named(name)
    if found is None:
        raise UnknownTarget("target.cloud.unknown_host", target=str(name),
                            known=[h.name for h in lab.hosts[:12]])
    return found


def domain(lab: CloudLab, name: Any) -> CloudDomain:
    found = lab.domain_named(name)
    if found is None:
        raise UnknownTarget("target.cloud.unknown_domain", target=str(name),
                            known=[d.name for d in list(lab.domains.values())[:12]])
    return found


def idle(domain: CloudDomain) -> CloudDomain:
    if domain.busy:
        raise Refused("refused.cloud.domain_busy", domain=domain.name, operation=domain.busy)
    return domain


def in_state(domain: CloudDomain, *states: str) -> CloudDomain:
    if domain.state not in states:
        raise Refused("refused.cloud.domain_state", domain=domain.name, state=domain.state)
    return domain


def host_on(host: CloudHost) -> CloudHost:
    if host.state != "on":
        raise Refused("refused.cloud.host_state", host=host.name, host_state=host.state)
    return host
