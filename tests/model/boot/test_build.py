"""Building a domain step by step (§1.4–1.8), the same model as the lifecycle lab's create."""

from __future__ import annotations

import dataclasses

import pytest

from webapp.model.boot.state import BootLab
from webapp.model.domain import state_word
from webapp.model.errors import InvalidCommand, Refused
from webapp.model.memory import DOMID_XEN, FREE
from webapp.model.simulation import Simulation

from ..support import check_invariants, shipped
from .helpers import build, domain, host_sim, kinds, run_to_end

#: Today's Linux (XEN_ELFNOTE_MOD_START_PFN, XEN_ELFNOTE_INIT_P2M): the initrd and the P2M list
#: come after the region (issue 11, item 4).
SI = ["boot.si_magic", "boot.si_shared_info", "boot.si_flags", "boot.si_store", "boot.si_console",
      "boot.si_pt_base", "boot.si_mfn_list_p2m", "boot.si_module_pfn", "boot.si_cmd_line"]
PLACES = [*(f"boot.place_{name}" for name in ("kernel", "start_info", "xenstore", "console",
                                              "pagetables", "stack")),
          "boot.place_initrd_unmapped", "boot.place_p2m_outside"]
GUEST = ["boot.guest_entry", "boot.guest_start_info", "boot.guest_p2m", "boot.guest_pagetables",
         "boot.guest_shared_info", "boot.guest_callbacks", "boot.guest_memory_map",
         "boot.guest_xenbus", "boot.guest_init"]


def test_a_detailed_build_follows_the_real_sequence_one_call_per_step() -> None:
    sim = host_sim()
    events = build(sim)
    steps = [[e.kind for e in events if e.step == step and e.kind != "sched.tick"]
             for step in sorted({e.step for e in events})]
    assert all(len(kinds_) == 1 for kinds_ in steps), "one thing per step"
    assert kinds(events) == [
        "create.parse_config", "create.domain_created", "boot.max_limits", "boot.evtchns",
        "boot.load_files", "boot.parse_elf", "boot.mem_init", "boot.populate_2m",
        "create.populate_4k", *PLACES, "boot.shared_info_frame", "boot.pgtables_upper_p2m",
        "boot.pgtables_l1", "boot.p2m_copied", *SI, "boot.hypercall_page", "boot.pin_l4",
        "boot.shared_info_init", "boot.vcpu_context", "boot.gnttab", "boot.xenstore_nodes",
        "create.introduce", "create.devices", "create.unpaused", *GUEST]
    check_invariants(sim)


def test_the_domain_is_born_paused_and_unpaused_once_with_count_1_to_0() -> None:
    sim = host_sim()
    sim.submit("build", None, {"name": "g", "memory_mb": 128})
    sim.step()
    guest = domain(sim)
    counts = []
    while sim.busy():
        counts.append(guest.controller_pause_count)
        sim.step()
    assert counts[0] == 1 and counts[-1] == 0 and counts.count(0) < counts.count(1)
    assert guest.creation_finished and state_word(guest) != "paused"


def test_start_info_fills_one_group_per_step_with_real_values() -> None:
    sim = host_sim()
    sim.submit("build", None, {"name": "g", "memory_mb": 128, "cmdline": "root=/dev/xvda1 quiet"})
    sim.step()
    guest = domain(sim)
    seen = []
    while sim.busy():
        events = sim.step()
        if any(e.kind.startswith("boot.si_") for e in events) and guest.boot is not None:
            seen.append(len(guest.boot.start_info))
    assert seen == sorted(seen) and len(seen) == 9 and len(set(seen)) == 9
    info = guest.boot.start_info
    assert info["nr_pages"] == guest.nr_pages == 128 * 256
    assert info["cmd_line"] == "root=/dev/xvda1 quiet"
    assert info["store_evtchn"] == guest.store_port and info["console.domU.evtchn"] == (
        guest.console_port)
    assert info["shared_info"] == guest.boot.shared_info_mfn << 12
    assert sim.world.host.memory.owner_of(guest.boot.shared_info_mfn) == DOMID_XEN


