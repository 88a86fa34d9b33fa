"""Where the lifecycle diagram draws each state and route (the transitions come from the model).

Geometry only: the states and transitions are the model's (``lifecycle.rules.TRANSITIONS``).
"""

from __future__ import annotations

from typing import Any

from webapp.model.lifecycle.rules import TRADITIONAL, TRANSITIONS

HALF_W, HALF_H = 62, 36  # state boxes are 124 × 72: the name on top, the tokens below

#: State → (x, y) centre in the domain part of the SVG (1070 × 490).
NODES: dict[str, tuple[int, int]] = {
    "nothing": (65, 215), "paused": (215, 215),
    "running": (430, 90), "runnable": (430, 215), "blocked": (430, 340),
    "shutting_down": (680, 90), "shutdown": (610, 215), "crashed": (800, 215),
    "suspended": (690, 340), "dying": (960, 300), "dead": (960, 420),
}

#: Routes that go around other states: (from, to) → waypoints.
WAYPOINTS: dict[tuple[str, str], list[tuple[int, int]]] = {
    ("paused", "dying"): [(215, 28), (1045, 28), (1045, 300)],
    ("dead", "nothing"): [(960, 470), (65, 470)],
    ("running", "blocked"): [(507, 150), (507, 280)],
}
#: Where an arrow's label stands (its text's anchor point) and which end of the text is there
#: ("start", "middle", "end"), chosen so that no label lies on another or on a state's box,
#: even in the projector's larger type.
LABELS: dict[tuple[str, str], tuple[int, int, str]] = {
    ("paused", "dying"): (640, 22, "middle"), ("dead", "nothing"): (520, 464, "middle"),
    ("running", "blocked"): (513, 160, "start"), ("running", "shutting_down"): (555, 82, "middle"),
    ("nothing", "paused"): (140, 272, "middle"), ("paused", "runnable"): (322, 241, "middle"),
    ("runnable", "paused"): (322, 203, "middle"), ("running", "runnable"): (424, 160, "end"),
    ("runnable", "running"): (440, 160, "start"), ("running", "paused"): (352, 128, "end"),
    ("blocked", "paused"): (352, 302, "end"), ("blocked", "runnable"): (445, 285, "start"),
    ("shutting_down", "suspended"): (692, 175, "start"), ("crashed", "dying"): (905, 240, "start"),
    ("shutdown", "dying"): (760, 290, "middle"), ("dying", "dead"): (968, 365, "start"),
}

#: Where a domain in a state stands in a traditional machine's lifecycle (None: no equivalent).
TRADITIONAL_OF = {"running": "running", "blocked": "running", "runnable": "running",
                  "shutting_down": "shutdown", "shutdown": "off", "dying": "off", "dead": "off",
                  "nothing": "off", "paused": None, "crashed": None, "suspended": None}


def edges() -> list[dict[str, Any]]:
    """Every drawn transition, one per pair of states, with all the triggers that take it."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for source, trigger, target in TRANSITIONS:
        grouped.setdefault((source, target), []).append(trigger)
    return [_edge(pair, triggers, (pair[1], pair[0]) in grouped)
            for pair, triggers in grouped.items()]


def _edge(pair: tuple[str, str], triggers: list[str], paired: bool) -> dict[str, Any]:
    points: list[tuple[float, float]] = [NODES[pair[0]], *WAYPOINTS.get(pair, []),
                                         NODES[pair[1]]]
    if paired:  # two opposite arrows between the same states: shift each to its right
        points = _shifted(points, 7)
    points[0] = _clip(points[0], points[1])
    points[-1] = _clip(points[-1], points[-2])
    label: tuple[float, float, str] = LABELS.get(pair) or (*_middle(points), "middle")
    return {"from": pair[0], "to": pair[1], "triggers": " ".join(triggers),
            "shown": _shown(triggers), "more": len(triggers) > 2,
            "lx": label[0], "ly": label[1], "anchor": label[2],
            "d": "M " + " L ".join(f"{x:.1f} {y:.1f}" for x, y in points)}


def _shown(triggers: list[str]) -> list[str]:
    """The triggers named on an arrow: at most two (all of them are in its tooltip); the page
    translates them and adds " …" when ``more``."""
    return triggers[:1] if len(triggers) > 2 else triggers


def _shifted(points: list[tuple[float, float]], by: float) -> list[tuple[float, float]]:
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1e-9)
    nx, ny = -(y2 - y1) / length * by, (x2 - x1) / length * by
    return [(x + nx, y + ny) for x, y in points]


def _clip(centre: tuple[float, float], toward: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from a box's centre toward ``toward`` leaves the box."""
    (x, y), (tx, ty) = centre, toward
    dx, dy = tx - x, ty - y
    scale = min(HALF_W / abs(dx) if dx else 1e9, HALF_H / abs(dy) if dy else 1e9, 1.0)
    return x + dx * scale, y + dy * scale


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    (x1, y1), (x2, y2) = points[0], points[-1]
    return (x1 + x2) / 2 + (8 if y1 != y2 else 0), (y1 + y2) / 2 - 6


def traditional() -> list[dict[str, Any]]:
    """The five states of a traditional machine, in a row."""
    return [{"id": state, "x": 100 + 200 * i, "y": 40} for i, state in enumerate(TRADITIONAL)]
