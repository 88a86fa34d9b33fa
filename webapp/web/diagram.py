"""Where the lifecycle diagram draws each state and route (the transitions come from the model).

Geometry only: the states and transitions are the model's (``lifecycle.rules.TRANSITIONS``).
"""

from __future__ import annotations

from typing import Any

from webapp.model.lifecycle.rules import TRADITIONAL, TRANSITIONS

HALF_W, HALF_H = 60, 24  # state boxes are 120 × 48

#: State → (x, y) centre in the domain part of the SVG (1000 × 450).
NODES: dict[str, tuple[int, int]] = {
    "nothing": (70, 215), "paused": (240, 215),
    "running": (420, 90), "runnable": (420, 215), "blocked": (420, 340),
    "shutting_down": (660, 90), "shutdown": (590, 215), "crashed": (760, 215),
    "suspended": (670, 340), "dying": (950, 300), "dead": (950, 420),
}

#: Routes that go around other states: (from, to) → waypoints; and the label's position.
WAYPOINTS: dict[tuple[str, str], list[tuple[int, int]]] = {
    ("paused", "dying"): [(240, 28), (1030, 28), (1030, 300)],
    ("dead", "nothing"): [(950, 470), (70, 470)],
    ("running", "blocked"): [(492, 150), (492, 280)],
}
LABELS: dict[tuple[str, str], tuple[int, int]] = {
    ("paused", "dying"): (640, 22), ("dead", "nothing"): (520, 464),
    ("running", "blocked"): (512, 219), ("running", "shutting_down"): (540, 80),
    ("nothing", "paused"): (155, 262), ("paused", "runnable"): (330, 242),
    ("runnable", "paused"): (330, 203), ("running", "runnable"): (385, 156),
    ("runnable", "running"): (452, 156),
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
    label: tuple[float, float] = LABELS.get(pair) or _middle(points)
    return {"from": pair[0], "to": pair[1], "triggers": " ".join(triggers),
            "label": _short(triggers), "lx": label[0], "ly": label[1],
            "d": "M " + " L ".join(f"{x:.1f} {y:.1f}" for x, y in points)}


def _short(triggers: list[str]) -> str:
    """The label drawn on an arrow: at most two triggers (all of them are in its tooltip)."""
    return triggers[0] + " …" if len(triggers) > 2 else " / ".join(triggers)


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
    return [{"id": state, "x": 110 + 180 * i, "y": 40} for i, state in enumerate(TRADITIONAL)]
