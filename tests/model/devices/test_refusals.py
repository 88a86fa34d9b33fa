"""Misuse is refused as Xen (or the granting kernel, or xenstored) refuses it, with a reason,
and nothing changes — not the snapshot, not one byte of the pickled simulation."""

from __future__ import annotations

from typing import Any

import pytest

from webapp.model.errors import InvalidCommand, ModelError, Refused, UnknownTarget
from webapp.model.simulation import Simulation

from .support import act, frozen, lab, ring, simulation, vbd


@pytest.fixture
def busy() -> Simulation:
    """vbd connected, an ended data grant, one grant still mapped by dom0 mid-read."""
    sim = simulation(connected=("vbd",), hvm=True)
    act(sim, "read")
    sim.submit("read", None, {})
    while not vbd(sim).blkback.pending or vbd(sim).blkback.pending[0].handle is None:
        sim.step()
    return sim


def refused(sim: Simulation, action: str, **args: Any) -> ModelError:
    before = frozen(sim)
    with pytest.raises(ModelError) as error:
        sim.submit(action, None, args)
    assert frozen(sim) == before, f"{error.value.key} changed the state"
    for text in error.value.messages().values():
        assert "{" not in text and text.strip()
    return error.value


def mapped_ref(sim: Simulation) -> int:
    return vbd(sim).blkback.pending[0].gref


def ended_ref(sim: Simulation) -> int:
    return next(r for r, e in lab(sim).grants[1].entries.items() if e.ended)


def test_mapping_a_grant_that_was_never_granted(busy: Simulation) -> None:
    error = refused(busy, "map_grant", mapper=0, granter=1, ref=300)
    assert error.key == "refused.devices.grant_never" and "GNTST_general_error" in (
        error.message())


def test_mapping_a_grant_whose_access_was_ended(busy: Simulation) -> None:
    error = refused(busy, "map_grant", mapper=0, granter=1, ref=ended_ref(busy))
    assert error.key == "refused.devices.grant_ended"


def test_mapping_a_grant_given_to_another_domain(busy: Simulation) -> None:
    error = refused(busy, "map_grant", mapper=2, granter=1, ref=mapped_ref(busy))
    assert error.key == "refused.devices.grant_other_domain" and "d2" in error.message()


def test_ending_access_to_a_grant_still_mapped(busy: Simulation) -> None:
    error = refused(busy, "end_access", domid=1, ref=mapped_ref(busy))
    assert error.key == "refused.devices.end_in_use" and "GTF_writing" in error.message()


def test_sending_on_an_unbound_event_channel() -> None:
    sim = simulation(hvm=True)
    sim.submit("connect", None, {"device": "vbd"})
    while not any(p.label == "vbd 51712" for p in lab(sim).evtchn[1].ports.values()):
        sim.step()
    port = next(n for n, p in lab(sim).evtchn[1].ports.items() if p.label == "vbd 51712")
    assert lab(sim).evtchn[1].ports[port].state == "unbound"
    error = refused(sim, "evtchn_send", domid=1, port=port)
    assert error.key == "refused.devices.evtchn_unbound" and "silently drops" in error.message()


@pytest.mark.parametrize("port, key", [(99, "refused.devices.evtchn_closed")])
def test_sending_on_a_port_that_does_not_exist(busy: Simulation, port: int, key: str) -> None:
    assert refused(busy, "evtchn_send", domid=1, port=port).key == key


def test_writing_a_xenstore_node_without_permission(busy: Simulation) -> None:
    path = "/local/domain/0/backend/vbd/1/51712/mode"
    error = refused(busy, "xenstore_write", domid=1, path=path, value="r")
    assert error.key == "refused.devices.xs_eacces" and "r1" in error.message()
    other = refused(busy, "xenstore_write", domid=2, path="/local/domain/1/device/vbd/x")
    assert other.key == "refused.devices.xs_eacces"


def test_pushing_a_request_on_a_full_ring() -> None:
    sim = simulation(connected=("vbd",))
    sim.submit("batch", None, {"count": 40})
    while not ring(sim).full():
        sim.step()
    error = refused(sim, "push_request")
    assert error.key == "refused.devices.ring_full" and "32" in error.message()


@pytest.mark.parametrize("action, args, kind", [
    ("read", {}, Refused), ("send", {}, Refused), ("disconnect", {}, Refused),
    ("connect", {"device": "disk"}, InvalidCommand), ("batch", {"count": 0}, InvalidCommand),
    ("read", {"colour": 1}, InvalidCommand), ("emulated_read", {}, Refused),
    ("map_grant", {"mapper": 9}, UnknownTarget)])
def test_commands_that_do_not_apply_now_are_refused_without_change(
        action: str, args: dict[str, Any], kind: type) -> None:
    sim = simulation()
    before = frozen(sim)
    with pytest.raises(kind):
        sim.submit(action, None, args)
    assert frozen(sim) == before


def test_legitimate_hand_made_calls_are_carried_out() -> None:
    sim = simulation(connected=("vbd",))
    blkif = ring(sim)
    events = act(sim, "map_grant", mapper=0, granter=1, ref=blkif.gref)
    assert [e.kind for e in events if e.kind.startswith("probe.")] == [
        "probe.mapped", "probe.unmapped"]
    events = act(sim, "evtchn_send", domid=1, port=vbd(sim).front_port)
    assert "blk.nothing_to_consume" in [e.kind for e in events]
    events = act(sim, "xenstore_write", domid=1, path="/local/domain/1/data/note", value="hi")
    assert sim.world.host.xenstore.read("/local/domain/1/data/note") == "hi"
    assert refused(sim, "xenstore_write", domid=1,
                   path="/local/domain/1/device/vbd/51712/state").key == (
        "refused.devices.xs_protocol_node")


def test_ending_a_grant_before_the_backend_maps_it_makes_the_read_fail_cleanly() -> None:
    sim = simulation(connected=("vbd",))
    sim.submit("read", None, {})
    while not vbd(sim).blkfront.shadow:
        sim.step()
    gref = next(iter(vbd(sim).blkfront.shadow.values())).gref
    events = sim.submit("end_access", None, {"domid": 1, "ref": gref})
    while sim.busy():
        events += sim.step()
    kinds = [e.kind for e in events]
    assert "blk.map_failed" in kinds and "blk.completed_error" in kinds
    assert lab(sim).requests[1].status == "error" and lab(sim).requests[1].completions == 1


def test_the_lab_keeps_a_granted_ring_page_out_of_reach_before_it_is_mapped() -> None:
    sim = simulation()
    sim.submit("connect", None, {"device": "vbd"})
    while "vbd" not in lab(sim).devices or ring_ref(sim) is None:
        sim.step()
    error = refused(sim, "end_access", domid=1, ref=ring_ref(sim))
    assert error.key == "refused.devices.end_ring_owned"


def ring_ref(sim: Simulation) -> int | None:
    rings = lab(sim).devices["vbd"].rings
    return rings["blkif"].gref if "blkif" in rings else None


def test_no_refusal_uses_a_data_name_the_api_error_reserves() -> None:
    """The API spreads a refusal's data into its JSON error next to ``code`` and ``message``."""
    import ast
    from pathlib import Path

    reserved = {"status", "code", "message", "messages"}
    folder = Path(__file__).resolve().parents[3] / "webapp" / "model" / "devices"
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Refused":
                assert not {kw.arg for kw in node.keywords} & reserved, path.name
