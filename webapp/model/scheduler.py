"""A scheduler tick: vCPUs block, wake and take turns on the physical CPUs.

A simplification of Xen's credit scheduler, stated to the learner: a round-robin run queue,
one time slice per tick, and each guest's workload decides (with the seeded random source)
how often its vCPUs block waiting for an event and wake when one arrives.
"""

from __future__ import annotations

from webapp.model.domain import WORKLOADS, Domain, runstate
from webapp.model.events import XEN, guest
from webapp.model.host import Host
from webapp.model.operations import Context

Slot = tuple[int, int]  # (domid, vcpu_id)


def vcpu_name(slot: Slot) -> str:
    return f"d{slot[0]}v{slot[1]}"


def tick(ctx: Context) -> None:
    """One scheduler time slice on every host."""
    for host in ctx.world.hosts:
        _tick_host(ctx, host)


def _tick_host(ctx: Context, host: Host) -> None:
    _block_and_wake(ctx, host)
    chosen = _pick(host)
    _place(host, chosen)
    _account(host)
    ctx.emit("sched.tick", (XEN,), host=host.name,
             ran=[f"{vcpu_name(slot)}→pCPU{cpu.pcpu_id}" for cpu in host.pcpus
                  if (slot := cpu.current) is not None] or ["—"],
             idle=len([cpu for cpu in host.pcpus if cpu.current is None]))


def _block_and_wake(ctx: Context, host: Host) -> None:
    for domain in host.domains.values():
        if not domain.schedulable():
            continue
        p_block, p_wake = WORKLOADS.get(domain.config.workload, WORKLOADS["io"])
        for vcpu in domain.online_vcpus():
            if vcpu.blocked and ctx.rng.random() < p_wake:
                vcpu.blocked = False
                ctx.emit("vcpu.woken", (XEN, guest(domain.domid)),
                         vcpu=vcpu_name((domain.domid, vcpu.vcpu_id)))
            elif vcpu.pcpu is not None and ctx.rng.random() < p_block:
                vcpu.blocked = True
                ctx.emit("vcpu.blocked", (guest(domain.domid),),
                         vcpu=vcpu_name((domain.domid, vcpu.vcpu_id)))


def _runnable(host: Host) -> list[Slot]:
    slots = [(d.domid, v.vcpu_id) for d in host.domains.values() if d.schedulable()
             for v in d.online_vcpus() if not v.blocked]
    queue = [slot for slot in host.run_order if slot in slots]
    return queue + [slot for slot in slots if slot not in queue]


def _pick(host: Host) -> list[Slot]:
    queue = _runnable(host)
    chosen = queue[: len(host.pcpus)]
    host.run_order = queue[len(chosen):] + chosen  # those that ran go to the back
    return chosen


def _place(host: Host, chosen: list[Slot]) -> None:
    deschedule_all(host)
    for cpu, slot in zip(host.pcpus, chosen, strict=False):
        cpu.current = slot
        host.domains[slot[0]].vcpus[slot[1]].pcpu = cpu.pcpu_id


def deschedule_all(host: Host) -> None:
    """Take every vCPU off its physical CPU."""
    for cpu in host.pcpus:
        cpu.current = None
    for domain in host.domains.values():
        for vcpu in domain.vcpus:
            vcpu.pcpu = None


def deschedule(host: Host, domain: Domain) -> None:
    """Take the vCPUs of ``domain`` off the physical CPUs (pause, shutdown, destroy)."""
    for cpu in host.pcpus:
        if cpu.current is not None and cpu.current[0] == domain.domid:
            cpu.current = None
    for vcpu in domain.vcpus:
        vcpu.pcpu = None


def _account(host: Host) -> None:
    for domain in host.domains.values():
        for vcpu in domain.vcpus:
            vcpu.ticks[runstate(domain, vcpu)] += 1
