"""Cloud lab step cost: a datacenter of 100 hosts and 2,000 domains, in-process, model only.

Times (in CPU time) ``Timeline.step`` (the datacenter's clock: every host shares its pCPUs,
every domain is metered, power integrated, service levels accounted) over quiet steps and
over the steps of a live migration, next to a same-run baseline: one step of the lifecycle
lab (a scheduler tick). Target: the median step under 50 ms.

    python benchmarks/cloud_step.py [--steps 60]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from webapp.catalog import scenarios  # noqa: E402
from webapp.model.scenario import Scenario  # noqa: E402
from webapp.model.snapshot import snapshot  # noqa: E402
from webapp.model.timeline import Timeline  # noqa: E402

TARGET_MS = 50.0
BIG = {"id": "cloud-bench", "lab": "cloud", "title": "100 hosts, 2,000 domains",
       "description": "benchmark", "host": {"name": "controller", "pcpus": 1,
                                            "memory_mb": 2048, "dom0": {"memory_mb": 512}},
       "extra": {"tick_s": 60, "generate": {"hosts": 100, "domains": 2000, "tenants": 20}}}


def timed_steps(timeline: Timeline, count: int) -> list[float]:
    """CPU seconds of each step (``process_time``: a busy shared machine does not inflate it;
    the wall-clock figure is printed too)."""
    out = []
    for _ in range(count):
        started = time.process_time()
        timeline.step(1)
        out.append(time.process_time() - started)
    return out


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--steps", type=int, default=60)
    args = options.parse_args()
    baseline = statistics.median(timed_steps(Timeline(scenarios()["lifecycle-basics"], 1),
                                             args.steps))
    big = Timeline(Scenario.from_dict(BIG), 1)
    wall = time.perf_counter()
    quiet = timed_steps(big, args.steps)
    wall = (time.perf_counter() - wall) / args.steps
    big.act("migrate", "vm1", {"to": "host2"})
    migrating = timed_steps(big, 12)
    started = time.perf_counter()
    state = snapshot(big.sim)
    shot = time.perf_counter() - started
    median = statistics.median(quiet + migrating) * 1000
    print(f"datacenter: {len(state['cloud']['hosts'])} hosts, "
          f"{len(state['cloud']['domains'])} domains")
    print(f"baseline: lifecycle step median {baseline * 1000:.3f} ms")
    print(f"cloud step median {median:.2f} ms (quiet {statistics.median(quiet) * 1000:.2f} ms, "
          f"during a migration {statistics.median(migrating) * 1000:.2f} ms), "
          f"{median / (baseline * 1000):.0f}× the baseline (target < {TARGET_MS:.0f} ms)"
          + ("" if median < TARGET_MS else " MISSED"))
    print(f"wall-clock per quiet step: {wall * 1000:.2f} ms (no target; includes waiting for a "
          f"CPU on a shared machine)")
    print(f"snapshot of the datacenter: {shot * 1000:.1f} ms (no target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
