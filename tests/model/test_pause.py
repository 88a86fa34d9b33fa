"""``xl pause`` / ``xl unpause``: Xen's ``controller_pause_count`` (facts §3.1)."""

from __future__ import annotations

import pytest

from webapp.model.domain import state_word, xl_state
from webapp.model.errors import Refused
from webapp.model.lifecycle.pause import MAX_PAUSE_COUNT
from webapp.model.simulation import Simulation

from .support import domain, kinds


@pytest.fixture
def warm(sim: Simulation) -> Simulation:
    for _ in range(3):
        sim.step()
    return sim


def test_pause_raises_the_count_and_shows_p(warm: Simulation) -> None:
    events = warm.submit("pause", "web")
    web = domain(warm, "web")
    assert kinds(events) == ("pause.paused",) and events[0].data["count"] == 1
    assert (web.controller_pause_count, state_word(web), xl_state(web)) == (1, "paused", "--p---")


def test_pausing_twice_and_unpausing_once_leaves_the_domain_paused_with_count_1(
        warm: Simulation) -> None:
    warm.submit("pause", "web")
    second = warm.submit("pause", "web")
    assert second[0].data["count"] == 2
    events = warm.submit("unpause", "web")
    web = domain(warm, "web")
    assert kinds(events) == ("pause.still_paused",) and events[0].data["count"] == 1
    assert (web.controller_pause_count, state_word(web)) == (1, "paused")
    for _ in range(10):
        warm.step()
    assert all(vcpu.pcpu is None for vcpu in web.vcpus)


def test_the_second_unpause_lets_the_domain_run_again(warm: Simulation) -> None:
    for action in ("pause", "pause", "unpause"):
        warm.submit(action, "web")
    events = warm.submit("unpause", "web")
    web = domain(warm, "web")
    assert kinds(events) == ("pause.unpaused",)
    assert web.controller_pause_count == 0 and web.schedulable()
    assert state_word(web) in ("runnable", "running", "blocked")


def test_a_paused_domain_leaves_the_cpus_but_keeps_its_memory(warm: Simulation) -> None:
    web = domain(warm, "web")
    assert any(vcpu.pcpu is not None for vcpu in web.vcpus)
    frames = warm.world.host.memory.frames_of(web.domid)
    warm.submit("pause", "web")
    assert all(vcpu.pcpu is None for vcpu in web.vcpus)
    assert all(cpu.current is None or cpu.current[0] != web.domid for cpu in warm.world.host.pcpus)
    assert warm.world.host.memory.frames_of(web.domid) == frames == web.nr_pages


def test_a_paused_domain_does_not_run_however_long_the_clock_ticks(warm: Simulation) -> None:
    warm.submit("pause", "db")
    db = domain(warm, "db")
    running = db.vcpus[0].ticks["running"]
    for _ in range(40):
        warm.step()
    assert db.vcpus[0].ticks["running"] == running
    assert db.vcpus[0].ticks["offline"] + db.vcpus[0].ticks["blocked"] >= 40


def test_a_guest_the_scenario_starts_paused_has_count_1(sim: Simulation) -> None:
    batch = domain(sim, "batch")
    assert (batch.controller_pause_count, state_word(batch), xl_state(batch)) == (
        1, "paused", "--p---")
    sim.submit("unpause", "batch")
    assert batch.controller_pause_count == 0


def test_the_count_stops_at_255_with_eoverflow(warm: Simulation) -> None:
    web = domain(warm, "web")
    web.controller_pause_count = MAX_PAUSE_COUNT - 1
    warm.submit("pause", "web")
    assert web.controller_pause_count == MAX_PAUSE_COUNT
    with pytest.raises(Refused) as refused:
        warm.submit("pause", "web")
    assert refused.value.key == "refused.pause.overflow"
    assert web.controller_pause_count == MAX_PAUSE_COUNT
