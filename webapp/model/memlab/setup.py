"""The lab at step 0, from the scenario's ``extra`` — or from a translation document.

Scenario ``extra`` (all addresses as hex strings or integers)::

    guest: web               # the domain whose P2M the lab uses (the boot lab's P2M)
    paging: x86_64           # or x86_32 (native only)
    mode: native             # native | pv | shadow | ept
    tlb_entries: 8
    tables_at: "0x100"       # page-table frames are taken from this PFN upwards
    mappings:                # one leaf each; "size" 4K (default), 2M, 1G (4M in x86_32)
      - {va: "0x400000", pfn: "0x200", flags: "P RW US"}
    trace:                   # the access trace every mode runs
      - {va: "0x400123", access: read, user: true}
    ostep: |                 # instead of tables: the text printed by an OSTEP simulator
      ...

A document (``load_document``) is what ``POST /api/v1/translate`` accepts or what
``POST /api/v1/import/ostep`` returns: ``x86_64``/``x86_32`` tables, or an OSTEP problem,
with the addresses to step through in ``"addresses"`` (else its single ``"va"``).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from webapp.model.errors import InvalidCommand, Refused, ScenarioError
from webapp.model.host import World
from webapp.model.memlab import shadow as shadows
from webapp.model.memlab.apply import enter_mode
from webapp.model.memlab.state import ACCESSES, MODES, MemoryLab, Ostep, Request, Tables, Tlb
from webapp.model.memlab.tables import (
    GEOMETRIES,
    SCAN_PER_WORK,
    Builder,
    P,
    frame_of,
    is_leaf,
    parse_flags,
    scan_work,
)
from webapp.model.memlab.views import P2M, SHADOW_POOL, SHADOW_SKIP, build_ept, xen_frames
from webapp.model.paging import PagingDocumentError, parse_ostep_text
from webapp.model.paging.document import cpu_config, memory_of, root_of
from webapp.model.paging.document_ostep import linear_setup, ostep_setup
from webapp.model.paging.fields import as_address, as_bool, as_choice, as_list, require
from webapp.model.paging.x86_32 import FRAME_BITS
from webapp.model.paging.x86_64 import ADDRESS_BITS
from webapp.model.scenario import Scenario

LAB = "memory"
SIZES = {"4K": 1 << 12, "2M": 1 << 21, "1G": 1 << 30, "4M": 1 << 22}
#: What a document may hold (``load_document``, so ``POST /api/v1/memory/sessions``): enough
#: for any exercise a learner steps through, small enough that every step, snapshot and
#: checkpoint stays quick (comparing the modes on a full trace takes up to ~130 steps).
MAX_TRACE = 4096  # addresses
MAX_FRAMES = 32  # page-table frames in an x86 document's "memory" (16,384 x86-64 entries)
MAX_LINEAR_ENTRIES = 4096  # entries of an OSTEP linear page table (address_space / page_size)
#: (field, container, bound, unit); an OSTEP multi-level "memory" is a list of 128 pages.
BOUNDS = (("addresses", list, MAX_TRACE, "addresses"), ("memory", dict, MAX_FRAMES, "frames"),
          ("page_table", list, MAX_LINEAR_ENTRIES, "entries"))


def lab_of(world: World) -> MemoryLab:
    """The memory lab's state; Refused when the session is not a memory-lab session."""
    lab = world.labs.get(LAB)
    if not isinstance(lab, MemoryLab):
        raise Refused("memory.refused.no_lab")
    return lab


def _bad(field: str, problem: str) -> ScenarioError:
    return ScenarioError("scenario.bad_field", field=field, problem=problem)


def number(value: Any, field: str) -> int:
    """An integer given as an int or a hex/decimal string."""
    if isinstance(value, bool):
        raise _bad(field, "needs a number")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value, 0)
        except ValueError:
            pass
    raise _bad(field, f"{value!r} is not a number")


