"""``xl destroy``: pause, tear down backends and xenstore, ``XEN_DOMCTL_destroydomain`` →
``domain_kill()``: dying, memory relinquished, dead, then gone (virtualization-facts.md §3.3).
"""

from __future__ import annotations

from webapp.model import scheduler
from webapp.model.domain import Dying
from webapp.model.events import TOOLSTACK, XEN, XENSTORED
from webapp.model.lifecycle.build import create_args
from webapp.model.lifecycle.common import domain_of, host_of, names
from webapp.model.operations import Context, Operation, recipe
from webapp.model.xenstore import home


def pause_first(ctx: Context, op: Operation) -> None:
    domain = domain_of(ctx, op)
    domain.controller_pause_count += 1
    scheduler.deschedule(host_of(ctx, op), domain)
    ctx.emit("destroy.paused", (TOOLSTACK, XEN), count=domain.controller_pause_count,
             **names(domain))


def remove_devices(ctx: Context, op: Operation) -> None:
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    removed = host.xenstore.remove(home(domain.domid))
    removed += host.xenstore.remove(f"{home(0)}/backend/vbd/{domain.domid}")
    removed += host.xenstore.remove(f"{home(0)}/backend/vif/{domain.domid}")
    ctx.emit("destroy.devices_removed", (TOOLSTACK, XENSTORED), nodes=removed, **names(domain))


def kill(ctx: Context, op: Operation) -> None:
    """``domain_kill()``: ``DOMDYING_dying``; event channels and grant table torn down."""
    domain = domain_of(ctx, op)
    domain.is_dying = Dying.DYING
    ctx.emit("destroy.dying", (TOOLSTACK, XEN), notable=True, **names(domain))


def relinquish(ctx: Context, op: Operation) -> None:
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    freed = host.memory.release(domain.domid)
    domain.p2m, domain.nr_pages = [], 0
    ctx.emit("destroy.memory_freed", (XEN,), frames=freed, free=host.memory.free_frames(),
             **names(domain))


def dead(ctx: Context, op: Operation) -> None:
    domain = domain_of(ctx, op)
    domain.is_dying = Dying.DEAD
    ctx.emit("destroy.dead", (XEN, "d0"), **names(domain))


def gone(ctx: Context, op: Operation) -> None:
    """The last reference is dropped; the domain leaves ``xl list``. A restart builds anew."""
    domain, host = domain_of(ctx, op), host_of(ctx, op)
    del host.domains[domain.domid]
    ctx.emit("destroy.gone", (XEN,), notable=True, **names(domain))
    if op.args.get("then") == "restart":
        setting = op.args.get("setting", "on_reboot")
        ctx.spawn("restart", None, {**create_args(domain.config), "setting": setting})


recipe("destroy", pause_first, remove_devices, kill, relinquish, dead, gone)
