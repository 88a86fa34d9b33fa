"""Grading a translation: the answer against what the page walker computed, and hints.

An answer is ``{"pa": "0x…"}`` or ``{"fault": {"level", "reason"}}`` with an optional
``"kind"`` (``page_fault``, ``general_protection``, ``ept_violation``, ``ept_misconfig``;
without it a fault is a #PF, or a #GP when the reason is ``non_canonical``). A hint says
where to look — the kind of stop, the level, the page, the offset, the indexes — never the
address or the fault itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from webapp.model.exercises.engine import (
    AnswerError,
    Problem,
    Verdict,
    both,
    right,
    wrong,
)
from webapp.model.exercises.memory_tables import LEVELS, SHIFT

REASONS = ("not_present", "protection", "reserved_bit", "non_canonical", "misconfig")
PF_REASONS = ("not_present", "protection", "reserved_bit")
FAULT_KINDS = ("page_fault", "general_protection", "ept_violation", "ept_misconfig")
_HEX = re.compile(r"0[xX][0-9a-fA-F]{1,16}")
PAGE_BITS = {"pt": 12, "pd": 21, "pdpt": 30}

#: What the page offers as fault choices, per mode.
FORM: dict[str, dict[str, Any]] = {
    "native": {"levels": list(LEVELS), "reasons": [*PF_REASONS, "non_canonical"],
               "kinds": ["page_fault", "general_protection"]},
    "pv": {"levels": list(LEVELS), "reasons": [*PF_REASONS, "non_canonical"],
           "kinds": ["page_fault", "general_protection"]},
    "ept": {"levels": list(LEVELS), "reasons": list(REASONS), "kinds": list(FAULT_KINDS)},
}


def outcome(result: Mapping[str, Any]) -> dict[str, Any]:
    """A ``/translate`` result in the answer's form: the address, or the fault."""
    if "hpa" in result:
        return {"pa": result["hpa"]}
    if "pa" in result:
        return {"pa": result["pa"]}
    fault = result["fault"]
    if fault.get("vector") == 13:
        return {"fault": {"kind": "general_protection", "level": None,
                          "reason": "non_canonical"}}
    kind = "page_fault" if fault.get("vector") == 14 else str(fault["kind"])
    return {"fault": {"kind": kind, "level": fault["level"], "reason": fault["reason"]}}


def parse(answer: Any) -> dict[str, Any]:
    """The answer in the truth's form, or an ``AnswerError`` saying what is expected."""
    if isinstance(answer, dict) and set(answer) == {"pa"}:
        value = answer["pa"]
        if isinstance(value, str) and _HEX.fullmatch(value.strip()):
            return {"pa": hex(int(value.strip(), 16))}
    if isinstance(answer, dict) and set(answer) == {"fault"} and isinstance(answer["fault"],
                                                                           dict):
        return {"fault": _fault(answer["fault"])}
    raise AnswerError(both(
        'Answer {{"pa": "0x…"}} (a hex address) or {{"fault": {{"level", "reason"}}}}.',
        'Répondez {{"pa": "0x…"}} (une adresse en hexadécimal) ou '
        '{{"fault": {{"level", "reason"}}}}.'))


def _fault(fault: dict[str, Any]) -> dict[str, Any]:
    reason, level = fault.get("reason"), fault.get("level")
    if reason not in REASONS or (level is not None and level not in LEVELS):
        raise AnswerError(both("A fault needs a reason ({reasons}) and a level ({levels}).",
                               "Un défaut demande une raison ({reasons}) et un niveau "
                               "({levels}).", reasons=", ".join(REASONS),
                               levels=", ".join(LEVELS)))
    default = "general_protection" if reason == "non_canonical" else "page_fault"
    kind = fault.get("kind", default)
    if kind not in FAULT_KINDS or not set(fault) <= {"reason", "level", "kind"}:
        raise AnswerError(both("A fault's kind is one of {kinds}.",
                               "Le type d'un défaut est l'un de {kinds}.",
                               kinds=", ".join(FAULT_KINDS)))
    return {"kind": kind, "level": None if kind == "general_protection" else level,
            "reason": reason}


def check(problem: Problem, answer: Any, attempt: int) -> Verdict:
    given, truth = parse(answer), problem.truth
    if given == truth:
        return right()
    if "pa" in truth and "fault" in given:
        return wrong(both("This access translates: every entry on its walk is present and "
                          "allows it. Follow the walk to the end.",
                          "Cet accès est traduit : chaque entrée de son parcours est présente "
                          "et l'autorise. Suivez le parcours jusqu'au bout."))
    if "fault" in truth and "pa" in given:
        return wrong(_stops(problem))
    if "pa" in truth:
        return wrong(_address_hint(problem, int(given["pa"], 16), attempt))
    return wrong(_fault_hint(truth["fault"], given["fault"]))


