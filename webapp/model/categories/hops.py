"""Building blocks the four columns' plans share: a hop, and TCG's code-cache lookup."""

from __future__ import annotations

from typing import Any

from webapp.model.categories.state import Column, Hop

Effect = tuple[Any, ...]

#: guest-kernel instructions a handler runs (a model assumption: small, fixed sizes)
HANDLER = {"syscall": 120, "page_fault": 300, "timer": 200, "io": 400}


def word(name: str) -> dict[str, Any]:
    """A word of the narration as a sub-sentence (``cat.word.<name>``, translated by it)."""
    return {"key": f"cat.word.{name}", "data": {}}


def hop(path: list[str], event: str, *effects: Effect, **data: Any) -> Hop:
    """A move along ``path`` (top to bottom or back), narrated by ``event``."""
    return Hop(path[0], path[-1], event, {"path": list(path), **data}, list(effects))


def times(count: int, *effects: Effect) -> list[Effect]:
    """The same effects ``count`` times (each exit counted on its own)."""
    return [effect for _ in range(count) for effect in effects]


class CodeCache:
    """TCG's code cache as the plan sees it: the blocks translated so far, and the ones this
    plan will translate (a block is translated the first time it runs, then reused)."""

    def __init__(self, column: Column) -> None:
        self.known = set(column.code_cache)

    def run(self, path: list[str], block: str, count: int, **data: Any) -> Hop:
        """Run ``count`` guest instructions of ``block``: translate first if it is new."""
        effects: list[Effect] = [("emulate", count)]
        if block not in self.known:
            self.known.add(block)
            effects.insert(0, ("translate", block, count))
            return Hop(path[0], path[-1], "cat.tcg_translated",
                       {"path": path, "block": block, "count": count, **data}, effects)
        return Hop(path[0], path[-1], "cat.tcg_cached",
                   {"path": path, "block": block, "count": count, **data}, effects)
