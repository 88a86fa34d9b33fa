"""Boot-lab scale benchmark: a domain build must step as fast on a 64 GiB host as on a tiny one.

Builds a 48 MiB domain on a 64 MiB host and a 16 GiB domain on a 64 GiB host (with dom0 and a
guest already there, and 160 Xen heap allocations scattered first), one micro-step at a time
(the boot lab's ``build`` recipe, then the guest's first steps), and times every step; also
the snapshot of each step and the server-side bucketing of the whole machine memory into 1,024
cells. The two cases run interleaved. Budget: the median step of the big case within 2× the
tiny one. Prints the figures; exits with status 1 when over budget.

    python benchmarks/boot_scale.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from webapp.model.boot.view import memory_buckets, p2m_buckets  # noqa: E402
from webapp.model.scenario import Scenario  # noqa: E402
from webapp.model.simulation import Simulation  # noqa: E402
from webapp.model.snapshot import snapshot  # noqa: E402

BUDGET_RATIO = 2.0
#: Xen heap allocations scattered over free memory first, so the big domain's frames scatter.
SCATTER = {"64 MiB host, 48 MiB domain": 0, "64 GiB host, 16 GiB domain": 160}
CASES: dict[str, tuple[dict[str, Any], int]] = {
    "64 MiB host, 48 MiB domain": ({"memory_mb": 64, "xen_mb": 4, "pcpus": 1,
                                    "dom0": {"memory_mb": 8, "vcpus": 1}}, 48),
    "64 GiB host, 16 GiB domain": ({"memory_mb": 65536, "xen_mb": 256, "pcpus": 8,
                                    "dom0": {"memory_mb": 4096, "vcpus": 4},
                                    "domains": [{"name": "web", "memory_mb": 8192}]}, 16384),
}


def scenario(host: dict[str, Any]) -> Scenario:
    return Scenario.from_dict({"id": "bench", "lab": "boot", "title": "b", "description": "b",
                               "host": host})


def run(host: dict[str, Any], memory_mb: int, scatter: int) -> dict[str, Any]:
    """One build, stepped to the end: the time of every step, snapshot and bucketing."""
    sim = Simulation(scenario(host), 1)
    if scatter:
        sim.submit("fragment", None, {"allocations": scatter})
    steps, shots = [], []
    start = time.perf_counter()
    sim.submit("build", None, {"name": "big", "memory_mb": memory_mb})
    steps.append(time.perf_counter() - start)
    while sim.busy():
        start = time.perf_counter()
        sim.step()
        steps.append(time.perf_counter() - start)
        start = time.perf_counter()
        snapshot(sim)
        shots.append(time.perf_counter() - start)
    domain = sim.world.host.find("big")
    if domain is None or domain.nr_pages != memory_mb * 256:
        raise SystemExit(f"the {memory_mb} MiB domain was not built")
    memory = sim.world.host.memory
    start = time.perf_counter()
    memory_buckets(memory, 0, memory.total_frames, 1024)
    p2m_buckets(sim.world.host, domain, 0, domain.nr_pages, 64)
    buckets = time.perf_counter() - start
    return {"steps": steps, "shots": shots, "buckets": buckets, "frames": memory.total_frames,
            "runs": len(memory.runs), "p2m_runs": len(domain.p2m)}


def ms(seconds: float) -> float:
    return seconds * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="builds per case (medians pooled)")
    args = parser.parse_args()
    medians: dict[str, float] = {}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in CASES}
    for _ in range(args.repeat):  # interleaved, so a busy machine slows both cases alike
        for name, (host, memory_mb) in CASES.items():
            runs[name].append(run(host, memory_mb, SCATTER[name]))
    for name in CASES:
        results = runs[name]
        steps = [t for r in results for t in r["steps"]]
        shots = [t for r in results for t in r["shots"]]
        medians[name] = statistics.median(steps)
        last = results[-1]
        print(f"{name}: {last['frames']:,} machine frames in {last['runs']} ownership runs, "
              f"domain P2M in {last['p2m_runs']} runs")
        print(f"  {len(last['steps'])} steps per build; median step {ms(medians[name]):.3f} ms, "
              f"max {ms(max(steps)):.3f} ms; median snapshot {ms(statistics.median(shots)):.3f} "
              f"ms; bucketing memory (1,024 cells) + P2M (64 cells) "
              f"{ms(statistics.median(r['buckets'] for r in results)):.3f} ms")
    small, big = medians.values()
    ratio = big / small
    verdict = "within budget" if ratio <= BUDGET_RATIO else "OVER BUDGET"
    print(f"median step ratio (64 GiB / 64 MiB): {ratio:.2f}× (budget {BUDGET_RATIO}×) — "
          f"{verdict}")
    return 0 if ratio <= BUDGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
