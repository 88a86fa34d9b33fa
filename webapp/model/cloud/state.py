"""The cloud lab's state: a datacenter of hosts running Xen, domains owned by tenants, the
meters, the price sheet, the power model and the live migrations, all in
``world.labs["cloud"]`` (plain picklable dataclasses: checkpoints and time travel cover them).

The numbers that are assumptions (power, prices, bandwidth, objectives) are fields the learner
can change with a command, and the page shows them as assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LAB = "cloud"
PAGE_BYTES = 4096
RUNSTATES = ("running", "runnable", "blocked", "offline")
HOST_STATES = ("on", "off", "failed")
#: the phases of a live migration (Clark et al. 2005, and Xen's xl/libxc loop)
PHASES = ("premigration", "reservation", "precopy", "stop_and_copy", "commitment",
          "activation", "done", "aborted")


@dataclass
class PowerModel:
    """Power of one host: idle watts plus watts proportional to utilisation (an assumption,
    the usual linear model; an off or failed host draws ``off_w``)."""

    idle_w: float = 100.0
    max_w: float = 250.0
    off_w: float = 0.0

    def watts(self, state: str, utilisation: float) -> float:
        if state != "on":
            return self.off_w
        return self.idle_w + (self.max_w - self.idle_w) * utilisation


@dataclass
class Prices:
    """The price sheet, per unit of metered usage (assumptions the learner may edit)."""

    vcpu_hour: float = 0.04
    gib_hour: float = 0.005
    io_million: float = 0.05
    net_gb: float = 0.09

    def as_dict(self) -> dict[str, float]:
        return {"vcpu_hour": self.vcpu_hour, "gib_hour": self.gib_hour,
                "io_million": self.io_million, "net_gb": self.net_gb}


@dataclass
class Slo:
    """A tenant's objectives: availability (%), response latency (ms), and the longest
    interruption tolerated (ms)."""

    availability: float = 99.9
    latency_ms: float = 200.0
    interruption_ms: float = 500.0


@dataclass
class Meter:
    """What is metered for one domain (seconds, GiB·seconds, operations, gigabytes) and the
    time its vCPUs spent in each runstate (vCPU·seconds), as Xen's runstate info keeps it."""

    cpu_s: float = 0.0
    mem_gib_s: float = 0.0
    io_ops: float = 0.0
    net_gb: float = 0.0
    runstate: dict[str, float] = field(default_factory=lambda: dict.fromkeys(RUNSTATES, 0.0))


@dataclass
class CloudDomain:
    """A guest of a tenant. ``state``: running, paused, suspended (migration's downtime),
    crashed (its host failed), booting (restarted elsewhere) or saved (an image, no memory
    held)."""

    domid: int
    name: str
    tenant: str
    vcpus: int
    memory_mb: int
    workload: str
    host: int | None
    weight: int = 256
    cap: int = 0
    state: str = "running"
    meter: Meter = field(default_factory=Meter)
    latency_ms: float = 0.0
    alloc: float = 0.0  # physical CPUs it used at the last step
    last: dict[str, float] = field(default_factory=dict)  # runstate times of the last step
    down_since: float | None = None
    flagged: bool = False  # the current interruption already counted as a violation
    slow: bool = False  # in a latency violation now
    busy: str | None = None  # the operation working on it (migrate, restart...)

    def holds_memory(self) -> bool:
        return self.state in ("running", "paused", "suspended", "booting")


@dataclass
class CloudHost:
    index: int
    name: str
    pcpus: int
    memory_mb: int
    state: str = "on"
    domains: list[int] = field(default_factory=list)
    reserved_mb: int = 0  # memory reserved for incoming migrations
    busy_s: float = 0.0  # physical CPU time spent running vCPUs
    energy_j: float = 0.0
    power_w: float = 0.0
    utilisation: float = 0.0


@dataclass
class Violation:
    kind: str  # interruption | latency | availability
    domain: str
    at_s: float
    value: float  # ms of interruption, ms of latency, % of availability


