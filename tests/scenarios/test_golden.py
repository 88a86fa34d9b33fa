"""Golden traces: each shipped scenario, a fixed seed and a fixed action log give exactly the
saved event trace (kinds, actors, data, English and French narration). They double as worked
examples: read ``<scenario>.golden.json`` to follow a run step by step.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/scenarios`` and review
the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from webapp.catalog import scenarios
from webapp.model.domain import state_word, xl_state
from webapp.model.simulation import Simulation
from webapp.model.timeline import LoggedAction, Timeline

from .boot_runs import BOOT_RUNS
from .categories_runs import CATEGORIES_RUNS
from .cloud_runs import CLOUD_RUNS
from .devices_runs import DEVICES_RUNS
from .memory_runs import MEMORY_RUNS

HERE = Path(__file__).resolve().parent
SEED = 2024
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

#: Per scenario: how many steps to run, and the learner's actions (accepted at clock ``step``,
#: carried out as step ``step + 1``). Scripted actions come from the scenario itself.
RUNS: dict[str, tuple[int, list[LoggedAction]]] = {
    "lifecycle-basics": (64, [
        LoggedAction(2, "pause", "web"),
        LoggedAction(4, "pause", "web"),
        LoggedAction(6, "unpause", "web"),
        LoggedAction(8, "unpause", "web"),
        LoggedAction(12, "shutdown", "db"),
        LoggedAction(26, "create", None, {"name": "extra", "memory_mb": 256, "vcpus": 2}),
        LoggedAction(44, "unpause", "batch"),
        LoggedAction(48, "crash", "batch"),
    ]),
    "lifecycle-crash": (60, [
        LoggedAction(20, "destroy", "kept"),
    ]),
    "lifecycle-full-host": (60, [
        LoggedAction(2, "create", None, {"name": "big", "memory_mb": 1024}),
        LoggedAction(10, "destroy", "beta"),
        LoggedAction(20, "create", None, {"name": "big", "memory_mb": 1024}),
        LoggedAction(40, "pause", "big"),
        LoggedAction(45, "unpause", "big"),
    ]),
    "lifecycle-save-restore": (60, [
        LoggedAction(50, "pause", "cache"),
        LoggedAction(52, "pause", "cache"),
        LoggedAction(54, "unpause", "cache"),
    ]),
    **MEMORY_RUNS,
    **BOOT_RUNS,
    **DEVICES_RUNS,
    **CLOUD_RUNS,
    **CATEGORIES_RUNS,
}


def trace(scenario_id: str) -> dict[str, Any]:
    """The run of ``scenario_id`` as a JSON-safe document."""
    steps, log = RUNS[scenario_id]
    timeline = Timeline(scenarios()[scenario_id], SEED)
    events = []
    for action in log:
        events += timeline.step(action.step - timeline.cursor)
        events += timeline.act(action.action, action.target, action.args)
    events += timeline.step(steps - timeline.cursor)
    doc = {"scenario": scenario_id, "seed": SEED, "steps": steps,
           "actions": [a.to_dict() for a in timeline.action_log()],
           "events": [behaviour(event.to_dict()) for event in events],
           "final": final(timeline.sim)}
    normalised: dict[str, Any] = json.loads(json.dumps(doc))  # tuples become lists
    return normalised


def behaviour(event: dict[str, Any]) -> dict[str, Any]:
    """An event without its ``source``/``simplified``: they are a function of the kind alone
    (tests/model/test_sources.py), so a golden diff shows only what the model did."""
    return {key: value for key, value in event.items() if key not in ("source", "simplified")}


def final(sim: Simulation) -> dict[str, Any]:
    """``xl list`` and the images at the last step."""
    host = sim.world.host
    return {"domains": [[d.domid, d.name, xl_state(d), state_word(d), d.nr_pages]
                        for d in host.domains.values()],
            "free_frames": host.memory.free_frames(),
            "images": sorted(image.name for image in sim.world.images.values())}


def dump(doc: dict[str, Any]) -> str:
    """JSON with one event per line, so a change shows as a readable diff."""
    lines = []
    for key, value in doc.items():
        if isinstance(value, list) and value:
            rows = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in value)
            lines.append(f"  {json.dumps(key)}: [\n{rows}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def golden_path(scenario_id: str) -> Path:
    return HERE / f"{scenario_id}.golden.json"


def first_difference(saved: list[Any], now: list[Any]) -> str:
    for index, (old, new) in enumerate(zip(saved, now, strict=False)):
        if old != new:
            return f"event {index} differs:\n saved: {old}\n   now: {new}"
    return f"{len(saved)} events saved, {len(now)} now"


def test_every_shipped_scenario_has_a_golden_run() -> None:
    assert set(RUNS) == set(scenarios())


@pytest.mark.parametrize("scenario_id", sorted(RUNS))
def test_a_scenario_replays_exactly_its_golden_trace(scenario_id: str) -> None:
    now, path = trace(scenario_id), golden_path(scenario_id)
    if UPDATE:
        path.write_text(dump(now), encoding="utf-8")
    assert path.exists(), f"no {path.name}: run UPDATE_GOLDEN=1 pytest tests/scenarios"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["events"] == now["events"], first_difference(saved["events"], now["events"])
    assert saved == now


@pytest.mark.parametrize("scenario_id", sorted(RUNS))
def test_a_golden_trace_is_a_complete_worked_example(scenario_id: str) -> None:
    doc = trace(scenario_id)
    steps = {event["step"] for event in doc["events"]}
    assert steps == set(range(1, doc["steps"] + 1)), "every step says what happened"
    for event in doc["events"]:
        assert event["narration"]["en"] and event["narration"]["fr"]
        assert "{" not in event["narration"]["en"] + event["narration"]["fr"]
    assert not [e for e in doc["events"] if e["kind"] == "script.refused"]
