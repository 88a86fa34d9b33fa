"""io/ring.h: indices, RING_FULL, and the event-index rule that decides notifications."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from webapp.model.devices.ring import BLKIF_RING_SIZE, MASK, NETIF_RING_SIZE, Ring, notify_rule


def test_a_shared_ring_starts_with_its_event_indices_at_one() -> None:
    ring = Ring("blkif", BLKIF_RING_SIZE, 0x2000)
    assert (ring.req_prod, ring.req_event, ring.rsp_prod, ring.rsp_event) == (0, 1, 0, 1)
    assert len(ring.slots) == 32 and ring.free_requests() == 32
    assert len(Ring("tx", NETIF_RING_SIZE, 1).slots) == 256


def test_the_worked_example_of_the_facts_file() -> None:
    """§4.3: req_event 1; push 3 notifies; with req_event 4, push 2 notifies; push 1 then 1
    more before the backend re-arms: the second push is quiet."""
    assert notify_rule(0, 3, 1)
    assert notify_rule(3, 5, 4)
    assert notify_rule(3, 4, 4)
    assert not notify_rule(4, 5, 4)


@given(old=st.integers(0, MASK), count=st.integers(0, 64), offset=st.integers(-70, 70))
def test_notify_iff_the_event_index_lies_in_old_new_even_across_the_wrap(
        old: int, count: int, offset: int) -> None:
    new, event = (old + count) & MASK, (old + offset) & MASK
    assert notify_rule(old, new, event) == (0 < offset <= count)


def test_requests_fill_private_slots_until_pushed() -> None:
    ring = Ring("blkif", BLKIF_RING_SIZE, 0)
    ring.put_request({"id": 0})
    ring.put_request({"id": 1})
    assert (ring.req_prod_pvt, ring.req_prod) == (2, 0)
    push = ring.push_requests()
    assert (push.old, push.new, push.event, push.notify) == (0, 2, 1, True)
    assert ring.req_prod == 2 and ring.unconsumed_requests() == 2


def test_ring_full_when_every_slot_waits_for_a_consumed_response() -> None:
    ring = Ring("blkif", BLKIF_RING_SIZE, 0)
    for i in range(32):
        ring.put_request({"id": i})
    assert ring.full() and ring.outstanding() == 32
    ring.push_requests()
    for _ in range(32):
        ring.take_request()
    ring.put_response({"id": 0})
    ring.push_responses()
    assert ring.full(), "a response frees a slot only once the frontend consumes it"
    ring.rsp_cons += 1
    assert not ring.full() and ring.free_requests() == 1


def test_a_response_overwrites_the_slot_of_the_request_it_answers() -> None:
    ring = Ring("blkif", BLKIF_RING_SIZE, 0)
    ring.put_request({"id": 7})
    ring.push_requests()
    index, copied = ring.take_request()
    assert copied["id"] == 7 and index == 0
    ring.put_response({"id": 7, "status": 0})
    assert ring.slots[0] == {"kind": "response", "id": 7, "status": 0}


def test_final_checks_rearm_the_event_index_only_when_there_is_nothing_left() -> None:
    ring = Ring("blkif", BLKIF_RING_SIZE, 0)
    ring.put_request({"id": 0})
    ring.push_requests()
    assert ring.final_check_requests() and ring.req_event == 1
    ring.take_request()
    assert not ring.final_check_requests() and ring.req_event == 2
    ring.put_response({"id": 0})
    ring.push_responses()
    assert ring.final_check_responses() and ring.rsp_event == 1
    ring.rsp_cons = 1
    assert not ring.final_check_responses() and ring.rsp_event == 2


def test_the_backend_never_consumes_more_than_the_ring_holds() -> None:
    ring = Ring("blkif", BLKIF_RING_SIZE, 0)
    ring.req_prod = 40  # a misbehaving frontend claims 40 requests
    assert ring.unconsumed_requests() == 32