def test_vcpu0_registers_point_into_the_region_and_cr3_at_the_top_table() -> None:
    sim = host_sim()
    build(sim)
    guest = domain(sim)
    regs, layout = guest.boot.registers, guest.boot.layout
    assert regs["rsi"] == layout.segment("start_info").vstart == layout.segment(
        "kernel").vend
    assert regs["cr3"] >> 12 == guest.boot.tables[0].mfn
    assert sim.world.host.memory.owner_of(regs["cr3"] >> 12) == guest.domid
    assert guest.vcpus[0].online


def test_the_grant_table_seeds_the_console_and_xenstore_rings() -> None:
    sim = host_sim()
    build(sim)
    guest = domain(sim)
    info = guest.boot.start_info
    assert guest.boot.grants == [(0, "console", 0, info["console.domU.mfn"]),
                                 (1, "xenstore", 0, info["store_mfn"])]


def test_lifecycle_create_and_boot_build_make_the_same_domain() -> None:
    """The lifecycle lab groups the same micro-steps: only the narration differs."""
    coarse, fine = host_sim(fragmentation=0.5), host_sim(fragmentation=0.5)
    coarse_events = build(coarse, "create", vcpus=2, cmdline="ro")
    build(fine, "build", vcpus=2, cmdline="ro")
    a, b = domain(coarse), domain(fine)
    assert (a.p2m, a.nr_pages, a.store_port, a.console_port) == (
        b.p2m, b.nr_pages, b.store_port, b.console_port)
    assert a.boot is not None and b.boot is not None
    strip = {"recent": (), "recent_step": -1}
    assert dataclasses.replace(a.boot, **strip) == dataclasses.replace(b.boot, **strip)
    assert coarse.world.host.memory.runs == fine.world.host.memory.runs
    assert coarse.world.host.xenstore.nodes == fine.world.host.xenstore.nodes
    assert not [e for e in coarse_events if e.kind.startswith("boot.")]
    assert len(coarse_events) < len(build(host_sim(), "build"))


def test_a_create_with_p_then_unpause_boots_the_guest_kernel() -> None:
    sim = host_sim(lab="lifecycle")
    build(sim, "create", paused=True)
    guest = domain(sim)
    assert not guest.boot.did("guest:init")
    sim.submit("unpause", "g")
    assert guest.boot.did("guest:init") and guest.boot.guest["callbacks"]


def test_enomem_rolls_back_and_leaves_nothing_allocated() -> None:
    sim = host_sim(memory_mb=1024)
    memory = sim.world.host.memory
    runs, nodes = list(memory.runs), dict(sim.world.host.xenstore.nodes)
    events = build(sim, memory_mb=900)
    assert kinds(events)[-1] == "create.failed_enomem" and events[-1].notable
    assert memory.runs == runs and sim.world.host.find("g") is None
    assert sim.world.host.xenstore.nodes == nodes
    failure = sim.world.labs["boot"].failure
    assert failure["key"] == "create.failed_enomem" and failure["domain"] == "g"
    check_invariants(sim)


def test_a_domain_too_small_for_its_region_fails_and_leaves_nothing_allocated() -> None:
    sim = host_sim()
    runs = list(sim.world.host.memory.runs)
    events = build(sim, memory_mb=32)
    failed = [e for e in events if e.kind == "create.failed_too_small"]
    assert failed and failed[0].data["element"] == "kernel" and failed[0].notable
    assert sim.world.host.memory.runs == runs and sim.world.host.find("g") is None


def test_the_command_line_and_memory_size_show_in_start_info_and_the_p2m() -> None:
    small, big = host_sim(fragmentation=1.0), host_sim(fragmentation=1.0)
    build(small, memory_mb=64, cmdline="a")
    build(big, memory_mb=1024, cmdline="b")
    a, b = domain(small), domain(big)
    assert (a.boot.start_info["cmd_line"], b.boot.start_info["cmd_line"]) == ("a", "b")
    assert b.boot.layout.segment("p2m").size == 1024 * 256 * 8
    assert a.boot.layout.segment("p2m").size == 64 * 256 * 8


def test_fragmenting_the_host_scatters_the_next_domain() -> None:
    plain, scattered = host_sim(), host_sim()
    scattered.submit("fragment", None, {"allocations": 60})
    run_to_end(scattered)
    build(plain, memory_mb=1024)
    build(scattered, memory_mb=1024)
    assert len(domain(plain).p2m) == 1 and len(domain(scattered).p2m) > 5
    check_invariants(scattered)


