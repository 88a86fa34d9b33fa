"""HTML pages and htmx partials. Each has a JSON twin in :mod:`webapp.web.api`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from webapp import catalog
from webapp.i18n import current_language
from webapp.model.errors import ModelError
from webapp.model.lifecycle.rules import DOMAIN_ACTIONS, check
from webapp.model.narration.vocabulary import ACTIONS
from webapp.web import diagram
from webapp.web.api import service as api_service
from webapp.web.errors import ApiError
from webapp.web.sessions import LiveSession

bp = Blueprint("pages", __name__)

LAB_TEMPLATES = {"lifecycle": "pages/lab_lifecycle.html"}


@bp.get("/healthz")
def healthz() -> Any:
    return {"status": "ok"}


@bp.get("/")
def index() -> str:
    labs: dict[str, list[Any]] = {}
    for scenario in catalog.scenarios().values():
        labs.setdefault(scenario.lab, []).append(scenario)
    return render_template("pages/index.html", labs=labs)


@bp.post("/start")
def start() -> Any:
    """Start a new session of the chosen scenario and open it (303 after the POST)."""
    seed = request.form.get("seed", "")
    live = api_service().create(request.form.get("scenario", ""),
                                int(seed) if seed.isdigit() else None)
    return redirect(url_for("pages.session", session_id=live.id), code=303)


def _live(session_id: str) -> LiveSession:
    try:
        return api_service().get(session_id)
    except ApiError:
        abort(404)


@bp.get("/s/<session_id>")
def session(session_id: str) -> str:
    live = _live(session_id)
    step = request.args.get("step", "")
    if step.isdigit() and int(step) != live.timeline.cursor:
        live = api_service().change(session_id, lambda t: t.seek(int(step)))[0]
    with live.lock:
        context = _context(live)
    template = LAB_TEMPLATES.get(live.timeline.scenario.lab, "pages/lab_lifecycle.html")
    return render_template(template, **context)


def _selected(live: LiveSession, state: dict[str, Any]) -> dict[str, Any] | None:
    wanted = request.args.get("domain")
    domains = state["domains"]
    chosen = [d for d in domains if d["name"] == wanted] or [d for d in domains if d["id"] != 0]
    return chosen[0] if chosen else None


def _reasons(live: LiveSession, selected: dict[str, Any] | None) -> dict[str, str | None]:
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


def _context(live: LiveSession) -> dict[str, Any]:
    state = live.state()
    scenario = live.timeline.scenario
    selected = _selected(live, state)
    return {"session_id": live.id, "state": state, "timeline": live.timeline_info(),
            "scenario": scenario, "seed": live.timeline.seed,
            "events": [e.to_dict() for e in live.timeline.last_events],
            "nodes": diagram.NODES, "edges": diagram.edges(),
            "traditional": diagram.traditional(), "traditional_of": diagram.TRADITIONAL_OF,
            "projector": request.args.get("view") == "projector",
            "selected_domain": selected, "action_reasons": _reasons(live, selected),
            "action_names": {a: ACTIONS[a][current_language()] for a in DOMAIN_ACTIONS},
            "lang": current_language(),
            "scenarios": [s for s in catalog.scenarios().values() if s.lab == scenario.lab]}


@bp.get("/s/<session_id>/partials/<name>")
def partial(session_id: str, name: str) -> str:
    if name not in ("domain_table", "actions", "host_panel", "images"):
        abort(404)
    live = _live(session_id)
    with live.lock:
        context = _context(live)
    current_app.logger.debug("partial %s for %s", name, session_id)
    return render_template(f"partials/{name}.html", **context)
