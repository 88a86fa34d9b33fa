"""The lab's engine room: an agenda of micro-steps run one per simulation step.

Every command starts an operation whose first step does the command's own first micro-step
(it may queue follow-ups on the agenda). If no other operation is already driving the agenda,
that operation then runs the agenda, one task per step, until nothing is left to do: each task
does ONE atomic thing (a xenstore write, a watch firing, a grant, a ring push, a notification,
a consume...) and queues what follows. The real disk works in parallel: each step is one tick of
its latency.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.devices import costs
from webapp.model.devices.state import LAB, DevicesLab, Task
from webapp.model.errors import ModelError
from webapp.model.events import HARDWARE, TOOLSTACK
from webapp.model.host import World
from webapp.model.operations import AGAIN, Context, Operation, recipe

Handler = Callable[[Context, DevicesLab, dict[str, Any]], None]
Entry = Callable[[Context, DevicesLab, dict[str, Any]], None]
Check = Callable[[World, DevicesLab, dict[str, Any]], dict[str, Any]]

TASKS: dict[str, Handler] = {}
ENTRIES: dict[str, Entry] = {}
CHECKS: dict[str, Check] = {}
QEMU = "qemu"  # the device model's actor id


def task(kind: str) -> Callable[[Handler], Handler]:
    """Register a micro-step handler under ``kind``."""

    def register(handler: Handler) -> Handler:
        TASKS[kind] = handler
        return handler

    return register


def later(lab: DevicesLab, kind: str, **args: Any) -> None:
    """Queue a micro-step at the end of the agenda."""
    if kind not in TASKS:
        raise KeyError(kind)
    lab.agenda.append(Task(kind, dict(args)))


def lab_of(world: World) -> DevicesLab:
    lab = world.labs.get(LAB)
    if not isinstance(lab, DevicesLab):
        raise LookupError("this world has no devices lab")
    return lab


def say(ctx: Context, key: str, actors: tuple[str, ...], notable: bool = False,
        **data: Any) -> None:
    """Emit the event ``key`` (its narration template has the same name)."""
    ctx.emit(key, actors, notable, **data)


def charge(lab: DevicesLab, path: str, **counts: int) -> None:
    costs.charge(lab.counters[path], **counts)


def quiescent(lab: DevicesLab) -> bool:
    return not lab.agenda and not lab.disk.queue


def tick_disk(lab: DevicesLab) -> None:
    """One step of the disk's latency; a finished I/O queues its completion interrupt."""
    if not lab.disk.queue:
        return
    head = lab.disk.queue[0]
    head.ticks -= 1
    if head.ticks <= 0:
        lab.disk.queue.pop(0)
        lab.disk.served += 1
        later(lab, "disk:complete", owner=head.owner, tag=head.tag, sector=head.sector,
              sectors=head.sectors)


def pump(ctx: Context, lab: DevicesLab) -> None:
    """One step: the disk ticks, then the first task on the agenda runs."""
    from webapp.model.devices.reap import reap  # noqa: PLC0415  (reap uses this module)

    if reap(ctx, lab):
        return
    tick_disk(lab)
    if lab.agenda:
        item = lab.agenda.pop(0)
        TASKS[item.kind](ctx, lab, item.args)
    elif lab.disk.queue:
        head = lab.disk.queue[0]
        say(ctx, "disk.busy", (HARDWARE,), disk=lab.disk.name, sector=head.sector,
            ticks=head.ticks)


def entry(ctx: Context, op: Operation) -> None:
    """The command's own first micro-step; then this operation drives the agenda, unless
    another one already does. A command accepted while other work was in flight is checked
    again when its turn comes: it may no longer apply (a device closed meanwhile)."""
    lab = lab_of(ctx.world)
    try:
        CHECKS[op.kind](ctx.world, lab, dict(op.args.get("given", {})))
    except ModelError as error:
        say(ctx, "devices.dropped", (TOOLSTACK,), notable=True, action=op.args.get("action"),
            why={"key": error.key, "data": error.data})
    else:
        ENTRIES[op.kind](ctx, lab, op.args)
    if quiescent(lab) or lab.pump_op is not None:
        op.done = True
    else:
        lab.pump_op = op.op_id


def drive(ctx: Context, op: Operation) -> str | None:
    lab = lab_of(ctx.world)
    pump(ctx, lab)
    if quiescent(lab):
        lab.pump_op = None
        op.done = True
        return None
    return AGAIN


def command_recipe(kind: str, check: Check, first: Entry) -> None:
    """Register operation ``kind``: ``check`` (again), ``first``, then driving the agenda."""
    ENTRIES[kind], CHECKS[kind] = first, check
    recipe(kind, entry, drive)
