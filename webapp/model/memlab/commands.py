"""The memory lab's commands and its one recipe.

Each command checks its arguments and the state without changing anything (a refusal is a
``Refused`` with the reason, and nothing happens) and becomes an operation of the recipe
``memory``, whose single micro-step carries out one item per simulation step: one memory
reference, one check, one write-back, one hypervisor action. While an operation runs, the
lab refuses new commands (except the quiz), so a plan always applies to the state it was
computed from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.errors import InvalidCommand, ModelError, Refused
from webapp.model.events import HARDWARE, XEN, guest
from webapp.model.host import World
from webapp.model.memlab import pv
from webapp.model.memlab.apply import apply_item
from webapp.model.memlab.plan import mode_key
from webapp.model.memlab.quiz import parse_answer
from webapp.model.memlab.requests import mode_refusal, plan_request
from webapp.model.memlab.setup import lab_of, parse_document
from webapp.model.memlab.state import ACCESSES, MODES, Activity, Item, MemoryLab
from webapp.model.memlab.tables import P, leaf_slot, parse_flags, with_frame
from webapp.model.memlab.views import domain_of, p2m_of
from webapp.model.operations import AGAIN, Context, Operation, command, recipe
from webapp.model.paging import PagingDocumentError
from webapp.model.paging.fields import as_address

RECIPE = "memory"
Parse = Callable[[World, MemoryLab, dict[str, Any]], dict[str, Any]]


def invalid(problem: str) -> InvalidCommand:
    return InvalidCommand("memory.invalid", problem=problem)


def _only(args: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(args) - set(allowed) - {"action"})
    if unknown:
        raise invalid(f"unknown argument(s) {', '.join(unknown)}; expected: "
                      f"{', '.join(allowed) or 'none'}")


def address_bits(lab: MemoryLab) -> int:
    if lab.ostep is not None:
        return lab.ostep.address_space.bit_length() - 1
    assert lab.tables is not None
    return 64 if lab.tables.paging == "x86_64" else 32


def parse_va(lab: MemoryLab, value: Any, name: str = "va") -> int:
    """An address of this lab's geometry: a hex string ("0x...") or an integer."""
    return parse_hex(value, name, address_bits(lab))


def parse_hex(value: Any, name: str, bits: int = 64) -> int:
    """A hex string ("0x..." or bare hex digits) or an integer, at most ``bits`` wide."""
    if isinstance(value, str) and value and not value.lower().startswith("0x"):
        value = "0x" + value
    try:
        return as_address(value, name, bits)
    except PagingDocumentError as error:
        raise invalid(str(error)) from error


class LabCommand:
    """A memory-lab action: ``parse`` returns the operation's arguments or refuses."""

    def __init__(self, parse: Parse, allowed: tuple[str, ...] = (), busy_ok: bool = False
                 ) -> None:
        self.parse, self.allowed, self.busy_ok = parse, allowed, busy_ok

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        lab = lab_of(world)
        if lab.activity is not None and not self.busy_ok:
            raise Refused("memory.refused.busy", left=len(lab.activity.items)
                          - lab.activity.position)
        _only(args, self.allowed)
        return Operation(0, RECIPE, None, self.parse(world, lab, dict(args)))


