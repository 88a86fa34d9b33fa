"""Translation documents made to measure for the bounds and cost tests: x86-64 tables inside
the test guest's memory (so every mode can run them) and traces of any length."""

from __future__ import annotations

from typing import Any

ZERO = ["0x0"] * 512
DATA = 0x100  # the first data frame; the test guest has 8,192 frames


def x86_document(page_tables: int = 1, addresses: list[str] | None = None,
                 access: str = "write") -> dict[str, Any]:
    """PML4 (frame 1) → PDPT (2) → PD (3) → ``page_tables`` full PTs (frames 4…), every entry
    a user-writable 4 KiB page of a data frame from ``DATA`` on."""
    pd = [hex(((4 + t) << 12) | 7) if t < page_tables else "0x0" for t in range(512)]
    memory = {"1": ["0x2007", *ZERO[1:]], "2": ["0x3007", *ZERO[1:]], "3": pd}
    for t in range(page_tables):
        memory[str(4 + t)] = [hex(((DATA + t * 512 + i) << 12) | 7) for i in range(512)]
    return {"paging": "x86_64", "root": "0x1000", "memory": memory, "access": access,
            "user": True, "addresses": addresses or ["0x1000"]}


def pages(count: int, every: int = 1, span: int = 512) -> list[str]:
    """``count`` addresses, a new page (of the first ``span``) every ``every`` accesses."""
    return [hex(((i // every) % span) << 12 | (i % every) * 8) for i in range(count)]


def shared_document() -> dict[str, Any]:
    """Four frames whose tables all point to the same next table: 256 × 512³ virtual pages
    through one PT of 512 leaves."""
    return {"paging": "x86_64", "root": "0x1000", "addresses": ["0x1000"],
            "memory": {"1": ["0x2007"] * 256 + ZERO[256:], "2": ["0x3007"] * 512,
                       "3": ["0x4007"] * 512, "4": [hex((DATA << 12) | 7)] * 512}}
