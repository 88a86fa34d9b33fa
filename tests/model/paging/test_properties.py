"""Property-based tests: random page-table sets against a straight-line reference walk.

``reference_walk`` below is a second, independent reading of Intel SDM Vol. 3A §4.5-§4.7
written as one plain function; the model must agree with it on every random table set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from webapp.model.paging import PagingDocumentError, translate

from .tables import NX, PAT_LARGE, PS, Tables

AGREEMENT = settings(
    max_examples=400, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SETTINGS = settings(
    max_examples=120, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
POOL = (1, 2, 3, 4, 5)
NAMES = ("pml4", "pdpt", "pd", "pt")
SHIFTS = (39, 30, 21, 12)
ADDR = 0x000F_FFFF_FFFF_F000


def reference_walk(
    frames: dict[int, list[int]], cr3: int, va: int, access: str, user: bool, cpu: dict[str, bool]
) -> tuple[dict[str, Any], list[tuple[str, int, int]], int]:
    """(result, references, leaf page size); written independently of the model."""
    if (va >> 47) not in (0, 0x1FFFF):
        return {"fault": {"vector": 13, "reason": "non_canonical"}}, [], 0
    code = (2 if access == "write" else 0) | (4 if user else 0)
    code |= 16 if access == "exec" and (cpu["nxe"] or cpu["smep"]) else 0
    refs: list[tuple[str, int, int]] = []
    table = cr3 & ADDR
    for depth in range(4):
        address = table + ((va >> SHIFTS[depth]) & 511) * 8
        entry = frames[address >> 12][(address & 0xFFF) // 8]
        refs.append((NAMES[depth], address, entry))
        fault = {"vector": 14, "level": NAMES[depth], "cr2": hex(va)}
        if not entry & 1:
            return {"fault": fault | {"reason": "not_present", "error_code": code}}, refs, 0
        large = depth in (1, 2) and entry & PS
        size = 1 << SHIFTS[depth]
        reserved = (not cpu["nxe"] and entry & NX) or (depth == 0 and entry & PS)
        reserved = reserved or (large and entry & (size - 1) & ADDR & ~PAT_LARGE)
        if reserved:
            return {"fault": fault | {"reason": "reserved_bit", "error_code": code | 9}}, refs, 0
        if depth == 3 or large:
            break
        table = entry & ADDR
    entries = [e for _, _, e in refs]
    writable = all(e & 2 for e in entries)
    user_page = all(e & 4 for e in entries)
    nx = cpu["nxe"] and any(e >> 63 for e in entries)
    violation = None
    if user and not user_page:
        violation = "user_supervisor"
    elif access == "write" and not writable and (user or cpu["wp"]):
        violation = "read_only"
    elif access == "exec" and nx:
        violation = "no_execute"
    elif not user and user_page and access == "exec" and cpu["smep"]:
        violation = "smep"
    elif not user and user_page and access != "exec" and cpu["smap"]:
        violation = "smap"
    if violation:
        fault = {
            "vector": 14,
            "reason": "protection",
            "level": refs[-1][0],
            "violation": violation,
            "error_code": code | 1,
            "cr2": hex(va),
        }
        return {"fault": fault}, refs, 0
    pa = (refs[-1][2] & ADDR & ~(size - 1)) | (va & (size - 1))
    leaf = {"pml4": "?", "pdpt": "pdpt", "pd": "pd", "pt": "pt"}[refs[-1][0]]
    return {"pa": hex(pa), "page_size": size, "leaf_level": leaf}, refs, size


def canonical(raw: int) -> int:
    return raw | (0xFFFF << 48) if raw >> 47 else raw


@st.composite
def entries(draw: st.DrawFn, depth: int, next_frame: int) -> int:
    """A random entry: mostly present, random rights, ignored bits, sometimes a large page."""
    if draw(st.integers(0, 9)) == 9:
        return draw(st.integers(0, (1 << 64) - 1)) & ~1  # not present, junk everywhere else
    flags = draw(st.integers(0, 0x1FF)) & ~PS | 1
    ignored = draw(st.integers(0, 7)) << 9 | draw(st.integers(0, 0x7FF)) << 52
    nx = NX if draw(st.integers(0, 3)) == 3 else 0
    if depth in (1, 2) and draw(st.integers(0, 3)) == 3:
        size = 1 << SHIFTS[depth]
        base = draw(st.integers(0, (1 << 40) - 1)) * size & ADDR
        pat = PAT_LARGE if draw(st.booleans()) else 0
        return base | pat | PS | flags | ignored | nx
    frame = next_frame if depth < 3 else draw(st.integers(0, (1 << 40) - 1))
    return frame << 12 | flags | ignored | nx


@dataclass(frozen=True)
class Case:
    """A random table set kept sparse (``{frame: {index: entry}}``) so it prints small."""

    sparse: dict[int, dict[int, int]]
    cr3: int
    va: int
    access: str
    user: bool
    cpu: dict[str, bool]

    def document(self) -> dict[str, Any]:
        tables = Tables()
        for frame, slots in self.sparse.items():
            tables.add(frame)
            for index, entry in slots.items():
                tables.set(frame, index, entry)
        return {
            "paging": "x86_64",
            "root": hex(self.cr3),
            "memory": tables.json(),
            "va": hex(self.va),
            "access": self.access,
            "user": self.user,
            "cpu": self.cpu,
        }


@st.composite
def junk(draw: st.DrawFn) -> int:
    """Any 64-bit value whose address bits point into the pool."""
    return draw(st.integers(0, (1 << 64) - 1)) & ~ADDR | draw(st.sampled_from(POOL)) << 12


@st.composite
def table_sets(draw: st.DrawFn) -> Case:
    """A random table set for one random address; tables drawn from a pool may be shared."""
    va = canonical(draw(st.integers(0, (1 << 48) - 1)))
    sparse: dict[int, dict[int, int]] = {frame: {} for frame in POOL}
    for frame in POOL:
        for _ in range(draw(st.integers(0, 3))):
            sparse[frame][draw(st.integers(0, 511))] = draw(junk())
    table = draw(st.sampled_from(POOL))
    cr3 = table << 12
    for depth in range(4):
        next_frame = draw(st.sampled_from(POOL))
        sparse[table][(va >> SHIFTS[depth]) & 511] = draw(entries(depth, next_frame))
        table = next_frame
    if draw(st.integers(0, 19)) == 19:
        va ^= 1 << 50  # now non-canonical
    cpu = {k: draw(st.booleans()) for k in ("wp", "nxe", "smep", "smap")}
    access = draw(st.sampled_from(["read", "write", "exec"]))
    return Case(sparse, cr3, va, access, draw(st.booleans()), cpu)


def walk(case: Case) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document and its translation; a walk into a frame outside the pool is rejected."""
    document = case.document()
    try:
        return document, translate(document)
    except PagingDocumentError as error:
        assert "not in memory" in str(error)
        reject()


