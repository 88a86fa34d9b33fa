"""Orderly shutdown and reboot (the PV control protocol), a guest crash, a watchdog expiry.

Shutdown: the toolstack writes the command under ``~/control/shutdown``; the guest acknowledges
with "" and calls ``SCHEDOP_shutdown``; Xen pauses the vCPUs and raises ``VIRQ_DOM_EXC``;
xl applies ``on_poweroff`` / ``on_reboot`` (virtualization-facts.md §3.3–3.4).
"""

from __future__ import annotations

from webapp.model.domain import Domain, ShutdownReason
from webapp.model.events import TOOLSTACK, XENSTORED
from webapp.model.lifecycle.common import (
    apply_on_action,
    domain_of,
    finalise_shutdown,
    guest_actor,
    host_of,
    names,
    pause_for_shutdown,
)
from webapp.model.operations import Context, Operation, recipe
from webapp.model.xenstore import home


def reason_of(op: Operation) -> ShutdownReason:
    return ShutdownReason[op.args["reason"].upper()]


def write_control(ctx: Context, op: Operation) -> None:
    """libxl writes the command to ``/local/domain/<id>/control/shutdown``."""
    domain = domain_of(ctx, op)
    path = f"{home(domain.domid)}/control/shutdown"
    host_of(ctx, op).xenstore.write(path, reason_of(op).word)
    ctx.emit("shutdown.requested", (TOOLSTACK, XENSTORED), path=path,
             value=reason_of(op).word, **names(domain))


def acknowledge(ctx: Context, op: Operation) -> None:
    """The guest's xenbus watch fires; it acknowledges by writing the empty string.

    A paused guest cannot run its watch: ``xl shutdown`` (without ``-w``) does not wait, so the
    operation ends here and the request waits in xenstore until the domain is unpaused
    (``answer_pending``)."""
    domain = domain_of(ctx, op)
    path = f"{home(domain.domid)}/control/shutdown"
    if domain.controller_pause_count:
        ctx.emit("shutdown.pending", (TOOLSTACK, XENSTORED), path=path,
                 value=reason_of(op).word, **names(domain))
        op.done = True
        return
    host_of(ctx, op).xenstore.write(path, "")
    ctx.emit("shutdown.acknowledged", (guest_actor(domain), XENSTORED), path=path,
             **names(domain))


def guest_shutdown(ctx: Context, op: Operation) -> None:
    """The guest stops its services and calls ``SCHEDOP_shutdown(reason)``."""
    domain = domain_of(ctx, op)
    ctx.emit("shutdown.hypercall", (guest_actor(domain),), reason=reason_of(op).word,
             sched_reason=f"SHUTDOWN_{reason_of(op).word}", code=int(reason_of(op)),
             **names(domain))
    pause_for_shutdown(ctx, op, reason_of(op))


def panic(ctx: Context, op: Operation) -> None:
    """A guest panic (``SHUTDOWN_crash``) or an expired watchdog (``SHUTDOWN_watchdog``)."""
    domain = domain_of(ctx, op)
    kind = "crash.panic" if reason_of(op) is ShutdownReason.CRASH else "crash.watchdog"
    ctx.emit(kind, (guest_actor(domain),), notable=True, **names(domain))
    pause_for_shutdown(ctx, op, reason_of(op))


def answer_pending(ctx: Context, op: Operation, domain: Domain) -> None:
    """Unpaused with a shutdown request waiting: the guest's watch fires now."""
    value = host_of(ctx, op).xenstore.read(f"{home(domain.domid)}/control/shutdown")
    if value in ("poweroff", "reboot"):
        action = "shutdown" if value == "poweroff" else "reboot"
        ctx.spawn("shutdown_answer", domain.domid, {"reason": value, "action": action})


recipe("shutdown", write_control, acknowledge, guest_shutdown, finalise_shutdown,
       apply_on_action)
recipe("shutdown_answer", acknowledge, guest_shutdown, finalise_shutdown, apply_on_action)
recipe("crash", panic, finalise_shutdown, apply_on_action)
