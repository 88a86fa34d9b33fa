"""How each lab's page is drawn: its template, its name, its partials and its extra context.

A lab registers a ``LabPage`` here; ``pages.py`` serves every lab the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from webapp.web.sessions import LiveSession

Context = Callable[[LiveSession, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class LabPage:
    """One lab's page: ``templates/pages/<template>``, the partials it refetches, and a
    function that adds what its templates need to the shared context."""

    lab: str
    name: Any  # a lazy translated string
    template: str
    partials: tuple[str, ...]
    context: Context = field(default=lambda live, state: {})
    any_session: bool = False  # it can draw a session of another lab (``/s/<id>/<lab>``)


PAGES: dict[str, LabPage] = {}
LAB_NAMES = {"lifecycle": _l("Lifecycle"), "memory": _l("Memory"), "boot": _l("Boot"),
             "devices": _l("Devices"), "categories": _l("Categories"), "cloud": _l("Cloud")}


def register(page: LabPage) -> None:
    PAGES[page.lab] = page


def page_for(lab: str) -> LabPage:
    return PAGES.get(lab, PAGES["lifecycle"])
