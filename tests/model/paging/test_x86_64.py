"""Hand-worked 4-level walks (Intel SDM Vol. 3A §4.5-§4.7), checked through translate()."""

from __future__ import annotations

from typing import Any

import pytest

from webapp.model.paging import translate

from .tables import (
    NX,
    PAT_LARGE,
    PS,
    RW,
    STANDARD_VA,
    US,
    P,
    Tables,
    four_level,
    va_of,
    x86_doc,
)

ALL = P | RW | US
REFS_4K = [
    {"level": "pml4", "entry_address": "0x1008", "entry": "0x2007"},
    {"level": "pdpt", "entry_address": "0x2010", "entry": "0x3007"},
    {"level": "pd", "entry_address": "0x3018", "entry": "0x4007"},
    {"level": "pt", "entry_address": "0x4020", "entry": "0xabcd007"},
]


def walk(tables: Tables, va: int = STANDARD_VA, **kwargs: Any) -> Any:
    return translate(x86_doc(tables, 0x1000, va, **kwargs))


def fault_of(result: Any) -> Any:
    return result["result"]["fault"]


def test_a_4k_read_reads_four_entries_and_sets_accessed_in_each() -> None:
    result = walk(four_level())
    assert result["result"] == {"pa": "0xabcdabc", "page_size": 4096, "leaf_level": "pt"}
    assert result["references"] == REFS_4K
    assert result["entry_updates"] == [
        {"level": "pml4", "entry_address": "0x1008", "old": "0x2007", "new": "0x2027"},
        {"level": "pdpt", "entry_address": "0x2010", "old": "0x3007", "new": "0x3027"},
        {"level": "pd", "entry_address": "0x3018", "old": "0x4007", "new": "0x4027"},
        {"level": "pt", "entry_address": "0x4020", "old": "0xabcd007", "new": "0xabcd027"},
    ]


def test_a_write_also_sets_dirty_in_the_leaf_only() -> None:
    updates = walk(four_level(), access="write")["entry_updates"]
    assert [u["new"] for u in updates] == ["0x2027", "0x3027", "0x4027", "0xabcd067"]


def test_entries_that_already_have_a_set_are_not_written_again() -> None:
    tables = four_level((ALL | 0x20, ALL | 0x20, ALL, ALL | 0x60))
    updates = walk(tables, access="write")["entry_updates"]
    assert updates == [{"level": "pd", "entry_address": "0x3018", "old": "0x4007", "new": "0x4027"}]


def test_a_2mib_page_ignores_pat_bit_12_and_the_ignored_bits() -> None:
    junk = PAT_LARGE | 0xE00 | (0x7FF << 52)
    tables = four_level()
    tables.set(3, 3, 0x4060_0000 | PS | junk | ALL)
    result = walk(tables)
    assert result["result"] == {"pa": "0x40604abc", "page_size": 2 << 20, "leaf_level": "pd"}
    assert len(result["references"]) == 3


def test_a_1gib_page_maps_the_low_30_bits_of_the_address() -> None:
    tables = four_level()
    tables.set(2, 2, 0x1_4000_0000 | PS | PAT_LARGE | ALL)
    result = walk(tables, access="write")
    assert result["result"] == {"pa": "0x140604abc", "page_size": 1 << 30, "leaf_level": "pdpt"}
    assert result["entry_updates"][-1]["new"] == hex(0x1_4000_0000 | PS | PAT_LARGE | ALL | 0x60)


def test_bit_7_of_a_pte_is_pat_and_bit_12_of_a_pte_is_an_address_bit() -> None:
    tables = four_level()
    tables.set(4, 4, 0xABCD000 | PS | ALL)
    assert walk(tables)["result"]["pa"] == "0xabcdabc"


@pytest.mark.parametrize(
    ("frame", "index", "level", "count"),
    [(1, 1, "pml4", 1), (2, 2, "pdpt", 2), (3, 3, "pd", 3), (4, 4, "pt", 4)],
)
def test_a_not_present_entry_faults_at_its_level_whatever_its_other_bits(
    frame: int, index: int, level: str, count: int
) -> None:
    tables = four_level()
    tables.set(frame, index, 0xFFFF_FFFF_FFFF_FFFE)
    result = walk(tables, access="write", user=True)
    assert fault_of(result) == {
        "vector": 14,
        "reason": "not_present",
        "level": level,
        "error_code": 0b110,
        "cr2": hex(STANDARD_VA),
    }
    assert len(result["references"]) == count
    assert result["entry_updates"] == []


def test_a_user_access_to_a_supervisor_page_faults_at_the_leaf_level() -> None:
    tables = four_level((ALL, P | RW, ALL, ALL))
    fault = fault_of(walk(tables, user=True))
    assert fault == {
        "vector": 14,
        "reason": "protection",
        "level": "pt",
        "violation": "user_supervisor",
        "error_code": 0b101,
        "cr2": hex(STANDARD_VA),
    }


def test_user_supervisor_is_named_before_read_only() -> None:
    tables = four_level((P, ALL, ALL, ALL))
    assert fault_of(walk(tables, access="write", user=True))["violation"] == "user_supervisor"


