"""Input bounds: a document over a bound is refused before it is parsed, in both languages,
and nothing changes; at the bound it loads. Tables that share their lower tables are walked
once per table, not once per virtual page."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from webapp.model.errors import InvalidCommand
from webapp.model.memlab.setup import (
    MAX_FRAMES,
    MAX_LINEAR_ENTRIES,
    MAX_TRACE,
    check_document,
)
from webapp.model.memlab.tables import mappings
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot

from .documents import ZERO, pages, shared_document, x86_document
from .support import lab, run, simulation


def refusal(sim: Simulation, document: dict[str, Any]) -> InvalidCommand:
    """The refusal of ``load_document``, checking that nothing changed (``work`` included)."""
    before = pickle.dumps((sim.world, sim.step_no, sim.operations, sim.work))
    with pytest.raises(InvalidCommand) as caught:
        sim.submit("load_document", None, {"document": document})
    assert pickle.dumps((sim.world, sim.step_no, sim.operations, sim.work)) == before
    return caught.value


def linear(entries: int) -> dict[str, Any]:
    return {"paging": "linear", "page_size": 16, "address_space": 16 * entries,
            "page_table": [0] * entries, "addresses": ["0x0"]}


def too_many_frames() -> dict[str, Any]:
    return {"paging": "x86_64", "root": "0x1000", "addresses": ["0x0"],
            "memory": {str(1 + frame): ZERO for frame in range(MAX_FRAMES + 1)}}


@pytest.mark.parametrize("document, key, count, limit, words", [
    (x86_document(addresses=pages(MAX_TRACE + 1)), "memory.too_large.addresses",
     MAX_TRACE + 1, MAX_TRACE, ("addresses", "adresses")),
    (too_many_frames(), "memory.too_large.frames", MAX_FRAMES + 1, MAX_FRAMES,
     ("frames", "cadres")),
    (linear(MAX_LINEAR_ENTRIES * 2), "memory.too_large.entries", MAX_LINEAR_ENTRIES * 2,
     MAX_LINEAR_ENTRIES, ("entries", "entrées")),
])
def test_a_document_over_a_bound_is_refused_in_both_languages_and_nothing_changes(
        document: dict[str, Any], key: str, count: int, limit: int,
        words: tuple[str, str]) -> None:
    error = refusal(simulation(), document)
    assert error.key == key and error.data["count"] == count and error.data["limit"] == limit
    for lang, word in zip(("en", "fr"), words, strict=True):
        message = error.message(lang)
        assert f"{count} {word}" in message and str(limit) in message and "{" not in message


def test_the_size_is_checked_before_the_entries_are_parsed() -> None:
    document = x86_document(addresses=["not an address"] * (MAX_TRACE + 1))
    with pytest.raises(InvalidCommand) as caught:
        check_document(document)
    assert caught.value.key == "memory.too_large.addresses"


def test_a_document_at_every_bound_loads() -> None:
    sim = simulation()
    document = x86_document(MAX_FRAMES - 3, pages(MAX_TRACE, every=64))
    run(sim, "load_document", document=document)
    tables = lab(sim).tables
    assert tables is not None and len(tables.frames) == MAX_FRAMES
    assert len(lab(sim).trace) == MAX_TRACE and lab(sim).virtualizable
    run(sim, "load_document", document=linear(MAX_LINEAR_ENTRIES))
    assert lab(sim).ostep is not None
    assert len(lab(sim).ostep.page_table) == MAX_LINEAR_ENTRIES  # type: ignore[union-attr]


def test_shared_tables_are_walked_once_each_not_once_per_virtual_page() -> None:
    sim = simulation()
    run(sim, "load_document", document=shared_document())
    tables = lab(sim).tables
    assert tables is not None
    leaves = list(mappings(tables))
    assert len(leaves) == 512, "one PT of 512 leaves, not 256 × 512³ virtual pages"
    assert [leaf.va for leaf in leaves[:2]] == [0, 0x1000]
    used = snapshot(sim)["memory"]["p2m"]["used"]
    assert [row["role"] for row in used] == ["table"] * 4 + ["data"]
    run(sim, "quiz_new")
    assert lab(sim).quiz is not None
