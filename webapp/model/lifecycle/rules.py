"""The lifecycle state machine as data: which action each state allows, and the diagram.

States are the words of :func:`webapp.model.domain.state_word`. The table follows the
transition table of virtualization-facts.md §3.4 (xl / libxl preconditions).
"""

from __future__ import annotations

from webapp.model.domain import Domain, state_word
from webapp.model.errors import Refused
from webapp.model.narration import TEMPLATES

DOMAIN_ACTIONS = ("pause", "unpause", "shutdown", "reboot", "crash", "watchdog", "save",
                  "destroy")
HOST_ACTIONS = ("create", "restore")

_LIVE = ("pause", "shutdown", "reboot", "crash", "watchdog", "save", "destroy")

ALLOWED: dict[str, tuple[str, ...]] = {
    "running": _LIVE,
    "runnable": _LIVE,
    "blocked": _LIVE,
    "paused": ("pause", "unpause", "shutdown", "reboot", "destroy"),
    "shutting_down": ("destroy",),
    "shutdown": ("destroy",),
    "crashed": ("destroy",),
    "suspended": ("destroy",),
    "dying": (),
    "dead": (),
}


def allowed_actions(domain: Domain) -> tuple[str, ...]:
    """The actions a learner may take on ``domain`` now."""
    if domain.is_control or domain.busy is not None:
        return ()
    return ALLOWED[state_word(domain)]


def check(domain: Domain, action: str) -> None:
    """Raise Refused, naming the state and what is allowed instead, unless ``action`` is allowed."""
    if action in allowed_actions(domain):
        return
    key, state = _refusal(domain, action)
    raise Refused(key, domain=domain.name, state=state, action=action,
                  allowed=list(allowed_actions(domain)), busy_action=domain.busy or "")


def _refusal(domain: Domain, action: str) -> tuple[str, str]:
    if domain.is_control:
        return "refused.control", "control"
    if domain.busy is not None:
        return "refused.busy", state_word(domain)
    specific = f"refused.{action}.{state_word(domain)}"
    return (specific if specific in TEMPLATES else "refused.state"), state_word(domain)


#: The diagram: (from state, trigger, to state). A shutdown, crash or save passes through
#: ``shutting_down`` (vCPUs being paused) before the shutdown completes; ``xl destroy`` pauses a
#: live domain first. The page highlights the transition an operation is taking.
TRANSITIONS: tuple[tuple[str, str, str], ...] = (
    ("nothing", "create", "paused"),
    ("nothing", "restore", "paused"),
    ("paused", "unpause", "runnable"),
    ("runnable", "pause", "paused"),
    ("running", "pause", "paused"),
    ("running", "destroy", "paused"),
    ("blocked", "pause", "paused"),
    ("blocked", "destroy", "paused"),
    ("runnable", "run", "running"),
    ("running", "preempt", "runnable"),
    ("running", "block", "blocked"),
    ("blocked", "wake", "runnable"),
    ("running", "shutdown", "shutting_down"),
    ("running", "reboot", "shutting_down"),
    ("running", "crash", "shutting_down"),
    ("running", "watchdog", "shutting_down"),
    ("running", "save", "shutting_down"),
    ("shutting_down", "shutdown", "shutdown"),
    ("shutting_down", "reboot", "shutdown"),
    ("shutting_down", "watchdog", "shutdown"),
    ("shutting_down", "crash", "crashed"),
    ("shutting_down", "save", "suspended"),
    ("paused", "destroy", "dying"),
    ("shutdown", "destroy", "dying"),
    ("crashed", "destroy", "dying"),
    ("suspended", "destroy", "dying"),
    ("dying", "release", "dead"),
    ("dead", "gone", "nothing"),
)

#: The lifecycle of a traditional machine, beside it (the course's "cycle de vie traditionnel").
TRADITIONAL = ("off", "firmware", "boot", "running", "shutdown")
