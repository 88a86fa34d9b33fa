"""Plans of everything that is not a single access: CR3 writes, ``invlpg``, page-table
updates (a plain store, an ``mmu_update`` hypercall, or a trapped write resynchronised by
Xen, depending on the mode), mode switches, documents, the mode comparison and the quiz.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from webapp.model.errors import ModelError, Refused
from webapp.model.host import World
from webapp.model.memlab import apply, compare, pv, quiz
from webapp.model.memlab import shadow as shadows
from webapp.model.memlab.plan import EXIT, HYPERCALL, Planner, hx, mode_key
from webapp.model.memlab.setup import Loaded, install_document
from webapp.model.memlab.state import MODES, Item, MemoryLab, Quiz, Tables
from webapp.model.memlab.tables import flag_words, frame_of
from webapp.model.memlab.views import P2M, p2m_of

#: VMX exit reasons used by the plans (virtualization-facts.md §2.5).
EXIT_EXCEPTION, EXIT_INVLPG, EXIT_CR_ACCESS = 0, 14, 28


def mode_refusal(world: World, lab: MemoryLab, mode: str) -> Refused | None:
    """Why the guest cannot run in ``mode`` now (None when it can)."""
    if mode == "native":
        return None
    if lab.ostep is not None or not lab.virtualizable or lab.tables is None:
        return Refused("memory.refused.native_only", mode=mode_key(mode))
    gone = guest_refusal(world, lab)
    if gone is not None:
        return gone
    if mode == "pv":
        problems = pv.conflicts(lab.tables, p2m_of(world, lab))
        if problems:
            first = problems[0]
            return Refused("memory.refused.pv_conflict",
                           why={"key": first["key"], "data": first})
    return None


def guest_refusal(world: World, lab: MemoryLab) -> Refused | None:
    """The guest whose P2M the virtual modes use has left the host, or released its memory
    while being destroyed (None while it is there)."""
    domain = world.host.domains.get(lab.domid)
    if domain is None or not domain.p2m:
        return Refused("memory.refused.no_domain", domid=lab.domid)
    return None


def plan_request(world: World, lab: MemoryLab, request: tuple[Any, ...],
                 rng: random.Random) -> list[Item]:
    """The items of ``request`` (never empty)."""
    kind = request[0]
    domain = world.host.domains.get(lab.domid)
    usable = domain is not None and lab.tables is not None and lab.virtualizable
    p2m = P2M(domain.p2m) if usable and domain is not None else None
    if kind == "access":
        items = Planner(lab, p2m).access(*request[1:])
        lab.walk, lab.walk_position, lab.walk_request = items, 0, request[1:]
        return items
    return PLANNERS[kind](world, lab, p2m, rng, *request[1:])


def _mode_word(lab: MemoryLab) -> dict[str, Any]:
    return {"mode": mode_key(lab.mode)}


def _cr3(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random) -> list[Item]:
    flush = (("tlb_flush", "nonglobal"),)
    if lab.mode == "pv":
        return [Item("hypercall.new_baseptr", _mode_word(lab), "hypercall", counts=HYPERCALL,
                     effects=flush, notable=True)]
    if lab.mode == "shadow":
        assert lab.shadow is not None
        return [Item("exit.cr3", {"exit_reason": EXIT_CR_ACCESS}, "xen", counts=EXIT,
                     notable=True),
                Item("mem.shadow_cr3", {"smfn": hx(lab.shadow.root or 0)}, "xen",
                     effects=flush)]
    key = "mem.cr3_ept" if lab.mode == "ept" else "mem.cr3"
    return [Item(key, _mode_word(lab), "native", effects=flush)]


def _invlpg(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random, va: int
            ) -> list[Item]:
    drop = ("tlb_drop", va)
    data = {"va": hx(va)}
    if lab.mode == "pv":
        return [Item("hypercall.invlpg", data, "hypercall", counts=HYPERCALL, effects=(drop,),
                     notable=True)]
    if lab.mode == "shadow":
        assert lab.shadow is not None
        slot = shadows.leaf_slot(lab.shadow, va)
        effects: tuple[tuple[Any, ...], ...] = (drop,)
        if slot is not None:
            effects = (("shadow", slot[0], slot[1], 0), drop)
        return [Item("exit.invlpg", {**data, "exit_reason": EXIT_INVLPG}, "xen", counts=EXIT,
                     notable=True),
                Item("mem.shadow_invlpg" if slot else "mem.shadow_invlpg_none", data, "xen",
                     effects=effects)]
    key = "mem.invlpg_ept" if lab.mode == "ept" else "mem.invlpg"
    return [Item(key, data, "native", effects=(drop,))]


def _entry_data(tables: Tables, pfn: int, index: int, value: int, va: int) -> dict[str, Any]:
    return {"va": hx(va), "pfn": hx(pfn), "index": index, "old": hx(tables.frames[pfn][index]),
            "new": hx(value), "flags": " ".join(flag_words(value)) or "—",
            "frame": hx(frame_of(value))}


def _pte(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random, pfn: int,
         index: int, value: int, va: int) -> list[Item]:
    """A guest store to one of its page-table entries (not PV: PV goes through ``_mmu``)."""
    tables = lab.tables
    assert tables is not None
    data = _entry_data(tables, pfn, index, value, va)
    write = ("guest", pfn, index, value)
    if lab.mode != "shadow":
        key = "mem.pte_store_ept" if lab.mode == "ept" else "mem.pte_store"
        return [Item(key, data, "native", effects=(write,), counts=(("cycles", 1),))]
    assert p2m is not None
    trap = Item("exit.pt_write", {**data, "exit_reason": EXIT_EXCEPTION}, "xen", counts=EXIT,
                notable=True)
    emulate = Item("mem.shadow_emulate_pte", data, "xen", effects=(write,))
    resynced = shadows.resynced_entry(lab, p2m, pfn, index, value)
    if resynced is None:
        return [trap, emulate, Item("mem.shadow_unshadowed", data, "xen")]
    smfn, shadow_value = resynced
    sync = Item("mem.shadow_resync", {**data, "smfn": hx(smfn), "shadow": hx(shadow_value)},
                "xen", effects=(("shadow", smfn, index, shadow_value), ("tlb_flush", "all")))
    return [trap, emulate, sync]


def _mmu(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random, ptr: int,
         val: int, va: int | None) -> list[Item]:
    """``HYPERCALL_mmu_update``: the guest's request, Xen's checks, Xen's write."""
    assert p2m is not None and lab.tables is not None
    call = {"ptr": hx(ptr), "val": hx(val), "va": hx(va) if va is not None else "—",
            "command": ptr & 7, "command_name": pv.COMMAND_NAMES.get(ptr & 7, "?")}
    first = Item("hypercall.mmu_update", call, "hypercall", counts=HYPERCALL, notable=True)
    try:
        update = pv.check_update(world, lab, p2m, ptr, val)
    except ModelError as refused:  # the state changed since the command was accepted
        return [first, Item("mem.mmu_failed", {"why": {"key": refused.key,
                                                       "data": refused.data}}, "xen")]
    if update.level == 0:
        return [first, _data_write(lab, update, call)]
    target = lab.pv_types.get(update.target_mfn) if update.target_mfn is not None else None
    checks = {**call, "mfn": hx(update.mfn), "type": f"L{update.level}",
              "target": hx(update.target_mfn) if update.target_mfn is not None else "—",
              "target_type": (target.type if target else "none").upper(),
              "wanted": (update.target_type or "none").upper()}
    effects: list[tuple[Any, ...]] = []
    if update.target_type in ("l1", "l2", "l3") and update.target_mfn is not None:
        target_pfn = p2m.pfn(update.target_mfn)
        effects.append(("new_table", target_pfn, int(update.target_type[1])))
    effects += [("guest", update.pfn, update.index, update.guest_entry), ("pv_types",)]
    data = _entry_data(lab.tables, update.pfn, update.index, update.guest_entry, va or 0)
    if update.target_mfn is None:
        check_key = "mem.xen_validate_clear"
    elif update.target_type in ("l1", "l2", "l3"):
        check_key = "mem.xen_validate_table"
    else:
        check_key = "mem.xen_validate_rw" if update.target_type else "mem.xen_validate_ro"
    return [first, Item(check_key, checks, "xen"),
            Item("mem.xen_pt_write", {**checks, **data}, "xen", effects=tuple(effects))]


