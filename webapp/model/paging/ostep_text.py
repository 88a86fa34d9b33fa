"""Import the problems printed by the OSTEP paging homework simulators.

``paging-multilevel-translate.py`` prints ``page  12: 08 00 1d ...`` (or, in the
Python 3 port, the 64 hex digits run together), then ``PDBR: 108  (decimal) ...`` and
``Virtual Address 611c: Translates To What Physical Address ...`` (with ``-c``:
``Virtual Address 611c:`` followed by the worked answer).

``paging-linear-translate.py`` prints ``ARG address space size 16k``, ``ARG phys mem
size 64k``, ``ARG page size 4k``, then under ``Page Table (from entry 0 down to the max
size)`` one entry per line (``0x8000000c``, or ``[       0]  0x8000000c`` with ``-v``),
then ``VA 0x00003a39 (decimal:    14905) --> PA or invalid address?`` lines.

The result is a translation document (see ``document``) plus ``"addresses"``: the
virtual addresses of the problem, in order, as hex strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from webapp.model.paging.document_ostep import (
    OSTEP_GEOMETRY,
    linear_setup,
    ostep_setup,
)
from webapp.model.paging.fields import as_object, fail, require
from webapp.model.paging.ostep import OSTEP_PAGE_SIZE, OSTEP_PAGES

TEXT_LIMIT = 200_000
#: Every pattern matches a whole line (``fullmatch``); numbers are ASCII digits, read by
#: ``_decimal``/``_hex``, which refuse more than a few digits before calling ``int()``.
_PAGE = re.compile(r"\s*page\s+([0-9]+)\s*:(.*)", re.IGNORECASE)
_PDBR = re.compile(r"\s*PDBR:\s*([0-9]+).*")
_MULTI_VA = re.compile(r"\s*Virtual Address\s+(?:0x)?([0-9a-fA-F]+)\s*:.*")
_LINEAR_ENTRY = re.compile(r"\s*(?:\[\s*([0-9]+)\s*\]\s*)?0x([0-9a-fA-F]{1,8})\s*")
_LINEAR_VA = re.compile(r"\s*VA\s+0x([0-9a-fA-F]+)\s*\(decimal:\s*([0-9]+)\s*\).*")
_TABLE_HEADER = "Page Table (from entry 0"
_SIZE = re.compile(r"([0-9]+)\s*([kKmMgG]?)")
DECIMAL_DIGITS = 12
HEX_DIGITS = 16
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def import_ostep(document: Mapping[str, object]) -> dict[str, object]:
    """``{"text": ...}`` → the parsed translation document with ``"addresses"``."""
    text = require(as_object(document, "the body"), "text", "the body")
    if not isinstance(text, str):
        raise fail("text must be a string holding the simulator's output")
    if len(text) > TEXT_LIMIT:
        raise fail(f"text is longer than {TEXT_LIMIT} characters")
    return parse_ostep_text(text)


def parse_ostep_text(text: str) -> dict[str, object]:
    """Recognise which simulator printed ``text`` and parse it."""
    lines = text.splitlines()
    if any(_PDBR.fullmatch(line) for line in lines):
        return parse_multilevel(lines)
    if any(_TABLE_HEADER in line for line in lines):
        return parse_linear(lines)
    raise fail(
        "text is not the output of paging-multilevel-translate.py (no 'PDBR:' line) "
        "nor of paging-linear-translate.py (no 'Page Table' header)"
    )


def parse_multilevel(lines: list[str]) -> dict[str, object]:
    """Parse ``paging-multilevel-translate.py`` output."""
    pdbr = _decimal(_matches(_PDBR, lines)[0].group(1), "PDBR")
    document: dict[str, object] = {"paging": "ostep", "root": pdbr}
    document["memory"] = _memory_dump(lines)
    document |= OSTEP_GEOMETRY
    document["addresses"] = [f"{_hex(m.group(1), 'Virtual Address'):#x}"
                             for m in _matches(_MULTI_VA, lines)]
    ostep_setup(document)
    return document


def _matches(pattern: re.Pattern[str], lines: list[str]) -> list[re.Match[str]]:
    return [m for line in lines if (m := pattern.fullmatch(line))]


def _shown(text: str) -> str:
    """``text`` for a message: whole when short, else its start and its length."""
    return repr(text) if len(text) <= 40 else f"{text[:24]!r}… ({len(text)} characters)"


def _decimal(text: str, name: str) -> int:
    """A decimal number of the text: at most ``DECIMAL_DIGITS`` digits."""
    if len(text) > DECIMAL_DIGITS:
        raise fail(f"{name} {_shown(text)} is too long: at most {DECIMAL_DIGITS} digits")
    return int(text)


def _hex(text: str, name: str) -> int:
    """A hex number of the text: at most ``HEX_DIGITS`` digits."""
    if len(text) > HEX_DIGITS:
        raise fail(f"{name} {_shown(text)} is too long: at most {HEX_DIGITS} hex digits")
    return int(text, 16)


def _memory_dump(lines: list[str]) -> list[list[int]]:
    pages: dict[int, list[int]] = {}
    for match in _matches(_PAGE, lines):
        number = _decimal(match.group(1), "page number")
        if number >= OSTEP_PAGES:
            raise fail(f"the memory dump shows page {number}; pages are 0 to {OSTEP_PAGES - 1}")
        if number in pages:
            raise fail(f"the memory dump shows page {number} twice")
        pages[number] = _page_bytes(number, match.group(2))
    missing = [n for n in range(OSTEP_PAGES) if n not in pages]
    if missing or len(pages) != OSTEP_PAGES:
        raise fail(f"the memory dump must show pages 0 to 127 once each; missing: {missing[:8]}")
    return [pages[n] for n in range(OSTEP_PAGES)]


def _page_bytes(number: int, text: str) -> list[int]:
    digits = re.sub(r"\s+", "", text)
    if not re.fullmatch(r"[0-9a-fA-F]*", digits) or len(digits) != 2 * OSTEP_PAGE_SIZE:
        raise fail(f"page {number} must list {OSTEP_PAGE_SIZE} hex bytes, got "
                   f"{_shown(text.strip())}")
    return [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]


def parse_linear(lines: list[str]) -> dict[str, object]:
    """Parse ``paging-linear-translate.py`` output."""
    document: dict[str, object] = {"paging": "linear"}
    document["address_space"] = _arg_size(lines, "address space size")
    document["page_size"] = _arg_size(lines, "page size")
    document["physical_memory"] = _arg_size(lines, "phys mem size")
    document["page_table"] = _page_table(lines)
    document["addresses"] = [_linear_address(m) for m in _matches(_LINEAR_VA, lines)]
    linear_setup(document)
    return document


def _arg_size(lines: list[str], name: str) -> int:
    pattern = re.compile(rf"\s*ARG {name}\s+(\S+)\s*")
    found = _matches(pattern, lines)
    if not found:
        raise fail(f"the text lacks the line 'ARG {name} ...'")
    return convert_size(found[0].group(1), name)


def convert_size(text: str, name: str) -> int:
    """A size as the simulators write it: ``16``, ``4k``, ``32m``, ``1g``."""
    match = _SIZE.fullmatch(text)
    if match is None:
        raise fail(f"ARG {name} {_shown(text)} is not a size like 16, 4k, 32m or 1g")
    return _decimal(match.group(1), f"ARG {name}") * _UNITS[match.group(2).lower()]


def _page_table(lines: list[str]) -> list[int]:
    start = next(i for i, line in enumerate(lines) if _TABLE_HEADER in line) + 1
    entries: list[int] = []
    for line in lines[start:]:
        match = _LINEAR_ENTRY.fullmatch(line)
        if match is None:
            break
        index = match.group(1)
        if index is not None and _decimal(index, "page table index") != len(entries):
            raise fail(f"page table line {line.strip()!r} is out of order")
        entries.append(int(match.group(2), 16))
    return entries


def _linear_address(match: re.Match[str]) -> str:
    va = _hex(match.group(1), "VA")
    if va != _decimal(match.group(2), "VA decimal"):
        raise fail(f"VA 0x{match.group(1)} does not match its decimal {match.group(2)}")
    return f"{va:#x}"
