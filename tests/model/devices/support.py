"""Helpers for the devices lab's tests: worlds made to measure, driving them, reading them."""

from __future__ import annotations

from typing import Any

from webapp.model.devices.agenda import lab_of
from webapp.model.devices.ring import Ring
from webapp.model.devices.state import Device, DevicesLab
from webapp.model.events import Event
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot

SEED = 11
QUIET = ("sched.tick", "vcpu.blocked", "vcpu.woken")


def scenario(connected: tuple[str, ...] = (), hvm: bool = False, latency: int = 2,
             script: tuple[dict[str, Any], ...] = (), **more: Any) -> Scenario:
    guests = [{"name": "web", "memory_mb": 256, "workload": "idle"}]
    if hvm:
        guests.append({"name": "legacy", "memory_mb": 256, "workload": "idle"})
    extra: dict[str, Any] = {"frontend": "web", "disk_latency": latency,
                             "connected": list(connected), **more}
    if hvm:
        extra["hvm"] = "legacy"
    return Scenario.from_dict({
        "id": "devices-test", "lab": "devices", "title": "t", "description": "d",
        "host": {"memory_mb": 2048, "dom0": {"memory_mb": 512, "vcpus": 1, "workload": "idle"},
                 "domains": guests},
        "extra": extra, "script": list(script)})


def simulation(connected: tuple[str, ...] = (), hvm: bool = False, latency: int = 2
               ) -> Simulation:
    return Simulation(scenario(connected, hvm, latency), SEED)


def lab(sim: Simulation) -> DevicesLab:
    return lab_of(sim.world)


def vbd(sim: Simulation) -> Device:
    return lab(sim).devices["vbd"]


def ring(sim: Simulation, kind: str = "vbd", name: str = "blkif") -> Ring:
    return lab(sim).devices[kind].rings[name]


def kinds(events: list[Event]) -> list[str]:
    return [event.kind for event in events if event.kind not in QUIET]


def drain(sim: Simulation, limit: int = 3000) -> list[Event]:
    """Step until nothing is in flight; every event on the way."""
    events: list[Event] = []
    for _ in range(limit):
        if not sim.busy():
            return events
        events += sim.step()
    raise AssertionError(f"still busy after {limit} steps: {lab(sim).agenda[:5]}")


def act(sim: Simulation, action: str, target: Any = None, **args: Any) -> list[Event]:
    """Submit ``action`` and run until everything it caused is over."""
    return sim.submit(action, target, dict(args)) + drain(sim)


def frozen(sim: Simulation) -> tuple[dict[str, Any], bytes]:
    """Everything that could change: the snapshot and the pickled simulation."""
    return snapshot(sim), sim.checkpoint()
