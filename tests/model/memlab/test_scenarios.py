"""The shipped memory-lab scenarios build, run their traces and narrate in both languages."""

from __future__ import annotations

import json

import pytest

from webapp.catalog import scenarios
from webapp.model.errors import ScenarioError
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot

from .support import run, scenario

MEMORY = sorted(sid for sid, s in scenarios().items() if s.lab == "memory")


def test_at_least_three_memory_scenarios_cover_native_pv_and_shadow_vs_ept() -> None:
    assert len(MEMORY) >= 3
    modes = {scenarios()[sid].extra.get("mode", "native") for sid in MEMORY}
    assert {"native", "pv", "shadow"} <= modes


@pytest.mark.parametrize("scenario_id", MEMORY)
def test_a_memory_scenario_runs_its_trace_and_compares_its_modes(scenario_id: str) -> None:
    sim = Simulation(scenarios()[scenario_id], 1)
    events = run(sim, "run_trace") + run(sim, "compare")
    assert events
    for event in events:
        for lang in ("en", "fr"):
            text = event.narration()[lang]
            assert text and "{" not in text and "mem." not in text and "memory." not in text
    json.dumps(snapshot(sim))


@pytest.mark.parametrize("extra, field", [
    ({"guest": "nobody"}, "guest"),
    ({"paging": "arm64"}, "paging"),
    ({"mode": "vmware"}, "mode"),
    ({"mappings": [{"va": "0x1001", "pfn": "0x5"}]}, "mappings[0]"),
    ({"mappings": [{"va": "0x1000"}]}, "mappings[0]"),
    ({"trace": [{"va": "0x1000", "access": "jump"}]}, "trace[0]"),
    ({"ostep": "not an ostep problem"}, "ostep"),
])
def test_a_bad_extra_section_is_refused_by_name(extra: dict[str, object], field: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        Simulation(scenario(**extra), 1)  # type: ignore[arg-type]
    assert caught.value.data["field"] == field
