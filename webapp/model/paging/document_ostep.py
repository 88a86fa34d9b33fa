"""Documents for the two OSTEP page tables (``"paging": "ostep"`` and ``"linear"``).

``ostep``: ``"root"`` is the PDBR page number (0-127), ``"memory"`` the 128 pages of 32
byte values, ``"va"`` a 15-bit address (integer or hex string). The geometry fields that
the importer adds (``page_size`` 32, ``pages`` 128, ``va_bits`` 15) may be given; they
must then have those values.

``linear``: ``"page_size"`` and ``"address_space"`` in bytes (powers of two, the space
below 1 GiB and a multiple of the page), ``"page_table"`` with one 32-bit integer entry
per page, an optional ``"physical_memory"`` in bytes (then every valid entry's PFN must
fall inside it), and ``"va"`` inside the address space.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from webapp.model.paging.fields import as_address, as_int, as_list, fail, require
from webapp.model.paging.ostep import (
    LINEAR_VALID,
    OSTEP_PAGE_SIZE,
    OSTEP_PAGES,
    OSTEP_VA_BITS,
    walk_linear,
    walk_ostep,
)
from webapp.model.paging.results import Walk

OSTEP_GEOMETRY = {"page_size": OSTEP_PAGE_SIZE, "pages": OSTEP_PAGES, "va_bits": OSTEP_VA_BITS}
LINEAR_SPACE_LIMIT = 1 << 30


@dataclass(frozen=True)
class OstepSetup:
    """The multi-level problem: flat physical memory and the PDBR."""

    memory: tuple[int, ...]
    pdbr: int


@dataclass(frozen=True)
class LinearSetup:
    """The linear problem: the page geometry and the page table."""

    page_size: int
    address_space: int
    page_table: tuple[int, ...]


def ostep_setup(document: Mapping[str, object]) -> OstepSetup:
    """Check an ``ostep`` document (all but ``va``)."""
    for key, expected in OSTEP_GEOMETRY.items():
        if key in document and document[key] != expected:
            raise fail(f"{key} must be {expected} in the OSTEP multi-level format")
    pages = as_list(require(document, "memory"), "memory", OSTEP_PAGES)
    memory = tuple(byte for number, page in enumerate(pages) for byte in _page(page, number))
    pdbr = as_int(require(document, "root"), "root (the PDBR page number)", 0, OSTEP_PAGES - 1)
    return OstepSetup(memory, pdbr)


def _page(value: object, number: int) -> tuple[int, ...]:
    name = f"memory[{number}]"
    items = as_list(value, name, OSTEP_PAGE_SIZE)
    return tuple(as_int(byte, f"{name}[{i}]", 0, 255) for i, byte in enumerate(items))


def ostep_walk(document: Mapping[str, object]) -> Walk:
    """Translate the ``va`` of an ``ostep`` document."""
    setup = ostep_setup(document)
    va = as_address(require(document, "va"), "va", OSTEP_VA_BITS)
    return walk_ostep(setup.memory, setup.pdbr, va)


def linear_setup(document: Mapping[str, object]) -> LinearSetup:
    """Check a ``linear`` document (all but ``va``)."""
    page_size = _power_of_two(require(document, "page_size"), "page_size", LINEAR_SPACE_LIMIT)
    space = _power_of_two(require(document, "address_space"), "address_space", LINEAR_SPACE_LIMIT)
    if space < page_size:
        raise fail(f"address_space {space} is smaller than page_size {page_size}")
    items = as_list(require(document, "page_table"), "page_table", space // page_size)
    table = tuple(as_int(e, f"page_table[{i}]", 0, 0xFFFF_FFFF) for i, e in enumerate(items))
    if "physical_memory" in document:
        _check_physical(document["physical_memory"], page_size, table)
    return LinearSetup(page_size, space, table)


def _power_of_two(value: object, name: str, limit: int) -> int:
    number = as_int(value, name, 1, limit - 1)
    if number & (number - 1):
        raise fail(f"{name} is {number}; it must be a power of two")
    return number


def _check_physical(value: object, page_size: int, table: tuple[int, ...]) -> None:
    size = as_int(value, "physical_memory", page_size, LINEAR_SPACE_LIMIT)
    frames = size // page_size
    for vpn, entry in enumerate(table):
        pfn = entry & (LINEAR_VALID - 1)
        if entry & LINEAR_VALID and pfn >= frames:
            raise fail(f"page_table[{vpn}] maps PFN {pfn}, beyond the {frames} physical pages")


def linear_walk(document: Mapping[str, object]) -> Walk:
    """Translate the ``va`` of a ``linear`` document."""
    setup = linear_setup(document)
    bits = setup.address_space.bit_length() - 1
    va = as_address(require(document, "va"), "va", bits)
    return walk_linear(setup.page_table, setup.page_size, va)
