"""Property-based tests over random request streams: the ring, grant and request invariants
hold after every step, including when the frontend disconnects and reconnects mid-stream."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.devices.ring import Ring, notify_rule
from webapp.model.devices.state import DevicesLab
from webapp.model.errors import ModelError
from webapp.model.events import Event
from webapp.model.simulation import Simulation

from .support import drain, frozen, lab, simulation

Move = tuple[Any, ...]
INDICES = ("req_prod", "rsp_prod", "req_prod_pvt", "rsp_cons", "req_cons", "rsp_prod_pvt")
PUSHES = {"blk.pushed_notify": True, "blk.pushed_quiet": False,
          "blk.responses_notify": True, "blk.responses_quiet": False,
          "net.pushed_notify": True, "net.pushed_quiet": False,
          "net.tx_responded_notify": True, "net.tx_responded_quiet": False,
          "net.rx_responded_notify": True, "net.rx_responded_quiet": False}

MOVES = st.one_of(
    st.tuples(st.just("read")),
    st.tuples(st.just("batch"), st.integers(1, 40)),
    st.tuples(st.just("step"), st.integers(1, 40)),
    st.tuples(st.just("step"), st.integers(1, 5)),
    st.tuples(st.just("reconnect")),
    st.tuples(st.just("replug")),
    st.tuples(st.just("replug_vif")),
    st.tuples(st.just("push_request")),
    st.tuples(st.just("send")),
    st.tuples(st.just("receive")),
    st.tuples(st.just("notify")),
)


class Watcher:
    """Checks the invariants after every step and remembers what it needs to."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.last: dict[int, dict[str, int]] = {}
        self.rings: list[Ring] = []  # keep every ring alive, so ids stay unique
        self.notifications = 0

    def step(self) -> None:
        self.events(self.sim.step())

    def events(self, events: list[Event]) -> None:
        for event in events:
            if event.kind in PUSHES:
                old, new, index = (event.data[k] for k in ("old", "new", "event"))
                assert PUSHES[event.kind] == notify_rule(old, new, index) == (old < index <= new)
        self.check()

    def check(self) -> None:
        devices = lab(self.sim)
        for device in devices.devices.values():
            for ring in device.rings.values():
                self.check_ring(ring)
        for request in devices.requests.values():
            assert request.completions <= 1, f"r{request.rid} completed twice"
        check_grants(devices)

    def check_ring(self, ring: Ring) -> None:
        if ring not in self.rings:
            self.rings.append(ring)
        now = {name: getattr(ring, name) for name in INDICES}
        before = self.last.get(id(ring), now)
        assert all(now[k] >= before[k] for k in INDICES), f"an index went back: {before}→{now}"
        self.last[id(ring)] = now
        assert ring.rsp_cons <= ring.rsp_prod <= ring.rsp_prod_pvt <= ring.req_cons
        assert ring.req_cons <= ring.req_prod <= ring.req_prod_pvt
        assert ring.outstanding() <= ring.size


def check_grants(devices: DevicesLab) -> None:
    for table in devices.grants.values():
        for entry in table.entries.values():
            assert bool(entry.pins_rw or entry.pins_ro) == entry.in_use
            assert not entry.in_use or entry.permitted, "a mapped grant was ended"
        for mapping in table.maptrack.values():
            granter = devices.grants[mapping.granter].entries[mapping.ref]
            assert granter.in_use and granter.permitted


def play(sim: Simulation, watcher: Watcher, move: Move) -> None:
    name = move[0]
    if name == "step":
        for _ in range(move[1]):
            watcher.step()
        return
    action, args = {
        "read": ("read", {}), "batch": ("batch", {"count": move[-1]}),
        "reconnect": ("reconnect", {"device": "vbd"}), "push_request": ("push_request", {}),
        "send": ("send", {"size": 400}), "receive": ("receive", {"size": 300}),
        "replug": ("disconnect", {"device": "vbd"}),
        "replug_vif": ("disconnect", {"device": "vif"}),
        "notify": ("evtchn_send", {"domid": 1, "port": _front_port(sim)}),
    }[name]
    kind = "vif" if name == "replug_vif" else "vbd"
    if name.startswith("replug") and kind not in lab(sim).devices:
        action, args = "connect", {"device": kind}
    before = frozen(sim)
    try:
        watcher.events(sim.submit(action, None, args))
    except ModelError:
        assert frozen(sim) == before, f"a refused {action} changed the state"