def run_reference(
    document: dict[str, Any],
) -> tuple[dict[str, Any], list[tuple[str, int, int]], int]:
    frames = {int(k): [int(e, 16) for e in v] for k, v in document["memory"].items()}
    va, cr3 = int(document["va"], 16), int(document["root"], 16)
    return reference_walk(frames, cr3, va, document["access"], document["user"], document["cpu"])


@AGREEMENT
@given(table_sets())
def test_the_walk_agrees_with_the_reference_walk(case: Case) -> None:
    document, result = walk(case)
    expected, refs, _ = run_reference(document)
    assert result["result"] == expected
    assert result["references"] == [
        {"level": level, "entry_address": hex(address), "entry": hex(entry)}
        for level, address, entry in refs
    ]


@SETTINGS
@given(table_sets())
def test_the_result_is_deterministic_and_json_safe(case: Case) -> None:
    document, first = walk(case)
    assert translate(json.loads(json.dumps(document))) == first
    assert json.loads(json.dumps(first)) == first


@SETTINGS
@given(table_sets())
def test_a_translation_keeps_the_offset_bits_of_the_page(case: Case) -> None:
    document, full = walk(case)
    result = full["result"]
    if "pa" in result:
        mask = result["page_size"] - 1
        assert int(result["pa"], 16) & mask == int(document["va"], 16) & mask
        assert int(result["pa"], 16) & 0xFFF == int(document["va"], 16) & 0xFFF


@SETTINGS
@given(table_sets())
def test_effective_rights_are_the_and_of_rw_us_and_the_or_of_nx(case: Case) -> None:
    document, result = walk(case)
    if "pa" not in result["result"]:
        return
    entries = [int(r["entry"], 16) for r in result["references"]]
    cpu, user, access = document["cpu"], document["user"], document["access"]
    if user:
        assert all(e & 4 for e in entries)
    if access == "write" and (user or cpu["wp"]):
        assert all(e & 2 for e in entries)
    if access == "exec" and cpu["nxe"]:
        assert not any(e >> 63 for e in entries)


