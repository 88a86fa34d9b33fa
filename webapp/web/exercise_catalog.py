"""The exercise kinds the exercise engine offers, as progress and sets need them.

``exercise_kinds()`` is ``{kind: {"lab", "title": {"en", "fr"}, "levels": [1, ...]}}``: every
kind registered with the engine (``webapp.model.exercises.engine``).
"""

from __future__ import annotations

from typing import Any

from webapp.model.exercises import engine


def exercise_kinds() -> dict[str, dict[str, Any]]:
    return {kind.id: {"lab": kind.lab, "title": dict(kind.title),
                      "levels": list(range(1, len(kind.levels) + 1))}
            for kind in engine.kinds()}
