"""The lifecycle lab's page: the diagram geometry, the selected domain and its actions."""

from __future__ import annotations

from typing import Any

from flask import request

from webapp.i18n import current_language
from webapp.model.errors import ModelError
from webapp.model.lifecycle.rules import DOMAIN_ACTIONS, check
from webapp.model.narration.vocabulary import ACTIONS
from webapp.web import diagram
from webapp.web.labs import LAB_NAMES, LabPage, register
from webapp.web.sessions import LiveSession


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
    return {"nodes": diagram.NODES, "edges": diagram.edges(),
            "traditional": diagram.traditional(),
            "lab_config": {"traditional_of": diagram.TRADITIONAL_OF},
            "selected_domain": selected, "action_reasons": action_reasons(live, selected),
            "action_names": {a: ACTIONS[a][current_language()] for a in DOMAIN_ACTIONS}}


register(LabPage("lifecycle", LAB_NAMES["lifecycle"], "pages/lab_lifecycle.html",
                 ("domain_table", "actions", "images"), context, any_session=True))
