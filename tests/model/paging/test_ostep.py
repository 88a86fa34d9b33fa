"""OSTEP formats: walkers, and importing texts printed by the real simulators.

The files in ``data/`` were printed by ``paging-multilevel-translate.py`` and
``paging-linear-translate.py`` from the ostep-homework repository (run under Python 3;
the ``spaced`` file has its dump in the Python 2 layout, one byte per column). The
``solved`` files were printed with ``-c``: their worked answers are the oracle.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from webapp.model.paging import PagingDocumentError, import_ostep, parse_ostep_text, translate

DATA = Path(__file__).parent / "data"
MULTI_ANSWER = re.compile(
    r"Virtual Address (\w+):\n.*\n(?:.*\n)?\s+--> (?:Translates to Physical Address "
    r"(0x\w+) --> Value: (\w+)|Fault \(page (directory|table) entry not valid\))"
)
LINEAR_ANSWER = re.compile(
    r"VA 0x(\w+) \(decimal:\s+\d+\) -->\s+(?:(\w+) \(decimal|Invalid \(VPN (\d+) not valid)"
)


def text(name: str) -> str:
    return (DATA / name).read_text()


def parsed(name: str) -> Any:
    return parse_ostep_text(text(name))


def run(document: Any, va: str | int) -> Any:
    return translate({**document, "va": va})["result"]


def expected_multilevel(match: re.Match[str]) -> dict[str, object]:
    if match.group(2):
        return {"pa": hex(int(match.group(2), 16)), "value": int(match.group(3), 16)}
    level = "pd" if match.group(4) == "directory" else "pt"
    return {"fault": {"reason": "not_valid", "level": level, "vpn": int(match.group(1), 16) >> 5}}


def test_seed_0_imports_the_pdbr_the_dump_and_the_addresses() -> None:
    document = parsed("multilevel_seed0.txt")
    assert document["paging"] == "ostep"
    assert document["root"] == 108
    assert len(document["memory"]) == 128
    assert document["memory"][0][:4] == [0x1B, 0x1D, 0x05, 0x05]
    assert document["addresses"] == [
        "0x611c",
        "0x3da8",
        "0x17f5",
        "0x7f6c",
        "0xbad",
        "0x6d60",
        "0x2a5b",
        "0x4c5e",
        "0x2592",
        "0x3e99",
    ]


def test_seed_0_va_611c_worked_by_hand() -> None:
    """0x611c = 0b11000_01000_11100: PDE index 24, PTE index 8, offset 28.

    PDE at 108*32 + 24 = 0xd98 holds 0xa1 (valid, PT page 0x21); PTE at 0x21*32 + 8 =
    0x428 holds 0xb5 (valid, PFN 0x35); PA = 0x35*32 + 28 = 0x6bc, which holds 0x08.
    """
    document = parsed("multilevel_seed0.txt")
    result = translate({**document, "va": "0x611c"})
    assert result["result"] == {"pa": "0x6bc", "value": 8}
    assert result["references"] == [
        {"level": "pd", "entry_address": "0xd98", "entry": "0xa1"},
        {"level": "pt", "entry_address": "0x428", "entry": "0xb5"},
    ]


def test_seed_0_va_3da8_is_a_pte_fault() -> None:
    """0x3da8: PDE index 15 → 0xd6 (valid, PT page 0x56); PTE index 13 → 0x7f: invalid."""
    document = parsed("multilevel_seed0.txt")
    assert run(document, "0x3da8") == {
        "fault": {"reason": "not_valid", "level": "pt", "vpn": 0x1ED}
    }


@pytest.mark.parametrize(
    "name", ["multilevel_seed1_solved_spaced.txt", "multilevel_seed7_solved.txt"]
)
def test_multilevel_answers_match_the_simulators_own_solutions(name: str) -> None:
    source = text(name)
    document: Any = parse_ostep_text(source)
    answers = list(MULTI_ANSWER.finditer(source))
    assert [hex(int(m.group(1), 16)) for m in answers] == document["addresses"]
    for match in answers:
        assert run(document, hex(int(match.group(1), 16))) == expected_multilevel(match)


def test_the_solved_texts_include_page_directory_faults() -> None:
    source = text("multilevel_seed7_solved.txt")
    document: Any = parse_ostep_text(source)
    levels = [run(document, a).get("fault", {}).get("level") for a in document["addresses"]]
    assert "pd" in levels and "pt" in levels


def test_linear_seed_0_verbose_worked_by_hand() -> None:
    """16 KiB space, 4 KiB pages: VA 0x3229 is VPN 3 → 0x80000006 → PA 0x6229."""
    document = parsed("linear_seed0_verbose.txt")
    assert document["page_table"] == [0x8000000C, 0, 0, 0x80000006]
    assert (document["page_size"], document["address_space"]) == (4096, 16384)
    assert document["physical_memory"] == 65536
    assert run(document, document["addresses"][0]) == {"pa": "0x6229"}
    assert run(document, "0x1369") == {"fault": {"reason": "not_valid", "level": "pt", "vpn": 1}}


@pytest.mark.parametrize(
    "name",
    ["linear_seed3_solved.txt", "linear_seed5_1m_solved.txt", "linear_seed2_tiny_solved.txt"],
)
def test_linear_answers_match_the_simulators_own_solutions(name: str) -> None:
    source = text(name)
    document: Any = parse_ostep_text(source)
    answers = list(LINEAR_ANSWER.finditer(source))
    assert len(answers) == len(document["addresses"]) > 0
    for match in answers:
        result = run(document, hex(int(match.group(1), 16)))
        if match.group(2):
            assert result == {"pa": hex(int(match.group(2), 16))}
        else:
            assert result["fault"]["vpn"] == int(match.group(3))


def test_an_imported_document_survives_a_json_round_trip() -> None:
    for name in ("multilevel_seed0.txt", "linear_seed3_solved.txt"):
        document: Any = import_ostep({"text": text(name)})
        copy = json.loads(json.dumps(document))
        copy.pop("addresses")
        assert translate({**copy, "va": document["addresses"][0]}) == translate(
            {**document, "va": document["addresses"][0]}
        )


def test_decimal_addresses_are_accepted_for_ostep_documents() -> None:
    document = parsed("multilevel_seed0.txt")
    assert run(document, 0x611C) == run(document, "0x611c")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("hello", "not the output"),
        ("PDBR: 3\npage 0: 00\n", "page 0 must list 32 hex bytes"),
        ("PDBR: 3\n" + "page 0: " + "00" * 32 + "\n", "pages 0 to 127"),
        ("Page Table (from entry 0 down to the max size)\n  0x0\n", "ARG address space size"),
    ],
)
def test_broken_texts_are_refused_with_a_reason(source: str, message: str) -> None:
    with pytest.raises(PagingDocumentError, match=re.escape(message)):
        parse_ostep_text(source)


def test_a_linear_table_with_a_missing_line_is_refused() -> None:
    lines = text("linear_seed3_solved.txt").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Page Table"))
    del lines[header + 2]
    with pytest.raises(PagingDocumentError, match="page_table has 3 entries"):
        parse_ostep_text("\n".join(lines))


def test_import_needs_a_text_string() -> None:
    with pytest.raises(PagingDocumentError, match="text"):
        import_ostep({"text": 5})
    with pytest.raises(PagingDocumentError, match="lacks the field 'text'"):
        import_ostep({})
