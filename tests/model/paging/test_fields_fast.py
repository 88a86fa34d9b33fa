"""The whole-frame parse of a document's tables agrees with the entry-by-entry check."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.paging.errors import PagingDocumentError
from webapp.model.paging.fields import as_hex, frames

ENTRY = st.one_of(
    st.integers(0, (1 << 64) - 1).map(hex),
    st.integers(0, 1 << 70).map(lambda n: f"0X{n:X}"),
    st.sampled_from(["0x0", "0x00", "0x000000001", "0x", "1234", "0xg", " 0x1", "0x1\n0x2", ""]),
    st.integers(0, 255),
    st.none(),
)


def one_by_one(items: list[object], bits: int) -> tuple[int, ...] | str:
    try:
        return tuple(as_hex(e, f'memory["1"][{i}]', bits) for i, e in enumerate(items))
    except PagingDocumentError as error:
        return str(error)


def at_once(items: list[object], bits: int) -> tuple[int, ...] | str:
    try:
        return tuple(frames({"1": items}, "memory", len(items), bits, 40)[1])
    except PagingDocumentError as error:
        return str(error)


@settings(max_examples=500, deadline=None)
@given(items=st.lists(ENTRY, min_size=1, max_size=40), bits=st.sampled_from([32, 64]))
def test_the_fast_parse_gives_the_same_values_or_the_same_message(items: list[object],
                                                                 bits: int) -> None:
    assert at_once(items, bits) == one_by_one(items, bits)


def test_an_entry_with_a_line_break_is_refused_by_name() -> None:
    assert at_once(["0x1\n0x2"], 32) == one_by_one(["0x1\n0x2"], 32)
    assert "memory[\"1\"][0]" in str(at_once(["0x1\n0x2"], 32))


@pytest.mark.parametrize("count", [512, 1024])
def test_a_full_table_of_mostly_zeros_parses_exactly(count: int) -> None:
    items = ["0x0"] * count
    items[0], items[7], items[count - 1] = "0x2007", "0X8000000000201067", "0xfff"
    parsed = at_once(items, 64)  # type: ignore[arg-type]
    assert isinstance(parsed, tuple) and len(parsed) == count
    assert (parsed[0], parsed[7], parsed[count - 1]) == (0x2007, 0x8000000000201067, 0xFFF)
    assert sum(1 for value in parsed if value) == 3
