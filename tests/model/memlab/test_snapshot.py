"""The memory section of the snapshot: JSON-safe, hex strings, bounded, stable."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from webapp.model.snapshot import diff, snapshot

from .support import run, simulation

HEX = re.compile(r"0x[0-9a-f]+")


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def big_ints(value: Any) -> list[int]:
    if isinstance(value, dict):
        return [i for v in value.values() for i in big_ints(v)]
    if isinstance(value, list):
        return [i for v in value for i in big_ints(v)]
    return [value] if isinstance(value, int) and not isinstance(value, bool) and (
        value >= 1 << 32) else []


def test_the_section_is_json_safe_with_addresses_as_hex_strings() -> None:
    sim = simulation("pv")
    run(sim, "run_trace")
    memory = snapshot(sim)["memory"]
    assert json.loads(json.dumps(memory)) == memory
    assert big_ints(memory) == [], "64-bit values travel as hex strings"
    walk = memory["walk"]
    assert walk["request"]["va"].startswith("0x")
    assert all(item["text"]["en"] and item["text"]["fr"] for item in walk["items"])
    assert [f["name"] for f in walk["fields"]] == ["sign", "PML4", "PDPT", "PD", "PT",
                                                    "offset"]
    assert memory["pv"]["suggestions"] and memory["p2m"]["used"]


def test_the_walk_grows_one_item_per_step() -> None:
    sim = simulation()
    sim.submit("access", None, {"va": "0x401008", "access": "read", "user": True})
    positions = [snapshot(sim)["memory"]["walk"]["position"]]
    while sim.busy():
        sim.step()
        positions.append(snapshot(sim)["memory"]["walk"]["position"])
    assert positions == list(range(1, len(positions) + 1))


def test_a_two_megabyte_page_merges_the_pt_field_into_the_offset() -> None:
    large = [{"va": "0xffffffff81000000", "pfn": "0x400", "size": "2M", "flags": "P G"}]
    sim = simulation(mappings=large, trace=[])
    run(sim, "access", va="0xffffffff81001234", access="exec")
    fields = snapshot(sim)["memory"]["walk"]["fields"]
    assert [(f["name"], f["hi"], f["lo"]) for f in fields][-2:] == [("PD", 29, 21),
                                                                      ("offset", 20, 0)]


def test_a_snapshot_shares_nothing_the_lab_changes_later() -> None:
    """The web layer diffs the last snapshot sent against the next: an aliased list would
    hide a change (the quiz's attempts were lost this way)."""
    sim = simulation("pv")
    run(sim, "quiz_new")
    first = snapshot(sim)
    kept = copy.deepcopy(first)
    run(sim, "quiz_answer", answer="#GP")
    run(sim, "run_trace")
    run(sim, "mmu_update", ptr=first["memory"]["pv"]["suggestions"][3]["ptr"],
        val=first["memory"]["pv"]["suggestions"][3]["val"])
    run(sim, "compare")
    assert first == kept
    paths = [change["path"][:3] for change in diff(first, snapshot(sim))]
    assert ["memory", "quiz", "attempts"] in paths
