"""The network path: TX with a read-only grant, RX with the grant copy, 256-slot rings."""

from __future__ import annotations

from webapp.model.devices.grants import GTF_readonly
from webapp.model.simulation import Simulation

from .support import SEED, act, drain, kinds, lab, ring, scenario, simulation


def test_sending_a_packet_copies_it_out_of_a_read_only_grant() -> None:
    sim = simulation(connected=("vif",))
    first = sim.submit("send", None, {"size": 1500})
    granted = first[0]
    assert granted.kind == "net.tx_granted"
    entry = lab(sim).grants[1].entries[granted.data["gref"]]
    assert entry.flags & GTF_readonly
    events = first + act(sim, "send", size=60)
    order = kinds(events)
    assert order.index("net.tx_filled") < order.index("net.tx_consumed") < order.index(
        "net.tx_copied_mapped") < order.index("net.tx_delivered") < order.index(
        "net.tx_unmapped") < order.index("net.tx_done")
    assert "net.tx_copied" in order, "a 60-byte packet is copied whole"
    device = lab(sim).devices["vif"]
    assert device.netback.transmitted == 2 and device.netfront.sent == 2
    assert not device.netfront.tx_pending and not lab(sim).grants[0].maptrack.keys() - {0, 1}


def test_receiving_a_packet_is_a_grant_copy_into_a_posted_buffer_then_a_repost() -> None:
    sim = simulation(connected=("vif",))
    events = act(sim, "receive", size=1200)
    order = kinds(events)
    assert order[:3] == ["net.rx_arrived", "net.rx_consumed", "net.rx_copied"]
    assert order.index("net.rx_done") < order.index("net.rx_granted") < order.index(
        "net.rx_posted")
    device = lab(sim).devices["vif"]
    assert device.netfront.delivered == 1 and len(device.netfront.rx_posted) == 4
    assert ring(sim, "vif", "rx").req_prod == 5
    assert lab(sim).counters["net"].grant_ops == 1


def test_without_a_posted_buffer_a_packet_waits_for_one() -> None:
    sim = Simulation(scenario(connected=("vif",), rx_buffers=1), SEED)
    for _ in range(3):
        sim.submit("receive", None, {"size": 100})
    events = drain(sim)
    assert "net.rx_no_buffer" in kinds(events)
    assert lab(sim).devices["vif"].netfront.delivered == 3
