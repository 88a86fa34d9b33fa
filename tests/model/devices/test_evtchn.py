"""Event channels: unbound → interdomain, 2-level delivery, close, and the upcall."""

from __future__ import annotations

import pytest

from webapp.model.devices import evtchn
from webapp.model.devices.evtchn import EventChannels
from webapp.model.errors import Refused


@pytest.fixture
def tables() -> dict[int, EventChannels]:
    return {0: EventChannels(0), 1: EventChannels(1)}


def connect(tables: dict[int, EventChannels]) -> tuple[int, int]:
    front = evtchn.alloc_unbound(tables[1], 0, "vbd", "blkfront")
    back = evtchn.bind_interdomain(tables, 0, 1, front, "vbd d1", "blkback")
    return front, back


def test_alloc_unbound_then_bind_makes_two_interdomain_peers(
        tables: dict[int, EventChannels]) -> None:
    front = evtchn.alloc_unbound(tables[1], 0, "vbd", "blkfront")
    assert tables[1].ports[front].state == evtchn.UNBOUND
    back = evtchn.bind_interdomain(tables, 0, 1, front, "vbd d1", "blkback")
    assert (tables[1].ports[front].state, tables[1].ports[front].remote_port) == (
        evtchn.INTERDOMAIN, back)
    assert (tables[0].ports[back].remote_dom, tables[0].ports[back].remote_port) == (1, front)


def test_only_the_named_domain_may_bind_an_unbound_port(tables: dict[int, EventChannels]
                                                        ) -> None:
    tables[2] = EventChannels(2)
    front = evtchn.alloc_unbound(tables[1], 0, "vbd", "blkfront")
    with pytest.raises(Refused):
        evtchn.bind_interdomain(tables, 2, 1, front, "x", "")
    assert not tables[2].ports


def test_delivery_sets_pending_then_the_upcall_and_coalesces(tables: dict[int, EventChannels]
                                                             ) -> None:
    front, back = connect(tables)
    assert evtchn.send(tables, 1, front).outcome == "upcall"
    assert tables[0].pending == [back] and tables[0].upcall_pending
    assert evtchn.send(tables, 1, front).outcome == "coalesced"
    assert evtchn.take_pending(tables[0]) == [back]
    assert not tables[0].pending and not tables[0].upcall_pending


def test_a_masked_port_stays_pending_without_an_upcall(tables: dict[int, EventChannels]
                                                       ) -> None:
    front, back = connect(tables)
    tables[0].masked.append(back)
    assert evtchn.send(tables, 1, front).outcome == "masked"
    assert tables[0].pending == [back] and not tables[0].upcall_pending


def test_closing_one_end_returns_the_peer_to_unbound_and_sends_are_dropped(
        tables: dict[int, EventChannels]) -> None:
    front, back = connect(tables)
    evtchn.close(tables, 1, front)
    assert front not in tables[1].ports and tables[0].ports[back].state == evtchn.UNBOUND
    assert evtchn.send(tables, 0, back).outcome == "dropped"


@pytest.mark.parametrize("case, key", [("unbound", "refused.devices.evtchn_unbound"),
                                       ("closed", "refused.devices.evtchn_closed"),
                                       ("virq", "refused.devices.evtchn_not_interdomain")])
def test_send_checks_refuse_what_xen_refuses_or_drops(tables: dict[int, EventChannels],
                                                      case: str, key: str) -> None:
    port = {"unbound": evtchn.alloc_unbound(tables[1], 0, "x", ""), "closed": 40,
            "virq": tables[1].add(evtchn.Port(evtchn.VIRQ, virq="VIRQ_TIMER"))}[case]
    with pytest.raises(Refused) as refused:
        evtchn.check_send(tables, 1, port)
    assert refused.value.key == key
