"""Closing a device with requests in flight, and reconnecting mid-stream (blkif_recover)."""

from __future__ import annotations

from webapp.model.devices.state import XenbusState

from .support import act, drain, kinds, lab, simulation, vbd


def test_disconnect_lets_the_requests_on_the_ring_finish_and_fails_the_queued_ones() -> None:
    sim = simulation(connected=("vbd",))
    sim.submit("batch", None, {"count": 40})
    for _ in range(70):  # the ring is full, 8 reads still queued
        sim.step()
    assert vbd(sim).blkfront.queue
    events = sim.submit("disconnect", None, {"device": "vbd"}) + drain(sim)
    order = kinds(events)
    assert order.index("close.toolstack") < order.index("close.front_sees_closing") < (
        order.index("blk.failed_queue"))
    switched = [e.data["new"] for e in events if e.kind == "xenbus.switched"]
    assert switched == [XenbusState.Closing.label, XenbusState.Closed.label,
                        XenbusState.Closed.label]
    requests = lab(sim).requests.values()
    assert all(r.completions == 1 for r in requests)
    assert sum(r.status == "done" for r in requests) == 32
    assert sum(r.status == "error" for r in requests) == 8
    assert "close.removed" in order and "vbd" not in lab(sim).devices


def test_after_a_disconnect_no_grant_mapping_or_port_is_left() -> None:
    sim = simulation(connected=("vbd",))
    events = act(sim, "disconnect", device="vbd")
    devices = lab(sim)
    assert "close.end_ring_deferred" in kinds(events), "dom0 still mapped the ring"
    assert "close.deferred_ended" in kinds(events)
    assert [r for r, e in devices.grants[1].entries.items() if e.permitted] == [0, 1]
    assert not devices.grants[0].maptrack and not devices.grants[1].deferred
    labels = [p.label for p in devices.evtchn[1].ports.values()]
    assert "vbd 51712" not in labels
    assert not sim.world.host.xenstore.subtree("/local/domain/1/device/vbd")
    assert act(sim, "connect", device="vbd") and vbd(sim).connected()


def test_reconnect_mid_stream_reissues_every_request_from_its_shadow_with_fresh_grants() -> None:
    sim = simulation(connected=("vbd",))
    sim.submit("batch", None, {"count": 6})
    for _ in range(24):
        sim.step()
    old_grefs = {s.id: s.gref for s in vbd(sim).blkfront.shadow.values()}
    assert old_grefs, "requests are in flight"
    events = sim.submit("reconnect", None, {"device": "vbd"}) + drain(sim)
    order = kinds(events)
    assert order.index("close.reconnect") < order.index("blk.recover")
    regranted = {e.data["id"]: (e.data["old"], e.data["gref"]) for e in events
                 if e.kind == "blk.regranted"}
    assert set(regranted) == set(old_grefs)
    assert all(old != new for old, new in regranted.values())
    requests = lab(sim).requests.values()
    assert all(r.completions == 1 and r.status == "done" for r in requests)
    assert vbd(sim).connected() and not vbd(sim).blkfront.shadow
    assert not lab(sim).grants[1].deferred


def test_a_reconnect_without_requests_in_flight_just_redoes_the_handshake() -> None:
    sim = simulation(connected=("vbd",))
    events = act(sim, "reconnect", device="vbd")
    assert "blk.recover" not in kinds(events) and vbd(sim).connected()
    assert act(sim, "read") and lab(sim).requests[1].status == "done"


def test_disconnecting_the_network_device_releases_its_buffers() -> None:
    sim = simulation(connected=("vif",))
    events = act(sim, "disconnect", device="vif")
    assert "close.end_buffers" in kinds(events) and "vif" not in lab(sim).devices
    assert [r for r, e in lab(sim).grants[1].entries.items() if e.permitted] == [0, 1]


def test_destroying_the_guest_tears_its_side_down() -> None:
    sim = simulation(connected=("vbd",))
    sim.submit("batch", None, {"count": 3})
    sim.submit("destroy", "web")
    events = drain(sim)
    assert "devices.domain_gone" in kinds(events)
    devices = lab(sim)
    assert not devices.devices and 1 not in devices.grants and 1 not in devices.evtchn
    assert all(p.state != "interdomain" or p.remote_dom != 1
               for p in devices.evtchn[0].ports.values())
