"""The ``categories`` section of the snapshot (documented in docs/api-categories.md)."""

from __future__ import annotations

from typing import Any

from webapp.model.categories.costs import BASIS, DEFAULT_COSTS
from webapp.model.categories.isolation import ASSETS, ISOLATION
from webapp.model.categories.presets import PRESETS
from webapp.model.categories.state import (
    CATEGORIES,
    COUNTERS,
    LAB,
    LAYERS,
    PRIVILEGE,
    CategoriesLab,
    Column,
)
from webapp.model.categories.workload import KINDS, MAX_OPS, SYSCALLS
from webapp.model.host import World

MAX_POINTS = 160  # the cumulative-cost series, downsampled beyond this


def section(world: World) -> dict[str, Any] | None:
    """Register with ``extensions.section("categories", section)``."""
    lab = world.labs.get(LAB)
    if not isinstance(lab, CategoriesLab):
        return None
    keep = _sample(len(lab.steps))
    return {
        "workload": {"ops": [op.to_json() for op in lab.workload], "index": lab.index,
                     "running": lab.running, "finished": lab.finished,
                     "total": len(lab.workload), "max": MAX_OPS},
        "columns": [column_view(lab.columns[c], keep) for c in CATEGORIES],
        "steps": [lab.steps[i] for i in keep],
        "costs": dict(lab.costs), "default_costs": dict(DEFAULT_COSTS), "cost_basis": BASIS,
        "options": {"hvm_paging": lab.hvm_paging, "seccomp": lab.seccomp},
        "isolation": ISOLATION, "assets": list(ASSETS),
        "kinds": list(KINDS), "syscalls": list(SYSCALLS), "presets": sorted(PRESETS),
    }


def _sample(length: int) -> list[int]:
    """Indices of the series to show: every point, or at most ``MAX_POINTS`` with the last."""
    if length <= MAX_POINTS:
        return list(range(length))
    stride = -(-length // MAX_POINTS)
    return sorted({*range(0, length, stride), length - 1})


def column_view(column: Column, keep: list[int]) -> dict[str, Any]:
    last = column.last
    return {
        "category": column.category,
        "layers": [{"id": layer, "privilege": PRIVILEGE[column.category][layer]}
                   for layer in LAYERS[column.category]],
        "counters": {name: column.counters[name] for name in COUNTERS},
        "exits_by_reason": dict(sorted(column.exits_by_reason.items())),
        "hypercalls_by_name": dict(sorted(column.hypercalls_by_name.items())),
        "time": dict(column.time),
        "hop": None if last is None else {"path": last.data["path"], "event": last.event,
                                          "step": column.last_step},
        "progress": {"hop": column.hop, "of": len(column.plan)},
        "series": [column.series[i] for i in keep],
    }
