"""Each lifecycle action, step by step, as virtualization-facts.md §3.3–3.4 describes it."""

from __future__ import annotations

import pytest

from webapp.model.domain import Dying, ShutdownReason, state_word, xl_state
from webapp.model.memory import FREE
from webapp.model.simulation import Simulation
from webapp.model.xenstore import home

from .conftest import Factory
from .support import domain, drain, kinds, until, walk

DESTROY = [
    (("destroy.paused",), "--p{}-"),
    (("destroy.devices_removed",), "--p{}-"),
    (("destroy.dying",), "--p{}-"),
    (("destroy.memory_freed",), "--p{}-"),
    (("destroy.dead",), "--p{}d"),
    (("destroy.gone",), "gone"),
]


def destroy_rows(shutdown: str) -> list[tuple[tuple[str, ...], str]]:
    """The six steps of ``xl destroy``; ``shutdown`` is ``xl list``'s columns 4–5 meanwhile
    ("s-" after a poweroff, "sc" after a crash, "--" when the domain was not shut down)."""
    return [(k, state.format(shutdown)) for k, state in DESTROY]


@pytest.fixture
def warm(sim: Simulation) -> Simulation:
    """The basics scenario after three scheduler ticks: web and db are on the physical CPUs."""
    for _ in range(3):
        sim.step()
    return sim


def test_shutdown_follows_the_pv_control_protocol_then_destroys_the_domain(warm: Simulation
                                                                           ) -> None:
    web = domain(warm, "web")
    rows = walk(warm, warm.submit("shutdown", "web"), web.domid)
    assert rows == [
        (("shutdown.requested",), "r-----"),
        (("shutdown.acknowledged",), "r-----"),
        (("shutdown.hypercall", "shutdown.vcpus_paused"), "------"),
        (("shutdown.completed",), "---s--"),
        (("shutdown.action",), "---s--"),
        *destroy_rows("s-"),
    ]


def test_shutdown_writes_poweroff_and_the_guest_answers_with_the_empty_string(warm: Simulation
                                                                              ) -> None:
    web = domain(warm, "web")
    path = f"{home(web.domid)}/control/shutdown"
    first = warm.submit("shutdown", "web")
    assert warm.world.host.xenstore.read(path) == "poweroff"
    assert first[0].data["value"] == "poweroff" and first[0].data["path"] == path
    warm.step()
    assert warm.world.host.xenstore.read(path) == ""


def test_the_shutdown_hypercall_pauses_every_vcpu_and_takes_them_off_the_cpus(warm: Simulation
                                                                              ) -> None:
    web = domain(warm, "web")
    warm.submit("shutdown", "web")
    events = until(warm, "shutdown.vcpus_paused")
    assert [e.data["code"] for e in events if e.kind == "shutdown.hypercall"] == [0]
    assert web.is_shutting_down and not web.is_shut_down
    assert state_word(web) == "shutting_down"
    assert all(vcpu.pcpu is None for vcpu in web.vcpus)
    assert all(cpu.current is None or cpu.current[0] != web.domid for cpu in warm.world.host.pcpus)


def test_shutdown_completes_with_s_in_xl_list_and_applies_on_poweroff(warm: Simulation) -> None:
    web = domain(warm, "web")
    warm.submit("shutdown", "web")
    until(warm, "shutdown.completed")
    assert (xl_state(web), state_word(web), web.shutdown_code) == (
        "---s--", "shutdown", ShutdownReason.POWEROFF)
    action = [e for e in warm.step() if e.kind == "shutdown.action"][0]
    assert action.data | {"domain": "web"} == action.data
    assert (action.data["setting"], action.data["on_action"]) == ("on_poweroff", "destroy")


def test_a_destroyed_domain_is_gone_and_its_frames_are_free_again(warm: Simulation) -> None:
    memory = warm.world.host.memory
    web = domain(warm, "web")
    free, pages = memory.free_frames(), web.nr_pages
    warm.submit("shutdown", "web")
    drain(warm)
    assert web.domid not in warm.world.host.domains and warm.world.host.find("web") is None
    assert memory.frames_of(web.domid) == 0
    assert memory.free_frames() == free + pages
    assert warm.world.host.xenstore.subtree(home(web.domid)) == {}