def _front_port(sim: Simulation) -> int:
    device = lab(sim).devices.get("vbd")
    return device.front_port if device is not None and device.front_port is not None else 0


def settle(sim: Simulation, watcher: Watcher) -> None:
    for _ in range(6000):
        if not sim.busy():
            return
        watcher.step()
    raise AssertionError("the lab never settled")


def check_settled(sim: Simulation) -> None:
    """Every request completed exactly once; every grant mapped was unmapped and ended,
    except what a connected device keeps granted (its rings, its posted RX buffers)."""
    devices = lab(sim)
    for request in devices.requests.values():
        assert request.completions == 1, f"r{request.rid} lost ({request.status})"
    kept = {0, 1}
    mapped = set()
    for device in devices.devices.values():
        kept |= {ring.gref for ring in device.rings.values() if ring.gref is not None}
        kept |= {buffer.gref for buffer in device.netfront.rx_posted.values()}
        mapped |= {ring.handle for ring in device.rings.values() if ring.handle is not None}
    guest = devices.grants[devices.frontend]
    assert {r for r, e in guest.entries.items() if e.permitted} == kept
    assert not guest.deferred
    assert set(devices.grants[devices.backend].maptrack) == mapped


@settings(max_examples=60, deadline=None)
@given(moves=st.lists(MOVES, max_size=14))
def test_random_request_streams_keep_every_invariant(moves: list[Move]) -> None:
    sim = simulation(connected=("vbd", "vif"))
    watcher = Watcher(sim)
    for move in moves:
        play(sim, watcher, move)
    settle(sim, watcher)
    if "vbd" in lab(sim).devices and lab(sim).devices["vbd"].phase != "connected":
        play(sim, watcher, ("replug",))
        settle(sim, watcher)
    check_settled(sim)


@settings(max_examples=25, deadline=None)
@given(count=st.integers(1, 40), at=st.integers(1, 200), later=st.integers(0, 60))
def test_a_reconnect_at_any_moment_loses_no_request_and_completes_none_twice(
        count: int, at: int, later: int) -> None:
    sim = simulation(connected=("vbd",))
    watcher = Watcher(sim)
    watcher.events(sim.submit("batch", None, {"count": count}))
    for _ in range(at):
        watcher.step()
    play(sim, watcher, ("reconnect",))
    for _ in range(later):
        watcher.step()
    play(sim, watcher, ("read",))
    settle(sim, watcher)
    check_settled(sim)
    assert all(r.status == "done" for r in lab(sim).requests.values())


@settings(max_examples=15, deadline=None)
@given(count=st.integers(1, 40), at=st.integers(1, 150))
def test_a_disconnect_at_any_moment_completes_every_request_once_then_frees_everything(
        count: int, at: int) -> None:
    sim = simulation(connected=("vbd",))
    watcher = Watcher(sim)
    watcher.events(sim.submit("batch", None, {"count": count}))
    for _ in range(at):
        watcher.step()
    play(sim, watcher, ("replug",))
    settle(sim, watcher)
    check_settled(sim)
    assert not lab(sim).grants[0].maptrack


def test_the_same_seed_and_actions_give_the_same_run() -> None:
    def run() -> list[dict[str, Any]]:
        sim = simulation(connected=("vbd", "vif"), hvm=False)
        events = sim.submit("batch", None, {"count": 12}) + drain(sim)
        events += sim.submit("receive", None, {"size": 100}) + drain(sim)
        return [e.to_dict() for e in events]

    assert run() == run()
