"""The categories lab's commands. Each is checked without changing anything, then carried out
as an operation: ``run`` drives the lockstep one hop per step until the workload is done; the
others (compose the workload, change an assumption) take one step.

- ``run``: run the workload in the four columns (a fresh measurement).
- ``set_workload {ops}``, ``add_op {op, count?, name?}``, ``remove_op {index}``,
  ``preset {name}``: compose the workload.
- ``set_cost {name, cycles}``: change one entry of the cost table (a model assumption).
- ``set_option {hvm_paging: ept|shadow}`` or ``{seccomp: docker-default|unconfined}``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.categories import engine, workload
from webapp.model.categories.costs import DEFAULT_COSTS, MAX_COST
from webapp.model.categories.presets import PRESETS
from webapp.model.categories.state import LAB, CategoriesLab
from webapp.model.errors import InvalidCommand, Refused
from webapp.model.events import TOOLSTACK
from webapp.model.host import World
from webapp.model.operations import AGAIN, Context, Operation, command, recipe

Check = Callable[[CategoriesLab, dict[str, Any]], dict[str, Any]]
OPTIONS = {"hvm_paging": ("ept", "shadow"), "seccomp": ("docker-default", "unconfined")}


def lab_of(world: World) -> CategoriesLab:
    lab = world.labs.get(LAB)
    if not isinstance(lab, CategoriesLab):
        raise Refused("refused.categories.no_lab")
    return lab


def _bad(field: str, problem: str) -> InvalidCommand:
    return InvalidCommand("command.bad_arg", field=field, problem=problem)


def _only(args: dict[str, Any], *allowed: str) -> None:
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        raise _bad(unknown[0], "not an argument")


class CategoriesCommand:
    def __init__(self, kind: str, check: Check) -> None:
        self.kind, self.check = kind, check

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        lab = lab_of(world)
        if lab.running:
            raise Refused("refused.categories.running", index=lab.index + 1,
                          total=len(lab.workload))
        return Operation(0, self.kind, None, self.check(lab, dict(args)))


def check_run(lab: CategoriesLab, args: dict[str, Any]) -> dict[str, Any]:
    _only(args)
    return {}


def check_set(lab: CategoriesLab, args: dict[str, Any]) -> dict[str, Any]:
    _only(args, "ops")
    return {"ops": [op.to_json() for op in workload.parse_workload(args.get("ops"))]}


def check_add(lab: CategoriesLab, args: dict[str, Any]) -> dict[str, Any]:
    op = workload.parse_op(args)
    if len(lab.workload) >= workload.MAX_OPS:
        raise Refused("refused.categories.full", most=workload.MAX_OPS)
    return {"op": op.to_json()}


def check_remove(lab: CategoriesLab, args: dict[str, Any]) -> dict[str, Any]:
    _only(args, "index")
    index = args.get("index")
    if isinstance(index, bool) or not isinstance(index, int) or not (
            0 <= index < len(lab.workload)):
        raise _bad("index", f"an integer 0–{len(lab.workload) - 1}")
    if len(lab.workload) == 1:
        raise Refused("refused.categories.last_op")
    return {"index": index}


def check_preset(lab: CategoriesLab, args: dict[str, Any]) -> dict[str, Any]:
    _only(args, "name")
    if args.get("name") not in PRESETS:
        raise _bad("name", " | ".join(PRESETS))
    return {"name": args["name"]}


def check_cost(lab: CategoriesLab, args: dict[str, Any]) -> dict[str, Any]:
    _only(args, "name", "cycles")
    name, cycles = args.get("name"), args.get("cycles")
    if name not in DEFAULT_COSTS:
        raise _bad("name", " | ".join(DEFAULT_COSTS))
    if isinstance(cycles, bool) or not isinstance(cycles, int) or not 0 <= cycles <= MAX_COST:
        raise _bad("cycles", f"an integer 0–{MAX_COST}")
    return {"name": name, "cycles": cycles}


def check_option(lab: CategoriesLab, args: dict[str, Any]) -> dict[str, Any]:
    if len(args) != 1 or next(iter(args)) not in OPTIONS:
        raise _bad("option", " | ".join(OPTIONS))
    name, value = next(iter(args.items()))
    if value not in OPTIONS[name]:
        raise _bad(name, " | ".join(OPTIONS[name]))
    return {"name": name, "value": value}


# -- the recipes ---------------------------------------------------------------------------------


def _begin(ctx: Context, op: Operation) -> None:
    lab = lab_of(ctx.world)
    engine.reset(lab)
    lab.running = True
    engine.advance(ctx, lab)
    op.done = lab.finished


def _drive(ctx: Context, op: Operation) -> str | None:
    lab = lab_of(ctx.world)
    engine.advance(ctx, lab)
    return None if lab.finished else AGAIN


def _composed(ctx: Context, lab: CategoriesLab, how: str) -> None:
    engine.reset(lab)
    ctx.emit("cat.workload_set", (TOOLSTACK,), False, how=how, total=len(lab.workload),
             ops=", ".join(op.kind for op in lab.workload))


def _set(ctx: Context, op: Operation) -> None:
    lab = lab_of(ctx.world)
    lab.workload = workload.parse_workload(op.args["ops"])
    _composed(ctx, lab, "set")


def _add(ctx: Context, op: Operation) -> None:
    lab = lab_of(ctx.world)
    lab.workload.append(workload.parse_op(op.args["op"]))
    _composed(ctx, lab, "add")


def _remove(ctx: Context, op: Operation) -> None:
    lab = lab_of(ctx.world)
    del lab.workload[op.args["index"]]
    _composed(ctx, lab, "remove")


def _preset(ctx: Context, op: Operation) -> None:
    lab = lab_of(ctx.world)
    lab.workload = workload.parse_workload(PRESETS[op.args["name"]])
    _composed(ctx, lab, op.args["name"])


def _cost(ctx: Context, op: Operation) -> None:
    lab = lab_of(ctx.world)
    before = lab.costs[op.args["name"]]
    lab.costs[op.args["name"]] = op.args["cycles"]
    engine.reset(lab)
    ctx.emit("cat.cost_set", (TOOLSTACK,), True, name=op.args["name"], before=before,
             cycles=op.args["cycles"])


def _option(ctx: Context, op: Operation) -> None:
    lab = lab_of(ctx.world)
    setattr(lab, op.args["name"], op.args["value"])
    engine.reset(lab)
    ctx.emit("cat.option_set", (TOOLSTACK,), True, name=op.args["name"], value=op.args["value"])


COMMANDS: dict[str, tuple[Check, tuple[Callable[..., Any], ...]]] = {
    "run": (check_run, (_begin, _drive)),
    "set_workload": (check_set, (_set,)),
    "add_op": (check_add, (_add,)),
    "remove_op": (check_remove, (_remove,)),
    "preset": (check_preset, (_preset,)),
    "set_cost": (check_cost, (_cost,)),
    "set_option": (check_option, (_option,)),
}

for _name, (_check, _steps) in COMMANDS.items():
    command(_name, CategoriesCommand(f"categories:{_name}", _check))
    recipe(f"categories:{_name}", *_steps)