def _access(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    va = parse_va(lab, args.get("va"))
    access = args.get("access", "read")
    if access not in ACCESSES:
        raise invalid(f"access must be read, write or exec, not {access!r}")
    user = args.get("user", False)
    if not isinstance(user, bool):
        raise invalid("user must be true or false")
    _virtual_domain(world, lab)
    return {"requests": [("access", va, access, user)]}


def _virtual_domain(world: World, lab: MemoryLab) -> None:
    if lab.mode != "native":
        domain_of(world, lab)


def _run_trace(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    if not lab.trace:
        raise Refused("memory.refused.no_trace")
    _virtual_domain(world, lab)
    return {"requests": [("trace_start",)], "trace": 0, "after": [("trace_done",)]}


def _compare(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    if not lab.trace:
        raise Refused("memory.refused.no_trace")
    return {"requests": [*(("compare_mode", mode) for mode in MODES), ("compare_done",)]}


def _x86(lab: MemoryLab, what: str) -> None:
    if lab.tables is None:
        raise Refused("memory.refused.ostep_only", what=what)


def _write_cr3(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    _x86(lab, "write_cr3")
    _virtual_domain(world, lab)
    return {"requests": [("cr3",)]}


def _invlpg(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    _x86(lab, "invlpg")
    _virtual_domain(world, lab)
    return {"requests": [("invlpg", parse_va(lab, args.get("va")))]}


def _set_mode(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    mode = args.get("mode")
    if mode not in MODES:
        raise invalid(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    refusal = mode_refusal(world, lab, str(mode))
    if refusal is not None:
        raise refusal
    return {"requests": [("mode", mode)]}


def _mmu_update(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    if lab.mode != "pv":
        raise Refused("memory.refused.not_pv", mode=mode_key(lab.mode))
    ptr, val = parse_hex(args.get("ptr"), "ptr"), parse_hex(args.get("val"), "val")
    pv.check_update(world, lab, p2m_of(world, lab), ptr, val)
    return {"requests": [("mmu", ptr, val, None)]}


def _write_pte(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    _x86(lab, "write_pte")
    assert lab.tables is not None
    va = parse_va(lab, args.get("va"))
    pfn = parse_hex(args.get("pfn", "0x0"), "pfn")
    try:
        flags = parse_flags(args.get("flags", "P"))
    except (ValueError, AttributeError, TypeError) as error:
        raise invalid(str(error)) from error
    slot = leaf_slot(lab.tables, va)
    if slot is None or slot[2] != 1:
        raise Refused("memory.refused.no_pt", va=hex(va))
    table, index, _level = slot
    value = with_frame(flags, pfn)
    if lab.mode != "pv":
        _virtual_domain(world, lab)
        return {"requests": [("pte", table, index, value, va)]}
    p2m = p2m_of(world, lab)
    mfn, target = p2m.mfn(table), p2m.mfn(pfn)
    if target is None and flags & P:
        raise Refused("memory.refused.no_mfn", pfn=hex(pfn))
    assert mfn is not None
    ptr, val = (mfn << 12) | index * 8, with_frame(flags, target or 0)
    pv.check_update(world, lab, p2m, ptr, val)
    return {"requests": [("mmu", ptr, val, va)]}


def _load_document(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    return {"requests": [("load", parse_document(args.get("document")))]}


def _quiz_new(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    _virtual_domain(world, lab)
    return {"requests": [("quiz_new",)]}


def _quiz_answer(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    if lab.quiz is None:
        raise Refused("memory.refused.no_quiz")
    text = args.get("answer")
    parsed = parse_answer(text) if isinstance(text, str) and len(text) <= 40 else None
    if parsed is None:
        raise invalid("answer must be a hex address (0x…) or #PF, #GP, EPT, MMIO, invalid")
    return {"requests": [("quiz_answer", *parsed)]}


def _quiz_reveal(world: World, lab: MemoryLab, args: dict[str, Any]) -> dict[str, Any]:
    if lab.quiz is None:
        raise Refused("memory.refused.no_quiz")
    return {"requests": [("quiz_reveal",)]}


# -- the recipe -------------------------------------------------------------------------------

def advance(ctx: Context, op: Operation) -> str | None:
    """Carry out the next item of the operation's activity (one simulation step), and charge
    the step with the work the lab did (plans built, chunks of a comparison, validations)."""
    lab = lab_of(ctx.world)
    before = lab.work
    result = _carry_out(ctx, lab, op)
    ctx.charge(lab.work - before)
    return result


def _carry_out(ctx: Context, lab: MemoryLab, op: Operation) -> str | None:
    act = lab.activity
    if act is None:
        act = lab.activity = Activity(op.op_id, list(op.args["requests"]),
                                      trace_next=op.args.get("trace"),
                                      after=list(op.args.get("after", [])))
    elif act.op_id != op.op_id:
        return AGAIN  # another memory-lab operation is running: wait for it
    if act.position >= len(act.items):
        request = _next(lab, act)
        try:
            act.items = plan_request(ctx.world, lab, request, ctx.rng)
        except ModelError as error:  # the world changed under the lab (a domain destroyed)
            why = {"key": error.key, "data": error.data}
            act.items = [Item("mem.failed", {"why": why}, "native")]
        lab.work += len(act.items)
        act.position = 0
    item = act.items[act.position]
    act.position += 1
    if act.items is lab.walk:
        lab.walk_position = act.position
    apply_item(ctx.world, lab, item)
    ctx.emit(item.kind, _actors(lab, item.stage), notable=item.notable, **item.data)
    if act.position < len(act.items) or _has_next(lab, act):
        return AGAIN
    lab.activity = None
    if act.trace_next is not None:
        lab.trace_position = None
    return None


def _next(lab: MemoryLab, act: Activity) -> tuple[Any, ...]:
    if act.requests:
        return act.requests.pop(0)
    if act.trace_next is not None and act.trace_next < len(lab.trace):
        lab.trace_position = act.trace_next
        act.trace_next += 1
        return ("access", *lab.trace[lab.trace_position])
    return act.after.pop(0)


def _has_next(lab: MemoryLab, act: Activity) -> bool:
    trace_left = act.trace_next is not None and act.trace_next < len(lab.trace)
    return bool(act.requests) or trace_left or bool(act.after)


def _actors(lab: MemoryLab, stage: str) -> tuple[str, ...]:
    if stage == "xen":
        return (XEN,)
    if stage == "hypercall":
        return (guest(lab.domid), XEN)
    return (HARDWARE,)


COMMANDS: dict[str, LabCommand] = {
    "access": LabCommand(_access, ("va", "access", "user")),
    "run_trace": LabCommand(_run_trace),
    "compare": LabCommand(_compare),
    "write_cr3": LabCommand(_write_cr3),
    "invlpg": LabCommand(_invlpg, ("va",)),
    "set_mode": LabCommand(_set_mode, ("mode",)),
    "mmu_update": LabCommand(_mmu_update, ("ptr", "val")),
    "write_pte": LabCommand(_write_pte, ("va", "pfn", "flags")),
    "load_document": LabCommand(_load_document, ("document",)),
    "quiz_new": LabCommand(_quiz_new, (), busy_ok=True),
    "quiz_answer": LabCommand(_quiz_answer, ("answer",), busy_ok=True),
    "quiz_reveal": LabCommand(_quiz_reveal, (), busy_ok=True),
}

recipe(RECIPE, advance)
for _name, _spec in COMMANDS.items():
    command(_name, _spec)
