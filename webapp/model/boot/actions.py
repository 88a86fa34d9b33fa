"""The boot lab's actions: build a domain step by step, power the traditional machine on or
off, both at once, and fragment the host's free memory."""

from __future__ import annotations

from typing import Any

from webapp.model.boot.native import FINISHED
from webapp.model.boot.state import lab_of, peek_lab
from webapp.model.errors import InvalidCommand, Refused
from webapp.model.host import World
from webapp.model.lifecycle.commands import Create
from webapp.model.memory import DOMID_XEN, FREE, Run
from webapp.model.operations import Context, Operation, command

MAX_ALLOCATIONS = 200
#: Ownership runs an allocation goes through per unit of ``Simulation.work`` (~25 µs).
RUNS_PER_WORK = 32


def needs_toolstack(world: World) -> None:
    """``xl`` runs in dom0: no dom0 (or a dom0 still booting) means no toolstack yet."""
    dom0 = world.host.domains.get(0)
    ready = dom0 is not None and dom0.creation_finished and (
        dom0.boot is None or dom0.boot.origin != "dom0" or bool(dom0.boot.guest.get("toolstack")))
    if not ready:
        raise Refused("refused.boot.no_toolstack")


def native_kind(world: World) -> str:
    return "native_boot_xen" if peek_lab(world).native.profile == "xen" else "native_boot"


class Build(Create):
    """``xl create`` with every micro-step shown; ``with_native`` also powers on the
    traditional machine (``boot_both``)."""

    def __init__(self, with_native: bool = False) -> None:
        self.with_native = with_native

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        needs_toolstack(world)
        op = super().start(world, target, args)
        if self.with_native:
            native = peek_lab(world).native
            if native.profile != "linux":
                raise Refused("refused.boot.native_is_host")
            if native.booted():
                raise Refused("refused.boot.native_on", stage=_native_state(world))
            op.args["with_native"] = True
        op.kind = "build"
        op.args["action"] = "create"
        return op


class PowerOn:
    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        _no_args(args)
        if peek_lab(world).native.booted():
            raise Refused("refused.boot.native_on", stage=_native_state(world))
        return Operation(0, native_kind(world), None, {})


class PowerOff:
    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        _no_args(args)
        native = peek_lab(world).native
        if not native.booted():
            raise Refused("refused.boot.native_off")
        if native.profile == "xen":
            raise Refused("refused.boot.native_is_host")
        if not native.steps or native.steps[-1] not in FINISHED:
            raise Refused("refused.boot.native_busy", stage=_native_state(world))
        return Operation(0, "native_off", None, {})


class Fragment:
    """Xen's own heap allocations sprinkled over free memory (seeded), so that later
    allocations come back scattered."""

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        unknown = sorted(set(args) - {"allocations"})
        if unknown:
            raise InvalidCommand("command.bad_arg", field=unknown[0], problem="not an argument")
        count = args.get("allocations", 24)
        if isinstance(count, bool) or not isinstance(count, int) or not (
                1 <= count <= MAX_ALLOCATIONS):
            raise InvalidCommand("command.bad_arg", field="allocations",
                                 problem=f"an integer 1–{MAX_ALLOCATIONS}")
        if world.host.memory.free_frames() < 2:
            raise Refused("refused.boot.no_free_memory")
        return Operation(0, "fragment", None, {"allocations": count})


def scatter(ctx: Context, op: Operation) -> None:
    """One step: ``allocations`` Xen heap allocations of 1–700 frames at random free places."""
    memory = ctx.world.host.memory
    taken: list[tuple[int, int]] = []
    for _ in range(int(op.args["allocations"])):
        ctx.charge(len(memory.runs) // RUNS_PER_WORK)
        free = [run for run in memory.runs if run.owner == FREE]
        if not free:
            break
        start, end = _free_frame(free, ctx.rng.randrange(sum(run.count for run in free)))
        size = min(ctx.rng.randint(1, 700), end - start)
        memory.set_owner(start, size, DOMID_XEN)
        taken.append((start, size))
    lab = lab_of(ctx.world)
    lab.recent, lab.recent_step = tuple(taken), ctx.step
    ctx.emit("boot.fragmented", ("xen",), notable=True, allocations=len(taken),
             frames=sum(size for _, size in taken),
             free_runs=sum(1 for run in memory.runs if run.owner == FREE))


def _free_frame(free: list[Run], index: int) -> tuple[int, int]:
    """The ``index``-th free frame (every free frame equally likely) and the end of its run."""
    for run in free:
        if index < run.count:
            return run.start + index, run.end
        index -= run.count
    raise ValueError(index)


def _native_state(world: World) -> str:
    native = peek_lab(world).native
    return native.steps[-1] if native.steps else "queued"


def _no_args(args: dict[str, Any]) -> None:
    if args:
        raise InvalidCommand("command.bad_arg", field=sorted(args)[0], problem="not an argument")


def register() -> None:
    command("build", Build())
    command("boot_both", Build(with_native=True))
    command("power_on", PowerOn())
    command("power_off", PowerOff())
    command("fragment", Fragment())
