"""Model cost benchmark: each lab's heaviest case, in-process, with the model only.

For every lab it builds the largest inputs the API accepts and times, next to a same-run
baseline (one lifecycle scheduler tick, ``Timeline.step``): each action's submit, the
slowest single step until the action is done, the snapshot of the slowest steps, a
checkpoint (``Simulation.checkpoint`` + zlib, as the timeline stores it) and its restore,
and a seek back over each action (restore the nearest checkpoint and replay). The memory
lab loads a document with ``MAX_TRACE`` addresses over ``MAX_FRAMES`` page-table frames
(the ``load_document`` action that ``POST /api/v1/memory/sessions`` submits), compares the
four modes, switches to PV, draws a quiz, writes a PTE (Xen revalidates the types) and starts
the trace; the boot lab fragments the 64 GiB host then builds a 40 GiB domain; the devices
lab reads the largest batch; the lifecycle lab creates, saves and restores. ``work`` is
``Simulation.work``, the model's own deterministic cost measure, with the time per unit.

Budget: no single step and no submit over ``BUDGET_STEP_S`` seconds, and no checkpoint (or
restore) over ``BUDGET_CHECKPOINT_S``. Prints the figures; exits with status 1 when over.

    python benchmarks/model_cost.py [--trace-steps 3000]
"""

from __future__ import annotations

import argparse
import importlib
import random
import statistics
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from webapp.catalog import scenarios  # noqa: E402
from webapp.model.devices.commands import MAX_BATCH  # noqa: E402
from webapp.model.simulation import Simulation  # noqa: E402
from webapp.model.snapshot import snapshot  # noqa: E402
from webapp.model.timeline import Timeline  # noqa: E402

#: the module (``webapp.model.memlab`` exports a function ``setup`` under the same name)
memsetup = importlib.import_module("webapp.model.memlab.setup")
SEED = 11
BUDGET_STEP_S = 0.2
BUDGET_CHECKPOINT_S = 0.2
DATA_FIRST = 0x100  # data frames of the memory document, inside the 45 MiB guest
DATA_FRAMES = 8192
Action = tuple[str, Any, dict[str, Any]]


@dataclass
class Figures:
    """What one action cost: submit, steps, snapshots, and its span on the timeline."""

    name: str
    submit: float = 0.0
    steps: list[float] = field(default_factory=list)
    shots: list[float] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)
    work: int = 0
    seek: float = 0.0


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.2f} ms"


def baseline() -> float:
    """Median lifecycle scheduler tick (``Timeline.step``)."""
    timeline = Timeline(scenarios()["lifecycle-basics"], SEED)
    return statistics.median(timed(timeline.step) for _ in range(2000))


# -- the heaviest inputs ------------------------------------------------------------------

def memory_document() -> dict[str, Any]:
    """x86-64 tables with every frame the API accepts (PML4, PDPT, PD and page tables full of
    4 KiB user-writable pages) and ``MAX_TRACE`` writes to random pages (TLB misses)."""
    tables = memsetup.MAX_FRAMES - 3
    rng = random.Random(SEED)
    pd = [hex(((4 + i) << 12) | 7) if i < tables else "0x0" for i in range(512)]
    memory = {"1": ["0x2007"] + ["0x0"] * 511, "2": ["0x3007"] + ["0x0"] * 511, "3": pd}
    for t in range(tables):
        memory[str(4 + t)] = [hex(((DATA_FIRST + (t * 512 + i) % DATA_FRAMES) << 12) | 7)
                              for i in range(512)]
    pages = tables * 512
    addresses = [hex(rng.randrange(pages) << 12 | rng.randrange(0, 4096, 8))
                 for _ in range(memsetup.MAX_TRACE)]
    return {"paging": "x86_64", "root": "0x1000", "memory": memory, "access": "write",
            "user": True, "addresses": addresses}


def cases() -> dict[str, tuple[str, list[Action]]]:
    return {
        "memory": ("memory-shadow-vs-ept", [
            ("load_document", None, {"document": memory_document()}),
            ("compare", None, {}), ("set_mode", None, {"mode": "pv"}), ("quiz_new", None, {}),
            ("write_pte", None, {"va": "0x5000", "pfn": "0x180", "flags": "P RW US"}),
            ("run_trace", None, {})]),
        "boot": ("boot-big-host", [
            ("fragment", None, {"allocations": 200}),
            ("build", None, {"name": "big", "memory_mb": 40960, "vcpus": 4})]),
        "devices": ("devices-batch", [("batch", None, {"count": MAX_BATCH})]),
        "lifecycle": ("lifecycle-basics", [
            ("create", None, {"name": "huge", "memory_mb": 4096, "vcpus": 16}),
            ("save", "web", {}), ("restore", "web.save", {})]),
    }


