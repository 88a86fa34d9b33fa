"""One disk read end to end (facts §4.7), and a batch that fills the ring."""

from __future__ import annotations

from .support import act, kinds, lab, ring, simulation

READ_ORDER = [
    "blk.submitted", "blk.granted", "blk.filled", "blk.pushed_notify",
    "evtchn.delivered_upcall", "evtchn.upcall", "blk.consumed", "blk.mapped",
    "blk.bio_submitted", "blk.disk_done", "blk.unmapped", "blk.responded",
    "blk.responses_notify", "blk.final_check_idle", "evtchn.delivered_upcall",
    "evtchn.upcall", "blk.interrupt", "blk.ended", "blk.completed", "blk.front_final"]


def test_one_read_follows_the_ordered_sequence_of_the_facts_file() -> None:
    sim = simulation(connected=("vbd",))
    events = act(sim, "read", sector=2048)
    assert [k for k in kinds(events) if k != "disk.busy"] == READ_ORDER


def test_one_isolated_read_costs_four_hypercalls_and_two_notifications() -> None:
    sim = simulation(connected=("vbd",))
    act(sim, "read")
    counters = lab(sim).counters["blk"]
    assert (counters.hypercalls, counters.notifications, counters.upcalls) == (4, 2, 2)
    assert counters.vm_exits == 0 and counters.completed == counters.requests == 1
    assert counters.cycles == 4 * 500


def test_after_a_read_the_grant_is_ended_and_nothing_stays_mapped() -> None:
    sim = simulation(connected=("vbd",))
    act(sim, "read")
    devices = lab(sim)
    blkif = ring(sim)
    active = [r for r, e in devices.grants[1].entries.items() if e.permitted]
    assert active == [0, 1, blkif.gref]
    assert list(devices.grants[0].maptrack.values())[0].ref == blkif.gref
    assert len(devices.grants[0].maptrack) == 1
    assert (blkif.req_prod, blkif.rsp_prod, blkif.req_cons, blkif.rsp_cons) == (1, 1, 1, 1)
    assert (blkif.req_event, blkif.rsp_event) == (2, 2)
    assert devices.requests[1].completions == 1 and devices.requests[1].status == "done"


def test_a_second_read_notifies_again_because_the_backend_re_armed_req_event() -> None:
    sim = simulation(connected=("vbd",))
    act(sim, "read")
    events = act(sim, "read")
    pushed = [e for e in events if e.kind.startswith("blk.pushed")]
    assert [(e.kind, e.data["old"], e.data["new"], e.data["event"]) for e in pushed] == [
        ("blk.pushed_notify", 1, 2, 2)]


def test_a_batch_fills_the_ring_with_one_notification_and_back_pressure() -> None:
    sim = simulation(connected=("vbd",))
    events = act(sim, "batch", count=40)
    order = kinds(events)
    first_push = next(e for e in events if e.kind.startswith("blk.pushed"))
    assert (first_push.kind, first_push.data["count"]) == ("blk.pushed_notify", 32)
    assert order.index("blk.ring_full") < order.index("blk.pushed_notify")
    assert "blk.restarted" in order and "blk.pushed_quiet" in order
    counters = lab(sim).counters["blk"]
    assert counters.completed == 40 and counters.suppressed > 0
    assert counters.notifications < 40 / 4, "batching shares notifications"
    assert all(r.completions == 1 for r in lab(sim).requests.values())


def test_the_ring_never_holds_more_than_32_outstanding_requests() -> None:
    sim = simulation(connected=("vbd",))
    sim.submit("batch", None, {"count": 64})
    while sim.busy():
        sim.step()
        assert ring(sim).outstanding() <= 32