def test_destroy_passes_through_dying_then_dead_and_only_dead_shows_d(warm: Simulation) -> None:
    web = domain(warm, "web")
    warm.submit("destroy", "web")
    until(warm, "destroy.dying")
    assert web.is_dying is Dying.DYING and xl_state(web)[5] == "-"
    assert state_word(web) == "dying"
    until(warm, "destroy.dead")
    assert web.is_dying.value == "dead" and xl_state(web) == "--p--d"
    assert (web.nr_pages, web.p2m) == (0, [])


def test_destroy_of_a_running_domain_pauses_it_first(warm: Simulation) -> None:
    web = domain(warm, "web")
    rows = walk(warm, warm.submit("destroy", "web"), web.domid)
    assert rows == destroy_rows("--")
    assert [e for e in rows[0][0]] == ["destroy.paused"]


def test_reboot_with_on_reboot_restart_gives_a_new_domid_with_the_same_name(warm: Simulation
                                                                            ) -> None:
    db = domain(warm, "db")
    rows = walk(warm, warm.submit("reboot", "db"), db.domid)
    assert rows[:5] == [
        (("shutdown.requested",), "r-----"),
        (("shutdown.acknowledged",), "r-----"),
        (("shutdown.hypercall", "shutdown.vcpus_paused"), "------"),
        (("shutdown.completed",), "---sr-"),
        (("shutdown.action",), "---sr-"),
    ]
    assert rows[5:11] == destroy_rows("sr")
    assert [k for k, _ in rows[11:13]] == [("create.restart",), ("create.domain_created",)]
    reborn = domain(warm, "db")
    assert reborn.domid > db.domid and db.domid not in warm.world.host.domains
    assert reborn.config == db.config
    assert (state_word(reborn), reborn.controller_pause_count) == ("runnable", 0)
    assert reborn.creation_finished and reborn.nr_pages == db.config.memory_mb * 256


def test_reboot_writes_reboot_to_the_control_node(warm: Simulation) -> None:
    db = domain(warm, "db")
    warm.submit("reboot", "db")
    assert warm.world.host.xenstore.read(f"{home(db.domid)}/control/shutdown") == "reboot"


def test_crash_with_on_crash_preserve_stays_as_sc_and_keeps_its_memory(host_with: Factory
                                                                       ) -> None:
    sim = host_with({"name": "kept", "memory_mb": 256, "on_crash": "preserve"})
    kept = domain(sim, "kept")
    rows = walk(sim, sim.submit("crash", "kept"), kept.domid)
    assert rows == [
        (("crash.panic", "shutdown.vcpus_paused"), "------"),
        (("shutdown.completed",), "---sc-"),
        (("shutdown.action",), "---sc-"),
    ]
    assert (state_word(kept), kept.busy, kept.nr_pages) == ("crashed", None, 256 * 256)
    for _ in range(20):
        sim.step()
    assert xl_state(kept) == "---sc-"
    assert sim.world.host.memory.frames_of(kept.domid) == 256 * 256


def test_a_preserved_crashed_domain_can_only_be_destroyed(host_with: Factory) -> None:
    sim = host_with({"name": "kept", "memory_mb": 256, "on_crash": "preserve"})
    sim.submit("crash", "kept")
    drain(sim)
    from webapp.model.lifecycle.rules import allowed_actions

    assert allowed_actions(domain(sim, "kept")) == ("destroy",)
    rows = walk(sim, sim.submit("destroy", "kept"), domain(sim, "kept").domid)
    assert rows == destroy_rows("sc")


def test_crash_by_default_destroys_the_domain(warm: Simulation) -> None:
    web = domain(warm, "web")
    assert web.config.on_crash == "destroy"
    rows = walk(warm, warm.submit("crash", "web"), web.domid)
    assert rows == [
        (("crash.panic", "shutdown.vcpus_paused"), "------"),
        (("shutdown.completed",), "---sc-"),
        (("shutdown.action",), "---sc-"),
        *destroy_rows("sc"),
    ]
    assert warm.world.host.find("web") is None