def _data_write(lab: MemoryLab, update: pv.Update, call: dict[str, Any]) -> Item:
    """Not a validated page table: Xen writes the 8 bytes as data (no page-table check)."""
    assert lab.tables is not None
    in_tables = update.pfn in lab.tables.frames
    effects: tuple[tuple[Any, ...], ...] = ()
    if in_tables:
        effects = (("guest", update.pfn, update.index, update.guest_entry), ("pv_types",))
    data = {**call, "mfn": hx(update.mfn), "pfn": hx(update.pfn), "index": update.index,
            "type": update.frame_type.upper()}
    key = "mem.xen_data_write_table" if in_tables else "mem.xen_data_write"
    return Item(key, data, "xen", effects=effects)


def _mode(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random, mode: str
          ) -> list[Item]:
    return [Item("mem.mode", {"mode": mode_key(mode), "previous": mode_key(lab.mode)}, "native",
                 effects=(("mode", mode),))]


def _trace_start(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random
                 ) -> list[Item]:
    data = {"mode": mode_key(lab.mode), "count": len(lab.trace)}
    effects: tuple[tuple[Any, ...], ...] = (("counters_reset",), ("tlb_flush", "all"))
    if lab.mode == "shadow":
        effects += (("sreset",),)
    return [Item("mem.trace_start", data, "native", effects=effects)]


