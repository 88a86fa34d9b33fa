"""Every sentence of the devices lab exists in English and French, is said by some run, and
renders completely."""

from __future__ import annotations

import string
from typing import Any

import pytest

from webapp.model.devices.evtchn import EventChannels
from webapp.model.devices.state import Task
from webapp.model.errors import ModelError
from webapp.model.events import Event
from webapp.model.narration import render
from webapp.model.narration.devices import TEMPLATES
from webapp.model.simulation import Simulation

from .support import SEED, act, drain, lab, ring, scenario, simulation, vbd
from .test_properties import Watcher, play, settle

#: Refusals are errors, not events; ``xs.why.*`` are said inside ``xs.watch_fired``.
#: refusals, and the sub-sentences that say what a grant entry is for
NOT_EVENTS = {key for key in TEMPLATES if key.startswith(("refused.", "grant.purpose."))}

#: Move lists that reach the rare corners (found by the property tests).
STREAMS = [
    [("receive",), ("send",), ("batch", 5), ("step", 39), ("push_request",), ("reconnect",)],
    [("read",), ("step", 39), ("push_request",), ("step", 17), ("reconnect",), ("step", 31)],
    [("read",), ("receive",), ("send",), ("receive",), ("step", 20), ("receive",),
     ("reconnect",)],
    [("push_request",), ("send",)],
    [("receive",), ("replug_vif",)],
    [("read",), ("receive",), ("receive",), ("batch", 8), ("replug_vif",)],
    [("receive",), ("receive",)],
    [("replug_vif",), ("step", 30), ("read",), ("push_request",), ("step", 24), ("reconnect",),
     ("replug_vif",)],
    [("read",), ("step", 2), ("reconnect",), ("step", 39), ("replug",)],
    [("read",), ("read",), ("reconnect",), ("step", 35), ("reconnect",)],
    [("batch", 40), ("step", 70), ("replug",)],
    [("read",), ("receive",), ("step", 3), ("read",), ("replug_vif",)],
    [("send",), ("send",), ("replug_vif",), ("receive",)],
    [("batch", 6), ("step", 30), ("reconnect",), ("notify",)],
    [("batch", 5), ("read",), ("read",), ("notify",), ("batch", 6), ("step", 36),
     ("reconnect",)],
    [("read",), ("replug",), ("reconnect",)],
    [("receive",), ("step", 2), ("replug_vif",), ("step", 12), ("replug_vif",)],
]


def said(events: list[Event]) -> set[str]:
    keys = {event.kind for event in events}
    for event in events:
        why = event.data.get("why")
        if isinstance(why, dict):
            keys.add(str(why["key"]))
    return keys


def corner_cases() -> list[Event]:
    """The corners a learner rarely reaches: a masked port, a send on a port closed meanwhile,
    a guest destroyed mid-handshake or with disk I/O in flight, a grant someone else still
    maps when blkfront ends it, a ring page ended before it was mapped, a stale rsp_event."""
    return masked() + closed_port() + destroyed() + mapped_elsewhere() + unmapped_ring() + (
        stale_event()) + watch_after_removal()


def watch_after_removal() -> list[Event]:
    """A watch event still queued for a device that is gone (here a vif removed earlier)."""
    sim = simulation(connected=("vbd",))
    events = sim.submit("read", None, {})
    path = "/local/domain/0/backend/vif/1/0/state"
    lab(sim).agenda.insert(0, Task("xs:fire", {"path": path, "token": "front-otherend:vif",
                                               "watched": path, "domid": 1}))
    return events + drain(sim)


def masked() -> list[Event]:
    sim = simulation(connected=("vbd",))
    chans: EventChannels = lab(sim).evtchn[0]
    chans.masked.append(vbd(sim).back_port or 0)
    events = sim.submit("read", None, {}) + drain(sim)
    chans.masked.clear()  # EVTCHNOP_unmask: the pending bit raises the upcall now
    lab(sim).agenda.append(Task("evtchn:upcall", {"domid": 0, "path": "blk"}))
    return events + act(sim, "read")


def closed_port() -> list[Event]:
    sim = simulation(connected=("vbd",))
    events = sim.submit("read", None, {})
    lab(sim).agenda.insert(0, Task("evtchn:send", {"domid": 1, "port": 77, "path": "blk"}))
    return events + drain(sim)


def destroyed() -> list[Event]:
    events: list[Event] = []
    for connected, busy in (((), lambda s: len(lab(s).agenda) > 3),
                            (("vbd",), lambda s: bool(lab(s).disk.queue))):
        sim = simulation(connected=connected)
        events += sim.submit("connect" if not connected else "batch", None,
                             {"device": "vbd"} if not connected else {"count": 3})
        while not busy(sim):
            events += sim.step()
        events += sim.submit("destroy", "web") + drain(sim)
    return events