def test_crash_with_on_crash_restart_comes_back_as_a_new_domain(host_with: Factory) -> None:
    sim = host_with({"name": "phoenix", "memory_mb": 256, "on_crash": "restart"})
    old = domain(sim, "phoenix").domid
    events = sim.submit("crash", "phoenix") + drain(sim)
    restart = [event for event in events if event.kind == "create.restart"]
    assert restart and restart[0].data["setting"] == "on_crash"
    assert restart[0].narration()["en"].startswith("on_crash = restart")
    assert domain(sim, "phoenix").domid == old + 1


def test_a_reboot_restart_is_narrated_as_on_reboot(warm: Simulation) -> None:
    events = warm.submit("reboot", "db") + drain(warm)
    restart = [event for event in events if event.kind == "create.restart"]
    assert restart[0].data["setting"] == "on_reboot"


def test_the_watchdog_shuts_the_domain_down_with_reason_w(warm: Simulation) -> None:
    db = domain(warm, "db")
    rows = walk(warm, warm.submit("watchdog", "db"), db.domid)
    assert rows == [
        (("crash.watchdog", "shutdown.vcpus_paused"), "------"),
        (("shutdown.completed",), "---sw-"),
        (("shutdown.action",), "---sw-"),
        *destroy_rows("sw"),
    ]


def test_on_poweroff_preserve_keeps_the_shut_down_domain(host_with: Factory) -> None:
    sim = host_with({"name": "keep", "memory_mb": 128, "on_poweroff": "preserve"})
    sim.submit("shutdown", "keep")
    drain(sim)
    assert (xl_state(domain(sim, "keep")), state_word(domain(sim, "keep"))) == (
        "---s--", "shutdown")


def test_the_first_shutdown_reason_wins(host_with: Factory) -> None:
    sim = host_with({"name": "g", "memory_mb": 128, "on_poweroff": "preserve"})
    sim.submit("shutdown", "g")
    drain(sim)
    from webapp.model.lifecycle.common import pause_for_shutdown
    from webapp.model.operations import Context, Operation

    ctx = Context(sim.world, sim.rng, sim.step_no, lambda *a: Operation(0, "x", None))
    pause_for_shutdown(ctx, Operation(0, "crash", domain(sim, "g").domid), ShutdownReason.CRASH)
    assert domain(sim, "g").shutdown_code is ShutdownReason.POWEROFF


# -- save and restore ------------------------------------------------------------------------


def test_save_suspends_streams_every_page_then_destroys_the_domain(warm: Simulation) -> None:
    web = domain(warm, "web")
    rows = walk(warm, warm.submit("save", "web"), web.domid)
    assert [row[0] for row in rows[:3]] == [("save.header",), ("save.libxl_header",),
                                             ("save.stream_headers",)]
    assert rows[3:7] == [
        (("shutdown.requested",), rows[3][1]),
        (("shutdown.acknowledged",), rows[4][1]),
        (("shutdown.hypercall", "shutdown.vcpus_paused"), "------"),
        (("shutdown.completed",), "---ss-"),
    ]
    assert all(row[1][3] == "-" for row in rows[:5]), "still running while headers are written"
    assert rows[7:11] == [(("save.page_data",), "---ss-")] * 4
    assert rows[11:] == [(("save.complete",), "---ss-"), *destroy_rows("ss")]


def test_a_saved_image_is_complete_and_holds_all_the_pages(warm: Simulation) -> None:
    web = domain(warm, "web")
    warm.submit("save", "web")
    drain(warm)
    image = warm.world.images["web.save"]
    assert image.complete and image.pages_written == image.nr_pages == web.config.memory_mb * 256
    assert (image.config, image.from_domid) == (web.config, web.domid)
    assert image.records[0] == "xl header" and image.records[-1] == "libxl END"
    assert image.records.count("PAGE_DATA") == 4
    assert warm.world.host.find("web") is None


def test_save_asks_the_guest_to_suspend_through_xenstore(warm: Simulation) -> None:
    web = domain(warm, "web")
    warm.submit("save", "web", {"file": "w1"})
    for _ in range(3):  # libxl's and libxc's headers come first
        warm.step()
    assert warm.world.host.xenstore.read(f"{home(web.domid)}/control/shutdown") == "suspend"
    assert not warm.world.images["w1"].complete


