"""Random problems from the simulation's seeded random source: "which physical address, or
which fault?". The expected answer is computed by the same walk the lab animates (in the
current mode, from a cold TLB) and stays out of the snapshot until it is revealed.
"""

from __future__ import annotations

import dataclasses
import random
import re
from itertools import islice
from typing import Any

from webapp.model.memlab.plan import Planner, hx
from webapp.model.memlab.state import MemoryLab, Quiz, Tlb
from webapp.model.memlab.tables import SCAN_PER_WORK, mappings
from webapp.model.memlab.views import P2M

#: The answer kinds a learner may give, and the words that name them.
KINDS = {
    "page_fault": ("#pf", "pf", "page fault", "page_fault"),
    "general_protection": ("#gp", "gp", "general protection", "general_protection"),
    "ept_violation": ("ept", "ept violation", "ept_violation", "vm exit"),
    "ept_misconfig": ("ept misconfig", "ept misconfiguration", "ept_misconfig", "misconfig"),
    "invalid": ("invalid", "fault", "segfault"),
    "mmio": ("mmio", "no ram"),
}
_HEX = re.compile(r"(0x)?[0-9a-f]{1,16}")
#: A problem is drawn among the first leaves only (address order): enough for any exercise,
#: and a new problem never enumerates the ~15,000 leaves of the largest document.
MAX_LEAVES = 1024


def _access(rng: random.Random) -> tuple[str, bool]:
    roll = rng.random()
    access = "read" if roll < 0.5 else "write" if roll < 0.8 else "exec"
    return access, rng.random() < 0.5


def pick(lab: MemoryLab, rng: random.Random, p2m: P2M | None) -> tuple[int, str, bool]:
    """A random access: most often inside a mapped page, else outside, else non-canonical."""
    if lab.ostep is not None:
        return rng.randrange(lab.ostep.address_space), "read", False
    assert lab.tables is not None
    usable = (m for m in mappings(lab.tables)
              if lab.mode == "native" or p2m is None or p2m.mfn(m.pfn) is not None)
    leaves = list(islice(usable, MAX_LEAVES))
    access, user = _access(rng)
    roll = rng.random()
    if leaves and roll < 0.6:
        leaf = rng.choice(leaves)
        return leaf.va + rng.randrange(min(leaf.size, 1 << 12)), access, user
    if lab.tables.paging == "x86_64" and roll > 0.9:
        upper = rng.randrange(1, 0xFFFF)
        return (upper << 48) | rng.randrange(1 << 47), access, user
    if leaves:
        leaf = rng.choice(leaves)
        nearby = (leaf.va ^ (rng.randrange(1, 16) << 12)) | rng.randrange(1 << 12)
        return nearby, access, user
    limit = 1 << (47 if lab.tables.paging == "x86_64" else 32)
    return rng.randrange(limit), access, user


def new_quiz(lab: MemoryLab, rng: random.Random, p2m: P2M | None) -> Quiz:
    """Problem number ``lab.quizzes + 1`` in the current mode."""
    va, access, user = pick(lab, rng, p2m)
    cold = dataclasses.replace(lab, tlb=Tlb(lab.tlb.capacity))
    items = Planner(cold, p2m).access(va, access, user)[1:]
    lab.work += len(items) + MAX_LEAVES // SCAN_PER_WORK  # the walk, and the leaves drawn from
    result: dict[str, Any] = {}
    for item in items:
        for effect in item.effects:
            if effect[0] == "log":
                result = effect[2]
    kind = result.get("kind", "invalid")
    answer_kind = "address" if kind == "translated" else kind
    address = int(result["address"], 16) if answer_kind == "address" else None
    worked = [{"kind": item.kind, "data": item.data} for item in items]
    return Quiz(lab.quizzes + 1, va, access, user, lab.mode, answer_kind, address, worked)


def parse_answer(text: str) -> tuple[str, int | None] | None:
    """(kind, address) from what the learner typed, or None when it means nothing."""
    words = " ".join(text.strip().lower().split())
    for kind, names in KINDS.items():
        if words in names or any(words.startswith(name + " ") for name in names if
                                 name.startswith("#")):
            return kind, None
    if _HEX.fullmatch(words):
        return "address", int(words, 16)
    return None


def check(quiz: Quiz, kind: str, address: int | None) -> dict[str, Any]:
    """The attempt as recorded: what was given and whether it is right."""
    right = kind == quiz.answer_kind and (kind != "address" or address == quiz.answer_address)
    given = hx(address) if address is not None else kind
    return {"given": given, "kind": kind, "right": right}
