""""Which category should I choose?" — the course's three criteria as rules.

The course weighs (1) functional and hardware constraints, (2) the toolchain that builds the
isolation unit, (3) community support, and advises preferring open-source tools. The learner
answers a few questions (``yes``, ``no`` or ``unknown``); each answer excludes a category or
moves its score, with the reason and the criterion it comes from; the evidence is the counters
the four columns measured in the learner's own session, when there are any.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from webapp.model.categories.state import CATEGORIES

ANSWERS = ("yes", "no", "unknown")
#: question -> answer -> [(category, effect, reason id, criterion)]; effect None excludes
Rule = tuple[str, int | None, str, str]
C, T = "constraints", "toolchain"
RULES: dict[str, dict[str, list[Rule]]] = {
    "foreign_arch": {"yes": [("emulation", 4, "only_emulation_runs_another_isa", C),
                             ("os_level", None, "same_isa_needed", C),
                             ("paravirtualization", None, "same_isa_needed", C),
                             ("hardware_assisted", None, "same_isa_needed", C)]},
    "other_kernel": {"yes": [("os_level", None, "shares_host_kernel", C),
                             ("hardware_assisted", 1, "own_kernel", C),
                             ("paravirtualization", 1, "own_kernel", C)],
                     "no": [("os_level", 1, "same_kernel_is_enough", C)]},
    "unmodified_os": {"yes": [("paravirtualization", None, "pv_needs_modified_kernel", C),
                              ("hardware_assisted", 2, "runs_unmodified", C),
                              ("emulation", 1, "runs_unmodified", C)]},
    "has_vtx": {"yes": [("hardware_assisted", 1, "vtx_available", C)],
                "no": [("hardware_assisted", None, "needs_vtx", C),
                       ("paravirtualization", 1, "pv_without_vtx", C),
                       ("emulation", 1, "emulation_without_vtx", C)]},
    "strong_isolation": {"yes": [("os_level", -2, "shared_kernel_weaker", C),
                                 ("paravirtualization", 2, "hypervisor_boundary", C),
                                 ("hardware_assisted", 2, "hypervisor_boundary", C)],
                         "no": [("os_level", 1, "isolation_enough", C)]},
    "density": {"yes": [("os_level", 2, "no_kernel_to_boot", C),
                        ("emulation", -2, "emulation_slow", C)]},
    "container_toolchain": {"yes": [("os_level", 2, "toolchain_exists", T)],
                            "no": [("hardware_assisted", 1, "image_toolchain", T),
                                   ("paravirtualization", 1, "image_toolchain", T)]},
}
QUESTIONS = tuple(RULES)
#: open-source tools of each category (the course: prefer them) — the community criterion
TOOLS = {"emulation": ["QEMU (TCG)"], "os_level": ["LXC", "Podman", "Docker (Moby)", "gVisor"],
         "paravirtualization": ["Xen (PV, PVH)"], "hardware_assisted": ["Xen (HVM, PVH)",
                                                                       "KVM + QEMU"]}
#: the counters that show each category's cost or strength
EVIDENCE = {"emulation": ("instructions_emulated", "cycles"),
            "os_level": ("vm_exits", "hypercalls", "cycles"),
            "paravirtualization": ("hypercalls", "cycles"),
            "hardware_assisted": ("vm_exits", "cycles")}


def choose(answers: Mapping[str, str], counters: Mapping[str, Mapping[str, int]] | None = None
           ) -> dict[str, Any]:
    """The categories ranked for ``answers`` (unknown answers count for nothing)."""
    table: dict[str, dict[str, Any]] = {
        c: {"category": c, "score": 0, "excluded": False, "reasons": [], "tools": TOOLS[c],
            "evidence": _evidence(c, counters)} for c in CATEGORIES}
    for question in QUESTIONS:
        for category, effect, reason, criterion in RULES[question].get(
                answers.get(question, "unknown"), []):
            _apply(table[category], question, effect, reason, criterion)
    ranking = sorted(table.values(), key=lambda r: (r["excluded"], -r["score"],
                                                    CATEGORIES.index(r["category"])))
    best = [r for r in ranking if not r["excluded"]]
    top = best[0]["score"] if best else None
    return {"answers": {q: answers.get(q, "unknown") for q in QUESTIONS}, "ranking": ranking,
            "recommended": [r["category"] for r in best if r["score"] == top]}


def _apply(row: dict[str, Any], question: str, effect: int | None, reason: str,
           criterion: str) -> None:
    if effect is None:
        row["excluded"] = True
    else:
        row["score"] += effect
    row["reasons"].append({"question": question, "reason": reason, "criterion": criterion,
                           "effect": "excludes" if effect is None else effect})


def _evidence(category: str, counters: Mapping[str, Mapping[str, int]] | None
              ) -> list[dict[str, Any]]:
    if not counters or category not in counters:
        return []
    return [{"metric": m, "value": counters[category].get(m, 0)} for m in EVIDENCE[category]]
