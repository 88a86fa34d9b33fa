"""Events: what happened at one step, with its actors, data and narration."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from webapp.model.narration import LANGUAGES, render
from webapp.model.narration.sources import attribution

#: Actor ids shared by every lab (one colour per actor in the UI).
XEN = "xen"
TOOLSTACK = "toolstack"
HARDWARE = "hardware"
XENSTORED = "xenstored"


def guest(domid: int) -> str:
    """The actor id of the kernel running inside domain ``domid``."""
    return f"d{domid}"


@dataclass(frozen=True)
class Event:
    """One thing that happened at one step (past tense: ``DomainCreated`` is ``domain.created``).

    ``kind`` is also the narration key; ``data`` is JSON-safe and fills the narration template.
    ``notable`` events get a marker on the timeline.
    """

    step: int
    kind: str
    actors: tuple[str, ...]
    data: dict[str, Any] = field(default_factory=dict)
    notable: bool = False

    def narration(self) -> dict[str, str]:
        """The plain-words sentence for this event, in every language."""
        return {lang: render(self.kind, self.data, lang) for lang in LANGUAGES}

    def to_dict(self) -> dict[str, Any]:
        """JSON form used by the API, the socket and the pages: with the ``source`` (Xen's,
        libxl's/libxc's, Linux's… file and function, and a link) and/or the ``simplified``
        note of the event's kind (``narration/sources``)."""
        return {
            "step": self.step,
            "kind": self.kind,
            "actors": list(self.actors),
            "data": self.data,
            "notable": self.notable,
            "narration": self.narration(),
            **attribution(self.kind),
        }
