"""Helpers to write source entries briefly: one function per project, and the lab's own
messages (rules of the model, which no Xen or Linux code says)."""

from __future__ import annotations

from typing import Any

Entry = dict[str, Any]

PROJECTS = ("xen", "linux", "libxl", "libxc", "intel-sdm", "qemu")


def ref(project: str, path: str, symbol: str) -> Entry:
    return {"source": {"project": project, "path": path, "symbol": symbol}}


def xen(path: str, symbol: str) -> Entry:
    """The hypervisor, its public headers, and the tools outside libxl/libxc (xl, xenstored,
    the hotplug scripts), all in xen.git."""
    return ref("xen", path, symbol)


def libxl(file: str, symbol: str) -> Entry:
    return ref("libxl", f"tools/libs/light/{file}", symbol)


def libxc(file: str, symbol: str) -> Entry:
    """libxc's domain builder and save/restore (tools/libs/guest) and control calls
    (tools/libs/ctrl)."""
    folder = "ctrl" if file.startswith("xc_") else "guest"
    return ref("libxc", f"tools/libs/{folder}/{file}", symbol)


def linux(path: str, symbol: str) -> Entry:
    return ref("linux", path, symbol)


def sdm(section: str, title: str) -> Entry:
    return ref("intel-sdm", section, title)


def qemu(path: str, symbol: str) -> Entry:
    return ref("qemu", path, symbol)


def simplified(entry: Entry | None, en: str, fr: str) -> Entry:
    """``entry`` (or nothing) with a stated simplification."""
    return {**(entry or {}), "simplified": {"en": en, "fr": fr}}


#: A message of the lab itself (its rules, limits and exercises), not of Xen or Linux.
LAB_ONLY = simplified(None, "The lab's own message (a rule or limit of the model, or one of "
                            "its exercises): no Xen or Linux code says this.",
                      "Message propre au labo (une règle ou une limite du modèle, ou l'un de "
                      "ses exercices) : aucun code de Xen ou de Linux ne le dit.")


def same(entry: Entry, *keys: str) -> dict[str, Entry]:
    """One entry for several keys."""
    return {key: entry for key in keys}
