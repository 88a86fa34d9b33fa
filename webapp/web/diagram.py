"""Where the lifecycle diagram draws each state (the transitions come from the model)."""

from __future__ import annotations

from typing import Any

from webapp.model.lifecycle.rules import TRADITIONAL, TRANSITIONS

#: State → (x, y) centre in the SVG's 1000 × 430 box.
NODES: dict[str, tuple[int, int]] = {
    "nothing": (70, 215),
    "paused": (250, 90),
    "running": (470, 90),
    "blocked": (470, 215),
    "runnable": (470, 340),
    "shutting_down": (670, 90),
    "shutdown": (670, 215),
    "crashed": (670, 300),
    "suspended": (670, 385),
    "dying": (860, 215),
    "dead": (860, 340),
}

#: Where a domain in a state stands in a traditional machine's lifecycle (None: no equivalent).
TRADITIONAL_OF = {"running": "running", "blocked": "running", "runnable": "running",
                  "shutting_down": "shutdown", "shutdown": "off", "dying": "off", "dead": "off",
                  "nothing": "off", "paused": None, "crashed": None, "suspended": None}

# extra edges the learner sees while an operation passes through intermediate states
_EXTRA = (("running", "shutdown", "shutting_down"), ("running", "reboot", "shutting_down"),
          ("running", "save", "shutting_down"), ("shutting_down", "shutdown", "shutdown"),
          ("shutting_down", "save", "suspended"), ("running", "watchdog", "shutdown"),
          ("blocked", "wake", "runnable"), ("runnable", "run", "running"))


def edges() -> list[dict[str, Any]]:
    """Every drawn transition, one per pair of states, with all the triggers that take it."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for source, trigger, target in TRANSITIONS + _EXTRA:
        if source in NODES and target in NODES and source != target:
            grouped.setdefault((source, target), []).append(trigger)
    return [_edge(source, target, triggers) for (source, target), triggers in grouped.items()]


def _edge(source: str, target: str, triggers: list[str]) -> dict[str, Any]:
    (x1, y1), (x2, y2) = NODES[source], NODES[target]
    dx, dy = x2 - x1, y2 - y1
    # stop the arrow at the box edge (boxes are 140 × 48)
    scale = min(70 / abs(dx) if dx else 1e9, 24 / abs(dy) if dy else 1e9)
    return {"from": source, "to": target, "triggers": " ".join(triggers),
            "label": " / ".join(dict.fromkeys(triggers)),
            "x1": x1 + dx * scale, "y1": y1 + dy * scale,
            "x2": x2 - dx * scale, "y2": y2 - dy * scale,
            "lx": (x1 + x2) / 2, "ly": (y1 + y2) / 2 - 6}


def traditional() -> list[dict[str, Any]]:
    """The five states of a traditional machine, on a small ring."""
    return [{"id": state, "x": 110 + 180 * i, "y": 40} for i, state in enumerate(TRADITIONAL)]
