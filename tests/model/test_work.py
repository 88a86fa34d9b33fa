"""``Simulation.work``: a deterministic cost measure that grows at every step, more for heavy
steps than for a scheduler tick, and that a checkpoint keeps."""

from __future__ import annotations

import pytest

from webapp.model.errors import ModelError
from webapp.model.memlab import compare
from webapp.model.simulation import Simulation

from .memlab.documents import pages, x86_document
from .memlab.support import simulation
from .support import shipped


def costs(sim: Simulation, steps: int) -> list[int]:
    """The work of each of the next ``steps`` steps."""
    out = []
    for _ in range(steps):
        before = sim.work
        sim.step()
        out.append(sim.work - before)
    return out


@pytest.mark.parametrize("scenario_id", ["lifecycle-basics", "boot-dom0", "devices-batch",
                                         "memory-shadow-vs-ept"])
def test_work_grows_at_every_step_and_a_checkpoint_keeps_it(scenario_id: str) -> None:
    sim = Simulation(shipped(scenario_id), 3)
    assert sim.work == 0
    assert min(costs(sim, 50)) >= 1
    copy = Simulation.restore(sim.scenario, sim.seed, sim.checkpoint())
    assert copy.work == sim.work
    assert costs(copy, 30) == costs(sim, 30), "the same history costs the same work"


def test_a_tick_costs_a_few_units_and_a_chunk_of_comparison_its_plan_items() -> None:
    sim = simulation()
    tick = max(costs(sim, 20))
    sim.submit("load_document", None, {"document": x86_document(2, pages(600))})
    sim.submit("compare", None, {})
    chunk = max(costs(sim, 3))
    assert tick <= 10
    assert compare.CHUNK_WORK <= chunk <= compare.CHUNK_WORK + 64 + 5 * 512 // 8 + 5


def test_loading_tables_charges_their_size() -> None:
    small, large = simulation(), simulation()
    small.submit("load_document", None, {"document": x86_document(1)})
    large.submit("load_document", None, {"document": x86_document(20)})
    assert large.work - small.work >= 19 * 512 // 8


def test_a_refused_action_costs_nothing() -> None:
    sim = simulation()
    sim.step()
    before = sim.work
    with pytest.raises(ModelError):
        sim.submit("set_mode", None, {"mode": "vmware"})
    assert sim.work == before
