"""``xl pause`` / ``xl unpause``: the controller pause count goes up and down (capped at 255)."""

from __future__ import annotations

from webapp.model import scheduler
from webapp.model.domain import Domain
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.lifecycle.build import start_guest
from webapp.model.lifecycle.common import domain_of, host_of, names
from webapp.model.lifecycle.shutdown import answer_pending
from webapp.model.operations import Context, Operation, recipe

MAX_PAUSE_COUNT = 255


def pause(ctx: Context, op: Operation) -> None:
    """``XEN_DOMCTL_pausedomain``: count++; the vCPUs leave the physical CPUs."""
    domain = domain_of(ctx, op)
    domain.controller_pause_count += 1
    scheduler.deschedule(host_of(ctx, op), domain)
    ctx.emit("pause.paused", (TOOLSTACK, XEN), notable=True,
             count=domain.controller_pause_count, **names(domain))


def unpause(ctx: Context, op: Operation) -> None:
    """``XEN_DOMCTL_unpausedomain``: count--; at 0 the vCPUs may run again."""
    domain = domain_of(ctx, op)
    domain.controller_pause_count -= 1
    kind = "pause.unpaused" if domain.controller_pause_count == 0 else "pause.still_paused"
    ctx.emit(kind, (TOOLSTACK, XEN), notable=True, count=domain.controller_pause_count,
             **names(domain))
    if domain.controller_pause_count == 0 and not domain.creation_finished:
        finish_creation(ctx, op, domain)
    if domain.controller_pause_count == 0:
        answer_pending(ctx, op, domain)


def finish_creation(ctx: Context, op: Operation, domain: Domain) -> None:
    """The first 1 → 0 marks creation finished (``xl create -p`` then ``xl unpause``); the guest
    kernel starts and brings its other vCPUs online."""
    domain.creation_finished = True
    start_guest(ctx, op)


recipe("pause", pause)
recipe("unpause", unpause)
