"""Run a workload in the categories lab's four columns on a scratch scenario."""

from __future__ import annotations

from typing import Any

from webapp.model import labs  # noqa: F401  (registers every lab)
from webapp.model.categories.view import section
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation

HOST = {"name": "host", "pcpus": 1, "memory_mb": 1024, "xen_mb": 64,
        "dom0": {"memory_mb": 256, "vcpus": 1, "workload": "idle"}}


def scenario(ops: Any = "basics", **extra: Any) -> Scenario:
    return Scenario.from_dict({"id": "t", "lab": "categories", "title": "t", "description": "t",
                               "host": HOST, "extra": {"workload": ops, **extra}})


def run(ops: Any = "basics", seed: int = 1, **extra: Any) -> tuple[Simulation, list[Any]]:
    """The simulation after its workload ran to the end, and every event."""
    sim = Simulation(scenario(ops, **extra), seed)
    events = sim.submit("run")
    for _ in range(2_000):
        if not sim.busy():
            break
        events += sim.step()
    return sim, events


def columns(sim: Simulation) -> dict[str, dict[str, Any]]:
    shown = section(sim.world)
    assert shown is not None
    return {column["category"]: column for column in shown["columns"]}
