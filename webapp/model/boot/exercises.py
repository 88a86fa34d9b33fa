"""Exercises generated from the model and checked against it: the answer is never stored, it is
read from the domain's P2M, start_info and registers at the current step."""

from __future__ import annotations

import random
import re
from typing import Any

from webapp.model.boot.layout import readonly_frames
from webapp.model.boot.state import BootRecord
from webapp.model.domain import Domain
from webapp.model.errors import InvalidCommand, Refused
from webapp.model.memory import p2m_lookup
from webapp.model.narration import LANGUAGES, render

_DECIMAL = re.compile(r"[0-9]{1,20}")
_HEX = re.compile(r"0x[0-9a-f]{1,16}")

KINDS = ("p2m_lookup", "p2m_field", "pt_readonly", "rsi", "shared_info")
P2M_FIELD_CHOICES = ("nr_pages", "shared_info", "pt_base", "mfn_list", "mod_start", "store_mfn")
PT_READONLY_CHOICES = ("speed", "validate", "never", "memory")
RSI_CHOICES = ("start_info", "pt_base", "mfn_list", "entry")
QUESTIONS = {"p2m_lookup": "exercise.p2m_lookup.question",
             "p2m_field": "exercise.p2m_field.question",
             "pt_readonly": "exercise.pt_readonly.question", "rsi": "exercise.rsi.question",
             "shared_info": "exercise.shared_info.question"}
EXPLANATIONS = {"p2m_lookup": "exercise.p2m_lookup.why", "p2m_field": "exercise.p2m_field.why",
                "pt_readonly": "exercise.pt_readonly.why", "rsi": "exercise.rsi.why",
                "shared_info": "exercise.shared_info.why"}
#: The micro-step after which each question can be asked.
NEEDS = {"p2m_lookup": "populate_4k", "p2m_field": "start_info:mfn_list",
         "pt_readonly": "tables:l1", "rsi": "vcpu_context",
         "shared_info": "start_info:shared_info"}
PT_READONLY_TEXTS = {"validate": "exercise.pt_readonly.validate",
                     "speed": "exercise.pt_readonly.speed", "never": "exercise.pt_readonly.never",
                     "memory": "exercise.pt_readonly.memory"}


def texts(key: str, data: dict[str, Any]) -> dict[str, str]:
    return {lang: render(key, data, lang) for lang in LANGUAGES}


def ready(domain: Domain, kind: str) -> bool:
    """Whether the domain is built far enough for question ``kind``."""
    record = domain.boot
    if record is None:
        return False
    return record.did(NEEDS[kind]) or record.did("prebuilt")


def questions(domain: Domain, record: BootRecord, token: str) -> list[dict[str, Any]]:
    """The questions that can be asked about ``domain`` now (``token`` seeds the choice of
    frame, so a page shows the same question until the step changes)."""
    rng = random.Random(f"{token}:{domain.domid}")
    out = []
    for kind in KINDS:
        if not (record.did("prebuilt") or ready(domain, kind)):
            continue
        params: dict[str, Any] = {"domain": domain.name}
        if kind == "p2m_lookup":
            params["pfn"] = rng.choice((5, rng.randrange(max(domain.nr_pages, 1))))
        out.append({"kind": kind, "params": params, "question": texts(QUESTIONS[kind], params),
                    "choices": _choices(kind), "answer": "choice" if _choices(kind) else "frame"})
    return out


def _choices(kind: str) -> list[dict[str, Any]] | None:
    if kind == "p2m_field":
        return [{"value": name, "label": {lang: name for lang in LANGUAGES}}
                for name in P2M_FIELD_CHOICES]
    if kind == "rsi":
        return [{"value": name, "label": {lang: name for lang in LANGUAGES}}
                for name in RSI_CHOICES]
    if kind == "pt_readonly":
        return [{"value": name, "label": texts(PT_READONLY_TEXTS[name], {})}
                for name in PT_READONLY_CHOICES]
    return None


def check(domain: Domain, record: BootRecord, kind: str, params: dict[str, Any],
          answer: Any) -> dict[str, Any]:
    """Whether ``answer`` is right, the right answer, and why — all read from the model."""
    if kind not in KINDS:
        raise InvalidCommand("command.bad_arg", field="kind", problem=" | ".join(KINDS))
    if not (record.did("prebuilt") or ready(domain, kind)):
        raise Refused("exercise.not_ready", domain=domain.name)
    expected, data = _expected(domain, record, kind, params)
    given = _frame(answer) if kind in ("p2m_lookup", "shared_info") else str(answer)
    return {"correct": given == expected, "expected": hex(expected) if isinstance(expected, int)
            else expected, "explanation": texts(EXPLANATIONS[kind], data)}


def _expected(domain: Domain, record: BootRecord, kind: str, params: dict[str, Any]
              ) -> tuple[int | str, dict[str, Any]]:
    info, regs = record.start_info, record.registers
    if kind == "p2m_lookup":
        pfn = params.get("pfn")
        if isinstance(pfn, bool) or not isinstance(pfn, int) or not 0 <= pfn < domain.nr_pages:
            raise InvalidCommand("command.bad_arg", field="pfn",
                                 problem=f"an integer 0–{max(domain.nr_pages - 1, 0)}")
        mfn = p2m_lookup(domain.p2m, pfn)
        run = next(r for r in domain.p2m if r.pfn <= pfn < r.pfn + r.count)
        return mfn, {"pfn": pfn, "mfn": mfn, "mfn_hex": hex(mfn), "run_pfn": run.pfn,
                     "run_last": run.pfn + run.count - 1, "run_mfn": run.mfn,
                     "run_mlast": run.mfn + run.count - 1}
    if kind == "p2m_field":
        return "mfn_list", {"mfn_list": hex(int(info.get("mfn_list", 0))),
                            "nr_pages": domain.nr_pages}
    if kind == "pt_readonly":
        rows = readonly_frames(record.layout) if record.layout else range(0)
        return "validate", {"nr_pt_frames": len(rows), "pt_pfn": rows.start}
    if kind == "rsi":
        return "start_info", {"rsi": hex(regs.get("rsi", 0)), "rip": hex(regs.get("rip", 0)),
                              "rsp": hex(regs.get("rsp", 0))}
    mfn = record.shared_info_mfn or 0
    return mfn, {"mfn": mfn, "maddr": hex(mfn << 12)}


def _frame(answer: Any) -> int | None:
    """A frame number typed as ``1234`` or ``0x4d2``."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int):
        return answer
    text = str(answer).strip().lower()
    if _DECIMAL.fullmatch(text):  # ASCII digits only: int() would read "٣" too
        return int(text)
    return int(text, 16) if _HEX.fullmatch(text) else None

