"""Time-travel benchmark: how fast a long lifecycle session seeks, and what its history costs.

Builds a session of the lifecycle-basics scenario with 100,000 steps of history (an action every
few hundred steps), then seeks to 1,000 random steps. Budget: median seek < 20 ms, history
< 20 MB. Prints the figures; exits with status 1 when the budget is missed.

    python benchmarks/timetravel.py [--steps 100000] [--seeks 1000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import sys
import time
import tracemalloc
import zlib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from webapp.catalog import scenarios  # noqa: E402
from webapp.model.errors import ModelError  # noqa: E402
from webapp.model.simulation import Simulation  # noqa: E402
from webapp.model.timeline import CHECKPOINT_EVERY, Timeline  # noqa: E402

SEED = 1
BUDGET_SEEK_MS = 20.0
BUDGET_HISTORY_MB = 20.0
PLAN: list[tuple[str, Any, dict[str, Any]]] = [
    ("pause", "web", {}), ("unpause", "web", {}), ("reboot", "db", {}), ("save", "web", {}),
    ("restore", "web.save", {}), ("create", None, {"name": "extra", "memory_mb": 512, "vcpus": 2}),
    ("unpause", "batch", {}), ("destroy", "extra", {}), ("crash", "batch", {}),
    ("create", None, {"name": "batch", "memory_mb": 512, "paused": True}),
]


def build(steps: int) -> tuple[Timeline, int, int]:
    """A timeline with ``steps`` steps of history; (timeline, actions accepted, refused)."""
    timeline = Timeline(scenarios()["lifecycle-basics"], SEED)
    rng, accepted, refused = random.Random(SEED), 0, 0
    while timeline.cursor < steps:
        timeline.step(min(rng.randint(100, 800), steps - timeline.cursor))
        if timeline.cursor >= steps:
            break
        action, target, args = PLAN[(accepted + refused) % len(PLAN)]
        try:
            timeline.act(action, target, args)
            accepted += 1
        except ModelError:
            refused += 1
    return timeline, accepted, refused


def ms(seconds: float) -> float:
    return seconds * 1000


def timed(call: Any, *args: Any) -> float:
    start = time.perf_counter()
    call(*args)
    return time.perf_counter() - start


def step_cost(timeline: Timeline, count: int = 2000) -> float:
    """Median cost of one plain ``sim.step()`` at the end of the history."""
    sim = Simulation.restore(timeline.scenario, timeline.seed, timeline.sim.checkpoint())
    return statistics.median(timed(sim.step) for _ in range(count))


def restore_cost(timeline: Timeline, count: int = 200) -> float:
    """Median cost of turning a checkpoint back into a simulation."""
    blob = timeline.checkpoints[max(timeline.checkpoints)]
    return statistics.median(timed(lambda: Simulation.restore(
        timeline.scenario, timeline.seed, zlib.decompress(blob))) for _ in range(count))


def seek_times(timeline: Timeline, count: int) -> list[float]:
    rng = random.Random(SEED + 1)
    return sorted(timed(timeline.seek, rng.randint(0, timeline.length)) for _ in range(count))


def percentile(values: list[float], fraction: float) -> float:
    return values[min(len(values) - 1, int(fraction * len(values)))]


def report(args: argparse.Namespace) -> bool:
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    timeline, accepted, refused = build(args.steps)
    built = time.perf_counter() - started
    history = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    timeline.seek(timeline.length)
    checkpoint_bytes = sum(len(blob) for blob in timeline.checkpoints.values())
    step, restore = step_cost(timeline), restore_cost(timeline)
    seeks = seek_times(timeline, args.seeks)
    median, p95 = statistics.median(seeks), percentile(seeks, 0.95)
    print(f"history: {timeline.length:,} steps, {accepted} actions accepted, {refused} refused, "
          f"built in {built:.1f} s (under tracemalloc)")
    print(f"checkpoints: {len(timeline.checkpoints)} every {CHECKPOINT_EVERY} steps, "
          f"{checkpoint_bytes / 1e6:.2f} MB compressed "
          f"({checkpoint_bytes / len(timeline.checkpoints) / 1e3:.1f} kB each); "
          f"markers on {len(timeline.markers)} steps")
    print(f"history memory (tracemalloc): {history / 1e6:.2f} MB  [budget {BUDGET_HISTORY_MB} MB]")
    print(f"baseline: one sim.step() {ms(step):.3f} ms; "
          f"one checkpoint restore {ms(restore):.3f} ms")
    print(f"seek x{len(seeks)}: median {ms(median):.2f} ms, p95 {ms(p95):.2f} ms, "
          f"max {ms(seeks[-1]):.2f} ms  [budget median {BUDGET_SEEK_MS} ms]")
    print(f"median seek = {median / step:.0f} plain steps")
    if args.profile:
        profile(timeline)
    return ms(median) < BUDGET_SEEK_MS and history / 1e6 < BUDGET_HISTORY_MB


def profile(timeline: Timeline) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(seek_times, timeline, 200)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--seeks", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="profile 200 seeks")
    ok = report(parser.parse_args())
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