def test_a_supervisor_write_to_a_read_only_page_faults_with_wp() -> None:
    tables = four_level((P | US, ALL, ALL, ALL))
    fault = fault_of(walk(tables, access="write"))
    assert (fault["violation"], fault["error_code"], fault["level"]) == ("read_only", 0b011, "pt")


def test_a_supervisor_write_to_a_read_only_page_succeeds_without_wp() -> None:
    tables = four_level((P | US, ALL, ALL, ALL))
    result = walk(tables, access="write", cpu={"wp": False})
    assert result["result"]["pa"] == "0xabcdabc"


def test_a_user_write_to_a_read_only_page_faults_even_without_wp() -> None:
    tables = four_level((ALL, ALL, ALL, P | US))
    fault = fault_of(walk(tables, access="write", user=True, cpu={"wp": False}))
    assert (fault["violation"], fault["error_code"]) == ("read_only", 0b111)


def test_nx_in_a_non_leaf_entry_forbids_fetches_from_the_whole_region() -> None:
    tables = four_level((ALL, ALL, ALL | NX, ALL))
    result = walk(tables, access="exec")
    assert fault_of(result)["violation"] == "no_execute"
    assert fault_of(result)["error_code"] == 0b10001
    assert result["entry_updates"] == []
    assert walk(tables, access="read")["result"]["pa"] == "0xabcdabc"


def test_with_nxe_off_the_nx_bit_is_reserved() -> None:
    tables = four_level((ALL, ALL, ALL | NX, ALL))
    fault = fault_of(walk(tables, access="exec", cpu={"nxe": False}))
    assert (fault["reason"], fault["level"], fault["error_code"]) == ("reserved_bit", "pd", 0b1001)


def test_ps_in_a_pml4_entry_is_a_reserved_bit_fault() -> None:
    tables = four_level((ALL | PS, ALL, ALL, ALL))
    fault = fault_of(walk(tables))
    assert (fault["reason"], fault["level"], fault["error_code"]) == ("reserved_bit", "pml4", 9)


def test_a_2mib_leaf_with_an_address_bit_below_21_has_a_reserved_bit() -> None:
    tables = four_level()
    tables.set(3, 3, 0x4060_0000 | 1 << 13 | PS | ALL)
    assert fault_of(walk(tables))["reason"] == "reserved_bit"


def test_smep_refuses_a_supervisor_fetch_from_a_user_page() -> None:
    fault = fault_of(walk(four_level(), access="exec", cpu={"smep": True}))
    assert (fault["violation"], fault["error_code"]) == ("smep", 0b10001)


def test_smap_refuses_a_supervisor_read_of_a_user_page() -> None:
    fault = fault_of(walk(four_level(), cpu={"smap": True}))
    assert (fault["violation"], fault["error_code"]) == ("smap", 0b1)


def test_a_non_canonical_address_is_a_general_protection_fault() -> None:
    result = walk(four_level(), va=0x0000_8000_0000_0000)
    assert result == {
        "result": {"fault": {"vector": 13, "reason": "non_canonical"}},
        "references": [],
        "entry_updates": [],
    }


def test_an_upper_half_address_uses_pml4_index_256() -> None:
    tables = Tables().set(1, 256, 0x2000 | P | RW).set(2, 0, 0x3000 | P | RW)
    tables.set(3, 0, 0x4000 | P | RW).set(4, 0, 0x9000 | P | RW)
    result = walk(tables, va=0xFFFF_8000_0000_0123)
    assert result["references"][0]["entry_address"] == "0x1800"
    assert result["result"]["pa"] == "0x9123"


def test_two_addresses_share_the_page_directory() -> None:
    tables = four_level()
    tables.set(2, 7, 0x3000 | ALL)  # a second PDPT entry → the same PD
    result = walk(tables, va=va_of(1, 7, 3, 4, 0x10))
    assert result["result"]["pa"] == "0xabcd010"
    assert result["references"][2] == REFS_4K[2]


def test_a_self_referencing_pml4_entry_maps_the_pml4_itself_with_one_update() -> None:
    tables = Tables().set(1, 511, 0x1000 | ALL)
    result = walk(tables, va=va_of(511, 511, 511, 511, 0xFF8), access="write")
    assert result["result"] == {"pa": "0x1ff8", "page_size": 4096, "leaf_level": "pt"}
    assert [r["entry_address"] for r in result["references"]] == ["0x1ff8"] * 4
    assert result["entry_updates"] == [
        {"level": "pml4", "entry_address": "0x1ff8", "old": "0x1007", "new": "0x1067"}
    ]


def test_cr3_low_bits_are_not_part_of_the_table_address() -> None:
    result: Any = translate(x86_doc(four_level(), 0x1018, STANDARD_VA))
    assert result["result"]["pa"] == "0xabcdabc"


def test_maxphyaddr_makes_high_address_bits_reserved() -> None:
    tables = four_level()
    tables.set(4, 4, 1 << 45 | 0xABCD000 | ALL)
    assert walk(tables)["result"]["pa"] == hex(1 << 45 | 0xABCDABC)
    fault = fault_of(walk(tables, cpu={"maxphyaddr": 40}))
    assert (fault["reason"], fault["level"]) == ("reserved_bit", "pt")
