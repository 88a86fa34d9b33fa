"""Helpers the model tests share: driving a simulation, reading its state, checking invariants."""

from __future__ import annotations

from typing import Any

from webapp.catalog import scenarios
from webapp.model.domain import Domain, xl_state
from webapp.model.events import Event
from webapp.model.memory import DOMID_XEN, FREE, MachineMemory
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot

SHIPPED = tuple(scenarios())
TICK = "sched.tick"


def shipped(scenario_id: str) -> Scenario:
    """A scenario shipped in webapp/model/scenarios."""
    return scenarios()[scenario_id]


def kinds(events: list[Event]) -> tuple[str, ...]:
    """The kinds of ``events``, scheduler ticks left out."""
    return tuple(event.kind for event in events if event.kind != TICK)


def drain(sim: Simulation, limit: int = 400) -> list[Event]:
    """Step until no operation is in flight; every event on the way."""
    events: list[Event] = []
    for _ in range(limit):
        if not sim.busy():
            return events
        events += sim.step()
    raise AssertionError(f"still busy after {limit} steps: {sim.operations}")


def until(sim: Simulation, kind: str, limit: int = 400) -> list[Event]:
    """Step until an event of ``kind`` happens; the events of that step."""
    for _ in range(limit):
        events = sim.step()
        if kind in kinds(events):
            return events
    raise AssertionError(f"no {kind} within {limit} steps")


def domain(sim: Simulation, name: str) -> Domain:
    """The live domain called ``name`` on the first host."""
    found = sim.world.host.find(name)
    if found is None:
        raise AssertionError(f"no domain {name!r}")
    return found


def walk(sim: Simulation, first: list[Event], domid: int) -> list[tuple[tuple[str, ...], str]]:
    """Per step of an operation: its event kinds and domain ``domid``'s xl state after it.

    The state is ``"gone"`` once the domain has left the host. The first row is the step
    that ``first`` (the events of ``submit``) came from.
    """
    rows = [(kinds(first), _xl(sim, domid))]
    while sim.busy():
        rows.append((kinds(sim.step()), _xl(sim, domid)))
    return rows


def _xl(sim: Simulation, domid: int) -> str:
    found = sim.world.host.domains.get(domid)
    return xl_state(found) if found is not None else "gone"


def full_state(sim: Simulation) -> dict[str, Any]:
    """The snapshot plus what it abbreviates: every run, P2M, image record and the random state."""
    hosts = sim.world.hosts
    return {
        "snapshot": snapshot(sim),
        "rng": sim.rng.getstate(),
        "next_op_id": sim.next_op_id,
        "operations": [vars(op) for op in sim.operations],
        "runs": [list(host.memory.runs) for host in hosts],
        "p2m": [{d.domid: list(d.p2m) for d in host.domains.values()} for host in hosts],
        "xenstore": [dict(host.xenstore.nodes) for host in hosts],
        "images": {name: vars(image) for name, image in sim.world.images.items()},
        "run_order": [list(host.run_order) for host in hosts],
        "counters": [(host.next_domid, host.next_port) for host in hosts],
        "labs": sim.world.labs,
    }


# -- invariants ------------------------------------------------------------------------------


def check_invariants(sim: Simulation) -> None:
    """Everything that must hold after every step, on every host."""
    for host in sim.world.hosts:
        _check_memory(host.memory, host.domains)
        for dom in host.domains.values():
            _check_domain_memory(host.memory, dom)
            assert dom.controller_pause_count >= 0, dom.name
        _check_cpus(host.pcpus, host.domains)
        names = [dom.name for dom in host.domains.values()]
        assert len(names) == len(set(names)), f"two domains share a name: {names}"


def _check_memory(memory: MachineMemory, domains: dict[int, Domain]) -> None:
    runs = memory.runs
    assert runs[0].start == 0 and runs[-1].end == memory.total_frames
    for before, after in zip(runs, runs[1:], strict=False):
        assert before.end == after.start, "machine frames with no owner or two owners"
        assert after.count > 0
    assert sum(memory.owners().values()) == memory.total_frames
    leaked = set(memory.owners()) - {FREE, DOMID_XEN, *domains}
    assert not leaked, f"frames owned by domains that no longer exist: {leaked}"


def _check_domain_memory(memory: MachineMemory, dom: Domain) -> None:
    mapped = sum(run.count for run in dom.p2m)
    assert dom.nr_pages == memory.frames_of(dom.domid) == mapped, dom.name
    pfn = 0
    for run in dom.p2m:
        assert run.pfn == pfn and run.count > 0, f"{dom.name}: P2M has a hole at pfn {pfn}"
        assert owned_by(memory, run.mfn, run.count) == {dom.domid}, dom.name
        assert memory.owner_of(run.mfn) == memory.owner_of(run.mfn + run.count - 1) == dom.domid
        pfn += run.count


def owned_by(memory: MachineMemory, start: int, count: int) -> set[int]:
    """The owners of machine frames ``start .. start+count-1``."""
    return {run.owner for run in memory.runs if run.start < start + count and run.end > start}


def _check_cpus(pcpus: list[Any], domains: dict[int, Domain]) -> None:
    placed = [cpu.current for cpu in pcpus if cpu.current is not None]
    assert len(placed) == len(set(placed)), "one vCPU on two physical CPUs"
    on_cpu = {(dom.domid, vcpu.vcpu_id): vcpu.pcpu for dom in domains.values()
              for vcpu in dom.vcpus if vcpu.pcpu is not None}
    assert on_cpu == {cpu.current: cpu.pcpu_id for cpu in pcpus if cpu.current is not None}
    for domid, vcpu_id in on_cpu:
        dom = domains[domid]
        assert dom.schedulable(), f"{dom.name} is not schedulable but its vCPU runs"
        assert dom.vcpus[vcpu_id].online and not dom.vcpus[vcpu_id].blocked
