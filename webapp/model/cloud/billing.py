"""Bills from metered usage: each tenant pays, per line, its domains' usage times the price
sheet (vCPU-hours of CPU time actually run, GiB-hours of memory held, millions of I/O
operations, gigabytes of network traffic). The sheet in force applies to the whole usage."""

from __future__ import annotations

from typing import Any

from webapp.model.cloud.state import CloudLab, Meter, Prices

LINES = ("vcpu_hour", "gib_hour", "io_million", "net_gb")


def usage(meter: Meter) -> dict[str, float]:
    """One domain's usage in the price sheet's units."""
    return {"vcpu_hour": meter.cpu_s / 3600, "gib_hour": meter.mem_gib_s / 3600,
            "io_million": meter.io_ops / 1e6, "net_gb": meter.net_gb}


def tenant_usage(lab: CloudLab, tenant: str) -> dict[str, float]:
    total = dict.fromkeys(LINES, 0.0)
    for domain in lab.domains.values():
        if domain.tenant == tenant:
            for key, value in usage(domain.meter).items():
                total[key] += value
    return total


def bill(used: dict[str, float], prices: Prices) -> dict[str, Any]:
    sheet = prices.as_dict()
    lines = {key: {"quantity": round(used[key], 6), "price": sheet[key],
                   "amount": round(used[key] * sheet[key], 6)} for key in LINES}
    return {"lines": lines, "total": round(sum(used[k] * sheet[k] for k in LINES), 6)}
