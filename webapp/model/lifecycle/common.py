"""Small helpers the lifecycle recipes share."""

from __future__ import annotations

from typing import Any

from webapp.model import scheduler
from webapp.model.domain import Domain, ShutdownReason
from webapp.model.events import TOOLSTACK, XEN, XENSTORED, guest
from webapp.model.host import Host
from webapp.model.operations import Context, Operation


def host_of(ctx: Context, op: Operation) -> Host:
    return ctx.world.hosts[op.host]


def domain_of(ctx: Context, op: Operation) -> Domain:
    """The domain the operation acts on."""
    if op.domid is None:
        raise ValueError(f"operation {op.kind} has no domain")
    return host_of(ctx, op).domains[op.domid]


def names(domain: Domain) -> dict[str, Any]:
    """The data every domain event carries."""
    return {"domain": domain.name, "domid": domain.domid}


def pause_for_shutdown(ctx: Context, op: Operation, reason: ShutdownReason) -> None:
    """Xen's ``domain_shutdown()``: latch the reason and pause every vCPU."""
    domain = domain_of(ctx, op)
    domain.is_shutting_down = True
    if domain.shutdown_code is None:  # the first reason wins
        domain.shutdown_code = reason
    scheduler.deschedule(host_of(ctx, op), domain)
    ctx.emit("shutdown.vcpus_paused", (XEN,), reason=reason.word, **names(domain))


def finalise_shutdown(ctx: Context, op: Operation) -> None:
    """``__domain_finalise_shutdown()``: complete, then tell dom0 with ``VIRQ_DOM_EXC``."""
    domain = domain_of(ctx, op)
    domain.is_shut_down = True
    reason = domain.shutdown_code or ShutdownReason.POWEROFF
    ctx.emit("shutdown.completed", (XEN, "d0"), notable=True, reason=reason.word, **names(domain))


def apply_on_action(ctx: Context, op: Operation) -> None:
    """xl's background process sees ``@releaseDomain`` and applies ``on_<reason>``."""
    domain = domain_of(ctx, op)
    reason = domain.shutdown_code or ShutdownReason.POWEROFF
    action = domain.config.on(reason)
    ctx.emit("shutdown.action", (XENSTORED, TOOLSTACK), notable=True, reason=reason.word,
             on_action=action, setting=f"on_{reason.word}", **names(domain))
    if action in ("destroy", "restart"):
        ctx.spawn("destroy", domain.domid, {"then": action, "setting": f"on_{reason.word}"})


def guest_actor(domain: Domain) -> str:
    return guest(domain.domid)
