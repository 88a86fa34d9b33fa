"""Checks for the fields of a JSON translation document.

Each helper returns the value in model form or raises ``PagingDocumentError`` with a
message that names the field and says what is wrong with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar, overload

from webapp.model.paging.errors import PagingDocumentError

T = TypeVar("T")
_HEX = re.compile(r"0[xX][0-9a-fA-F]{1,64}")
_DECIMAL = re.compile(r"[0-9]{1,20}")


def fail(message: str) -> PagingDocumentError:
    """The error to raise for an invalid document (a helper for ``raise fail(...)``)."""
    return PagingDocumentError(message)


def as_object(value: object, name: str) -> Mapping[str, object]:
    """A JSON object."""
    if not isinstance(value, Mapping):
        raise fail(f"{name} must be a JSON object")
    return value


def require(document: Mapping[str, object], key: str, where: str = "the document") -> object:
    """The value of a field that must be present."""
    if key not in document:
        raise fail(f"{where} lacks the field '{key}'")
    return document[key]


def as_hex(value: object, name: str, bits: int = 64) -> int:
    """A hex string "0x..." whose value fits in ``bits`` bits."""
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise fail(f'{name} must be a hex string like "0x1000", not {_show(value)}')
    number = int(value, 16)
    if number >> bits:
        raise fail(f"{name} {value} is wider than {bits} bits")
    return number


def as_int(value: object, name: str, low: int, high: int) -> int:
    """A JSON integer (not a boolean) with ``low <= value <= high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(f"{name} must be an integer, not {_show(value)}")
    if not low <= value <= high:
        raise fail(f"{name} is {_show(value)}; it must be between {low} and {high}")
    return value


def as_address(value: object, name: str, bits: int) -> int:
    """An address given as an integer or a hex string, at most ``bits`` bits wide."""
    if isinstance(value, str):
        number = as_hex(value, name, 64)
    else:
        number = as_int(value, name, 0, (1 << 64) - 1)
    if number >> bits:
        raise fail(f"{name} {number:#x} is wider than the {bits}-bit address of this geometry")
    return number


def as_bool(value: object, name: str) -> bool:
    """A JSON boolean."""
    if not isinstance(value, bool):
        raise fail(f"{name} must be true or false, not {_show(value)}")
    return value


def as_choice(value: object, name: str, choices: Mapping[str, T]) -> T:
    """One of the names in ``choices``."""
    if not isinstance(value, str) or value not in choices:
        options = ", ".join(f'"{key}"' for key in choices)
        raise fail(f"{name} must be one of {options}, not {_show(value)}")
    return choices[value]


def as_list(value: object, name: str, length: int | None = None) -> list[object]:
    """A JSON array, of exactly ``length`` items when given."""
    if not isinstance(value, list):
        raise fail(f"{name} must be a JSON array, not {_show(value)}")
    if length is not None and len(value) != length:
        raise fail(f"{name} has {len(value)} entries; it must have exactly {length}")
    return value


def as_frame_number(key: str, name: str, frame_bits: int) -> int:
    """A frame number written as a decimal object key."""
    if not _DECIMAL.fullmatch(key):
        raise fail(f"{name} has the key {_show(key)}; keys must be decimal frame numbers")
    frame = int(key)
    if frame >> frame_bits:
        raise fail(f"{name} frame {frame} is beyond the {frame_bits + 12}-bit physical space")
    return frame


def frames(
    value: object, name: str, entries: int, entry_bits: int, frame_bits: int
) -> dict[int, Sequence[int]]:
    """``{"<frame>": [entries as hex]}``: every frame a full table of ``entries`` values."""
    result: dict[int, Sequence[int]] = {}
    for key, table in as_object(value, name).items():
        frame = as_frame_number(key, name, frame_bits)
        if frame in result:
            raise fail(f"{name} gives frame {frame} twice")
        where = f'{name}["{key}"]'
        items = as_list(table, where, entries)
        checked = _hex_entries(items, entry_bits)
        if checked is None:  # name the first bad entry, exactly as one by one
            checked = tuple(as_hex(e, f"{where}[{i}]", entry_bits) for i, e in enumerate(items))
        result[frame] = checked
    return result


class HexFrame(Sequence[int]):
    """A frame's entries, checked at once and parsed only when a walk reads them.

    A table is 512 or 1,024 entries and a walk reads one per level: parsing every entry of
    every frame dominated a translate request. The syntax and width of all entries are
    checked up front (one regex over the joined frame, in C), so a bad document still fails
    before any walk; each entry is parsed from hex the first time it is read.
    """

    __slots__ = ("_items", "_parsed")

    def __init__(self, items: list[str]) -> None:
        self._items = items
        self._parsed: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[int]:
        return (int(item, 16) for item in self._items)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...

    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return [int(item, 16) for item in self._items[index]]
        value = self._parsed.get(index)
        if value is None:
            value = self._parsed[index] = int(self._items[index], 16)
        return value


def _entry_pattern(bits: int) -> re.Pattern[str]:
    """Entries of at most ``bits`` bits, each followed by a line break, written without leading
    zeros beyond the width (the common case, matched possessively: no backtracking); anything
    else takes the one-by-one path, which names the bad entry."""
    return re.compile(rf"(?:0[xX][0-9a-fA-F]{{1,{bits // 4}}}+\n)*+")


_FRAME_PATTERNS = {bits: _entry_pattern(bits) for bits in (32, 64)}


def _hex_entries(items: list[object], bits: int) -> Sequence[int] | None:
    """The entries of a frame, or None when one is bad (then checked one by one).

    Every entry is joined, one per line, and the text matched at once, in C: cheaper than
    checking entries one by one, or collecting the distinct ones first (hashing 512 fresh
    strings costs more than matching them; see benchmarks/translate_breakdown.py)."""
    pattern = _FRAME_PATTERNS.get(bits)
    if pattern is None:
        return None
    try:
        text = "\n".join(items) + "\n"  # type: ignore[arg-type]  # a non-str raises
    except TypeError:  # a non-text entry
        return None
    if not pattern.fullmatch(text) or text.count("\n") != len(items):
        return None  # a bad entry, or one holding a line break of its own
    return HexFrame(items)  # type: ignore[arg-type]  # all str: the join succeeded


def check_keys(document: Mapping[str, object], allowed: frozenset[str], name: str) -> None:
    """Refuse keys that are not in ``allowed`` (catches typos in small option objects)."""
    unknown = sorted(set(document) - allowed)
    if unknown:
        expected = ", ".join(sorted(allowed))
        raise fail(f"{name} has unknown field(s) {', '.join(unknown)}; expected: {expected}")


def _show(value: object) -> str:
    """The value as JSON, cut short; huge integers are described, not printed."""
    if isinstance(value, int) and value.bit_length() > 128:
        return f"a {value.bit_length()}-bit number"
    try:
        text = json.dumps(value, default=repr)
    except ValueError:
        text = "that value"
    return text if len(text) <= 40 else text[:37] + "..."