def _stops(problem: Problem) -> dict[str, str]:
    if problem.truth["fault"]["kind"] == "general_protection":
        return both("Look at the address itself, before any table: bits 63:48.",
                    "Regardez l'adresse elle-même, avant toute table : les bits 63:48.")
    extra = (both(" Under EPT, check the R/W/X bits of the EPT entries too.",
                  " Sous EPT, vérifiez aussi les bits R/W/X des entrées de l'EPT.")
             if problem.facts["mode"] == "ept" else both("", ""))
    text = both("The walk does not reach a page: check each entry's P bit and reserved bits, "
                "then the rights (R/W, U/S, NX) of the entries used.",
                "Le parcours n'atteint pas de page : vérifiez le bit P et les bits réservés de "
                "chaque entrée, puis les droits (R/W, U/S, NX) des entrées utilisées.")
    return {lang: text[lang] + extra[lang] for lang in text}


def _address_hint(problem: Problem, given: int, attempt: int) -> dict[str, str]:
    result = problem.facts["result"]["result"]
    pa = int(problem.truth["pa"], 16)
    if problem.facts["mode"] == "ept" and given == int(result["gpa"], 16):
        return both("That is the guest-physical address: the EPT still has to translate it.",
                    "C'est l'adresse physique invitée : l'EPT doit encore la traduire.")
    if problem.facts["mode"] == "pv" and given in pseudo_addresses(problem):
        return both("That is a pseudo-physical address: in PV the entries already hold machine "
                    "frames, the P2M is not on the walk.",
                    "C'est une adresse pseudo-physique : en PV les entrées contiennent déjà des "
                    "cadres machine, la P2M n'est pas sur le parcours.")
    bits = PAGE_BITS[result["leaf_level"]]
    if given >> bits == pa >> bits:
        return both("The page is right, not the offset: a page of 2^{bits} bytes keeps the "
                    "low {bits} bits of the address.",
                    "La page est juste, pas le décalage : une page de 2^{bits} octets garde les "
                    "{bits} bits de poids faible de l'adresse.", bits=bits)
    if bits > 12 and attempt == 1:
        return both("Look at bit 7 (PS) of each entry: a walk may end before the PT.",
                    "Regardez le bit 7 (PS) de chaque entrée : un parcours peut s'arrêter "
                    "avant la PT.")
    return _indexes(problem) if attempt > 1 else both(
        "Check the index used at each level (9 bits of the address each) and the frame each "
        "entry points to (bits 51:12).",
        "Vérifiez l'indice utilisé à chaque niveau (9 bits de l'adresse chacun) et le cadre "
        "vers lequel pointe chaque entrée (bits 51:12).")


def _indexes(problem: Problem) -> dict[str, str]:
    va = int(problem.question["document"]["va"], 16)
    split = ", ".join(f"{level.upper()} {(va >> SHIFT[level]) & 0x1FF}" for level in LEVELS)
    return both("The indexes of {va}: {split}; the offset is its low bits.",
                "Les indices de {va} : {split} ; le décalage en est les bits de poids faible.",
                va=hex(va), split=split)


def _fault_hint(truth: dict[str, Any], given: dict[str, Any]) -> dict[str, str]:
    if truth["kind"] != given["kind"]:
        return both("Which structure stops the walk: a guest entry (a #PF for the guest), an "
                    "EPT entry (a VM exit to Xen), or the address itself (#GP)?",
                    "Quelle structure arrête le parcours : une entrée de l'invité (un #PF pour "
                    "l'invité), une entrée de l'EPT (une sortie de VM vers Xen), ou l'adresse "
                    "elle-même (#GP) ?")
    if truth["level"] == given["level"]:
        return both("The level is right: why does that entry stop the walk?",
                    "Le niveau est juste : pourquoi cette entrée arrête-t-elle le parcours ?")
    if truth["reason"] == given["reason"]:
        return both("Right reason, not the right level: which entry is the first to stop the "
                    "walk?",
                    "Bonne raison, mauvais niveau : quelle entrée arrête le parcours en "
                    "premier ?")
    return both("Walk it level by level: the first entry not present (or with a reserved bit) "
                "stops the walk; rights are checked once the leaf is found.",
                "Parcourez niveau par niveau : la première entrée non présente (ou avec un bit "
                "réservé) arrête le parcours ; les droits sont vérifiés une fois la feuille "
                "trouvée.")


def pseudo_addresses(problem: Problem) -> set[int]:
    """Where the page would be if the learner went through the P2M (PV's usual mistake)."""
    p2m: dict[int, int] = problem.facts.get("p2m", {})
    offset = int(problem.truth["pa"], 16) & 0xFFF
    return {pfn << 12 | offset for pfn in p2m.values()}


def secrets(problem: Problem) -> list[str]:
    """The address asked for must not appear in the question (a fault has no such value)."""
    return [problem.truth["pa"]] if "pa" in problem.truth else []
