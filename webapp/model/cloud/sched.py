"""How one host's physical CPUs are shared among its domains over a step: the share the credit
scheduler converges to (``csched_acct`` in xen/common/sched/credit.c hands out credits in
proportion to weight, a cap limits a domain's credits, and credits left unused by a domain
that wants less go to the others), computed directly rather than 10 ms tick by tick.

Each domain's vCPU time over the step lands in one of Xen's runstates: running (it got a
pCPU), runnable (it wanted more than its share), blocked (it wanted nothing more), offline
(parked by its cap, or paused/suspended).
"""

from __future__ import annotations

from dataclasses import dataclass

CAP_UNIT = 100.0  # a cap is in percent of one physical CPU


@dataclass(frozen=True)
class Claim:
    """One domain's claim on a host: its weight, how much it wants (pCPUs) and what its
    cap allows (pCPUs, ``None`` for no cap)."""

    key: int
    weight: int
    want: float
    cap: float | None

    @property
    def limit(self) -> float:
        return self.want if self.cap is None else min(self.want, self.cap)


def shares(capacity: float, claims: list[Claim]) -> dict[int, float]:
    """Weighted max-min fair shares of ``capacity`` pCPUs (water-filling): each claim gets
    at most its limit, and the rest is split by weight among those that want more."""
    return fill(capacity, [(c.key, c.weight, c.limit) for c in claims])


def fill(capacity: float, claims: list[tuple[int, int, float]]) -> dict[int, float]:
    """``shares`` on plain (key, weight, limit) tuples (the datacenter's hot loop)."""
    out = dict.fromkeys((key for key, _, _ in claims), 0.0)
    left = sorted((c for c in claims if c[2] > 0), key=lambda c: c[2] / c[1])
    if sum(c[2] for c in left) <= capacity:  # everyone gets what it wants
        out.update((key, limit) for key, _, limit in left)
        return out
    room, weight = capacity, sum(c[1] for c in left)
    for index, (key, share, limit) in enumerate(left):
        level = room / weight  # pCPUs per unit of weight
        if limit / share > level:
            out.update((k, w * level) for k, w, _ in left[index:])
            return out
        out[key] = limit
        room -= limit
        weight -= share
    return out


def runstates(vcpus: int, want: float, cap: float | None, got: float, schedulable: bool
              ) -> tuple[float, float, float, float]:
    """vCPU·seconds (running, runnable, blocked, offline) for one second of a domain with
    ``vcpus`` vCPUs."""
    if not schedulable:
        return 0.0, 0.0, 0.0, float(vcpus)
    limit = want if cap is None else min(want, cap)
    return got, max(0.0, limit - got), max(0.0, vcpus - want), max(0.0, want - limit)
