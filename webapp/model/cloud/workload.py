"""What each domain asks for at a step: CPU demand (a fraction of its vCPUs), I/O operations
and network traffic per second, by workload. A model assumption, said so on the page: a web
tier follows the day, a batch job is CPU-hungry, a database is steady.

The noise is a pure hash of (the session's mix, the domain, the step): no random state to
carry, the same value whenever the step is replayed.
"""

from __future__ import annotations

import math

MASK = (1 << 64) - 1
DAY_S = 86400.0

#: workload: (base demand, daily swing, noise, I/O ops per second, network MB per second)
WORKLOADS: dict[str, tuple[float, float, float, float, float]] = {
    "web": (0.15, 0.35, 0.10, 40.0, 2.0),
    "db": (0.30, 0.10, 0.10, 400.0, 0.5),
    "cpu": (1.00, 0.00, 0.00, 5.0, 0.05),
    "idle": (0.02, 0.00, 0.01, 1.0, 0.01),
}


def noise(mix: int, domid: int, step: int) -> float:
    """A number in [0, 1) from the hash of its arguments (splitmix64's finaliser)."""
    z = (mix + domid * 0x9E3779B97F4A7C15 + step * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return ((z ^ (z >> 31)) >> 11) / float(1 << 53)


def daylight(time_s: float) -> float:
    """0 at 3 a.m., 1 at 3 p.m.: the daily swing of interactive load."""
    return 0.5 - 0.5 * math.cos(2 * math.pi * ((time_s / DAY_S) - 0.125))


def demand(workload: str, mix: int, domid: int, step: int, day: float) -> float:
    """The fraction of its vCPUs the domain wants to run, in [0, 1]."""
    base, swing, spread, _, _ = WORKLOADS.get(workload, WORKLOADS["web"])
    value = base + swing * day + spread * (noise(mix, domid, step) - 0.5)
    return min(1.0, max(0.0, value))


def io_rates(workload: str) -> tuple[float, float]:
    """I/O operations and network gigabytes per second at full demand."""
    _, _, _, iops, net_mb = WORKLOADS.get(workload, WORKLOADS["web"])
    return iops, net_mb / 1000.0