def _trace_done(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random
                ) -> list[Item]:
    counters = lab.counters_of(lab.mode)
    return [Item("mem.trace_done", {**counters.as_dict(), "mode": mode_key(lab.mode)}, "native")]


def _load(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random,
          loaded: Loaded) -> list[Item]:
    return [Item("mem.document", {"paging": loaded.paging, "count": len(loaded.trace)}, "native",
                 effects=(("document", loaded),))]


def _compare_mode(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random,
                  mode: str) -> list[Item]:
    """One chunk of the comparison in ``mode``: progress, or the mode's counters at its end."""
    refusal = _compare_refusal(world, lab, mode)
    if refusal is not None:
        why = {"key": refusal.key, "data": refusal.data}
        return [Item("mem.compare_skipped", {"mode": mode_key(mode), "why": why}, "native",
                     effects=(("comparison", mode, None, why),))]
    run = compare.advance(world, lab, mode)
    if not compare.finished(lab, run):
        data = {"mode": mode_key(mode), "done": run.position, "count": len(lab.trace)}
        return [Item("mem.compare_progress", data, "native",
                     effects=(("requeue", ("compare_mode", mode)),))]
    counters = run.scratch.counters_of(mode).as_dict()
    return [Item("mem.compare_mode", {**counters, "mode": mode_key(mode)}, "native",
                 effects=(("comparison", mode, counters, None),))]


def _compare_refusal(world: World, lab: MemoryLab, mode: str) -> Refused | None:
    """Why ``mode`` cannot be compared: the whole check when the mode starts; then only
    whether the guest is still there (the lab is busy, so its tables cannot change)."""
    if lab.compare is None or lab.compare.mode != mode:
        return mode_refusal(world, lab, mode)
    return guest_refusal(world, lab) if mode != "native" else None


