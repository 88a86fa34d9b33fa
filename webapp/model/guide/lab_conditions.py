"""Condition kinds that read a lab's own state (see :mod:`webapp.model.guide.conditions`).

Each reads ``world.labs[<lab>]`` at the step checked and is false in a world without that lab.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from webapp.model.devices.state import LAB as DEVICES
from webapp.model.devices.state import DevicesLab
from webapp.model.guide.conditions import Condition, EventIds, Look, bad, kind, only
from webapp.model.memlab.state import MODES, MemoryLab


def _devices(look: Look) -> DevicesLab | None:
    lab = look.world.labs.get(DEVICES)
    return lab if isinstance(lab, DevicesLab) else None


def _flag(doc: dict[str, Any], key: str) -> bool:
    value = doc.get(key, True)
    if not isinstance(value, bool):
        raise bad(f"{key} needs true or false")
    return value


@dataclass(frozen=True)
class DeviceConnected:
    """``{device: vbd, connected: true}``: both ends of the device are (not) Connected."""

    device: str
    connected: bool

    def holds(self, look: Look) -> bool:
        lab = _devices(look)
        device = lab.devices.get(self.device) if lab else None
        return device is not None and device.connected() == self.connected


@kind("device")
def _device(doc: dict[str, Any], events: EventIds) -> Condition:
    only(doc, "device", "connected")
    if doc["device"] not in ("vbd", "vif"):
        raise bad("device needs vbd or vif")
    return DeviceConnected(doc["device"], _flag(doc, "connected"))


@dataclass(frozen=True)
class RingFull:
    """``{ring_full: true}``: a frontend finds a shared ring with no free request slot."""

    full: bool

    def holds(self, look: Look) -> bool:
        lab = _devices(look)
        rings = [ring for device in (lab.devices.values() if lab else ())
                 for ring in device.rings.values()]
        return any(ring.full() for ring in rings) == self.full if rings else False


@kind("ring_full")
def _ring_full(doc: dict[str, Any], events: EventIds) -> Condition:
    only(doc, "ring_full")
    return RingFull(_flag(doc, "ring_full"))


@dataclass(frozen=True)
class ReadsDone:
    """``{reads_done: 40}``: at least that many of the guests' reads have completed."""

    count: int

    def holds(self, look: Look) -> bool:
        lab = _devices(look)
        done = sum(1 for r in lab.requests.values() if r.status == "done") if lab else 0
        return done >= self.count


@kind("reads_done")
def _reads_done(doc: dict[str, Any], events: EventIds) -> Condition:
    only(doc, "reads_done")
    count = doc["reads_done"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise bad("reads_done needs a positive number of reads")
    return ReadsDone(count)


@dataclass(frozen=True)
class PagingMode:
    """``{paging_mode: ept}``: the memory lab runs its guest in that mode now."""

    mode: str

    def holds(self, look: Look) -> bool:
        lab = look.world.labs.get("memory")
        return isinstance(lab, MemoryLab) and lab.mode == self.mode


@kind("paging_mode")
def _paging_mode(doc: dict[str, Any], events: EventIds) -> Condition:
    only(doc, "paging_mode")
    if doc["paging_mode"] not in MODES:
        raise bad(f"paging_mode needs one of {', '.join(MODES)}")
    return PagingMode(doc["paging_mode"])