# -- measuring ----------------------------------------------------------------------------

def perform(timeline: Timeline, action: Action, limit: int) -> Figures:
    """Submit ``action`` and step until it is done (at most ``limit`` steps)."""
    name, target, args = action
    figures = Figures(name)
    start, work = timeline.cursor, timeline.sim.work
    figures.submit = timed(lambda: timeline.act(name, target, args))
    figures.shots.append(timed(lambda: snapshot(timeline.sim)))
    while timeline.sim.busy() and len(figures.steps) < limit:
        figures.steps.append(timed(timeline.step))
        if len(figures.steps) % 50 == 0 or figures.steps[-1] > 0.01:
            figures.shots.append(timed(lambda: snapshot(timeline.sim)))
    figures.span, figures.work = (start, timeline.cursor), timeline.sim.work - work
    return figures


def seek_back(timeline: Timeline, figures: Figures) -> None:
    """From the end, seek to the last step of the action (checkpoint + replay)."""
    end = timeline.cursor
    figures.seek = timed(lambda: timeline.seek(figures.span[1] - 1))
    timeline.seek(end)


def checkpoint(sim: Simulation) -> tuple[int, float, float]:
    """(compressed bytes, checkpoint + compress seconds, decompress + restore seconds)."""
    blob = b""

    def save() -> None:
        nonlocal blob
        blob = zlib.compress(sim.checkpoint(), 1)

    saved = timed(save)
    restored = timed(lambda: Simulation.restore(sim.scenario, sim.seed,
                                                zlib.decompress(blob)))
    return len(blob), saved, restored


def unit_us(figures: Figures) -> float:
    """Model time per unit of ``Simulation.work`` over the action (µs)."""
    return (figures.submit + sum(figures.steps)) * 1e6 / max(1, figures.work)


def describe(figures: Figures, tick: float) -> list[str]:
    steps = figures.steps or [0.0]
    slowest = max([figures.submit, *steps])
    count = len(figures.steps) + 1
    return [
        f"  {figures.name}: submit {ms(figures.submit)} ({figures.submit / tick:,.0f} ticks); "
        f"{count:,} steps, slowest {ms(max(steps))} ({max(steps) / tick:,.0f} ticks), "
        f"median {ms(statistics.median(steps))}; work {figures.work:,} "
        f"({figures.work / count:,.0f} per step, {unit_us(figures):.0f} µs per unit)",
        f"    snapshot: max {ms(max(figures.shots))}; seek back to step {figures.span[1] - 1}: "
        f"{ms(figures.seek)} ({figures.seek / tick:,.0f} ticks)"
        f"{'  OVER BUDGET' if slowest > BUDGET_STEP_S else ''}",
    ]


def run_case(lab: str, scenario_id: str, actions: list[Action], tick: float, limit: int
             ) -> bool:
    timeline = Timeline(scenarios()[scenario_id], SEED)
    print(f"{lab} lab ({scenario_id})")
    ok, done = True, []
    for action in actions:
        figures = perform(timeline, action, limit)
        size, saved, restored = checkpoint(timeline.sim)
        done.append(figures)
        print(f"  after {action[0]}: checkpoint {size / 1e3:,.1f} kB compressed, "
              f"saved in {ms(saved)}, restored in {ms(restored)}")
        ok = ok and max(saved, restored) <= BUDGET_CHECKPOINT_S
    for figures in done:
        seek_back(timeline, figures)
        print("\n".join(describe(figures, tick)))
        ok = ok and max([figures.submit, *figures.steps]) <= BUDGET_STEP_S
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trace-steps", type=int, default=3000,
                        help="steps measured per action (a whole trace takes far more)")
    parser.add_argument("--lab", choices=["memory", "boot", "devices", "lifecycle"],
                        action="append", help="only these labs (default: all)")
    options = parser.parse_args()
    tick = baseline()
    print(f"baseline: lifecycle scheduler tick (Timeline.step) {ms(tick)}")
    print(f"memory document: {memsetup.MAX_TRACE:,} addresses, {memsetup.MAX_FRAMES} frames")
    ok = True
    for lab, (scenario_id, actions) in cases().items():
        if options.lab is None or lab in options.lab:
            ok = run_case(lab, scenario_id, actions, tick, options.trace_steps) and ok
    print(f"budget: every step and submit <= {BUDGET_STEP_S * 1000:.0f} ms, checkpoint and "
          f"restore <= {BUDGET_CHECKPOINT_S * 1000:.0f} ms: {'met' if ok else 'OVER BUDGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
