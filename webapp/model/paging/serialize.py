"""The one serializer of walks: JSON-safe dicts, 64-bit values as "0x..." strings."""

from __future__ import annotations

from webapp.model.paging.results import (
    EntryUpdate,
    EptViolation,
    FaultReason,
    GeneralProtection,
    InvalidEntry,
    NestedTranslation,
    Outcome,
    PageFault,
    Reference,
    SimpleTranslation,
    Stage,
    Translation,
    Walk,
)

JsonDict = dict[str, object]


def hex_string(value: int) -> str:
    """``0x`` followed by lower-case hex digits, no padding."""
    return f"{value:#x}"


def walk_to_json(walk: Walk) -> JsonDict:
    """``{"result", "references", "entry_updates"}`` as the translate API returns it."""
    return {
        "result": outcome_to_json(walk.outcome),
        "references": [reference_to_json(ref) for ref in walk.references],
        "entry_updates": [update_to_json(update) for update in walk.entry_updates],
    }


def reference_to_json(ref: Reference) -> JsonDict:
    """``level``, ``entry_address``, ``entry``; in a 2D walk also ``walk`` and ``gpa``."""
    data: JsonDict = {
        "level": ref.level.value,
        "entry_address": hex_string(ref.entry_address),
        "entry": hex_string(ref.entry),
    }
    return data | _stage_fields(ref.stage, ref.gpa)


def update_to_json(update: EntryUpdate) -> JsonDict:
    """``level``, ``entry_address``, ``old``, ``new`` (and ``walk`` in a 2D walk)."""
    data: JsonDict = {
        "level": update.level.value,
        "entry_address": hex_string(update.entry_address),
        "old": hex_string(update.old),
        "new": hex_string(update.new),
    }
    return data | _stage_fields(update.stage, None)


def _stage_fields(stage: Stage, gpa: int | None) -> JsonDict:
    if stage is Stage.NATIVE:
        return {}
    return {"walk": stage.value} | ({} if gpa is None else {"gpa": hex_string(gpa)})


def outcome_to_json(outcome: Outcome) -> JsonDict:
    """The ``result`` object: the translation, or ``{"fault": {...}}``."""
    if isinstance(outcome, Translation):
        return _translation(outcome)
    if isinstance(outcome, NestedTranslation):
        return _nested_translation(outcome)
    if isinstance(outcome, SimpleTranslation):
        return _simple_translation(outcome)
    return {"fault": fault_to_json(outcome)}


def fault_to_json(fault: PageFault | GeneralProtection | EptViolation | InvalidEntry) -> JsonDict:
    """The ``fault`` object of each kind of fault."""
    if isinstance(fault, PageFault):
        return _page_fault(fault)
    if isinstance(fault, GeneralProtection):
        return {"vector": fault.vector, "reason": fault.reason}
    if isinstance(fault, EptViolation):
        return _ept_violation(fault)
    return {"reason": "not_valid", "level": fault.level.value, "vpn": fault.vpn}


def _translation(outcome: Translation) -> JsonDict:
    return {
        "pa": hex_string(outcome.pa),
        "page_size": outcome.page_size,
        "leaf_level": outcome.leaf_level.value,
    }


def _nested_translation(outcome: NestedTranslation) -> JsonDict:
    return {
        "gpa": hex_string(outcome.gpa),
        "hpa": hex_string(outcome.hpa),
        "page_size": outcome.page_size,
        "leaf_level": outcome.leaf_level.value,
        "ept_page_size": outcome.ept_page_size,
    }


def _simple_translation(outcome: SimpleTranslation) -> JsonDict:
    data: JsonDict = {"pa": hex_string(outcome.pa)}
    return data if outcome.value is None else data | {"value": outcome.value}


def _page_fault(fault: PageFault) -> JsonDict:
    data: JsonDict = {"vector": fault.vector, "reason": fault.reason.value}
    data["level"] = fault.level.value
    if fault.reason is FaultReason.PROTECTION and fault.violation is not None:
        data["violation"] = fault.violation.value
    return data | {"error_code": fault.error_code, "cr2": hex_string(fault.cr2)}


def _ept_violation(fault: EptViolation) -> JsonDict:
    return {
        "vector": fault.vector,
        "kind": fault.kind,
        "reason": fault.reason.value,
        "level": fault.level.value,
        "gpa": hex_string(fault.gpa),
        "access": fault.access.value,
        "cause": fault.cause.value,
        "exit_reason": fault.exit_reason,
    }
