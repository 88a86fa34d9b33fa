"""Issue 11, item 9: netback grant-copies only the first XEN_NETBACK_TX_COPY_LEN (128) bytes
of a transmitted packet and grant-maps the rest, unmapping it before it answers."""

from __future__ import annotations

from webapp.model.devices.net.tx import XEN_NETBACK_TX_COPY_LEN

from .support import act, kinds, lab, simulation


def test_a_large_packet_is_copied_for_128_bytes_and_mapped_for_the_rest() -> None:
    sim = simulation(connected=("vif",))
    events = act(sim, "send", size=1500)
    copied = next(e for e in events if e.kind == "net.tx_copied_mapped")
    assert XEN_NETBACK_TX_COPY_LEN == 128
    assert (copied.data["copied"], copied.data["mapped"]) == (128, 1372)
    assert "1500 bytes" not in copied.narration()["en"]
    order = kinds(events)
    assert order.index("net.tx_delivered") < order.index("net.tx_unmapped") < order.index(
        "net.tx_responded_notify" if "net.tx_responded_notify" in order else
        "net.tx_responded_quiet")
    assert not lab(sim).grants[0].maptrack.keys() - {0, 1}, "the mapping is gone"
    assert lab(sim).counters["net"].grant_ops == 3  # copy, map, unmap


def test_a_small_packet_is_copied_whole() -> None:
    sim = simulation(connected=("vif",))
    events = act(sim, "send", size=100)
    assert "net.tx_copied" in kinds(events) and "net.tx_copied_mapped" not in kinds(events)
    assert lab(sim).counters["net"].grant_ops == 1