def setup(world: World, scenario: Scenario, rng: random.Random) -> None:
    """Build ``world.labs["memory"]`` from the scenario (registered with ``extensions``)."""
    del rng
    extra = scenario.extra
    domain = world.host.find(extra.get("guest"))
    if domain is None:
        raise _bad("guest", f"no domain {extra.get('guest')!r} to take the P2M from")
    lab = MemoryLab(domid=domain.domid)
    lab.tlb = Tlb(int(extra.get("tlb_entries", 8)))
    lab.tlb_capacity = lab.tlb.capacity
    if "ostep" in extra:
        try:
            install_document(world, lab, parse_document(parse_ostep_text(str(extra["ostep"]))))
        except (PagingDocumentError, InvalidCommand) as error:
            raise _bad("ostep", str(error)) from error
    else:
        lab.tables = _tables(extra)
        lab.trace = tuple(_request(item, i) for i, item in enumerate(extra.get("trace", [])))
        _prepare(world, lab)
    mode = extra.get("mode", "native")
    if mode not in MODES:
        raise _bad("mode", f"{mode!r} is not one of {', '.join(MODES)}")
    world.labs[LAB] = lab
    enter_mode(world, lab, mode)


def _tables(extra: Mapping[str, Any]) -> Tables:
    paging = extra.get("paging", "x86_64")
    if paging not in GEOMETRIES:
        raise _bad("paging", f"{paging!r}: use x86_64 or x86_32")
    builder = Builder(paging, number(extra.get("tables_at", 0x100), "tables_at"))
    for i, item in enumerate(extra.get("mappings", [])):
        where = f"mappings[{i}]"
        try:
            size = item.get("size", "4K")
            builder.map(number(item["va"], where), number(item["pfn"], where),
                        SIZES[size] if isinstance(size, str) else int(size),
                        parse_flags(item.get("flags", "P")))
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise _bad(where, str(error)) from error
    return builder.tables


def _request(item: Any, index: int) -> Request:
    where = f"trace[{index}]"
    if not isinstance(item, dict) or "va" not in item:
        raise _bad(where, "needs a va")
    access = item.get("access", "read")
    if access not in ACCESSES:
        raise _bad(where, f"access {access!r} is not read, write or exec")
    return number(item["va"], where), access, bool(item.get("user", False))


def _prepare(world: World, lab: MemoryLab) -> None:
    """The Xen-side structures of the virtual modes: the shadow pool and the EPT."""
    tables = lab.tables
    domain = world.host.domains[lab.domid]
    p2m = P2M(domain.p2m)
    lab.virtualizable = tables is not None and tables.paging == "x86_64" and all(
        p2m.mfn(pfn) is not None for pfn in tables.frames)
    if not lab.virtualizable or tables is None:
        lab.shadow, lab.ept_frames, lab.ept_root = None, {}, 0
        return
    try:
        pool = xen_frames(world, SHADOW_POOL, SHADOW_SKIP)
        lab.shadow = shadows.create(pool, tables)
        build_ept(world, lab, domain)
        lab.work += domain.nr_pages // SCAN_PER_WORK  # an EPT leaf per guest frame
    except Refused as refused:
        raise _bad("host", "Xen owns too little memory for the shadow pool and the EPT") \
            from refused


# -- documents ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Loaded:
    """A checked document, parsed: x86 tables or an OSTEP problem, and the trace."""

    paging: str
    tables: Tables | None
    ostep: Ostep | None
    trace: tuple[Request, ...]


def check_document(document: Any) -> dict[str, Any]:
    """Validate a document for ``load_document``; InvalidCommand naming the problem."""
    parse_document(document)
    return dict(document)


