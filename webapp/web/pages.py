"""HTML pages and htmx partials. Each has a JSON twin in :mod:`webapp.web.api`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp import catalog
from webapp.web import (
    access,
    boot_page,  # registers the boot lab page; its routes below
    categories_page,  # registers the lab page; its chooser route below
    cloud_page,  # noqa: F401  (registers the lab page)
    devices_page,  # noqa: F401  (registers the lab page)
    lifecycle_page,  # noqa: F401  (registers the lab page)
    memory_page,  # registers the lab page; its routes below
    ratelimit,
)
from webapp.web.api import service
from webapp.web.errors import ApiError
from webapp.web.guide_page import guide_config
from webapp.web.labs import LAB_NAMES, PAGES, LabPage, page_for
from webapp.web.parse import MAX_SEED, text_int
from webapp.web.sessions import LiveSession

bp = Blueprint("pages", __name__)
bp.register_blueprint(memory_page.bp)
bp.register_blueprint(boot_page.bp)
bp.register_blueprint(categories_page.bp)


@bp.app_context_processor
def _guide() -> dict[str, Any]:
    """The guide panel's JSON block, for every lab page (``partials/guide_panel.html``)."""
    return {"guide_config": guide_config}


@bp.get("/healthz")
def healthz() -> Any:
    return {"status": "ok"}


#: the course's order: the categories of virtualization, then Xen (a domain's lifecycle, its
#: boot, its memory, its devices), then the cloud operations built on them
COURSE_ORDER = ("categories", "lifecycle", "boot", "memory", "devices", "cloud")


@bp.get("/")
def index() -> str:
    """Every scenario, by lab in the course's order, then by level (introductory first)."""
    labs: dict[str, list[Any]] = {lab: [] for lab in COURSE_ORDER}
    for scenario in catalog.scenarios().values():
        labs.setdefault(scenario.lab, []).append(scenario)
    for items in labs.values():
        items.sort(key=lambda s: (s.guide.level if s.guide else 9, s.title["en"]))
    return render_template("pages/index.html", lab_names=LAB_NAMES,
                           labs={lab: items for lab, items in labs.items() if items})


@bp.post("/start")
def start() -> Any:
    """Start a new session of the chosen scenario and open it (303 after the POST)."""
    text = request.form.get("seed", "")  # empty: a random seed
    seed = text_int(text, _("Seed"), 0, MAX_SEED) if text else None
    ratelimit.hit("create")
    live, token = service().create(request.form.get("scenario", ""), seed)
    response = redirect(url_for("pages.session", session_id=live.id), code=303)
    return access.remember(response, live.id, token)


def _live(session_id: str) -> LiveSession:
    try:
        return service().get(session_id)
    except ApiError:
        abort(404)


@bp.get("/s/<session_id>")
def session(session_id: str) -> str:
    return _page(session_id, None)


@bp.get("/s/<session_id>/<lab>")
def session_view(session_id: str, lab: str) -> str:
    """The same session drawn by another lab's page (``/s/<id>/boot`` shows the boot of the
    domains of any session, a lifecycle session included): two views, one timeline."""
    if lab not in PAGES:
        abort(404)
    return _page(session_id, PAGES[lab])


def _page(session_id: str, page: LabPage | None) -> str:
    """A lab page: the owner drives; anyone else follows live, or with ``?step=k`` views
    step k of the recorded history on a private cursor. A GET never moves the session."""
    live = _live(session_id)
    own = live.timeline.scenario.lab
    page = page or page_for(own)
    if page.lab != own and not page.any_session:
        abort(404)  # this lab's page draws only its own sessions
    return render_template(page.template, **_context(live, page, viewed(live)))


def viewed(live: LiveSession) -> dict[str, Any] | None:
    """The step a ``?step=k`` asks to view (``{"step", "state", "events"}``), else None."""
    asked = request.args.get("step")
    if asked is None:
        return None
    # a link to a step not recorded yet (the class has not got there) opens its last step
    return service().view(live.id, min(text_int(asked, "step", 0, 10**9), live.timeline.length))


@bp.get("/s/<session_id>/partials/<name>")
def partial(session_id: str, name: str) -> str:
    """A panel of the session's own lab page, or of another lab's view of it (at the
    viewer's step with ``?step=k``)."""
    live = _live(session_id)
    own = page_for(live.timeline.scenario.lab)
    page = own if name in own.partials else next(
        (other for other in PAGES.values() if name in other.partials), None)
    if page is None or (page.lab != own.lab and not page.any_session):
        abort(404)  # a panel of a lab page that draws only its own sessions
    return render_template(f"partials/{name}.html", **_context(live, page, viewed(live)))


def mode(live: LiveSession, seen: dict[str, Any] | None) -> str:
    """``driver`` (owner or editor), ``viewer`` (a private cursor) or ``follower``."""
    if seen is not None:
        return "viewer"
    return "driver" if live.role(access.presented_tokens(live.id)) else "follower"


def other_views(live: LiveSession, page: LabPage) -> list[dict[str, Any]]:
    """The other lab pages that can draw this session, with their links."""
    own = live.timeline.scenario.lab
    return [{"lab": other.lab, "name": other.name,
             "url": url_for("pages.session", session_id=live.id) if other.lab == own
             else url_for("pages.session_view", session_id=live.id, lab=other.lab)}
            for other in PAGES.values()
            if other.lab != page.lab and (other.lab == own or other.any_session)]


def _context(live: LiveSession, page: LabPage, seen: dict[str, Any] | None = None
             ) -> dict[str, Any]:
    """What every lab page and partial gets, plus the lab's own context."""
    with live.lock:
        state = seen["state"] if seen else live.state()
        events = seen["events"] if seen else [e.to_dict() for e in live.timeline.last_events]
        scenario = live.timeline.scenario
        return {"session_id": live.id, "state": state, "timeline": live.timeline_info(),
                "scenario": scenario, "seed": live.timeline.seed, "lab_name": page.name,
                "view_lab": page.lab, "other_views": other_views(live, page),
                "events": events, "mode": mode(live, seen),
                "view_step": seen["step"] if seen else None,
                "projector": request.args.get("view") == "projector",
                **page.context(live, state)}
