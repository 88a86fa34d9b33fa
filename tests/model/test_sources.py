"""Issue 11: a source for every step. Every narration key (event kind, refusal, sub-sentence)
has the source that does what it says, or a stated simplification, in every language; the
event JSON carries them with a link."""

from __future__ import annotations

import re

import pytest

from webapp.model.events import Event
from webapp.model.narration import LANGUAGES, TEMPLATES
from webapp.model.narration.sources import PROJECTS, SOURCES, XEN_COMMIT, attribution, url_of

SYMBOL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_ ./()§,:'“”-]*$")


def test_every_narration_key_has_a_source_or_a_simplification() -> None:
    missing = sorted(key for key in TEMPLATES
                     if not {"source", "simplified"} & set(SOURCES.get(key, {})))
    assert missing == [], f"add a source or a simplification for {missing}"


def test_no_source_is_kept_for_a_sentence_that_no_longer_exists() -> None:
    assert sorted(set(SOURCES) - set(TEMPLATES)) == []


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_a_source_names_a_project_a_path_and_a_symbol(key: str) -> None:
    entry = SOURCES[key]
    source = entry.get("source")
    if source is not None:
        assert source["project"] in PROJECTS, key
        assert source["path"] and not source["path"].startswith("/"), key
        assert SYMBOL.match(source["symbol"]), key
        if source["project"] in ("xen", "libxl", "libxc"):
            assert source["path"].split("/")[0] in ("xen", "tools"), key
        if source["project"] == "libxl":
            assert source["path"].startswith("tools/libs/light/"), key
        if source["project"] == "libxc":
            assert source["path"].startswith(("tools/libs/guest/", "tools/libs/ctrl/")), key
    simplified = entry.get("simplified")
    if simplified is not None:
        assert all(simplified[lang].strip() for lang in LANGUAGES), key


def test_links_go_to_stable_public_source_browsers() -> None:
    xen = url_of({"project": "xen", "path": "xen/arch/x86/mm.c", "symbol": "do_mmu_update"})
    assert xen.startswith("https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=xen/arch/x86/mm.c")
    assert xen.endswith(f"hb={XEN_COMMIT}")
    linux = url_of({"project": "linux", "path": "drivers/net/xen-netfront.c", "symbol": "x"})
    assert linux == "https://elixir.bootlin.com/linux/latest/source/drivers/net/xen-netfront.c"


def test_the_event_json_carries_the_source_and_the_simplification() -> None:
    event = Event(3, "hypercall.mmu_update", ("d1",), {"ptr": "0x8", "val": "0x0", "command": 0,
                                                        "command_name": "x", "va": "—"})
    shown = event.to_dict()
    assert shown["source"]["symbol"] == "do_mmu_update" and shown["source"]["url"]
    assert "simplified" not in shown
    tick = Event(1, "sched.tick", (), {"host": "h", "ran": "", "idle": 0}).to_dict()
    assert tick["source"]["project"] == "xen" and set(tick["simplified"]) == set(LANGUAGES)
    assert attribution("no.such.kind") == {}
