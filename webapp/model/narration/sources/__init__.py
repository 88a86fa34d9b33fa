"""A source for every narrated step (issue 11): the file and function of Xen, libxl/libxc,
Linux, QEMU or the Intel SDM that does what the sentence says — or, where the model simplifies,
the simplification, said in every language.

Each narration key (event kind, refusal, sub-sentence) has an entry
``{"source": {"project", "path", "symbol"}}``, ``{"simplified": {"en", "fr"}}``, or both. The
event JSON (``Event.to_dict``) carries them, the source with a ``url`` into a public source
browser (plain links: nothing is fetched at run time). Xen, libxl and libxc point at the tree
the review read (commit ``XEN_COMMIT``); Linux at elixir's latest tree.

The entries live next to the narration, one module per lab; ``tests/model/test_sources.py``
fails when a narration key has neither a source nor a simplification.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from webapp.model.narration.sources.boot import SOURCES as BOOT
from webapp.model.narration.sources.common import PROJECTS, Entry
from webapp.model.narration.sources.devices import SOURCES as DEVICES
from webapp.model.narration.sources.lifecycle import SOURCES as LIFECYCLE
from webapp.model.narration.sources.memory import SOURCES as MEMORY

#: The Xen tree the review was done against (virtualization-facts.md, errata).
XEN_COMMIT = "c447b7308b1330ec6dcfef37220736c28f41daa0"

SOURCES: dict[str, Entry] = {**LIFECYCLE, **BOOT, **DEVICES, **MEMORY}

__all__ = ["PROJECTS", "SOURCES", "XEN_COMMIT", "attribution", "register", "url_of"]


def register(entries: Mapping[str, Entry]) -> None:
    """Add a lab's sources (each entry has a source, a simplification, or both)."""
    for key, entry in entries.items():
        if not {"source", "simplified"} & set(entry):
            raise ValueError(f"source of {key!r} has neither source nor simplified")
        SOURCES[key] = entry


def url_of(source: Mapping[str, str]) -> str:
    """Where a reader can open ``source`` (a stable public browser; no request is made)."""
    project, path = source["project"], source["path"]
    if project in ("xen", "libxl", "libxc"):
        return f"https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f={path};hb={XEN_COMMIT}"
    if project == "linux":
        return f"https://elixir.bootlin.com/linux/latest/source/{path}"
    if project == "qemu":
        return f"https://gitlab.com/qemu-project/qemu/-/blob/master/{path}"
    return "https://www.intel.com/content/www/us/en/developer/articles/technical/intel-sdm.html"


def attribution(kind: str) -> dict[str, Any]:
    """The ``source`` (with its ``url``) and/or ``simplified`` of event ``kind`` ({} if none)."""
    entry = SOURCES.get(kind)
    if entry is None:
        return {}
    out: dict[str, Any] = {}
    if "source" in entry:
        out["source"] = {**entry["source"], "url": url_of(entry["source"])}
    if "simplified" in entry:
        out["simplified"] = dict(entry["simplified"])
    return out
