"""Hand-worked 32-bit (non-PAE) 2-level walks (Intel SDM Vol. 3A §4.3)."""

from __future__ import annotations

from typing import Any

from webapp.model.paging import translate

from .tables import PS, RW, US, P, Tables, x86_doc

ALL = P | RW | US
VA = 0x0040_3ABC  # PD index 1, PT index 3, offset 0xabc


def tables_32(pde: int = 0x2000 | ALL, pte: int = 0x5000 | ALL) -> Tables:
    return Tables(entries=1024).set(1, 1, pde).set(2, 3, pte)


def walk(tables: Tables, **kwargs: Any) -> Any:
    return translate(x86_doc(tables, 0x1000, VA, **kwargs))


def test_a_4k_page_reads_two_four_byte_entries() -> None:
    result = walk(tables_32())
    assert result["result"] == {"pa": "0x5abc", "page_size": 4096, "leaf_level": "pt"}
    assert result["references"] == [
        {"level": "pd", "entry_address": "0x1004", "entry": "0x2007"},
        {"level": "pt", "entry_address": "0x200c", "entry": "0x5007"},
    ]


def test_a_4mib_page_with_pse() -> None:
    result = walk(tables_32(pde=0x0840_0000 | PS | ALL))
    assert result["result"] == {"pa": "0x8403abc", "page_size": 4 << 20, "leaf_level": "pd"}
    assert result["entry_updates"] == [
        {"level": "pd", "entry_address": "0x1004", "old": "0x8400087", "new": "0x84000a7"}
    ]


def test_pse36_bits_20_13_of_a_4mib_pde_are_physical_bits_39_32() -> None:
    pde = 0x2000 | PS | ALL  # bit 13 set → PA bit 32
    assert walk(tables_32(pde=pde))["result"]["pa"] == "0x100003abc"


def test_without_pse_the_ps_bit_is_ignored_and_the_pde_points_to_a_table() -> None:
    pde = 0x2000 | PS | ALL
    result = walk(tables_32(pde=pde), cpu={"pse": False})
    assert result["result"] == {"pa": "0x5abc", "page_size": 4096, "leaf_level": "pt"}


def test_bit_21_of_a_4mib_pde_is_reserved() -> None:
    result = walk(tables_32(pde=0x0840_0000 | 1 << 21 | PS | ALL))
    fault = result["result"]["fault"]
    assert (fault["reason"], fault["level"], fault["error_code"]) == ("reserved_bit", "pd", 9)


def test_a_fetch_sets_the_id_bit_only_with_smep_in_32_bit_paging() -> None:
    tables = tables_32(pte=0x5000)
    plain = walk(tables, access="exec")["result"]["fault"]
    with_smep = walk(tables, access="exec", cpu={"smep": True})["result"]["fault"]
    assert (plain["error_code"], with_smep["error_code"]) == (0, 0x10)


def test_user_write_to_a_read_only_pde_region_faults() -> None:
    fault = walk(tables_32(pde=0x2000 | P | US), access="write", user=True)["result"]["fault"]
    assert (fault["violation"], fault["level"], fault["error_code"]) == ("read_only", "pt", 7)