def parse_document(document: Any) -> Loaded:
    """The document checked (sizes first, see ``BOUNDS``) and parsed, once; InvalidCommand
    naming the problem."""
    try:
        if not isinstance(document, dict):
            raise PagingDocumentError("document must be a JSON object")
        _check_size(document)
        if document.get("mode", "native") != "native":
            raise PagingDocumentError(
                'a "nested" document cannot start a session: load its guest tables with '
                '"mode": "native"; the lab builds the EPT from the guest\'s P2M')
        paging = as_choice(require(document, "paging"), "paging",
                           {k: k for k in ("x86_64", "x86_32", "ostep", "linear")})
        tables = _document_tables(document) if paging in GEOMETRIES else None
        return Loaded(paging, tables, _document_ostep(document), _document_trace(document))
    except PagingDocumentError as error:
        raise InvalidCommand("memory.invalid_document", problem=str(error)) from error


def _check_size(document: Mapping[str, object]) -> None:
    """InvalidCommand when a list or object of the document is over its bound."""
    for field, container, limit, unit in BOUNDS:
        value = document.get(field)
        if isinstance(value, container) and len(value) > limit:
            raise InvalidCommand(f"memory.too_large.{unit}", field=field, count=len(value),
                                 limit=limit)


def _document_ostep(document: Mapping[str, object]) -> Ostep | None:
    if document["paging"] == "ostep":
        multi = ostep_setup(document)
        return Ostep("multi", memory=multi.memory, pdbr=multi.pdbr)
    if document["paging"] == "linear":
        linear = linear_setup(document)
        return Ostep("linear", page_table=linear.page_table, page_size=linear.page_size,
                     address_space=linear.address_space)
    return None


def _document_tables(document: Mapping[str, object]) -> Tables:
    paging = str(document["paging"])
    entries = 512 if paging == "x86_64" else 1024
    mask = ADDRESS_BITS if paging == "x86_64" else FRAME_BITS
    memory = memory_of(document, entries, "physical")
    root = root_of(document, memory, mask)
    cpu_config(document.get("cpu"), frozenset({"wp", "nxe", "smep", "smap", "maxphyaddr",
                                               "pse"}))
    frames = {frame: tuple(entries) for frame, entries in memory.frames.items()}
    tables = Tables(paging, (root & mask) >> 12, frames, {})
    geo = GEOMETRIES[paging]
    queue = [(tables.root, geo.levels[0])]
    while queue:
        pfn, level = queue.pop()
        if pfn in tables.levels or pfn not in tables.frames:
            continue
        tables.levels[pfn] = level
        if level > 1:
            queue += [(frame_of(e, geo), level - 1) for e in tables.frames[pfn]
                      if e & P and not is_leaf(e, level, geo)]
    for pfn in tables.frames:
        tables.levels.setdefault(pfn, 1)
    return tables


def _document_trace(document: Mapping[str, object]) -> tuple[Request, ...]:
    paging = document["paging"]
    bits = {"x86_64": 64, "x86_32": 32, "ostep": 15}.get(str(paging))
    if bits is None:
        setup = linear_setup(document)
        bits = setup.address_space.bit_length() - 1
    access = str(document.get("access", "read"))
    if access not in ACCESSES:
        raise PagingDocumentError(f'access must be one of {", ".join(ACCESSES)}')
    user = as_bool(document.get("user", False), "user")
    if "addresses" in document:
        addresses = as_list(document["addresses"], "addresses")
    else:
        addresses = [require(document, "va")]
    return tuple((as_address(va, f"addresses[{i}]", bits), access, user)
                 for i, va in enumerate(addresses))


def install_document(world: World, lab: MemoryLab, loaded: Loaded) -> None:
    """Replace the lab's tables (or OSTEP problem) and trace with the document's."""
    lab.tables, lab.ostep, lab.trace = loaded.tables, loaded.ostep, loaded.trace
    lab.source = "document"
    lab.work += scan_work(lab.tables)
    if lab.tables is not None:
        _prepare(world, lab)
    else:
        lab.virtualizable, lab.shadow, lab.ept_frames, lab.ept_root = False, None, {}, 0
