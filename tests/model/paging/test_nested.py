"""Hand-worked 2D walks: 4-level guest tables under a 4-level EPT."""

from __future__ import annotations

from typing import Any

from webapp.model.paging import translate

from .tables import PS, STANDARD_VA, R, Tables, W, X, four_level

EPTP = 0x100000
DATA_GFN = 0x10


def guest() -> Tables:
    return four_level().set(4, 4, DATA_GFN << 12 | 7)


def ept(pt_entries: dict[int, int] | None = None, large: bool = False) -> Tables:
    """EPT: PML4 0x100 → PDPT 0x101 → PD 0x102 → PT 0x103; gfn g → host frame 0x200 + g."""
    tables = Tables().set(0x100, 0, 0x101000 | R | W | X).set(0x101, 0, 0x102000 | R | W | X)
    if large:
        return tables.set(0x102, 0, 0x200000 | PS | R | W | X)
    tables.set(0x102, 0, 0x103000 | R | W | X)
    default = {g: (0x200 + g) << 12 | R | W | X for g in (1, 2, 3, 4, DATA_GFN)}
    for gfn, entry in (default | (pt_entries or {})).items():
        tables.set(0x103, gfn, entry)
    return tables


def nested(ept_tables: Tables, guest_tables: Tables | None = None, **kw: Any) -> Any:
    document = {
        "mode": "nested",
        "root": "0x1000",
        "memory": (guest_tables or guest()).json(),
        "ept": {"root": hex(EPTP), "memory": ept_tables.json()},
        "va": hex(STANDARD_VA),
        "access": "read",
        "user": False,
    }
    return translate(document | kw)


def test_a_4k_guest_page_under_4k_ept_pages_takes_24_references() -> None:
    result = nested(ept())
    assert result["result"] == {
        "gpa": "0x10abc",
        "hpa": "0x210abc",
        "page_size": 4096,
        "leaf_level": "pt",
        "ept_page_size": 4096,
    }
    refs = result["references"]
    assert len(refs) == 24
    assert [r["walk"] for r in refs] == (["ept"] * 4 + ["guest"]) * 4 + ["ept"] * 4


def test_the_first_five_references_locate_and_read_the_guest_pml4_entry() -> None:
    refs = nested(ept())["references"][:5]
    assert refs == [
        {
            "level": "pml4",
            "entry_address": "0x100000",
            "entry": "0x101007",
            "walk": "ept",
            "gpa": "0x1008",
        },
        {
            "level": "pdpt",
            "entry_address": "0x101000",
            "entry": "0x102007",
            "walk": "ept",
            "gpa": "0x1008",
        },
        {
            "level": "pd",
            "entry_address": "0x102000",
            "entry": "0x103007",
            "walk": "ept",
            "gpa": "0x1008",
        },
        {
            "level": "pt",
            "entry_address": "0x103008",
            "entry": "0x201007",
            "walk": "ept",
            "gpa": "0x1008",
        },
        {
            "level": "pml4",
            "entry_address": "0x201008",
            "entry": "0x2007",
            "walk": "guest",
            "gpa": "0x1008",
        },
    ]


def test_guest_accessed_bits_are_written_at_host_physical_addresses() -> None:
    updates = nested(ept(), access="write")["entry_updates"]
    assert [(u["entry_address"], u["new"], u["walk"]) for u in updates] == [
        ("0x201008", "0x2027", "guest"),
        ("0x202010", "0x3027", "guest"),
        ("0x203018", "0x4027", "guest"),
        ("0x204020", "0x10067", "guest"),
    ]


def test_2mib_ept_pages_take_19_references() -> None:
    result = nested(ept(large=True))
    assert len(result["references"]) == 19
    assert result["result"]["hpa"] == "0x210abc"
    assert result["result"]["ept_page_size"] == 2 << 20


def test_a_missing_ept_entry_for_a_guest_table_is_an_ept_violation() -> None:
    result = nested(ept({3: 0}))
    assert result["result"] == {
        "fault": {
            "vector": None,
            "kind": "ept_violation",
            "reason": "not_present",
            "level": "pt",
            "gpa": "0x3018",
            "access": "read",
            "cause": "guest_table",
            "exit_reason": 48,
        }
    }
    assert len(result["references"]) == 14
    assert result["entry_updates"] == []


def test_a_write_to_a_read_only_ept_page_is_an_ept_violation_on_the_data() -> None:
    tables = ept({DATA_GFN: 0x210000 | R | X})
    assert nested(tables)["result"]["hpa"] == "0x210abc"
    fault = nested(tables, access="write")["result"]["fault"]
    assert (fault["kind"], fault["reason"], fault["cause"]) == (
        "ept_violation",
        "protection",
        "data",
    )


def test_write_without_read_in_the_ept_is_a_misconfiguration() -> None:
    fault = nested(ept({DATA_GFN: 0x210000 | W}))["result"]["fault"]
    assert (fault["kind"], fault["exit_reason"], fault["level"]) == ("ept_misconfig", 49, "pt")


def test_a_guest_page_fault_stops_before_the_data_address_is_translated() -> None:
    result = nested(ept(), guest().set(4, 4, 0), user=True)
    assert result["result"]["fault"]["vector"] == 14
    assert result["result"]["fault"]["level"] == "pt"
    assert len(result["references"]) == 20


def test_a_guest_protection_fault_is_a_guest_page_fault() -> None:
    result = nested(ept(), guest().set(4, 4, DATA_GFN << 12 | 3), user=True)
    assert result["result"]["fault"]["violation"] == "user_supervisor"
    assert len(result["references"]) == 20


def test_a_non_canonical_guest_address_is_a_guest_gp() -> None:
    result = nested(ept(), va="0x800000000000")
    assert result["result"] == {"fault": {"vector": 13, "reason": "non_canonical"}}