def _compare_done(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random
                  ) -> list[Item]:
    cycles = {mode: values["cycles"] for mode, values in lab.comparison.items()}
    cheapest = min(cycles, key=lambda mode: cycles[mode]) if cycles else "native"
    return [Item("mem.compare_done", {"count": len(lab.trace), "cheapest": mode_key(cheapest),
                                      "modes": len(cycles)}, "native")]


def _quiz_new(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random
              ) -> list[Item]:
    problem = quiz.new_quiz(lab, rng, p2m)
    who = {"key": "mem.who.user" if problem.user else "mem.who.kernel"}
    data = {"number": problem.number, "va": hx(problem.va), "access": problem.access,
            "user": problem.user, "mode": mode_key(problem.mode), "who": who,
            "how": {"key": f"mem.access.{problem.access}"}}
    return [Item("mem.quiz_new", data, "native", effects=(("quiz", problem),))]


def _quiz_answer(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random,
                 kind: str, address: int | None) -> list[Item]:
    assert lab.quiz is not None
    attempt = quiz.check(lab.quiz, kind, address)
    key = "mem.quiz_right" if attempt["right"] else "mem.quiz_wrong"
    return [Item(key, {"number": lab.quiz.number, "given": attempt["given"]}, "native",
                 effects=(("quiz_attempt", attempt),))]


def _quiz_reveal(world: World, lab: MemoryLab, p2m: P2M | None, rng: random.Random
                 ) -> list[Item]:
    assert lab.quiz is not None
    return [Item("mem.quiz_reveal", {"number": lab.quiz.number}, "native",
                 effects=(("quiz_reveal",),))]


PLANNERS: dict[str, Callable[..., list[Item]]] = {
    "cr3": _cr3, "invlpg": _invlpg, "pte": _pte, "mmu": _mmu, "mode": _mode,
    "trace_start": _trace_start, "trace_done": _trace_done, "load": _load,
    "compare_mode": _compare_mode, "compare_done": _compare_done, "quiz_new": _quiz_new,
    "quiz_answer": _quiz_answer, "quiz_reveal": _quiz_reveal,
}


# -- the effects these plans add ----------------------------------------------------------

def _document(world: World, lab: MemoryLab, loaded: Loaded) -> None:
    install_document(world, lab, loaded)
    lab.counters, lab.comparison, lab.compare_skipped, lab.log = {}, {}, {}, []
    lab.walk, lab.walk_position, lab.walk_request, lab.quiz = [], 0, None, None
    lab.trace_position = None
    apply.enter_mode(world, lab, "native")


def _comparison(world: World, lab: MemoryLab, mode: str, counters: dict[str, int] | None,
                why: dict[str, Any] | None) -> None:
    lab.compare = None
    if mode == MODES[0]:
        lab.comparison, lab.compare_skipped = {}, {}
    if counters is not None:
        lab.comparison[mode] = counters
    if why is not None:
        lab.compare_skipped[mode] = why


def _requeue(world: World, lab: MemoryLab, request: tuple[Any, ...]) -> None:
    """Carry on with ``request`` at the next step (the comparison's next chunk)."""
    assert lab.activity is not None
    lab.activity.requests.insert(0, request)


def _quiz(world: World, lab: MemoryLab, problem: Quiz) -> None:
    lab.quiz = problem
    lab.quizzes = problem.number


def _quiz_attempt(world: World, lab: MemoryLab, attempt: dict[str, Any]) -> None:
    assert lab.quiz is not None
    lab.quiz.attempts.append(attempt)
    lab.quiz.solved = lab.quiz.solved or bool(attempt["right"])


def _quiz_revealed(world: World, lab: MemoryLab) -> None:
    assert lab.quiz is not None
    lab.quiz.revealed = True


apply.HANDLERS.update({"document": _document, "comparison": _comparison, "requeue": _requeue,
                       "quiz": _quiz, "quiz_attempt": _quiz_attempt,
                       "quiz_reveal": _quiz_revealed})
