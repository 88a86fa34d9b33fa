"""What the boot-lab tests share: a host to build on, a build run to the end, the M2P."""

from __future__ import annotations

import bisect
from typing import Any

from webapp.model.domain import Domain
from webapp.model.events import Event
from webapp.model.host import Host
from webapp.model.memory import MachineMemory
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation

SEED = 11


def host_sim(memory_mb: int = 2048, fragmentation: float = 0.0, lab: str = "boot",
             **host: Any) -> Simulation:
    """A host with dom0 (256 MiB) and nothing else, as a boot-lab scenario."""
    doc = {"id": "t", "lab": lab, "title": "t", "description": "t",
           "host": {"memory_mb": memory_mb, "xen_mb": 32, "fragmentation": fragmentation,
                    "dom0": {"memory_mb": 256, "vcpus": 1}, **host}}
    return Simulation(Scenario.from_dict(doc), SEED)


def run_to_end(sim: Simulation, limit: int = 500) -> list[Event]:
    events: list[Event] = []
    for _ in range(limit):
        if not sim.busy():
            return events
        events += sim.step()
    raise AssertionError("still busy")


def build(sim: Simulation, action: str = "build", **config: Any) -> list[Event]:
    """Submit ``action`` (``build`` or ``create``) for ``config`` and run it to the end."""
    args = {"name": "g", "memory_mb": 128, **config}
    return sim.submit(action, None, args) + run_to_end(sim)


def kinds(events: list[Event]) -> list[str]:
    return [event.kind for event in events if event.kind != "sched.tick"]


def m2p(host: Host) -> dict[int, tuple[int, int, int]]:
    """The machine-to-physical table as Xen keeps it, by run: first MFN → (pfn, count, domid)."""
    table: dict[int, tuple[int, int, int]] = {}
    for domain in host.domains.values():
        for run in domain.p2m:
            assert run.mfn not in table, f"machine frame {run.mfn} mapped twice"
            table[run.mfn] = (run.pfn, run.count, domain.domid)
    return table


def m2p_lookup(table: dict[int, tuple[int, int, int]], mfn: int) -> tuple[int, int]:
    """(domid, pfn) of machine frame ``mfn``."""
    starts = sorted(table)
    first = starts[bisect.bisect_right(starts, mfn) - 1]
    pfn, count, domid = table[first]
    assert first <= mfn < first + count, f"machine frame {mfn} is in no P2M"
    return domid, pfn + mfn - first


def owned_by(memory: MachineMemory, start: int, count: int) -> set[int]:
    return {run.owner for run in memory.runs if run.start < start + count and run.end > start}


def domain(sim: Simulation, name: str = "g") -> Domain:
    found = sim.world.host.find(name)
    assert found is not None, name
    return found
