"""Issue 11, items 7, 8 and 13: the order of a save's stream, a restore that populates memory
on demand, VIRQ_DOM_EXC sent once by domain_kill, and ``xl shutdown`` of a paused domain."""

from __future__ import annotations

import pytest

from webapp.model.domain import state_word
from webapp.model.simulation import Simulation
from webapp.model.xenstore import home

from .conftest import Factory
from .support import domain, drain, kinds


@pytest.fixture
def warm(sim: Simulation) -> Simulation:
    for _ in range(3):
        sim.step()
    return sim


def test_libxc_writes_its_headers_before_the_domain_is_suspended(warm: Simulation) -> None:
    """xg_sr_save.c save(): headers, static data, STATIC_DATA_END, X86_PV_P2M_FRAMES, then
    send_domain_memory_nonlive → suspend_domain."""
    order = kinds(warm.submit("save", "web") + drain(warm))
    assert order.index("save.libxl_header") < order.index("save.stream_headers") < order.index(
        "shutdown.requested") < order.index("shutdown.completed") < order.index(
        "save.page_data")


def test_the_image_has_xls_header_then_libxls_stream_then_libxcs(warm: Simulation) -> None:
    warm.submit("save", "web")
    drain(warm)
    records = warm.world.images["web.save"].records
    assert records[:3] == ["xl header", "libxl header (LibxlFmt v2)", "LIBXC_CONTEXT"]
    statics = records[3:10]
    assert statics[0] == "image header (XENF v3)" and statics[-2:] == [
        "STATIC_DATA_END", "X86_PV_P2M_FRAMES"]
    assert "X86_CPUID_POLICY" in statics and records.index("PAGE_DATA") == 10
    assert records[-2:] == ["END", "libxl END"]


def test_a_restore_populates_each_batch_of_pages_when_its_data_arrives(warm: Simulation
                                                                       ) -> None:
    """No order-9 populate_physmap first: libxl__build_pre, then populate_pfns per record."""
    warm.submit("save", "web")
    drain(warm)
    free = warm.world.host.memory.free_frames()
    events = warm.submit("restore", "web.save") + drain(warm)
    order = kinds(events)
    assert "create.populate_2m" not in order and "create.populate_4k" not in order
    assert order.index("create.build_pre") < order.index("restore.stream_headers") < (
        order.index("restore.page_data"))
    grown = [e.data["written"] for e in events if e.kind == "restore.page_data"]
    assert grown == sorted(grown) and grown[-1] == domain(warm, "web").nr_pages
    assert warm.world.host.memory.free_frames() == free - grown[-1]


def test_virq_dom_exc_is_sent_once_by_domain_kill_not_again(warm: Simulation) -> None:
    events = warm.submit("destroy", "db") + drain(warm)
    dead = next(e for e in events if e.kind == "destroy.dead")
    assert "again" not in dead.narration()["en"] and "once" in dead.narration()["en"]
    assert "de nouveau" not in dead.narration()["fr"]


def test_shutdown_of_a_paused_domain_waits_in_xenstore_until_it_is_unpaused(
        host_with: Factory) -> None:
    """xl writes the request and returns; the guest answers once unpaused (no refusal)."""
    sim = host_with({"name": "g", "memory_mb": 128, "on_poweroff": "preserve"})
    for _ in range(3):
        sim.step()
    sim.submit("pause", "g")
    drain(sim)
    guest = domain(sim, "g")
    events = sim.submit("shutdown", "g") + drain(sim)
    assert kinds(events) == ("shutdown.requested", "shutdown.pending")
    assert "unpaused" in events[-1].narration()["en"]
    path = f"{home(guest.domid)}/control/shutdown"
    assert sim.world.host.xenstore.read(path) == "poweroff" and state_word(guest) == "paused"
    answered = kinds(sim.submit("unpause", "g") + drain(sim))
    assert answered[:2] == ("pause.unpaused", "shutdown.acknowledged")
    assert "shutdown.completed" in answered and state_word(guest) == "shutdown"


def test_xenmem_machine_memory_map_comes_before_xenbus_in_the_guest_kernel() -> None:
    from webapp.model.boot.guest import GUEST_STEPS

    names = [step.__name__ for step in GUEST_STEPS]
    assert names.index("memory_map") < names.index("connect_xenstore")