def mapped_elsewhere() -> list[Event]:
    sim = simulation(connected=("vbd",))
    events = sim.submit("read", None, {})
    while not [e for e in events if e.kind == "evtchn.upcall" and e.data["domid"] == "d1"]:
        events += sim.step()
    gref = next(iter(vbd(sim).blkfront.shadow.values())).gref
    return events + act(sim, "map_grant", mapper=0, granter=1, ref=gref)


def unmapped_ring() -> list[Event]:
    sim = simulation()
    events = sim.submit("connect", None, {"device": "vbd"})
    while "xenbus.front_granted_ring" not in [e.kind for e in events]:
        events += sim.step()
    lab(sim).agenda.insert(0, Task("front:end_ring", {"device": "vbd", "ring": "blkif"}))
    return events + sim.step()


def stale_event() -> list[Event]:
    sim = simulation(connected=("vif",))
    ring(sim, "vif", "tx").rsp_event = 100
    return act(sim, "send", size=64)


def tour() -> list[Event]:
    events: list[Event] = []
    for moves in STREAMS:
        sim = simulation(connected=("vbd", "vif"))
        watcher = Watcher(sim)
        recorded: list[Event] = []
        step = sim.step

        def recording_step(original: Any = step, into: list[Event] = recorded) -> list[Event]:
            out: list[Event] = original()
            into.extend(out)
            return out

        sim.step = recording_step  # type: ignore[method-assign]
        for move in moves:
            play(sim, watcher, move)
        settle(sim, watcher)
        events += recorded
    sim = simulation(hvm=True)
    for action, args in (("connect", {"device": "vbd"}), ("read", {}), ("batch", {"count": 40}),
                         ("emulated_read", {}), ("connect", {"device": "vif"}),
                         ("send", {}), ("receive", {}), ("disconnect", {"device": "vif"}),
                         ("map_grant", {"mapper": 0, "granter": 1, "ref": 8}),
                         ("xenstore_write", {"domid": 1, "path": "/local/domain/1/data/x"}),
                         ("disconnect", {"device": "vbd"})):
        events += act(sim, action, **args)
    events += corner_cases() + end_before_map() + no_buffer()
    return events


def end_before_map() -> list[Event]:
    sim = simulation(connected=("vbd",))
    events = sim.submit("read", None, {})
    while not vbd(sim).blkfront.shadow:
        events += sim.step()
    gref = next(iter(vbd(sim).blkfront.shadow.values())).gref
    return events + act(sim, "end_access", domid=1, ref=gref)


def no_buffer() -> list[Event]:
    sim = Simulation(scenario(connected=("vif",), rx_buffers=1), SEED)
    events: list[Event] = []
    for _ in range(3):
        events += sim.submit("receive", None, {"size": 100})
    events += drain(sim)
    rx = ring(sim, "vif", "rx")
    next_buffer = (rx.slots[rx.slot(rx.req_cons)] or {})["gref"]
    events += act(sim, "end_access", domid=1, ref=next_buffer)
    return events + act(sim, "receive", size=80)


@pytest.fixture(scope="module")
def spoken() -> list[Event]:
    return tour()


def test_every_template_has_both_languages_with_the_same_placeholders() -> None:
    for key, texts in TEMPLATES.items():
        assert set(texts) == {"en", "fr"} and texts["en"].strip() and texts["fr"].strip(), key
        fields = [{n for _, n, _, _ in string.Formatter().parse(texts[lang]) if n}
                  for lang in ("en", "fr")]
        assert fields[0] == fields[1], key


def test_every_event_sentence_is_said_by_some_run(spoken: list[Event]) -> None:
    missing = set(TEMPLATES) - NOT_EVENTS - said(spoken)
    assert missing == set()


def test_every_event_renders_in_both_languages(spoken: list[Event]) -> None:
    for event in spoken:
        for lang, text in event.narration().items():
            assert "{" not in text and "}" not in text and text != event.kind, (event.kind, lang)


def test_every_refusal_the_lab_raises_renders_in_both_languages() -> None:
    sim = simulation(connected=("vbd",))
    for action, args in (("map_grant", {"ref": 300}), ("end_access", {"ref": 300}),
                         ("evtchn_send", {"port": 99}), ("connect", {"device": "vbd"}),
                         ("xenstore_write", {"path": "/local/domain/0/x"})):
        with pytest.raises(ModelError) as error:
            sim.submit(action, None, args)
        for lang in ("en", "fr"):
            text = render(error.value.key, error.value.data, lang)
            assert text != error.value.key and "{" not in text
