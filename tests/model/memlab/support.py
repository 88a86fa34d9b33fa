"""Helpers for the memory-lab tests: made-to-measure scenarios and a driver."""

from __future__ import annotations

from typing import Any

from webapp.model.events import Event
from webapp.model.memlab.state import MemoryLab
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation

SEED = 11
TICK = "sched.tick"

#: Four-KiB mappings only, so every mode (PV included) accepts the tables.
MAPPINGS: list[dict[str, Any]] = [
    {"va": "0x400000", "pfn": "0x200", "flags": "P US"},
    {"va": "0x401000", "pfn": "0x201", "flags": "P RW US NX"},
    {"va": "0x402000", "pfn": "0x202", "flags": "P RW US NX"},
    {"va": "0xffff888000100000", "pfn": "0x100", "flags": "P NX"},
    {"va": "0xffff888000300000", "pfn": "0x300", "flags": "P RW G NX"},
]
TRACE: list[dict[str, Any]] = [
    {"va": "0x400010", "access": "exec", "user": True},
    {"va": "0x401008", "access": "read", "user": True},
    {"va": "0x401010", "access": "write", "user": True},
    {"va": "0x400020", "access": "exec", "user": True},
    {"va": "0xffff888000300040", "access": "write", "user": False},
    {"va": "0x403000", "access": "read", "user": True},
]


def scenario(mode: str = "native", mappings: list[dict[str, Any]] | None = None,
             trace: list[dict[str, Any]] | None = None, **extra: Any) -> Scenario:
    doc = {
        "id": "memory-test", "lab": "memory", "title": "t", "description": "d",
        "host": {"memory_mb": 1024, "xen_mb": 64, "dom0": {"memory_mb": 256},
                 "domains": [{"name": "guest", "memory_mb": 32, "workload": "idle"}]},
        "extra": {"guest": "guest", "mode": mode, "tables_at": "0x100",
                  "mappings": MAPPINGS if mappings is None else mappings,
                  "trace": TRACE if trace is None else trace, **extra},
    }
    return Scenario.from_dict(doc)


def simulation(mode: str = "native", seed: int = SEED, **kwargs: Any) -> Simulation:
    return Simulation(scenario(mode, **kwargs), seed)


def lab(sim: Simulation) -> MemoryLab:
    found = sim.world.labs["memory"]
    assert isinstance(found, MemoryLab)
    return found


def run(sim: Simulation, action: str, limit: int = 100_000, **args: Any) -> list[Event]:
    """Submit ``action`` and step until the lab is idle; every lab event (ticks left out)."""
    events = sim.submit(action, None, args)
    for _ in range(limit):
        if not sim.busy():
            break
        events += sim.step()
    assert not sim.busy()
    return [event for event in events if event.kind != TICK]


def kinds(events: list[Event]) -> list[str]:
    return [event.kind for event in events]


def reads(events: list[Event]) -> list[Event]:
    return [e for e in events if e.kind.startswith("mem.read")]


def last_result(sim: Simulation) -> dict[str, Any]:
    return dict(lab(sim).log[-1])
