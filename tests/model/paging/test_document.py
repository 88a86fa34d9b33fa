"""translate() refuses bad documents with a PagingDocumentError that says what is wrong."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from webapp.model.paging import PagingDocumentError, translate

from .tables import STANDARD_VA, Tables, four_level, x86_doc


def good() -> dict[str, Any]:
    return x86_doc(four_level(), 0x1000, STANDARD_VA)


def ostep() -> dict[str, Any]:
    memory = [[0] * 32 for _ in range(128)]
    return {"paging": "ostep", "root": 3, "memory": memory, "va": "0x10"}


def linear() -> dict[str, Any]:
    return {
        "paging": "linear",
        "page_size": 16,
        "address_space": 64,
        "page_table": [0x80000001, 0, 0, 0],
        "va": 3,
    }


def nested() -> dict[str, Any]:
    identity = Tables().set(1, 0, 0x2007).set(2, 0, 0x3007).set(3, 0, 0x87)  # first 2 MiB
    ept = {"root": "0x1000", "memory": identity.json()}
    return good() | {"mode": "nested", "ept": ept}


def refused(document: Any, message: str) -> None:
    with pytest.raises(PagingDocumentError, match=re.escape(message)):
        translate(document)


def test_the_good_documents_are_accepted() -> None:
    for document in (good(), ostep(), linear()):
        assert "result" in translate(document)


def test_a_document_must_be_an_object() -> None:
    refused([1, 2], "the document must be a JSON object")


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("paging", "lacks the field 'paging'"),
        ("root", "lacks the field 'root'"),
        ("memory", "lacks the field 'memory'"),
        ("va", "lacks the field 'va'"),
        ("access", "lacks the field 'access'"),
        ("user", "lacks the field 'user'"),
    ],
)
def test_missing_fields_are_named(field: str, message: str) -> None:
    document = good()
    del document[field]
    refused(document, message)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"paging": "arm64"}, 'paging must be one of "x86_64"'),
        ({"mode": "shadow"}, 'mode must be one of "native", "nested"'),
        ({"root": "0x9000"}, "root 0x9000 points to frame 9, which is not in memory"),
        ({"root": 4096}, "root must be a hex string"),
        ({"va": "0x1" + "0" * 16}, "va 0x10000000000000000 is wider than 64 bits"),
        ({"va": "12"}, "va must be a hex string"),
        ({"access": "fetch"}, 'access must be one of "read", "write", "exec"'),
        ({"user": 1}, "user must be true or false, not 1"),
        ({"cpu": {"wp": True, "pae": True}}, "cpu has unknown field(s) pae"),
        ({"cpu": {"nxe": "yes"}}, "cpu.nxe must be true or false"),
        ({"cpu": {"maxphyaddr": 60}}, "cpu.maxphyaddr is 60; it must be between 32 and 52"),
        ({"cpu": []}, "cpu must be a JSON object"),
        ({"memory": []}, "memory must be a JSON object"),
        ({"memory": {"x1": ["0x0"] * 512}}, "keys must be decimal frame numbers"),
        ({"memory": {"1": ["0x0"] * 511}}, 'memory["1"] has 511 entries; it must have exactly 512'),
        ({"memory": {"1": ["0x0"] * 511 + ["zz"]}}, 'memory["1"][511] must be a hex string'),
        ({"memory": {"1": ["0x0"] * 511 + [7]}}, 'memory["1"][511] must be a hex string'),
        ({"memory": {"1": ["0x0"] * 511 + ["0x1" + "0" * 16]}}, "is wider than 64 bits"),
        ({"memory": {"1": ["0x0"] * 512, "01": ["0x0"] * 512}}, "gives frame 1 twice"),
    ],
)
def test_bad_x86_fields_are_explained(change: dict[str, Any], message: str) -> None:
    refused(good() | change, message)


def test_a_frame_the_walk_needs_but_memory_lacks_is_named() -> None:
    document = good()
    del document["memory"]["3"]
    refused(document, 'the walk reads physical frame 3, which is not in memory: add it to "memory"')


def test_x86_32_documents_need_1024_entries_and_32_bit_values() -> None:
    document = good() | {"paging": "x86_32"}
    refused(document, "has 512 entries; it must have exactly 1024")
    document["memory"] = {"1": ["0x0"] * 1024}
    refused(document | {"va": "0x100000000"}, "va 0x100000000 is wider than 32 bits")
    refused(document | {"cpu": {"nxe": True}}, "cpu has unknown field(s) nxe")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"va": "0x8000"}, "va 0x8000 is wider than the 15-bit address of this geometry"),
        ({"va": -1}, "va is -1; it must be between 0"),
        ({"va": True}, "va must be an integer, not true"),
        ({"root": 128}, "root (the PDBR page number) is 128; it must be between 0 and 127"),
        ({"root": "0x3"}, "must be an integer"),
        ({"memory": [[0] * 32] * 127}, "memory has 127 entries; it must have exactly 128"),
        ({"memory": [[0] * 31] + [[0] * 32] * 127}, "memory[0] has 31 entries"),
        ({"memory": [[256] + [0] * 31] + [[0] * 32] * 127}, "memory[0][0] is 256"),
        ({"page_size": 64}, "page_size must be 32 in the OSTEP multi-level format"),
    ],
)
def test_bad_ostep_fields_are_explained(change: dict[str, Any], message: str) -> None:
    refused(ostep() | change, message)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"page_size": 12}, "page_size is 12; it must be a power of two"),
        ({"address_space": 8}, "address_space 8 is smaller than page_size 16"),
        ({"page_table": [0, 0, 0]}, "page_table has 3 entries; it must have exactly 4"),
        ({"page_table": [0, 0, 0, "0x0"]}, "page_table[3] must be an integer"),
        ({"va": 64}, "va 0x40 is wider than the 6-bit address of this geometry"),
        ({"physical_memory": 16}, "page_table[0] maps PFN 1, beyond the 1 physical pages"),
    ],
)
def test_bad_linear_fields_are_explained(change: dict[str, Any], message: str) -> None:
    refused(linear() | change, message)


def test_nested_documents_need_an_ept_object_with_its_root_in_its_memory() -> None:
    assert "result" in translate(nested())
    document = nested()
    del document["ept"]
    refused(document, "the document lacks the field 'ept'")
    refused(
        nested() | {"ept": {"root": "0x5000", "memory": {}}}, "ept.root 0x5000 points to frame 5"
    )
    refused(nested() | {"ept": {"root": "0x1000"}}, "ept lacks the field 'memory'")
    refused(nested() | {"paging": "x86_32"}, '"paging" must be "x86_64"')


def test_an_ept_frame_the_walk_needs_is_named_as_ept_memory() -> None:
    document = nested()
    ept = copy.deepcopy(document["ept"])
    del ept["memory"]["3"]
    refused(
        document | {"ept": ept},
        'host-physical frame 3, which is not in memory: add it to "ept.memory"',
    )
