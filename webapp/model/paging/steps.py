"""The walk as micro-steps: one memory reference or one check per step, for a UI.

``micro_steps(walk)`` replays a finished ``Walk`` in order: every entry read, then the
rights check (when the walk reached its leaf), the A/D write-backs, and the outcome.
In a 2D walk the guest rights check comes after the last guest entry, before the EPT
walk of the final guest-physical address.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from webapp.model.paging.results import (
    EntryUpdate,
    EptCause,
    EptViolation,
    FaultReason,
    GeneralProtection,
    InvalidEntry,
    Level,
    NestedTranslation,
    Outcome,
    PageFault,
    Reference,
    SimpleTranslation,
    Stage,
    Translation,
    Walk,
)


class StepKind(Enum):
    """What a micro-step does."""

    READ_ENTRY = "read_entry"
    CHECK_RIGHTS = "check_rights"
    WRITE_BACK = "write_back"
    TRANSLATED = "translated"
    FAULT = "fault"


@dataclass(frozen=True)
class MicroStep:
    """One step of a walk: its position, kind, side, level, address, value and text."""

    number: int
    kind: StepKind
    stage: Stage
    level: Level | None
    address: int | None
    value: int | None
    text: str


def micro_steps(walk: Walk) -> tuple[MicroStep, ...]:
    """The walk as an ordered tuple of micro-steps, numbered from 1."""
    reads = [_read_step(ref) for ref in walk.references]
    checks = [_rights_step(walk)] if _reached_leaf(walk.outcome) else []
    position = _last_table_read(walk.references) + 1
    ordered = reads[:position] + checks + reads[position:]
    ordered += [_write_step(update) for update in walk.entry_updates]
    ordered.append(_outcome_step(walk.outcome))
    return tuple(_numbered(step, n) for n, step in enumerate(ordered, start=1))


def _numbered(step: MicroStep, number: int) -> MicroStep:
    return MicroStep(number, step.kind, step.stage, step.level, step.address, step.value, step.text)


def _last_table_read(references: tuple[Reference, ...]) -> int:
    positions = [i for i, ref in enumerate(references) if ref.stage is not Stage.EPT]
    return positions[-1] if positions else len(references) - 1


def _reached_leaf(outcome: Outcome) -> bool:
    if isinstance(outcome, Translation | NestedTranslation):
        return True
    if isinstance(outcome, PageFault):
        return outcome.reason is FaultReason.PROTECTION
    return isinstance(outcome, EptViolation) and outcome.cause is EptCause.DATA


def _read_step(ref: Reference) -> MicroStep:
    side = {Stage.NATIVE: "", Stage.GUEST: "guest ", Stage.EPT: "EPT "}[ref.stage]
    text = f"Read the {side}{ref.level.value.upper()} entry at {ref.entry_address:#x}: "
    text += f"{ref.entry:#x}"
    if ref.stage is Stage.EPT and ref.gpa is not None:
        text += f" (translating guest-physical {ref.gpa:#x})"
    return MicroStep(
        0, StepKind.READ_ENTRY, ref.stage, ref.level, ref.entry_address, ref.entry, text
    )


def _rights_step(walk: Walk) -> MicroStep:
    table_refs = [ref for ref in walk.references if ref.stage is not Stage.EPT]
    leaf = table_refs[-1]
    text = "Combine the rights of the entries used (R/W and U/S ANDed, NX ORed) and check them"
    return MicroStep(0, StepKind.CHECK_RIGHTS, leaf.stage, leaf.level, None, None, text)


def _write_step(update: EntryUpdate) -> MicroStep:
    text = f"Write back A/D: the {update.level.value.upper()} entry at "
    text += f"{update.entry_address:#x} becomes {update.new:#x} (was {update.old:#x})"
    return MicroStep(
        0, StepKind.WRITE_BACK, update.stage, update.level, update.entry_address, update.new, text
    )


def _outcome_step(outcome: Outcome) -> MicroStep:
    if isinstance(outcome, Translation):
        text = f"Translated to {outcome.pa:#x} ({outcome.page_size}-byte page)"
        return MicroStep(0, StepKind.TRANSLATED, Stage.NATIVE, None, outcome.pa, None, text)
    if isinstance(outcome, NestedTranslation):
        text = f"Translated to guest-physical {outcome.gpa:#x}, host-physical {outcome.hpa:#x}"
        return MicroStep(0, StepKind.TRANSLATED, Stage.EPT, None, outcome.hpa, None, text)
    if isinstance(outcome, SimpleTranslation):
        text = f"Translated to {outcome.pa:#x}"
        return MicroStep(
            0, StepKind.TRANSLATED, Stage.NATIVE, None, outcome.pa, outcome.value, text
        )
    return _fault_step(outcome)


def _fault_step(fault: PageFault | GeneralProtection | EptViolation | InvalidEntry) -> MicroStep:
    if isinstance(fault, PageFault):
        text = f"#PF (vector 14): {fault.reason.value} at {fault.level.value.upper()}"
        text += f", error code {fault.error_code:#x}, CR2 = {fault.cr2:#x}"
        return MicroStep(0, StepKind.FAULT, Stage.NATIVE, fault.level, fault.cr2, None, text)
    if isinstance(fault, GeneralProtection):
        text = "#GP (vector 13): the address is not canonical (bits 63:48 must copy bit 47)"
        return MicroStep(0, StepKind.FAULT, Stage.NATIVE, None, None, None, text)
    if isinstance(fault, EptViolation):
        text = f"VM exit {fault.exit_reason} ({fault.kind}): {fault.reason.value} at EPT "
        text += f"{fault.level.value.upper()} for guest-physical {fault.gpa:#x}"
        return MicroStep(0, StepKind.FAULT, Stage.EPT, fault.level, fault.gpa, None, text)
    text = f"Fault: the {fault.level.value.upper()} entry for VPN {fault.vpn} is not valid"
    return MicroStep(0, StepKind.FAULT, Stage.NATIVE, fault.level, None, None, text)
