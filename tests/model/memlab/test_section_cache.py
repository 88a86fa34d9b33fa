"""The memory section reuses what did not change (a frame's rows, the P2M and PV views) and
still shows exactly what a section computed from scratch shows, at every step."""

from __future__ import annotations

import pytest

from webapp.model.memlab.section import section
from webapp.model.simulation import Simulation

from .documents import pages, x86_document
from .support import lab, simulation

ACTIONS: list[tuple[str, dict[str, object]]] = [
    ("run_trace", {}),
    ("write_pte", {"va": "0x3000", "pfn": "0x0", "flags": ""}),  # unmaps data frame 0x103
    ("access", {"va": "0x3008", "access": "write", "user": True}),
    ("write_cr3", {}),
    ("access", {"va": "0x1000", "access": "read", "user": True}),
]


def fresh(sim: Simulation) -> Simulation:
    """A copy restored from a checkpoint: the same state, no cached views."""
    return Simulation.restore(sim.scenario, sim.seed, sim.checkpoint())


@pytest.mark.parametrize("mode", ["native", "pv", "shadow", "ept"])
def test_the_cached_views_equal_views_computed_from_scratch_at_every_step(mode: str) -> None:
    sim = simulation()
    sim.submit("load_document", None, {"document": x86_document(2, pages(6, every=2))})
    sim.submit("set_mode", None, {"mode": mode})
    start = lab(sim).tables_version, lab(sim).layout_version
    for action, args in ACTIONS:
        sim.submit(action, None, dict(args))
        while sim.busy():
            assert section(sim.world) == section(fresh(sim).world)
            sim.step()
    assert section(sim.world) == section(fresh(sim).world)
    used = [row["pfn"] for row in section(sim.world)["p2m"]["used"]]  # type: ignore[index]
    assert "0x102" in used and "0x103" not in used
    changes = lab(sim).tables_version - start[0], lab(sim).layout_version - start[1]
    assert changes[0] > changes[1] >= 1, "A/D write-backs change the tables, not the layout"
