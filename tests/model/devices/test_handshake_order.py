"""Issue 11, item 3: the handshake order of today's Linux drivers (facts errata 3).

blkfront does nothing at probe and sets up its ring on the backend's InitWait, then goes
Initialised; netfront goes from Initialising straight to Connected; netback ignores
Initialised and connects once the frontend is Connected."""

from __future__ import annotations

from webapp.model.events import Event

from .support import act, kinds, simulation


def switches(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.data["driver"], e.data["new"].split(" ")[0]) for e in events
            if e.kind == "xenbus.switched"]


def first_switch(events: list[Event], driver: str, state: str) -> int:
    return next(i for i, e in enumerate(events) if e.kind == "xenbus.switched"
                and e.data["driver"] == driver and e.data["new"].startswith(state))


def test_blkfront_sets_up_its_ring_only_after_blkback_reached_initwait() -> None:
    events = act(simulation(), "connect", device="vbd")
    order = kinds(events)
    initwait = first_switch(events, "blkback", "XenbusStateInitWait")
    ring = next(i for i, e in enumerate(events) if e.kind == "xenbus.front_ring_allocated")
    probe = next(i for i, e in enumerate(events) if e.kind == "xenbus.front_probed")
    read = next(e for e in events if e.kind == "xenbus.front_read_backend")
    assert probe < ring and initwait < ring
    assert order.index("xenbus.front_read_backend") < order.index("xenbus.front_ring_allocated")
    assert any("max-ring-page-order" in value for value in read.data["values"])
    assert switches(events) == [
        ("blkback", "XenbusStateInitWait"), ("blkfront", "XenbusStateInitialised"),
        ("blkback", "XenbusStateConnected"), ("blkfront", "XenbusStateConnected")]


def test_netfront_goes_straight_to_connected_and_netback_connects_after_it() -> None:
    events = act(simulation(), "connect", device="vif")
    assert switches(events) == [
        ("netback", "XenbusStateInitWait"), ("netfront", "XenbusStateConnected"),
        ("netback", "XenbusStateConnected")]
    front_connected = first_switch(events, "netfront", "XenbusStateConnected")
    mapped = next(i for i, e in enumerate(events) if e.kind == "xenbus.back_mapped_ring")
    posted = [i for i, e in enumerate(events) if e.kind == "net.rx_posted"]
    assert front_connected < mapped, "netback connects once the frontend is Connected"
    assert posted and max(posted) < front_connected, "xennet_connect posts RX buffers first"
