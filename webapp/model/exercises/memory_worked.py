"""The worked answer of a translation, in the memory lab's own form: the walk as the lab's
items (one memory reference each, then the rights check, the write-backs and the outcome, each
with its narration), and the address split — so the page draws it with its walk table and,
under EPT, its 2D grid."""

from __future__ import annotations

from typing import Any

from webapp.model.exercises.engine import Problem, both, plain
from webapp.model.memlab.section import address_fields
from webapp.model.memlab.state import Item, MemoryLab, Tables
from webapp.model.memlab.walk import WalkPlanner, mode_key
from webapp.model.narration import LANGUAGES, render
from webapp.model.paging import GeneralProtection, PageFault, Walk, walk_document
from webapp.model.paging.results import EntryUpdate


class WorkedWalk(WalkPlanner):
    """A walk as the lab's items, for a document rather than the lab's own tables."""

    def items(self, walk: Walk, request: dict[str, Any], va: int, access: str) -> list[Item]:
        return self._walk_items(walk, "mem.read", _no_effect, request, va, access)


def _no_effect(update: EntryUpdate) -> tuple[Any, ...]:
    return ("none", update.level.value)


def explain(problem: Problem) -> dict[str, Any]:
    document = problem.question["document"]
    mode = problem.facts["mode"]
    va, access, user = int(document["va"], 16), document["access"], document["user"]
    walk = walk_document(document)
    lab = MemoryLab(domid=0, mode=mode, tables=Tables("x86_64", int(document["root"], 16) >> 12))
    request = {"va": hex(va), "access": access, "user": user, "mode": mode_key(mode),
               "who": {"key": "mem.who.user" if user else "mem.who.kernel"},
               "how": {"key": f"mem.access.{access}"}}
    items = WorkedWalk(lab, None).items(walk, request, va, access)
    if mode == "pv" and isinstance(walk.outcome, PageFault | GeneralProtection):
        items.append(Item("trap.pv_bounce", {"va": hex(va)}, "xen"))
    rows = [_item(item, number) for number, item in enumerate(items, start=1)]
    result = problem.facts["result"]["result"]
    fields = address_fields(lab, va, result.get("page_size"))
    return {"answer": problem.truth, "steps": [row["text"] for row in rows] + [_answer(problem)],
            "view": {"type": "walk", "mode": mode, "items": rows, "fields": plain(fields)}}


def _item(item: Item, number: int) -> dict[str, Any]:
    """An item as the snapshot's ``memory.walk.items`` carries it."""
    row: dict[str, Any] = plain({
        "n": number, "kind": item.kind, "stage": item.stage, "level": item.level,
        "address": hex(item.address) if item.address is not None else None,
        "value": hex(item.value) if item.value is not None else None, "data": item.data,
        "text": {lang: render(item.kind, item.data, lang) for lang in LANGUAGES}})
    return row


def _answer(problem: Problem) -> dict[str, str]:
    truth = problem.truth
    if "pa" in truth:
        return both("The answer: {pa}.", "La réponse : {pa}.", pa=truth["pa"])
    fault = truth["fault"]
    return both("The answer: {kind}, level {level}, reason {reason}.",
                "La réponse : {kind}, niveau {level}, raison {reason}.",
                kind=fault["kind"], level=fault["level"] or "—", reason=fault["reason"])
