"""The OSTEP paging problems (linear and multi-level page tables, *Operating Systems: Three
Easy Pieces*, ch. 18–20) walked as plan items.
"""

from __future__ import annotations

from typing import Any

from webapp.model.memlab.state import Item
from webapp.model.memlab.walk import LEVEL_NAMES, REFERENCE, WalkPlanner, hx
from webapp.model.paging import walk_linear, walk_ostep


class OstepPlanner(WalkPlanner):
    """The OSTEP problems: a linear or multi-level table in a tiny physical memory."""

    def _ostep(self, va: int, request: dict[str, Any]) -> list[Item]:
        problem = self.lab.ostep
        assert problem is not None
        if problem.kind == "multi":
            walk = walk_ostep(problem.memory, problem.pdbr, va)
        else:
            walk = walk_linear(problem.page_table, problem.page_size, va)
        items = []
        for n, ref in enumerate(walk.references, start=1):
            level = LEVEL_NAMES[ref.level.value]
            step = 1 if problem.kind == "multi" else 4
            data = {"n": n, "level": level, "address": hx(ref.entry_address),
                    "value": hx(ref.entry), "index": (ref.entry_address % 32) // step
                    if problem.kind == "multi" else ref.entry_address // 4,
                    "base": hx(ref.entry_address & ~31) if problem.kind == "multi" else "0x0",
                    "stage": "native", "gpa": None, "flags": ostep_flags(ref.entry, problem.kind)}
            items.append(Item("mem.read_ostep", data, "native", level, ref.entry_address,
                              ref.entry, counts=REFERENCE))
        items.append(self._outcome(walk, request, va, "read", None))
        return items


def ostep_flags(entry: int, kind: str) -> str:
    valid = entry & (0x80 if kind == "multi" else 0x8000_0000)
    pfn = entry & (0x7F if kind == "multi" else 0x7FFF_FFFF)
    return f"V={1 if valid else 0} PFN={pfn:#x}"
