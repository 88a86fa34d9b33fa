"""The emulated IDE disk: each port access a VM exit forwarded to QEMU in dom0."""

from __future__ import annotations

from .support import act, kinds, lab, simulation


def test_an_emulated_read_is_twelve_exits_each_through_the_ioreq_protocol() -> None:
    sim = simulation(connected=("vbd",), hvm=True)
    events = act(sim, "emulated_read", sector=4096)
    order = kinds(events)
    exits = [k for k in order if k.startswith("emu.vm_exit")]
    assert len(exits) == 12
    cycle = ["emu.ioreq_sent", "emu.qemu_took"]
    first = order.index("emu.vm_exit_out")
    assert order[first + 1:first + 3] == cycle
    assert order.index("emu.dma_submitted") < order.index("emu.dma_done") < order.index(
        "emu.irq") < order.index("emu.completed")
    counters = lab(sim).counters["emulated"]
    assert (counters.vm_exits, counters.device_model_trips) == (12, 12)
    assert counters.cycles == 12 * (1000 + 9000) + counters.hypercalls * 500 + 2 * 150
    assert lab(sim).ide is not None and lab(sim).ide.ioreq["state"] == "STATE_IOREQ_NONE"


def test_the_same_read_costs_far_more_emulated_than_through_split_drivers() -> None:
    sim = simulation(connected=("vbd",), hvm=True)
    act(sim, "batch", count=2, sector=4096)
    act(sim, "emulated_read", count=2, sector=4096)
    blk, emulated = lab(sim).counters["blk"], lab(sim).counters["emulated"]
    assert blk.completed == emulated.completed == 2
    assert blk.vm_exits == 0 < emulated.vm_exits
    assert emulated.cycles > 20 * blk.cycles
    assert emulated.context_switches > 10 * blk.context_switches


def test_the_ioreq_goes_ready_inprocess_resp_ready_none() -> None:
    sim = simulation(hvm=True)
    sim.submit("emulated_read", None, {})
    seen = []
    while sim.busy():
        sim.step()
        state = (lab(sim).ide.ioreq["state"] if lab(sim).ide else "")
        if not seen or seen[-1] != state:
            seen.append(state)
    assert seen[:5] == ["STATE_IOREQ_NONE", "STATE_IOREQ_READY", "STATE_IOREQ_INPROCESS",
                        "STATE_IORESP_READY", "STATE_IOREQ_NONE"]