def test_restore_builds_a_new_running_domain_from_the_image(warm: Simulation) -> None:
    web = domain(warm, "web")
    warm.submit("save", "web")
    drain(warm)
    free = warm.world.host.memory.free_frames()
    events = warm.submit("restore", "web.save") + drain(warm)
    back = domain(warm, "web")
    assert back.domid > web.domid
    assert "restore.resumed" in kinds(events) and kinds(events)[-2:] == (
        "create.unpaused", "create.vcpus_up")
    assert (back.controller_pause_count, back.creation_finished, back.shutdown_code) == (
        0, True, None)
    assert state_word(back) in ("runnable", "running", "blocked")
    assert back.nr_pages == web.config.memory_mb * 256
    assert all(vcpu.online for vcpu in back.vcpus) and len(back.vcpus) == 2
    assert warm.world.host.memory.free_frames() == free - back.nr_pages
    for _ in range(5):
        warm.step()
    assert xl_state(back)[0] == "r" or xl_state(back)[1] == "b"


def test_restore_loads_every_page_of_the_image(warm: Simulation) -> None:
    warm.submit("save", "web")
    drain(warm)
    events = warm.submit("restore", "web.save") + drain(warm)
    pages = [e.data for e in events if e.kind == "restore.page_data"]
    assert len(pages) == 4 and pages[-1]["written"] == pages[-1]["total"]
    assert sum(p["pages"] for p in pages) == pages[-1]["total"]


def test_restore_with_p_leaves_the_new_domain_paused(warm: Simulation) -> None:
    warm.submit("save", "db")
    drain(warm)
    warm.submit("restore", "db.save", {"paused": True})
    drain(warm)
    db = domain(warm, "db")
    assert (state_word(db), db.controller_pause_count, xl_state(db)) == ("paused", 1, "--p---")


def test_the_same_image_can_be_restored_again_after_the_domain_is_destroyed(warm: Simulation
                                                                            ) -> None:
    warm.submit("save", "db")
    drain(warm)
    warm.submit("restore", "db.save")
    drain(warm)
    first = domain(warm, "db").domid
    warm.submit("destroy", "db")
    drain(warm)
    warm.submit("restore", "db.save")
    drain(warm)
    assert domain(warm, "db").domid > first


def test_saving_to_the_file_being_restored_does_not_disturb_the_restore(warm: Simulation
                                                                        ) -> None:
    warm.submit("save", "db")
    drain(warm)
    warm.submit("restore", "db.save")
    warm.step()
    warm.submit("save", "web", {"file": "db.save"})
    events = drain(warm)
    restored = [e.data for e in events if e.kind == "restore.page_data"]
    saved = [e.data for e in events if e.kind == "save.page_data"]
    assert restored[-1]["written"] == restored[-1]["total"] == domain(warm, "db").nr_pages
    assert saved[-1]["written"] == saved[-1]["total"] == 1024 * 256 and len(saved) == 4
    assert warm.world.images["db.save"].config.name == "web"


# -- create ------------------------------------------------------------------------------------


def test_create_builds_the_domain_in_libxl_order(sim: Simulation) -> None:
    rows = walk(sim, sim.submit("create", None, {"name": "new", "memory_mb": 300, "vcpus": 2}),
                max(sim.world.host.domains) + 1)
    assert [k for k, _ in rows] == [(kind,) for kind in (
        "create.parse_config", "create.domain_created", "create.build_pre", "create.parse_image",
        "create.populate_2m", "create.populate_4k", "create.build_image", "create.boot_image",
        "create.pin_l4", "create.vcpu_context", "create.gnttab_seed", "create.introduce",
        "create.devices", "create.unpaused", "create.vcpus_up")]
    assert [state for _, state in rows][:2] == ["gone", "--p---"]
    assert rows[-2][1] == "------"


def test_a_created_domain_is_born_paused_with_count_1_until_unpaused(sim: Simulation) -> None:
    sim.submit("create", None, {"name": "new", "memory_mb": 64})
    sim.step()
    new = domain(sim, "new")
    assert (new.controller_pause_count, new.creation_finished, state_word(new)) == (
        1, False, "paused")
    until(sim, "create.devices")
    assert new.controller_pause_count == 1
    until(sim, "create.unpaused")
    assert (new.controller_pause_count, new.creation_finished) == (0, True)


