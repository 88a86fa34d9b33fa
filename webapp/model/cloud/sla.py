"""Service levels: each tenant's availability, its domains' response latency, and the
violations of its objectives, counted live.

The provider owes service to every domain its tenant left running: time a domain is
suspended by a migration or lost with its host counts as downtime; time the tenant paused or
saved it does not. An interruption longer than the objective, a latency above it, and the
availability falling below it (judged once an hour of service was expected) are each one
violation (counted once per episode).
"""

from __future__ import annotations

from webapp.model.cloud.state import CloudDomain, CloudLab, Tenant, Violation

KEEP = 12
#: availability is judged once a tenant expected an hour of service (domain·seconds)
JUDGED_AFTER_S = 3600.0
#: base response latency per workload (ms) on an idle host: a model assumption
BASE_MS = {"web": 20.0, "db": 10.0, "cpu": 50.0, "idle": 5.0}
PROVIDER_DOWN = ("suspended", "crashed", "booting")


def latency(domain: CloudDomain, want: float, got: float, utilisation: float) -> float:
    """A queueing-style latency: the base divided by the host's spare capacity, times how
    far the domain's CPU share falls short of what it wants."""
    if domain.state != "running":
        return 0.0
    short = min(50.0, want / got) if got > 0 else (50.0 if want > 0 else 1.0)
    return BASE_MS.get(domain.workload, 20.0) * max(1.0, short) / (1 - min(utilisation, 0.95))


def account(lab: CloudLab, dt: float) -> None:
    """Add this step to each tenant's service record (after the clock moved by ``dt``)."""
    for domain in lab.domains.values():
        tenant = lab.tenants[domain.tenant]
        if domain.state in ("paused", "saved"):
            _recovered(domain)
            continue
        tenant.exposure_s += dt
        if domain.state in PROVIDER_DOWN:
            tenant.downtime_s += dt
            _interrupted(lab, tenant, domain, dt)
        else:
            _recovered(domain)
            _latency(lab, tenant, domain)
    for tenant in lab.tenants.values():
        _availability(lab, tenant)


def _interrupted(lab: CloudLab, tenant: Tenant, domain: CloudDomain, dt: float) -> None:
    if domain.down_since is None:
        domain.down_since = lab.time_s - dt
    lasted_ms = (lab.time_s - domain.down_since) * 1000
    if lasted_ms > tenant.slo.interruption_ms and not domain.flagged:
        domain.flagged = True
        _violate(lab, tenant, "interruption", domain.name, lasted_ms)


def _recovered(domain: CloudDomain) -> None:
    domain.down_since, domain.flagged = None, False


def _latency(lab: CloudLab, tenant: Tenant, domain: CloudDomain) -> None:
    slow = domain.latency_ms > tenant.slo.latency_ms
    if slow and not domain.slow:
        _violate(lab, tenant, "latency", domain.name, domain.latency_ms)
    domain.slow = slow


def availability(tenant: Tenant) -> float:
    """Percent of the expected service delivered (100 before any)."""
    if tenant.exposure_s <= 0:
        return 100.0
    return 100.0 * (1 - tenant.downtime_s / tenant.exposure_s)


def _availability(lab: CloudLab, tenant: Tenant) -> None:
    below = (tenant.exposure_s >= JUDGED_AFTER_S
             and availability(tenant) < tenant.slo.availability)
    if below and not tenant.below_objective:
        _violate(lab, tenant, "availability", "—", availability(tenant))
    tenant.below_objective = below


def _violate(lab: CloudLab, tenant: Tenant, kind: str, domain: str, value: float) -> None:
    tenant.violations += 1
    tenant.recent.append(Violation(kind, domain, round(lab.time_s, 3), round(value, 3)))
    del tenant.recent[:-KEEP]
