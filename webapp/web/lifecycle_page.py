"""The lifecycle lab's page: the diagram geometry, the selected domain and its actions."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _

from webapp.i18n import current_language
from webapp.model.errors import ModelError
from webapp.model.lifecycle.rules import DOMAIN_ACTIONS, check
from webapp.model.narration.vocabulary import ACTIONS
from webapp.web import diagram
from webapp.web.labs import LAB_NAMES, LabPage, register
from webapp.web.sessions import LiveSession


def trigger_names() -> dict[str, str]:
    """The word drawn on an arrow for each trigger of a transition, in the reader's language."""
    return {"create": _("create"), "restore": _("restore"), "unpause": _("unpause"),
            "pause": _("pause"), "destroy": _("destroy"), "run": _("run"),
            "preempt": _("preempt"), "block": _("block"), "wake": _("wake"),
            "shutdown": _("shutdown"), "reboot": _("reboot"), "crash": _("crash"),
            "watchdog": _("watchdog"), "save": _("save"), "release": _("release"),
            "gone": _("gone")}


def state_names() -> dict[str, str]:
    """Each state of the diagram, in the reader's language."""
    return {"nothing": _("no domain"), "paused": _("paused"), "running": _("running"),
            "blocked": _("blocked"), "runnable": _("runnable"),
            "shutting_down": _("shutting down"), "shutdown": _("shut down"),
            "crashed": _("crashed"), "suspended": _("suspended"), "dying": _("dying"),
            "dead": _("dead")}


def lines(name: str, width: int = 12) -> list[str]:
    """A state's name on one line, or on two split at the space nearest its middle."""
    spaces = [i for i, c in enumerate(name) if c == " "]
    if len(name) <= width or not spaces:
        return [name]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return [name[:cut], name[cut + 1:]]


def translations() -> dict[str, str]:
    """Every word the lifecycle view draws in JavaScript, in the reader's language."""
    return {"free": _("free"), "idle": _("idle"), "mib": _("MiB"), "gib": _("GiB"),
            "frames": _("frames"), "runnable_vcpus": _("waiting for a pCPU"),
            "blocked_vcpus": _("blocked"), "none": _("none"), **{
                f"trigger_{name}": word for name, word in trigger_names().items()}, **{
                f"state_{name}": word for name, word in state_names().items()}}


def drawn_edges() -> list[dict[str, Any]]:
    """The diagram's arrows with their words in the reader's language."""
    names = trigger_names()
    return [{**edge, "words": " / ".join(names[t] for t in edge["shown"])
             + (" …" if edge["more"] else ""),
             "title": ", ".join(names[t] for t in edge["triggers"].split())}
            for edge in diagram.edges()]


def selected_domain(state: dict[str, Any]) -> dict[str, Any] | None:
    """The domain named by ``?domain=``, else the first guest."""
    wanted = request.args.get("domain")
    domains = state["domains"]
    chosen = [d for d in domains if d["name"] == wanted] or [d for d in domains if d["id"] != 0]
    return chosen[0] if chosen else None


def action_reasons(live: LiveSession, selected: dict[str, Any] | None) -> dict[str, str | None]:
    """For each action on the selected domain: None when allowed, else why not."""
    domain = live.timeline.sim.world.host.find(selected["name"]) if selected else None
    if domain is None:
        return {}
    reasons: dict[str, str | None] = {}
    for action in DOMAIN_ACTIONS:
        try:
            check(domain, action)
            reasons[action] = None
        except ModelError as err:
            reasons[action] = err.message(current_language())
    return reasons


def context(live: LiveSession, state: dict[str, Any]) -> dict[str, Any]:
    selected = selected_domain(state)
    return {"nodes": diagram.NODES, "edges": drawn_edges(),
            "state_lines": {state: lines(name) for state, name in state_names().items()},
            "traditional": diagram.traditional(),
            "lab_config": {"traditional_of": diagram.TRADITIONAL_OF, "t": translations()},
            "selected_domain": selected, "action_reasons": action_reasons(live, selected),
            "action_names": {a: ACTIONS[a][current_language()] for a in DOMAIN_ACTIONS}}


register(LabPage("lifecycle", LAB_NAMES["lifecycle"], "pages/lab_lifecycle.html",
                 ("domain_table", "actions", "images"), context, any_session=True))