def test_create_gives_contiguous_pseudo_physical_frames_from_scattered_machine_frames(
        sim: Simulation) -> None:
    sim.submit("create", None, {"name": "new", "memory_mb": 301})
    drain(sim)
    new = domain(sim, "new")
    assert new.nr_pages == 301 * 256
    assert [run.pfn for run in new.p2m] == [
        sum(r.count for r in new.p2m[:i]) for i in range(len(new.p2m))]
    assert new.p2m[0].count % 512 == 0 and len(new.p2m) > 1


def test_create_p_stays_paused_after_the_build(sim: Simulation) -> None:
    events = sim.submit("create", None, {"name": "new", "memory_mb": 64, "paused": True})
    events += drain(sim)
    new = domain(sim, "new")
    assert kinds(events)[-1] == "create.left_paused"
    assert (new.controller_pause_count, new.creation_finished, xl_state(new)) == (
        1, False, "--p---")
    for _ in range(10):
        sim.step()
    assert all(vcpu.pcpu is None for vcpu in new.vcpus)


def test_unpausing_a_domain_created_with_p_finishes_its_creation(sim: Simulation) -> None:
    sim.submit("create", None, {"name": "new", "memory_mb": 64, "vcpus": 3, "paused": True})
    drain(sim)
    events = sim.submit("unpause", "new")
    new = domain(sim, "new")
    assert kinds(events) == ("pause.unpaused", "create.vcpus_up")
    assert (new.controller_pause_count, new.creation_finished) == (0, True)
    assert [vcpu.online for vcpu in new.vcpus] == [True, True, True]


def test_a_create_that_does_not_fit_fails_with_enomem_and_leaves_nothing_allocated(
        host_with: Factory) -> None:
    sim = host_with({"name": "big", "memory_mb": 2048}, memory_mb=3072)
    memory = sim.world.host.memory
    runs, free, nodes = list(memory.runs), memory.free_frames(), dict(
        sim.world.host.xenstore.nodes)
    events = sim.submit("create", None, {"name": "huge", "memory_mb": 1024}) + drain(sim)
    failed = [e for e in events if e.kind == "create.failed_enomem"]
    assert kinds(events)[-1] == "create.failed_enomem" and failed[0].notable
    assert failed[0].data["free"] < failed[0].data["wanted"]
    assert memory.free_frames() == free and memory.runs == runs
    assert sim.world.host.find("huge") is None
    assert set(memory.owners()) == {FREE, *(d for d in sim.world.host.domains), 0x7FF2}
    assert sim.world.host.xenstore.nodes == nodes


def test_after_destroying_a_guest_the_same_create_fits(host_with: Factory) -> None:
    sim = host_with({"name": "big", "memory_mb": 2048}, memory_mb=3072)
    sim.submit("destroy", "big")
    drain(sim)
    sim.submit("create", None, {"name": "huge", "memory_mb": 1024})
    drain(sim)
    assert domain(sim, "huge").nr_pages == 1024 * 256


def test_two_creates_of_the_same_name_cannot_both_be_started(sim: Simulation) -> None:
    from webapp.model.errors import Refused

    sim.submit("create", None, {"name": "twin", "memory_mb": 64})
    with pytest.raises(Refused) as refused:
        sim.submit("create", None, {"name": "twin", "memory_mb": 64})
    assert refused.value.data["domain"] == "twin"
    drain(sim)
    assert [d.name for d in sim.world.host.domains.values()].count("twin") == 1


def test_the_name_of_a_rebooting_domain_stays_taken_until_it_is_rebuilt(sim: Simulation) -> None:
    from webapp.model.errors import Refused

    sim.submit("reboot", "db")
    until(sim, "destroy.gone")
    with pytest.raises(Refused):
        sim.submit("create", None, {"name": "db", "memory_mb": 64})
    drain(sim)
    assert [d.name for d in sim.world.host.domains.values()].count("db") == 1