@pytest.mark.parametrize("args", [{"allocations": 0}, {"allocations": True}, {"extra": 1}])
def test_fragment_checks_its_arguments(args: dict[str, object]) -> None:
    with pytest.raises(InvalidCommand):
        host_sim().submit("fragment", None, args)


def test_boot_both_interleaves_the_two_pipelines_round_robin() -> None:
    sim = host_sim()
    events = sim.submit("boot_both", None, {"name": "g", "memory_mb": 128})
    for _ in range(8):
        events += sim.step()
    heads = [e.kind.split(".")[0] for e in events if e.kind != "sched.tick"]
    assert heads[:2] == ["create", "create"] or heads[0] == "create"
    native = [i for i, head in enumerate(heads) if head == "native"]
    assert native and all(b - a == 2 for a, b in zip(native, native[1:], strict=False))
    run_to_end(sim)
    lab = sim.world.labs["boot"]
    assert isinstance(lab, BootLab) and lab.native.steps[-1] == "running"
    assert lab.native.e820 and lab.native.boot_params["e820_entries"] == len(lab.native.e820)


def test_power_on_and_off_are_refused_when_they_make_no_sense() -> None:
    sim = host_sim()
    with pytest.raises(Refused):
        sim.submit("power_off", None, {})
    sim.submit("power_on", None, {})
    with pytest.raises(Refused):
        sim.submit("power_on", None, {})
    with pytest.raises(Refused):
        sim.submit("power_off", None, {})  # still booting
    run_to_end(sim)
    sim.submit("power_off", None, {})
    assert sim.world.labs["boot"].native.steps == []
    with pytest.raises(Refused):
        sim.submit("power_off", None, {})


def test_a_refused_boot_action_changes_nothing() -> None:
    sim = host_sim()
    sim.submit("power_on", None, {})
    before = sim.checkpoint()
    with pytest.raises(Refused):
        sim.submit("boot_both", None, {"name": "x", "memory_mb": 64})
    assert sim.checkpoint() == before


def test_destroy_frees_every_frame_of_a_built_domain() -> None:
    sim = host_sim(fragmentation=1.0)
    free = sim.world.host.memory.free_frames()
    build(sim, memory_mb=256)
    sim.submit("destroy", "g")
    run_to_end(sim)
    assert sim.world.host.memory.free_frames() == free
    assert FREE in sim.world.host.memory.owners()


# -- dom0 ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dom0_sim() -> Simulation:
    sim = Simulation(shipped("boot-dom0"), 3)
    for _ in range(80):
        sim.step()
    return sim


def test_the_dom0_scenario_starts_without_dom0_and_xl_is_refused() -> None:
    sim = Simulation(shipped("boot-dom0"), 3)
    assert 0 not in sim.world.host.domains
    with pytest.raises(Refused) as refused:
        sim.submit("build", None, {"name": "g", "memory_mb": 64})
    assert refused.value.key == "refused.boot.no_toolstack"


def test_xen_builds_dom0_with_its_own_flags_and_no_rings(dom0_sim: Simulation) -> None:
    dom0 = dom0_sim.world.host.domains[0]
    info = dom0.boot.start_info
    assert dom0.boot.origin == "dom0" and dom0.creation_finished
    assert info["flags"] & 0b11 == 0b11, "SIF_PRIVILEGED | SIF_INITDOMAIN"
    assert (info["store_mfn"], info["store_evtchn"]) == (0, 0)
    assert info["console.dom0.info_off"] == 1168
    assert dom0.boot.layout.segment("xenstore") is None
    first = dom0.p2m[0]
    assert first.pfn == 0 and first.count >= dom0.boot.layout.region_pages
    assert first.mfn % first.count == 0, "one aligned 2^order chunk"
    assert info["mod_start"] == dom0.p2m[1].pfn, "the initrd's PFN (SIF_MOD_START_PFN)"
    assert dom0.nr_pages == 2048 * 256
    check_invariants(dom0_sim)


def test_once_dom0_runs_xl_can_build_a_guest(dom0_sim: Simulation) -> None:
    sim = Simulation.restore(dom0_sim.scenario, dom0_sim.seed, dom0_sim.checkpoint())
    build(sim, memory_mb=128)
    assert domain(sim).boot.did("guest:init")
