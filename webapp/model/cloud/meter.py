"""One step of the datacenter's life, run after every simulation step (an observer: it draws
nothing from the engine's random source and emits no event). The step lasts ``dt`` seconds:
the time the step's operation took (a pre-copy round, a stop-and-copy...) or one tick.

In order: each host shares its pCPUs (``sched``), each domain is metered (CPU time, memory
held, I/O, network; runstate times), each host's power is integrated into energy, and each
tenant's service is accounted against its objectives (``sla``).
"""

from __future__ import annotations

from webapp.model.cloud import sla, workload
from webapp.model.cloud.sched import CAP_UNIT, fill, runstates
from webapp.model.cloud.series import add
from webapp.model.cloud.state import LAB, CloudDomain, CloudHost, CloudLab
from webapp.model.events import Event
from webapp.model.host import World

TIMELINE_STEPS = 48


def observe(world: World, step: int, events: list[Event]) -> None:
    """Registered with ``extensions.observer``: advance the datacenter by this step's time."""
    lab = world.labs.get(LAB)
    if not isinstance(lab, CloudLab):
        return
    dt = lab.tick_s if lab.pending_dt is None else lab.pending_dt
    lab.pending_dt = None
    advance(lab, dt)


def advance(lab: CloudLab, dt: float) -> None:
    lab.steps += 1
    day = workload.daylight(lab.time_s)
    focus: list[dict[str, object]] = []
    for host in lab.hosts:
        _run_host(lab, host, dt, day, focus if host.index == lab.focus else None)
    for domain in lab.domains.values():
        if domain.host is None or domain.state in ("crashed", "saved"):
            _idle(domain, dt)
    lab.time_s += dt
    sla.account(lab, dt)
    _record(lab, focus)


def _run_host(lab: CloudLab, host: CloudHost, dt: float, day: float,
              focus: list[dict[str, object]] | None) -> None:
    residents = [lab.domains[d] for d in host.domains]
    wants = [_want(lab, d, day) for d in residents]
    on = host.state == "on"
    claims = [(d.domid, d.weight, min(want, d.cap / CAP_UNIT) if d.cap else want)
              for d, want in zip(residents, wants, strict=True) if d.state == "running"]
    got = fill(float(host.pcpus), claims) if on else {}
    busy = sum(got.values())
    host.busy_s += busy * dt
    host.utilisation = busy / host.pcpus if host.pcpus else 0.0
    host.power_w = lab.power.watts(host.state, host.utilisation)
    host.energy_j += host.power_w * dt
    lab.energy_j += host.power_w * dt
    for domain, want in zip(residents, wants, strict=True):
        _meter(domain, dt, want, got.get(domain.domid, 0.0), on, host.utilisation,
               focus is not None)
        if focus is not None:
            focus.append({"d": domain.name, **{k: round(v / dt, 3) if dt else 0.0
                                               for k, v in domain.last.items()}})


def _want(lab: CloudLab, domain: CloudDomain, day: float) -> float:
    if domain.state != "running":
        return 0.0
    fraction = workload.demand(domain.workload, lab.seed_mix, domain.domid, lab.steps, day)
    return fraction * domain.vcpus


def _meter(domain: CloudDomain, dt: float, want: float, got: float, on: bool,
           utilisation: float, keep: bool) -> None:
    meter = domain.meter
    running = domain.state == "running" and on
    cap = domain.cap / CAP_UNIT if domain.cap else None
    run, wait, block, off = runstates(domain.vcpus, want, cap, got, running)
    domain.alloc = got
    totals = meter.runstate
    totals["running"] += run * dt
    totals["runnable"] += wait * dt
    totals["blocked"] += block * dt
    totals["offline"] += off * dt
    if keep:
        domain.last = {"running": run * dt, "runnable": wait * dt, "blocked": block * dt,
                       "offline": off * dt}
    meter.cpu_s += got * dt
    if domain.holds_memory():
        meter.mem_gib_s += domain.memory_mb / 1024 * dt
    if running and got > 0:
        iops, net_gb = workload.io_rates(domain.workload)
        fraction = got / domain.vcpus
        meter.io_ops += iops * fraction * dt
        meter.net_gb += net_gb * fraction * dt
    domain.latency_ms = sla.latency(domain, want, got, utilisation)


def _idle(domain: CloudDomain, dt: float) -> None:
    domain.alloc = 0.0
    domain.meter.runstate["offline"] += domain.vcpus * dt
    domain.last = {"running": 0.0, "runnable": 0.0, "blocked": 0.0,
                   "offline": domain.vcpus * dt}
    domain.latency_ms = 0.0


def _record(lab: CloudLab, focus: list[dict[str, object]]) -> None:
    on = sum(1 for h in lab.hosts if h.state == "on")
    power = sum(h.power_w for h in lab.hosts)
    violations = sum(t.violations for t in lab.tenants.values())
    add(lab.series, [round(lab.time_s, 3), round(power, 2), round(lab.energy_j / 3.6e6, 6),
                     float(on), float(violations)])
    lab.timeline.append({"t": round(lab.time_s, 3), "rows": focus})
    del lab.timeline[:-TIMELINE_STEPS]
