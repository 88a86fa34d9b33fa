"""Memory: translate this address natively, in a PV guest, or under EPT.

The question's ``document`` is a valid ``POST /api/v1/translate`` body with the ``va`` and the
``access`` asked about; the answer is written as ``/translate`` writes a result —
``{"pa": "0x…"}`` or ``{"fault": {"level", "reason"}}`` (plus ``"kind"`` to tell a guest
#PF from an EPT VM exit) — and is graded against what ``translate`` computes on the document.
Levels: 4 KiB pages all present; then large pages and entries that are not present; then
rights taken away, reserved bits and non-canonical addresses (EPT: its own faults).
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.exercises import memory_grade, memory_worked
from webapp.model.exercises.engine import Kind, Made, Problem, both, register
from webapp.model.exercises.memory_ept import EptAim, R, X, ept
from webapp.model.exercises.memory_tables import (
    NX,
    PS,
    RW,
    US,
    Aim,
    Frames,
    Path,
    canonical_va,
    memory_json,
    non_canonical_va,
    path,
)
from webapp.model.paging import translate

ACCESS_WORDS = {"read": ("read", "lecture"), "write": ("write", "écriture"),
                "exec": ("instruction fetch", "exécution d'instruction")}
LEVELS_TEXT = (
    both("4 KiB pages, every entry present", "Pages de 4 Kio, toutes les entrées présentes"),
    both("Large pages and entries that are not present",
         "Grandes pages et entrées non présentes"),
    both("Rights, reserved bits, non-canonical addresses",
         "Droits, bits réservés, adresses non canoniques"),
)
UPPER = ("pml4", "pdpt", "pd")


def _request(rng: random.Random, level: int, large: bool) -> tuple[Aim, str, bool, bool]:
    """(aim, access, user, canonical) for a level; ``large``: large pages allowed."""
    user = rng.random() < 0.6
    access = rng.choice(("read", "write"))
    if level == 1:
        return Aim(), access, user, True
    if level == 2:
        picks = ["4k", "missing", "missing", *(["2m", "2m", "1g"] if large else ["4k"])]
        pick = rng.choice(picks)
        leaf = {"2m": "pd", "1g": "pdpt"}.get(pick, "pt")
        missing = rng.choice((*UPPER, "pt")) if pick == "missing" else None
        return Aim(leaf=leaf, missing=missing), access, user, True
    return _rights(rng, large, user)


def _rights(rng: random.Random, large: bool, user: bool) -> tuple[Aim, str, bool, bool]:
    where = rng.choice((*UPPER, "pt"))
    leaf = rng.choice(("pt", "pd")) if large else "pt"
    where = "pd" if leaf == "pd" and where == "pt" else where
    picks = {
        "read_only": (Aim(leaf=leaf, clear=((where, RW),)), "write", user),
        "allowed": (Aim(leaf=leaf, clear=((where, RW),)), "read", user),
        "supervisor": (Aim(leaf=leaf, clear=((where, US),)), rng.choice(("read", "write")), True),
        "no_execute": (Aim(leaf=leaf, add=((where, NX),)), "exec", user),
        "reserved": (Aim(add=(("pml4", PS),)) if not large or rng.random() < 0.5
                     else Aim(leaf="pd", add=(("pd", 1 << 13),)), "read", user),
        "non_canonical": (Aim(), "read", user),
    }
    name = rng.choice(sorted(picks))
    aim, access, who = picks[name]
    return aim, access, who, name != "non_canonical"


def _va(rng: random.Random, canonical: bool, user: bool) -> int:
    return canonical_va(rng, kernel=not user and rng.random() < 0.5) if canonical \
        else non_canonical_va(rng)


def _document(tables: Path, va: int, access: str, user: bool) -> dict[str, Any]:
    return {"paging": "x86_64", "root": hex(tables.root), "memory": memory_json(tables.tables),
            "va": hex(va), "access": access, "user": user}


def _texts(va: int, access: str, user: bool) -> dict[str, Any]:
    en, fr = ACCESS_WORDS[access]
    who = ("user-mode", "en mode utilisateur") if user else ("kernel-mode", "en mode noyau")
    return {"va": hex(va), "access_en": en, "access_fr": fr, "who_en": who[0], "who_fr": who[1]}


def _finish(document: dict[str, Any], text: dict[str, str], mode: str,
            facts: dict[str, Any]) -> Made:
    result = translate(document)
    question = {"text": text, "document": document,
                "form": {"type": "translation", "mode": mode, **memory_grade.FORM[mode]}}
    facts = {"mode": mode, "result": result, **facts}
    return question, memory_grade.outcome(result["result"]), facts  # type: ignore[arg-type]


# -- native ---------------------------------------------------------------------------------------

def make_native(rng: random.Random, level: int) -> Made:
    aim, access, user, canonical = _request(rng, level, large=True)
    va = _va(rng, canonical, user)
    tables = path(rng, va, aim, Frames(rng, 0x100, 0x8000), Frames(rng, 0x8000, 0x40000))
    document = _document(tables, va, access, user)
    words = _texts(va, access, user) | {"root": hex(tables.root)}
    text = both("CR3 = {root}. A {who_en} {access_en} of {va}: which physical address does it "
                "reach — or which fault, at which level and why?",
                "CR3 = {root}. Un accès {who_fr} en {access_fr} à {va} : quelle adresse "
                "physique atteint-il — ou quel défaut, à quel niveau et pourquoi ?", **words)
    return _finish(document, text, "native", {})


# -- PV -------------------------------------------------------------------------------------------

def make_pv(rng: random.Random, level: int) -> Made:
    aim, access, user, canonical = _request(rng, level, large=False)
    va = _va(rng, canonical, user)
    machine = Frames(rng, 0x20000, 0x60000)
    tables = path(rng, va, aim, machine, machine)
    pfns = Frames(rng, 0x100, 0x8000)
    used = [*tables.frames, *([tables.target] if tables.target is not None else [])]
    p2m = {mfn: pfns.take() for mfn in used}
    document = _document(tables, va, access, user)
    words = _texts(va, access, user) | {"root": hex(tables.root)}
    text = both("A PV guest (direct paging): its page-table entries hold machine frame numbers "
                "(MFNs) that Xen validated, and CR3 holds the machine address {root}. A "
                "{who_en} {access_en} of {va}: which machine address — or which fault? The "
                "guest's P2M for these frames is given too.",
                "Un invité PV (pagination directe) : ses entrées de table des pages contiennent "
                "des numéros de cadres machine (MFN) validés par Xen, et CR3 contient l'adresse "
                "machine {root}. Un accès {who_fr} en {access_fr} à {va} : quelle adresse "
                "machine — ou quel défaut ? La P2M de l'invité pour ces cadres est donnée aussi.",
                **words)
    made = _finish(document, text, "pv", {"p2m": p2m})
    made[0]["p2m"] = [{"pfn": hex(pfn), "mfn": hex(mfn)} for mfn, pfn in sorted(p2m.items())]
    return made


# -- EPT ------------------------------------------------------------------------------------------

def _ept_aim(rng: random.Random, level: int, guest: Path, data: int | None) -> EptAim:
    pages = [*guest.frames, *([data] if data is not None else [])]
    target = rng.choice(pages) if pages else None
    if level == 1:
        return EptAim()
    if level == 2:
        pick = rng.choice(("none", "none", "missing"))
        return EptAim(target, missing=rng.choice(("pd", "pt"))) if pick == "missing" \
            else EptAim()
    pick = rng.choice(("large", "large", "rights", "misconfig", "none"))
    if pick == "large":
        return EptAim(large=True)
    if pick == "rights":
        return EptAim(data, rights=R | X)
    return EptAim(target, rights=2) if pick == "misconfig" else EptAim()


def make_ept(rng: random.Random, level: int) -> Made:
    aim, access, user, canonical = _request(rng, min(level, 2), large=level == 3)
    va = _va(rng, canonical, user)
    region = rng.randrange(2, 0x200) * 512
    guest = path(rng, va, aim, Frames(rng, region, region + 512), Frames(rng, 0x400, 0x4000))
    data = _data_gfn(guest, va, aim)
    ept_aim = _ept_aim(rng, level, guest, data)
    gfns = [*guest.frames, *([data] if data is not None else [])]
    tables = ept(rng, gfns, ept_aim, Frames(rng, 0x40000, 0x100000))
    document = {**_document(guest, va, access, user), "mode": "nested",
                "ept": {"root": hex(tables.eptp), "memory": memory_json(tables.tables)}}
    words = _texts(va, access, user) | {"root": hex(guest.root), "eptp": hex(tables.eptp)}
    text = both("A guest under EPT: its CR3 ({root}) and its entries hold guest-physical "
                "addresses; the EPT (EPTP {eptp}) maps them to host-physical memory. A "
                "{who_en} {access_en} of {va}: which host-physical address — or which fault "
                "(a #PF the guest handles, or an EPT violation or misconfiguration that exits "
                "to Xen)?",
                "Un invité sous EPT : son CR3 ({root}) et ses entrées contiennent des adresses "
                "physiques invitées ; l'EPT (EPTP {eptp}) les traduit en mémoire physique de "
                "l'hôte. Un accès {who_fr} en {access_fr} à {va} : quelle adresse physique de "
                "l'hôte — ou quel défaut (un #PF que l'invité traite, ou une violation ou une "
                "mauvaise configuration EPT qui sort vers Xen) ?", **words)
    return _finish(document, text, "ept", {})


def _data_gfn(guest: Path, va: int, aim: Aim) -> int | None:
    """The guest-physical page the data access touches, when the guest walk reaches one."""
    if guest.target is None:
        return None
    size = {"pd": 1 << 21, "pdpt": 1 << 30}.get(aim.leaf, 1 << 12)
    return (guest.target << 12 | (va & (size - 1))) >> 12


def _kind(kind_id: str, mode_title: dict[str, str], make: Any) -> Kind:
    return register(Kind(kind_id, "memory", mode_title, LEVELS_TEXT, make,
                         memory_grade.check, memory_worked.explain, memory_grade.secrets))


NATIVE = _kind("memory.translate_native",
               both("Translate an address (native paging)",
                    "Traduire une adresse (pagination native)"), make_native)
PV = _kind("memory.translate_pv",
           both("Translate an address in a PV guest", "Traduire une adresse dans un invité PV"),
           make_pv)
EPT = _kind("memory.translate_ept",
            both("Translate an address under EPT (2D walk)",
                 "Traduire une adresse sous EPT (parcours bidimensionnel)"), make_ept)

__all__ = ["EPT", "NATIVE", "PV", "Problem"]
