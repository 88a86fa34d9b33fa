"""A cloud scenario's datacenter at step 0, from its ``extra`` section:

```yaml
extra:
  tick_s: 60            # seconds of datacenter time a quiet step lasts
  start_s: 50400        # the time of day the run starts (2 p.m.)
  focus: host1          # the host whose runstates the timeline shows
  migration: {dirty_rate: 5000, wws_pages: 8192, bandwidth_mbps: 1000}
  prices: {vcpu_hour: 0.04}   power: {idle_w: 100, max_w: 250}
  tenants: [{name: acme, slo: {availability: 99.9, latency_ms: 200, interruption_ms: 500}}]
  hosts: [{name: host1, pcpus: 8, memory_mb: 65536}]
  domains: [{name: web1, tenant: acme, host: host1, vcpus: 2, memory_mb: 2048,
             workload: web, weight: 256, cap: 0}]
  generate: {hosts: 100, domains: 2000, tenants: 20}   # instead of hosts/domains
```
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.cloud.state import (
    LAB,
    CloudDomain,
    CloudHost,
    CloudLab,
    PowerModel,
    Prices,
    Slo,
    Tenant,
)
from webapp.model.cloud.workload import WORKLOADS
from webapp.model.errors import ScenarioError
from webapp.model.host import World
from webapp.model.scenario import Scenario

DEFAULTS = {"dirty_rate": 5000, "wws_pages": 8192, "bandwidth_mbps": 1000.0, "stop_pages": 50,
            "max_rounds": 5, "overhead_ms": 30.0}
LIMITS = {"hosts": 200, "domains": 4000, "tenants": 50}


def build(world: World, scenario: Scenario, rng: random.Random) -> None:
    """Register with ``extensions.setup("cloud", build)``."""
    extra = scenario.extra
    lab = CloudLab(tick_s=float(extra.get("tick_s", 60)), seed_mix=rng.getrandbits(64),
                   hosts=[], domains={}, tenants={},
                   prices=Prices(**extra.get("prices", {})),
                   power=PowerModel(**extra.get("power", {})),
                   defaults={**DEFAULTS, **extra.get("migration", {})})
    lab.time_s = float(extra.get("start_s", 50400))
    if "generate" in extra:
        _generate(lab, extra["generate"], rng)
    else:
        _explicit(lab, extra)
    focus = lab.host_named(extra.get("focus", lab.hosts[0].name if lab.hosts else None))
    lab.focus = focus.index if focus else 0
    world.labs[LAB] = lab


def _explicit(lab: CloudLab, extra: dict[str, Any]) -> None:
    for doc in extra.get("tenants", []):
        lab.tenants[str(doc["name"])] = Tenant(str(doc["name"]), Slo(**doc.get("slo", {})))
    for i, doc in enumerate(extra.get("hosts", [])):
        lab.hosts.append(CloudHost(i, str(doc["name"]), int(doc.get("pcpus", 8)),
                                   int(doc.get("memory_mb", 65536)), str(doc.get("state", "on"))))
    if not lab.hosts:
        raise ScenarioError("scenario.bad_field", field="extra.hosts", problem="needs a host")
    for doc in extra.get("domains", []):
        host = lab.host_named(doc.get("host"))
        if host is None or str(doc.get("tenant")) not in lab.tenants:
            raise ScenarioError("scenario.bad_field", field="extra.domains",
                                problem=f"{doc.get('name')}: unknown host or tenant")
        _add(lab, host, str(doc["name"]), str(doc["tenant"]), int(doc.get("vcpus", 1)),
             int(doc.get("memory_mb", 1024)), str(doc.get("workload", "web")),
             int(doc.get("weight", 256)), int(doc.get("cap", 0)))


def _add(lab: CloudLab, host: CloudHost, name: str, tenant: str, vcpus: int, memory_mb: int,
         workload: str, weight: int = 256, cap: int = 0) -> None:
    if workload not in WORKLOADS:
        raise ScenarioError("scenario.bad_field", field="extra.domains", problem=workload)
    domid = lab.next_domid
    lab.next_domid += 1
    lab.domains[domid] = CloudDomain(domid, name, tenant, vcpus, memory_mb, workload,
                                     host.index, weight, cap)
    host.domains.append(domid)


def _generate(lab: CloudLab, doc: dict[str, Any], rng: random.Random) -> None:
    """A large datacenter: hosts of 16 pCPUs and 128 GiB, domains spread round-robin."""
    counts = {k: int(doc.get(k, 1)) for k in LIMITS}
    if any(not 1 <= counts[k] <= LIMITS[k] for k in LIMITS):
        raise ScenarioError("scenario.bad_field", field="extra.generate", problem="too large")
    for t in range(counts["tenants"]):
        lab.tenants[f"tenant{t + 1}"] = Tenant(f"tenant{t + 1}")
    for i in range(counts["hosts"]):
        lab.hosts.append(CloudHost(i, f"host{i + 1}", 16, 131072))
    kinds = ("web", "web", "db", "cpu", "idle")
    for n in range(counts["domains"]):
        host = lab.hosts[n % counts["hosts"]]
        _add(lab, host, f"vm{n + 1}", f"tenant{n % counts['tenants'] + 1}",
             rng.choice((1, 2, 4)), rng.choice((1024, 2048, 4096)), rng.choice(kinds))
