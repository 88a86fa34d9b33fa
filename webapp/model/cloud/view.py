"""The snapshot's ``cloud`` section: what the page draws and the JSON API returns (documented
in docs/api-cloud.md). Long series arrive already downsampled."""

from __future__ import annotations

from typing import Any

from webapp.model.cloud import billing, placement, precopy, sla
from webapp.model.cloud.series import shown
from webapp.model.cloud.state import LAB, CloudDomain, CloudHost, CloudLab, Migration, Tenant
from webapp.model.host import World

MIGRATIONS_SHOWN = 12
KOOMEY = {"share_percent_low": 1.1, "share_percent_high": 1.5, "year": 2010,
          "source": "Koomey, Growth in data center electricity use 2005 to 2010"}


def section(world: World) -> dict[str, Any] | None:
    lab = world.labs.get(LAB)
    if not isinstance(lab, CloudLab):
        return None
    return {
        "time_s": round(lab.time_s, 3), "tick_s": lab.tick_s, "clock": clock(lab.time_s),
        "hosts": [host_json(lab, h) for h in lab.hosts],
        "domains": [domain_json(lab, d) for d in lab.domains.values()],
        "tenants": [tenant_json(lab, t) for t in lab.tenants.values()],
        "migrations": [migration_json(lab, m) for m in lab.migrations[-MIGRATIONS_SHOWN:]],
        "migration_defaults": dict(lab.defaults),
        "prices": lab.prices.as_dict(),
        "power_model": {"idle_w": lab.power.idle_w, "max_w": lab.power.max_w,
                        "off_w": lab.power.off_w},
        "energy": {"total_kwh": round(lab.energy_j / 3.6e6, 6),
                   "power_w": round(sum(h.power_w for h in lab.hosts), 2),
                   "hosts_on": sum(1 for h in lab.hosts if h.state == "on")},
        "series": series_json(lab),
        "timeline": {"host": lab.hosts[lab.focus].name, "steps": list(lab.timeline)},
        "koomey": KOOMEY,
    }


def clock(time_s: float) -> str:
    day, rest = divmod(int(time_s), 86400)
    return f"d{day + 1} {rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"


def host_json(lab: CloudLab, host: CloudHost) -> dict[str, Any]:
    return {"id": host.name, "index": host.index, "state": host.state, "pcpus": host.pcpus,
            "memory_mb": host.memory_mb, "used_mb": placement.used_mb(lab, host),
            "reserved_mb": host.reserved_mb, "utilisation": round(host.utilisation, 4),
            "power_watts": round(host.power_w, 2), "energy_wh": round(host.energy_j / 3600, 4),
            "busy_s": round(host.busy_s, 4),
            "domains": [lab.domains[d].name for d in host.domains]}


def domain_json(lab: CloudLab, domain: CloudDomain) -> dict[str, Any]:
    meter = domain.meter
    return {"id": domain.domid, "name": domain.name, "tenant": domain.tenant,
            "host": lab.hosts[domain.host].name if domain.host is not None else None,
            "state": domain.state, "vcpus": domain.vcpus, "memory_mb": domain.memory_mb,
            "workload": domain.workload, "weight": domain.weight, "cap": domain.cap,
            "cpu_share": round(domain.alloc, 4), "latency_ms": round(domain.latency_ms, 2),
            "busy": domain.busy,
            "meter": {"cpu_s": round(meter.cpu_s, 4), "mem_gib_s": round(meter.mem_gib_s, 4),
                      "io_ops": round(meter.io_ops, 2), "net_gb": round(meter.net_gb, 6),
                      "runstate_s": {k: round(v, 4) for k, v in meter.runstate.items()}}}


def tenant_json(lab: CloudLab, tenant: Tenant) -> dict[str, Any]:
    used = billing.tenant_usage(lab, tenant.name)
    slo = tenant.slo
    return {"name": tenant.name,
            "domains": [d.name for d in lab.domains.values() if d.tenant == tenant.name][:50],
            "usage": {k: round(v, 6) for k, v in used.items()},
            "bill": billing.bill(used, lab.prices),
            "sla": {"availability": round(sla.availability(tenant), 5),
                    "violations": tenant.violations,
                    "downtime_s": round(tenant.downtime_s, 4),
                    "objectives": {"availability": slo.availability,
                                   "latency_ms": slo.latency_ms,
                                   "interruption_ms": slo.interruption_ms},
                    "met": not tenant.below_objective,
                    "recent": [{"kind": v.kind, "domain": v.domain, "at_s": v.at_s,
                                "value": v.value} for v in tenant.recent]}}


def migration_json(lab: CloudLab, mig: Migration) -> dict[str, Any]:
    p = mig.params
    return {"id": mig.mig_id, "domain": mig.domain, "source": lab.hosts[mig.source].name,
            "target": lab.hosts[mig.target].name, "phase": mig.phase,
            "memory_pages": mig.memory_pages,
            "rounds": [{"round": r.round, "pages_sent": r.pages_sent,
                        "pages_dirtied": r.pages_dirtied} for r in mig.rounds],
            "round_ms": [r.duration_ms for r in mig.rounds],
            "heat": [r.heat for r in mig.rounds],
            "downtime_ms": mig.downtime_ms, "started_s": mig.started_s, "ended_s": mig.ended_s,
            "reason": mig.reason, "plan": mig.plan, "messages": list(mig.messages[-10:]),
            "params": {"memory_mb": p.memory_mb, "dirty_rate": p.dirty_rate,
                       "wws_pages": p.wws_pages, "bandwidth_mbps": p.bandwidth_mbps,
                       "stop_pages": p.stop_pages, "max_rounds": p.max_rounds,
                       "overhead_ms": p.overhead_ms},
            "wws": [precopy.wws_start(p), precopy.wws_size(p)],
            "postcopy": precopy.postcopy(p)}


def series_json(lab: CloudLab) -> dict[str, list[float]]:
    points = shown(lab.series)
    names = ("t", "power_w", "energy_kwh", "hosts_on", "violations")
    return {name: [p[i] for p in points] for i, name in enumerate(names)}