@SETTINGS
@given(table_sets())
def test_a_fault_writes_no_accessed_or_dirty_bits(case: Case) -> None:
    _, result = walk(case)
    if "fault" in result["result"]:
        assert result["entry_updates"] == []


@SETTINGS
@given(table_sets())
def test_updates_only_add_a_and_d_and_d_only_in_the_leaf_of_a_write(case: Case) -> None:
    document, result = walk(case)
    if "fault" in result["result"]:
        return
    leaf = result["references"][-1]["entry_address"]
    for update in result["entry_updates"]:
        old, new = int(update["old"], 16), int(update["new"], 16)
        added = new & ~old
        assert new & old == old and added and added & ~0x60 == 0
        if added & 0x40:
            assert document["access"] == "write" and update["entry_address"] == leaf
    addresses = [u["entry_address"] for u in result["entry_updates"]]
    assert len(addresses) == len(set(addresses))


def _full_ept() -> dict[str, list[str]]:
    """An EPT with only 4 KiB pages that maps every guest-physical address below 512 GiB.

    PML4[0] → a PDPT whose 512 entries all → one PD whose 512 entries all → one PT that
    maps gfn g (mod 512) to host frame 0x1000 + g: shared tables on the host side.
    """
    ept = Tables().set(0x100, 0, 0x101007)
    for index in range(512):
        ept.set(0x101, index, 0x102007).set(0x102, index, 0x103007)
        ept.set(0x103, index, (0x1000 + index) << 12 | 7)
    return ept.json()


FULL_EPT = _full_ept()


@dataclass(frozen=True)
class NestedCase:
    """Guest tables in frames 1-4 (one per level), all present, some large pages."""

    va: int
    large_at: int | None
    user: bool

    @property
    def guest_levels(self) -> int:
        return 4 if self.large_at is None else self.large_at + 1

    def document(self) -> dict[str, Any]:
        guest = Tables().add(1).add(2).add(3).add(4)
        for depth in range(self.guest_levels):
            last = depth == self.guest_levels - 1
            entry = (PS if depth < 3 else 0x7000) if last else (depth + 2) << 12
            guest.set(depth + 1, (self.va >> SHIFTS[depth]) & 511, entry | 7)
        return {
            "mode": "nested",
            "root": "0x1000",
            "memory": guest.json(),
            "va": hex(self.va),
            "ept": {"root": "0x100000", "memory": FULL_EPT},
            "access": "read",
            "user": self.user,
        }


@settings(max_examples=60, database=None, deadline=None)
@given(
    st.integers(0, (1 << 48) - 1).map(canonical),
    st.sampled_from([None, 1, 2]),
    st.booleans(),
)
def test_a_2d_walk_makes_n_plus_1_times_m_plus_1_minus_1_references(
    va: int, large_at: int | None, user: bool
) -> None:
    case = NestedCase(va, large_at, user)
    result: Any = translate(case.document())
    assert "hpa" in result["result"]
    ept_levels = 4
    n = case.guest_levels
    assert len(result["references"]) == (n + 1) * (ept_levels + 1) - 1
    assert [r["walk"] for r in result["references"]].count("guest") == n
    gpa, hpa = int(result["result"]["gpa"], 16), int(result["result"]["hpa"], 16)
    assert hpa == (0x1000 + ((gpa >> 12) & 511)) << 12 | gpa & 0xFFF


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=8)
    | st.sampled_from(["0x0", "0x1000"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, database=None, deadline=None)
@given(
    st.sampled_from(["x86_64", "x86_32", "ostep", "linear", "nested"]),
    st.sampled_from(
        [
            "paging",
            "root",
            "memory",
            "va",
            "access",
            "user",
            "cpu",
            "ept",
            "page_size",
            "address_space",
            "page_table",
            "mode",
        ]
    ),
    JSON,
)
def test_any_broken_field_gives_a_document_error_never_a_crash(
    paging: str, field: str, junk: object
) -> None:
    document: dict[str, object] = {"paging": paging, "root": "0x1000", "va": "0x0"}
    if paging == "nested":
        document |= {"paging": "x86_64", "mode": "nested", "ept": {"root": "0x0", "memory": {}}}
    document[field] = junk
    try:
        result = translate(document)
    except PagingDocumentError as error:
        assert str(error)
    else:
        assert set(result) == {"result", "references", "entry_updates"}
