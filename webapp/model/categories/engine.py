"""The lockstep: one step moves every column one hop along the current operation's path.

An operation starts in the four columns at the same step; a column that has finished it waits
while the others go on; the next operation starts when all four are done. So the index of the
operation in progress is the same everywhere, and a column that needs more hops (traps, exits,
translations) visibly takes longer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.categories import emulation, hvm, mechanisms, oslevel, paravirt
from webapp.model.categories.state import CATEGORIES, CategoriesLab, Column, Hop, Op
from webapp.model.events import HARDWARE, XEN, guest
from webapp.model.operations import Context

Planner = Callable[[Op, Column, CategoriesLab], list[Hop]]
PLANNERS: dict[str, Planner] = {"emulation": emulation.plan, "os_level": oslevel.plan,
                                "paravirtualization": paravirt.plan,
                                "hardware_assisted": hvm.plan}
ACTORS = {"emulation": "qemu", "os_level": "container", "paravirtualization": XEN,
          "hardware_assisted": HARDWARE}


def column_word(category: str) -> dict[str, Any]:
    """The column's name as a sub-sentence (translated by the narration)."""
    return {"key": f"cat.col.{category}", "data": {}}


def reset(lab: CategoriesLab) -> None:
    """A fresh measurement: every column's counters, caches and series back to zero."""
    lab.columns = {category: Column(category) for category in CATEGORIES}
    lab.index, lab.running, lab.finished, lab.steps = -1, False, False, []


def idle(lab: CategoriesLab) -> bool:
    return not any(column.busy() for column in lab.columns.values())


def start_next(ctx: Context, lab: CategoriesLab) -> None:
    """The next operation begins in the four columns."""
    lab.index += 1
    op = lab.workload[lab.index]
    for category, column in lab.columns.items():
        column.plan, column.hop = PLANNERS[category](op, column, lab), 0
    ctx.emit("cat.op_started", (guest(1),), True, index=lab.index + 1,
             total=len(lab.workload), op=op.kind, **_op_data(op),
             hops={c: len(col.plan) for c, col in lab.columns.items()})


def _op_data(op: Op) -> dict[str, Any]:
    detail = op.name if op.kind == "syscall" else (str(op.count) if op.count > 1 else "")
    return {"detail": f" {detail}" if detail else ""}


def take_hop(ctx: Context, lab: CategoriesLab, column: Column) -> None:
    """Carry out the column's next hop and narrate it."""
    hop = column.plan[column.hop]
    column.hop += 1
    mechanisms.apply(column, lab.costs, hop.effects)
    column.last, column.last_step = hop, ctx.step
    ctx.emit(hop.event, (ACTORS[column.category],), False, category=column.category,
             column=column_word(column.category), **hop.data)


def advance(ctx: Context, lab: CategoriesLab) -> None:
    """One step of the run: start the next operation if all columns are done, then one hop
    in every column that still has one."""
    if idle(lab):
        start_next(ctx, lab)
    for column in lab.columns.values():
        if column.busy():
            take_hop(ctx, lab, column)
        else:
            column.last = None
    lab.steps.append(ctx.step)
    for column in lab.columns.values():
        column.series.append(column.counters["cycles"])
    if idle(lab) and lab.index + 1 >= len(lab.workload):
        lab.running, lab.finished = False, True
        ctx.emit("cat.finished", (guest(1),), True, total=len(lab.workload),
                 **{f"{c}_cycles": col.counters["cycles"] for c, col in lab.columns.items()})
