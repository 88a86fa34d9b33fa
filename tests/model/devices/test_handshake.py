"""The xenbus handshake (facts §4.2), one micro-step per step, in order."""

from __future__ import annotations

from webapp.model.devices.grants import GTF_permit_access, GTF_reading, GTF_writing
from webapp.model.devices.state import XenbusState
from webapp.model.events import Event

from .support import act, kinds, lab, ring, simulation


def switches(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.data["driver"], e.data["new"].split(" ")[0]) for e in events
            if e.kind == "xenbus.switched"]


def test_the_vbd_handshake_goes_through_the_xenbus_states_in_order() -> None:
    sim = simulation()
    events = act(sim, "connect", device="vbd")
    assert switches(events) == [
        ("blkback", "XenbusStateInitWait"), ("blkfront", "XenbusStateInitialised"),
        ("blkback", "XenbusStateConnected"), ("blkfront", "XenbusStateConnected")]
    order = kinds(events)
    firsts = [order.index(k) for k in (
        "xenbus.toolstack_added", "xenbus.back_probed", "xenbus.front_ring_allocated",
        "xenbus.front_granted_ring", "xenbus.front_evtchn", "xenbus.front_published",
        "xenbus.back_read_ring", "xenbus.back_mapped_ring", "xenbus.back_bound",
        "xenbus.back_published", "xenbus.front_disk")]
    assert firsts == sorted(firsts)
    assert order.index("xenbus.hotplug_block") < order.index("xenbus.back_opened")


def test_every_step_of_the_handshake_says_what_it_did() -> None:
    sim = simulation()
    events = sim.submit("connect", None, {"device": "vbd"})
    steps = {events[0].step}
    while sim.busy():
        step_events = [e for e in sim.step() if e.kind not in ("sched.tick",)]
        assert step_events, f"step {sim.step_no} did nothing visible"
        steps.add(step_events[0].step)
    assert len(steps) > 25


def test_after_the_handshake_the_ring_is_granted_mapped_and_the_channel_bound() -> None:
    sim = simulation()
    act(sim, "connect", device="vbd")
    devices = lab(sim)
    device = devices.devices["vbd"]
    assert (device.front_state, device.back_state) == (XenbusState.Connected,) * 2
    blkif = ring(sim)
    entry = devices.grants[1].entries[blkif.gref or 0]
    assert entry.flags == GTF_permit_access | GTF_reading | GTF_writing and entry.domid == 0
    assert devices.grants[0].maptrack[blkif.handle or 0].ref == blkif.gref
    front = devices.evtchn[1].ports[device.front_port or 0]
    back = devices.evtchn[0].ports[device.back_port or 0]
    assert (front.state, front.remote_port, back.remote_port) == (
        "interdomain", device.back_port, device.front_port)
    store = sim.world.host.xenstore
    base = "/local/domain/1/device/vbd/51712"
    assert store.read(f"{base}/ring-ref") == str(blkif.gref)
    assert store.read(f"{base}/event-channel") == str(device.front_port)
    assert store.read("/local/domain/0/backend/vbd/1/51712/physical-device") == "fd:0"
    assert [str(p) for p in store.perms_of(f"{base}/state")] == ["n1", "r0"]


def test_the_vif_handshake_maps_two_rings_and_posts_receive_buffers() -> None:
    sim = simulation()
    events = act(sim, "connect", device="vif")
    device = lab(sim).devices["vif"]
    assert device.connected() and set(device.rings) == {"tx", "rx"}
    assert all(r.size == 256 and r.handle is not None for r in device.rings.values())
    assert kinds(events).count("net.rx_posted") == 4
    assert len(device.netfront.rx_posted) == 4 and ring(sim, "vif", "rx").req_prod == 4


def test_a_scenario_can_start_with_the_device_already_connected() -> None:
    sim = simulation(connected=("vbd",))
    assert lab(sim).devices["vbd"].connected() and not sim.busy()
    assert all(c.hypercalls == 0 for c in lab(sim).counters.values())
