"""Checks for the fields of a JSON translation document.

Each helper returns the value in model form or raises ``PagingDocumentError`` with a
message that names the field and says what is wrong with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TypeVar

from webapp.model.paging.errors import PagingDocumentError

T = TypeVar("T")
_HEX = re.compile(r"0[xX][0-9a-fA-F]{1,64}")
_DECIMAL = re.compile(r"[0-9]{1,20}")
_HEX_LINES = re.compile(r"0[xX][0-9a-fA-F]{1,64}(?:\n0[xX][0-9a-fA-F]{1,64})*")
_NON_ZERO = re.compile(r"0[xX]0*[1-9a-fA-F][0-9a-fA-F]*")


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
) -> dict[int, tuple[int, ...]]:
    """``{"<frame>": [entries as hex]}``: every frame a full table of ``entries`` values."""
    result: dict[int, tuple[int, ...]] = {}
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


def _hex_entries(items: list[object], bits: int) -> tuple[int, ...] | None:
    """The entries of a frame at once, or None when one is bad (then checked one by one).

    A table is 512 or 1,024 entries, mostly ``"0x0"``: checking them one call at a time
    dominated a walk. Here the type check, the syntax check (one regex over the joined
    frame) and the parse of the non-zero entries all run in C.
    """
    try:
        text = "\n".join(items)  # type: ignore[arg-type]  # a non-str item raises
    except TypeError:
        return None
    if not _HEX_LINES.fullmatch(text) or text.count("\n") != len(items) - 1:
        return None  # a bad entry, or one holding a line break of its own
    values = [0] * len(items)
    line = last = 0
    for match in _NON_ZERO.finditer(text):
        value = int(match.group(), 16)
        if value >> bits:
            return None
        line += text.count("\n", last, match.start())
        last = match.start()
        values[line] = value
    return tuple(values)


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