@dataclass
class Tenant:
    name: str
    slo: Slo = field(default_factory=Slo)
    exposure_s: float = 0.0  # domain·seconds the tenant expected service
    downtime_s: float = 0.0  # domain·seconds without service the provider caused
    violations: int = 0
    recent: list[Violation] = field(default_factory=list)
    below_objective: bool = False


@dataclass
class MigrationParams:
    """What the learner can change: memory size, dirty rate and writable working set (pages),
    link bandwidth, the policy's stop threshold and round cap, and the suspend/resume
    overhead (an assumption)."""

    memory_mb: int
    dirty_rate: int = 5000
    wws_pages: int = 8192
    bandwidth_mbps: float = 1000.0
    stop_pages: int = 50
    max_rounds: int = 5
    overhead_ms: float = 30.0


@dataclass
class Round:
    round: int
    pages_sent: int
    pages_dirtied: int
    duration_ms: float
    live: bool
    heat: list[int] = field(default_factory=list)


@dataclass
class Migration:
    """One live migration, with libxc's loop state (``iteration``, ``dirty_count``) and the
    guest's writer (it writes its working set in order, ``writer`` the next page)."""

    mig_id: int
    domid: int
    domain: str
    source: int
    target: int
    params: MigrationParams
    phase: str = "premigration"
    rounds: list[Round] = field(default_factory=list)
    downtime_ms: float | None = None
    started_s: float = 0.0
    ended_s: float | None = None
    messages: list[str] = field(default_factory=list)
    iteration: int = 0  # policy_stats->iteration
    x: int = 0  # the loop counter of send_memory_live
    dirty: list[tuple[int, int]] = field(default_factory=list)  # fetched at the last CLEAN
    written: list[tuple[int, int]] = field(default_factory=list)  # written since then
    dirty_count: int = -1  # policy_stats->dirty_count (-1: unknown)
    writer: int = 0
    src_versions: list[int] = field(default_factory=list)  # the WWS pages' versions
    dst_versions: list[int] = field(default_factory=list)
    dst_has_all: bool = False
    reason: str | None = None
    plan: int | None = None  # the evacuation/consolidation plan it belongs to

    @property
    def memory_pages(self) -> int:
        return self.params.memory_mb * (1 << 20) // PAGE_BYTES


@dataclass
class Series:
    """A time series kept short: past ``limit`` points, neighbours are merged in pairs."""

    limit: int = 256
    bucket: int = 1
    points: list[list[float]] = field(default_factory=list)
    pending: list[list[float]] = field(default_factory=list)


@dataclass
class CloudLab:
    tick_s: float
    seed_mix: int
    hosts: list[CloudHost]
    domains: dict[int, CloudDomain]
    tenants: dict[str, Tenant]
    prices: Prices = field(default_factory=Prices)
    power: PowerModel = field(default_factory=PowerModel)
    defaults: dict[str, Any] = field(default_factory=dict)  # migration parameters
    time_s: float = 0.0
    steps: int = 0
    pending_dt: float | None = None
    migrations: list[Migration] = field(default_factory=list)
    next_mig: int = 1
    energy_j: float = 0.0
    series: Series = field(default_factory=Series)
    focus: int = 0  # the host whose runstates the timeline shows
    timeline: list[dict[str, Any]] = field(default_factory=list)
    plans: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_domid: int = 1
    boot_s: float = 20.0  # time to build and boot a domain again (assumption)
    consolidation_threshold: float = 0.8

    def host_named(self, name: Any) -> CloudHost | None:
        for host in self.hosts:
            if host.name == name or (isinstance(name, int) and not isinstance(name, bool)
                                     and host.index == name):
                return host
        return None

    def domain_named(self, name: Any) -> CloudDomain | None:
        for domain in self.domains.values():
            if domain.name == name:
                return domain
        if isinstance(name, int) and not isinstance(name, bool):
            return self.domains.get(name)
        return None

    def active_migration(self, domid: int) -> Migration | None:
        for mig in self.migrations:
            if mig.domid == domid and mig.phase not in ("done", "aborted"):
                return mig
        return None
