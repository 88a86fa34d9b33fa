"""``snapshot()["memory"]``: everything the memory lab's page draws, JSON-safe.

Addresses and entries travel as ``"0x..."`` strings. Lists are bounded (table entries,
P2M runs, trace, log) so a step's snapshot and its diff stay small. The quiz's expected
answer and worked walk appear only once revealed (or answered right).
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from webapp.model.host import World
from webapp.model.memlab import costs
from webapp.model.memlab.plan import hx, size_word
from webapp.model.memlab.requests import guest_refusal, mode_refusal
from webapp.model.memlab.state import MODES, Item, MemoryLab, Tables
from webapp.model.memlab.tables import (
    GEOMETRIES,
    PS,
    RW,
    US,
    P,
    flag_words,
    frame_of,
    leaf_frames,
    mappings,
    with_frame,
)
from webapp.model.memlab.views import P2M
from webapp.model.narration import LANGUAGES, render

MAX_ENTRIES = 32
MAX_RUNS = 64
MAX_TRACE_SHOWN = 32
LOG_KEYS = ("n", "va", "access", "user", "mode", "kind", "address", "error_code", "tlb")
LEVEL_WORDS = {4: "PML4", 3: "PDPT", 2: "PD", 1: "PT"}


def section(world: World) -> dict[str, Any] | None:
    lab = world.labs.get("memory")
    if not isinstance(lab, MemoryLab):
        return None
    domain = world.host.domains.get(lab.domid)
    p2m = P2M(domain.p2m) if domain is not None else None
    out: dict[str, Any] = {
        "mode": lab.mode,
        "modes": list(MODES),
        "paging": lab.tables.paging if lab.tables is not None else
        ("ostep" if lab.ostep is not None and lab.ostep.kind == "multi" else "linear"),
        "virtualizable": lab.virtualizable,
        "unavailable": _unavailable(world, lab, domain.nr_pages if domain else 0),
        "source": lab.source,
        "domain": {"id": lab.domid, "name": domain.name if domain else None,
                   "nr_pages": domain.nr_pages if domain else 0},
        "registers": _registers(lab, p2m),
        "tlb": _tlb(lab),
        "walk": _walk(lab),
        "activity": _activity(lab),
        "counters": {mode: lab.counters[mode].as_dict() for mode in MODES
                     if mode in lab.counters},
        "comparison": {mode: lab.comparison[mode] for mode in MODES if mode in lab.comparison},
        "compare_skipped": {mode: _texts(why) for mode, why in lab.compare_skipped.items()},
        "trace": _trace(lab),
        "log": [{key: row[key] for key in LOG_KEYS if key in row} for row in lab.log],
        "quiz": _quiz(lab),
    }
    out |= _table_views(world, lab, p2m, domain.nr_pages if domain else 0)
    if lab.mode == "shadow" and lab.shadow is not None:
        out["shadow"] = _shadow(lab)
    if lab.ostep is not None:
        out["ostep"] = _ostep(lab)
    return out


def _unavailable(world: World, lab: MemoryLab, nr_pages: int) -> dict[str, dict[str, str]]:
    """Why each mode the guest cannot switch to now is refused, in every language (the page
    disables that mode's button and shows the reason). Checking PV scans every table, so the
    answer is kept until the tables change more than their accessed/dirty bits, the mode
    changes or the guest's memory does (the same key as the table views)."""
    cache = lab.view_cache
    key = [lab.layout_version, lab.mode, nr_pages, guest_refusal(world, lab) is None]
    if cache.get("unavailable_key") != key:
        refusals = {mode: mode_refusal(world, lab, mode) for mode in MODES if mode != lab.mode}
        cache["unavailable"] = {mode: refusal.messages() for mode, refusal in refusals.items()
                                if refusal is not None}
        cache["unavailable_key"] = key
    return dict(cache["unavailable"])


def _table_views(world: World, lab: MemoryLab, p2m: P2M | None, nr_pages: int
                 ) -> dict[str, Any]:
    """The views of the tables, without scanning them at every step: a frame's rows are
    rebuilt only when the frame changed, the P2M and PV views only when the tables changed
    more than their accessed/dirty bits (or the mode did).

    The cache is part of the lab state but holds only what the state determines, so a
    checkpoint or a replay shows the same snapshot.
    """
    cache = lab.view_cache
    key = [lab.layout_version, lab.mode, nr_pages]
    if cache.get("key") != key:
        views: dict[str, Any] = {}
        if p2m is not None and lab.tables is not None:
            views["p2m"] = _p2m(lab, p2m, nr_pages)
        if lab.mode == "pv" and p2m is not None:
            views["pv"] = {"frames": _pv_frames(lab, p2m),
                           "suggestions": _suggestions(world, lab, p2m)}
        cache["key"], cache["views"] = key, views
    return {"tables": _tables(lab, p2m), **cache["views"]}


def _texts(why: dict[str, Any]) -> dict[str, str]:
    return {lang: render(why["key"], why.get("data", {}), lang) for lang in LANGUAGES}


def cost_table(lang: str = "en") -> list[dict[str, Any]]:
    """The cycle model, for the page (static), its sources in ``lang``."""
    return [{"name": name, "cycles": value, "basis": basis.get(lang, basis["en"])}
            for name, (value, basis) in costs.COSTS.items()]


def _registers(lab: MemoryLab, p2m: P2M | None) -> dict[str, str]:
    if lab.ostep is not None:
        return {"pdbr": str(lab.ostep.pdbr)} if lab.ostep.kind == "multi" else {}
    assert lab.tables is not None
    registers = {"cr3": hx(lab.tables.root << 12)}
    if lab.mode == "pv" and p2m is not None:
        registers["machine_cr3"] = hx((p2m.mfn(lab.tables.root) or 0) << 12)
    if lab.mode == "shadow" and lab.shadow is not None and lab.shadow.root is not None:
        registers["shadow_cr3"] = hx(lab.shadow.root << 12)
    if lab.mode == "ept":
        registers["eptp"] = hx(lab.ept_root)
    return registers


def _tlb(lab: MemoryLab) -> dict[str, Any]:
    rows = [{"page": hx(e.base), "size": size_word(e.size), "bytes": e.size, "frame": hx(e.frame),
             "rw": e.writable, "us": e.user, "nx": e.nx, "d": e.dirty, "g": e.global_}
            for e in reversed(lab.tlb.entries)]
    counters = lab.counters.get(lab.mode)
    return {"capacity": lab.tlb.capacity, "entries": rows,
            "hits": counters.tlb_hits if counters else 0,
            "misses": counters.tlb_misses if counters else 0}


def _item(item: Item, number: int) -> dict[str, Any]:
    return {"n": number, "kind": item.kind, "stage": item.stage, "level": item.level,
            "address": hx(item.address) if item.address is not None else None,
            "value": hx(item.value) if item.value is not None else None, "data": item.data,
            "text": _texts({"key": item.kind, "data": item.data})}


def _walk(lab: MemoryLab) -> dict[str, Any]:
    request = lab.walk_request
    if request is None:
        return {"request": None, "position": 0, "items": [], "fields": []}
    va, access, user = request
    items = [_item(item, n) for n, item in enumerate(lab.walk, start=1)]
    return {"request": {"va": hx(va), "access": access, "user": user},
            "position": lab.walk_position, "items": items,
            "fields": address_fields(lab, va, _page_size(lab.walk))}


def _page_size(items: list[Item]) -> int | None:
    for item in items:
        page = item.data.get("page") if isinstance(item.data, dict) else None
        if item.kind in ("mem.translated", "mem.translated_2d") and isinstance(page, str):
            number, unit = page.split()
            return int(number) << {"KiB": 10, "MiB": 20, "GiB": 30}[unit]
    return None


def address_fields(lab: MemoryLab, va: int, page_size: int | None) -> list[dict[str, Any]]:
    """The address split into its index fields (high bits first) for the colour bar."""
    if lab.ostep is not None:
        if lab.ostep.kind == "multi":
            spans = [("PD", 14, 10), ("PT", 9, 5), ("offset", 4, 0)]
        else:
            page_bits = lab.ostep.page_size.bit_length() - 1
            top = lab.ostep.address_space.bit_length() - 2
            spans = [("VPN", top, page_bits), ("offset", page_bits - 1, 0)]
    else:
        assert lab.tables is not None
        geo = GEOMETRIES[lab.tables.paging]
        top = 47 if geo.paging == "x86_64" else 31
        spans = [("sign", 63, 48)] if geo.paging == "x86_64" else []
        offset_bits = (page_size or 4096).bit_length() - 1
        for level in geo.levels:
            low = geo.shifts[level]
            if low < offset_bits:
                break
            spans.append((geo.names[level].upper(), top, low))
            top = low - 1
        spans.append(("offset", offset_bits - 1, 0))
    fields = []
    for name, high, low in spans:
        value = (va >> low) & ((1 << (high - low + 1)) - 1)
        shown: int | str = value if name not in ("offset", "sign") else hx(value)
        fields.append({"name": name, "hi": high, "lo": low, "value": shown,
                       "bits": format(value, f"0{high - low + 1}b")})
    return fields


def _activity(lab: MemoryLab) -> dict[str, Any]:
    act = lab.activity
    if act is None:
        return {"busy": False, "left": 0}
    left = len(act.items) - act.position
    comparing = any(request[0] in ("compare_mode", "compare_done") for request in act.requests)
    return {"busy": True, "left": left, "tracing": act.trace_next is not None,
            "comparing": comparing}


def _trace(lab: MemoryLab) -> dict[str, Any]:
    return {"length": len(lab.trace), "position": lab.trace_position,
            "entries": [{"va": hx(va), "access": access, "user": user}
                        for va, access, user in lab.trace[:MAX_TRACE_SHOWN]]}


def _entries(frame: tuple[int, ...]) -> list[list[Any]]:
    return list(islice(([i, hx(e)] for i, e in enumerate(frame) if e), MAX_ENTRIES))


def _tables(lab: MemoryLab, p2m: P2M | None) -> list[dict[str, Any]]:
    tables = lab.tables
    if tables is None:
        return []
    out = []
    rows = lab.view_cache.setdefault("rows", {})
    for pfn in sorted(tables.frames, key=lambda f: (-tables.levels[f], f)):
        level = tables.levels[pfn]
        name = GEOMETRIES[tables.paging].names.get(level, "?").upper()
        mfn = p2m.mfn(pfn) if p2m is not None else None
        out.append({"pfn": hx(pfn), "mfn": hx(mfn) if mfn is not None else None,
                    "level": name, **_frame_rows(rows, pfn, tables.frames[pfn])})
    return out


def _frame_rows(rows: dict[int, Any], pfn: int, frame: tuple[int, ...]) -> dict[str, Any]:
    """A frame's ``entries`` and ``used``, reused while the frame is the same tuple (a write
    builds a new one)."""
    cached = rows.get(pfn)
    if cached is None or cached[0] is not frame:
        cached = rows[pfn] = (frame, {"entries": _entries(frame),
                                      "used": sum(1 for e in frame if e)})
    return dict(cached[1])


def _p2m(lab: MemoryLab, p2m: P2M, nr_pages: int) -> dict[str, Any]:
    """The guest's P2M runs, and the frames the lab uses with their machine frames."""
    assert lab.tables is not None
    used: dict[int, tuple[str, str]] = {}
    for pfn in lab.tables.frames:
        used[pfn] = ("table", LEVEL_WORDS.get(lab.tables.levels[pfn], "?"))
    for pfn, size in leaf_frames(lab.tables).items():
        used.setdefault(pfn, ("data", str(size)))
    rows = []
    for pfn in sorted(used)[:MAX_RUNS]:
        mfn = p2m.mfn(pfn)
        back = p2m.pfn(mfn) if mfn is not None else None
        rows.append({"pfn": hx(pfn), "mfn": hx(mfn) if mfn is not None else None,
                     "m2p": hx(back) if back is not None else None,
                     "role": used[pfn][0], "detail": used[pfn][1]})
    runs = [[hx(run.pfn), hx(run.mfn), run.count] for run in p2m.runs[:MAX_RUNS]]
    return {"runs": runs, "runs_total": len(p2m.runs), "nr_pages": nr_pages,
            "used": rows[:MAX_RUNS]}


def _pv_frames(lab: MemoryLab, p2m: P2M) -> list[dict[str, Any]]:
    rows = []
    for mfn, info in islice(lab.pv_types.items(), MAX_RUNS):
        pfn = p2m.pfn(mfn)
        rows.append({"mfn": hx(mfn), "pfn": hx(pfn) if pfn is not None else None,
                     "type": info.type.upper(), "count": info.count, "pinned": info.pinned,
                     "validated": info.validated, "mappings": info.mappings})
    return rows[:MAX_RUNS]


def _suggestions(world: World, lab: MemoryLab, p2m: P2M) -> list[dict[str, Any]]:
    """Ready-made ``mmu_update`` requests: three Xen refuses, three it accepts (among them
    8 bytes written into a data page: not a page table, so a plain write)."""
    tables = lab.tables
    assert tables is not None
    leaf = next((m for m in mappings(tables) if m.level == 1 and p2m.mfn(m.pfn) is not None),
                None)
    if leaf is None:
        return []
    l1_mfn = p2m.mfn(leaf.table)
    frame = tables.frames[leaf.table]
    free = next((i for i, e in enumerate(frame) if not e & P), None)
    if l1_mfn is None or free is None:
        return []
    slot_va = (leaf.va & ~0x1FF000) | (free << 12)
    ptr = (l1_mfn << 12) | free * 8
    flags = P | RW | US
    dom0 = world.host.domains.get(0)
    foreign = dom0.p2m[0].mfn + 1 if dom0 is not None and dom0.p2m else 0x100
    unused = max(frame_of(e) for f in tables.frames.values() for e in f if e & P) + 1
    spare = p2m.mfn(min(unused, max(0, world.host.domains[lab.domid].nr_pages - 1)))
    data_mfn = p2m.mfn(leaf.pfn) or 0
    picks = [
        ("memory.suggest.pt_writable", ptr, with_frame(flags, l1_mfn), "refused", slot_va),
        ("memory.suggest.foreign", ptr, with_frame(flags, foreign), "refused", slot_va),
        *_superpage(tables, p2m, leaf.table, spare or data_mfn),
        ("memory.suggest.data_page", (data_mfn << 12) | 8, with_frame(flags, data_mfn),
         "accepted", None),
        ("memory.suggest.read_only", ptr, with_frame(P | US, spare or data_mfn), "accepted",
         slot_va),
        ("memory.suggest.unmap", (l1_mfn << 12) | ((leaf.va >> 12) & 0x1FF) * 8, 0,
         "accepted", leaf.va),
    ]
    return [{"id": key.rsplit(".", 1)[1], "ptr": hx(p), "val": hx(v), "expect": expect,
             "va": hx(va) if va is not None else None,
             "label": _texts({"key": key, "data": {"va": hx(va) if va is not None else "—",
                                                   "ptr": hx(p), "val": hx(v)}})}
            for key, p, v, expect, va in picks]


def _superpage(tables: Tables, p2m: P2M, l1: int, target: int
               ) -> list[tuple[str, int, int, str, int | None]]:
    """A 2 MiB PSE entry in a free slot of the L2 that holds ``l1``: refused (no PV
    superpages)."""
    for pfn, level in tables.levels.items():
        entries = tables.frames[pfn]
        mfn = p2m.mfn(pfn)
        if level != 2 or mfn is None or not any(e & P and frame_of(e) == l1 for e in entries):
            continue
        free = next((i for i, e in enumerate(entries) if not e & P), None)
        if free is not None:
            return [("memory.suggest.superpage", (mfn << 12) | free * 8,
                     with_frame(P | RW | US | PS, target & ~0x1FF), "refused", None)]
    return []


def _shadow(lab: MemoryLab) -> dict[str, Any]:
    shadow = lab.shadow
    assert shadow is not None
    guests = {smfn: key for key, smfn in shadow.of_guest.items()}
    frames = []
    for smfn in sorted(shadow.frames, key=lambda f: (-shadow.levels.get(f, 0), f)):
        key = guests.get(smfn, ())
        source = hx(key[1]) if len(key) == 2 else f"fl{key[-1]} {hx(key[1])}[{key[2]}]" \
            if key else "—"
        frames.append({"smfn": hx(smfn), "level": LEVEL_WORDS.get(shadow.levels.get(smfn, 0),
                                                                  "?"),
                       "guest": source, "entries": _entries(shadow.frames[smfn])})
    return {"root": hx((shadow.root or 0) << 12), "frames": frames[:MAX_RUNS],
            "pool_free": len(shadow.pool) - len(shadow.frames)}


def _ostep(lab: MemoryLab) -> dict[str, Any]:
    problem = lab.ostep
    assert problem is not None
    if problem.kind == "linear":
        table = [hx(e) for e in problem.page_table[:256]]
        return {"kind": "linear", "page_size": problem.page_size,
                "address_space": problem.address_space, "page_table": table,
                "entries_total": len(problem.page_table)}
    memory = problem.memory
    pd = memory[problem.pdbr * 32:problem.pdbr * 32 + 32]
    pages = {str(problem.pdbr): [hx(b) for b in pd]}
    for pde in pd:
        if pde & 0x80:
            page = pde & 0x7F
            pages[str(page)] = [hx(b) for b in memory[page * 32:page * 32 + 32]]
    return {"kind": "multi", "pdbr": problem.pdbr, "page_size": 32, "pages": pages}


def _quiz(lab: MemoryLab) -> dict[str, Any] | None:
    quiz = lab.quiz
    if quiz is None:
        return None
    out: dict[str, Any] = {"number": quiz.number, "va": hx(quiz.va), "access": quiz.access,
                           "user": quiz.user, "mode": quiz.mode,
                           "attempts": [dict(a) for a in quiz.attempts],
                           "solved": quiz.solved, "revealed": quiz.revealed}
    if quiz.revealed or quiz.solved:
        out["answer"] = {"kind": quiz.answer_kind,
                         "address": hx(quiz.answer_address)
                         if quiz.answer_address is not None else None}
    if quiz.revealed:
        out["worked"] = [_texts({"key": step["kind"], "data": step["data"]})
                         for step in quiz.worked]
    return out


def flags_of(entry: int) -> str:
    return " ".join(flag_words(entry))
