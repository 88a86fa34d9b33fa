"""HTML pages and htmx partials. Each has a JSON twin in :mod:`webapp.web.api`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for

from webapp import catalog
from webapp.web import lifecycle_page  # noqa: F401  (registers the lab page)
from webapp.web.api import service
from webapp.web.errors import ApiError
from webapp.web.labs import LAB_NAMES, page_for
from webapp.web.sessions import LiveSession

bp = Blueprint("pages", __name__)


@bp.get("/healthz")
def healthz() -> Any:
    return {"status": "ok"}


@bp.get("/")
def index() -> str:
    labs: dict[str, list[Any]] = {}
    for scenario in catalog.scenarios().values():
        labs.setdefault(scenario.lab, []).append(scenario)
    return render_template("pages/index.html", labs=labs, lab_names=LAB_NAMES)


@bp.post("/start")
def start() -> Any:
    """Start a new session of the chosen scenario and open it (303 after the POST)."""
    seed = request.form.get("seed", "")
    live = service().create(request.form.get("scenario", ""),
                            int(seed) if seed.isdigit() else None)
    return redirect(url_for("pages.session", session_id=live.id), code=303)


def _live(session_id: str) -> LiveSession:
    try:
        return service().get(session_id)
    except ApiError:
        abort(404)


@bp.get("/s/<session_id>")
def session(session_id: str) -> str:
    live = _live(session_id)
    step = request.args.get("step", "")
    if step.isdigit() and int(step) != live.timeline.cursor:
        live = service().change(session_id, lambda timeline: timeline.seek(int(step)))[0]
    with live.lock:
        context = _context(live)
    return render_template(page_for(live.timeline.scenario.lab).template, **context)


@bp.get("/s/<session_id>/partials/<name>")
def partial(session_id: str, name: str) -> str:
    live = _live(session_id)
    if name not in page_for(live.timeline.scenario.lab).partials:
        abort(404)
    with live.lock:
        context = _context(live)
    return render_template(f"partials/{name}.html", **context)


def _context(live: LiveSession) -> dict[str, Any]:
    """What every lab page and partial gets, plus the lab's own context."""
    state = live.state()
    scenario = live.timeline.scenario
    page = page_for(scenario.lab)
    return {"session_id": live.id, "state": state, "timeline": live.timeline_info(),
            "scenario": scenario, "seed": live.timeline.seed, "lab_name": page.name,
            "events": [e.to_dict() for e in live.timeline.last_events],
            "projector": request.args.get("view") == "projector",
            **page.context(live, state)}
