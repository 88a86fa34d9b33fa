"""A learner's progress (docs/api-progress.md): the JSON API, the ``/progress`` page, the
export and import of the progress file, and the wiring of what is recorded.

A learner is a browser — its ``hl_client`` cookie (:func:`webapp.web.ratelimit.client_id`) —
with an optional display name; everything is in the database with the sessions, so progress
survives a restart, and the export carries it to another browser or server.
"""

from __future__ import annotations

import json
import time
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webapp import catalog
from webapp.i18n import current_language
from webapp.web import ratelimit
from webapp.web.classes.api import valid_name
from webapp.web.errors import ApiError, json_body
from webapp.web.exercise_catalog import exercise_kinds
from webapp.web.labs import LAB_NAMES
from webapp.web.progress_file import export, merge, validate
from webapp.web.progress_records import Records
from webapp.web.progress_store import ProgressStore
from webapp.web.progress_tracking import init_tracking
from webapp.web.ratelimit import client_id

bp = Blueprint("progress", __name__)


def store() -> ProgressStore:
    return current_app.extensions["progress"]  # type: ignore[no-any-return]


def records() -> Records:
    return current_app.extensions["progress_records"]  # type: ignore[no-any-return]


# -- the summary -----------------------------------------------------------------------------


def summary(learner: str) -> dict[str, Any]:
    """The learner's progress per lab: exercises by kind, chapters by scenario, predictions."""
    instances = records().instances(learner)
    predictions = records().predictions(learner)
    scenarios = store().scenarios_of([p["session_id"] for p in predictions])
    labs = {lab: lab_entry(lab) for lab in lab_order()}
    for kind, rows in by_key(instances, "kind").items():
        entry = labs.setdefault(rows[0]["lab"], lab_entry(rows[0]["lab"]))
        entry["exercises"].append(exercise_counts(kind, rows))
    for scenario, rows in by_key(store().chapters(learner), "scenario").items():
        labs[lab_of(scenario, labs)]["chapters"].append(chapter_entry(scenario, rows))
    for prediction in predictions:
        verdict = {True: "right", False: "wrong"}.get(prediction["correct"])
        lab = lab_of(scenarios.get(prediction["session_id"]), labs)
        if verdict:
            labs[lab]["predictions"][verdict] += 1
    shown = [lab for lab in labs.values() if lab["lab"] in lab_order() or lab_used(lab)]
    return {"name": store().name(learner), "labs": shown, "totals": totals(shown)}


def lab_order() -> list[str]:
    """The labs that have scenarios, in the course's order."""
    present = {scenario.lab for scenario in catalog.scenarios().values()}
    return [lab for lab in LAB_NAMES if lab in present]


def by_key(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row[key], []).append(row)
    return found


def lab_entry(lab: str) -> dict[str, Any]:
    return {"lab": lab, "title": str(LAB_NAMES.get(lab, lab)), "exercises": [],
            "chapters": [], "predictions": {"right": 0, "wrong": 0}}


def lab_of(scenario: str | None, labs: dict[str, Any]) -> str:
    found = catalog.get(scenario) if scenario else None
    lab = found.lab if found else "other"
    labs.setdefault(lab, lab_entry(lab))
    return lab


def lab_used(lab: dict[str, Any]) -> bool:
    return bool(lab["exercises"] or lab["chapters"] or any(lab["predictions"].values()))


def exercise_counts(kind: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    known = exercise_kinds().get(kind, {})
    title = known.get("title", {}).get(current_language(), kind)
    return {"kind": kind, "title": title, "started": len(rows),
            "attempted": sum(1 for r in rows if r["attempts"]),
            "solved": sum(1 for r in rows if r["solved"]),
            "revealed": sum(1 for r in rows if r["revealed"]),
            "attempts": sum(int(r["attempts"]) for r in rows)}


def chapter_entry(scenario: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The chapters done in a scenario: their numbers (1 = the first), the path's length and
    the titles of those done (when the scenario has a path)."""
    lang, found = current_language(), catalog.get(scenario)
    chapters = found.guide.chapters if found and found.guide else ()
    done = sorted(row["chapter"] + 1 for row in rows)
    return {"scenario": scenario, "title": found.title[lang] if found else scenario,
            "done": done, "total": len(chapters) or None,
            "names": [chapters[n - 1].title[lang] if n <= len(chapters) else str(n)
                      for n in done]}


def totals(labs: list[dict[str, Any]]) -> dict[str, int]:
    kinds = [kind for lab in labs for kind in lab["exercises"]]
    return {"exercises_started": sum(kind["started"] for kind in kinds),
            "exercises_solved": sum(kind["solved"] for kind in kinds),
            "chapters": sum(len(c["done"]) for lab in labs for c in lab["chapters"]),
            "predictions_right": sum(lab["predictions"]["right"] for lab in labs),
            "predictions_wrong": sum(lab["predictions"]["wrong"] for lab in labs)}


# -- the routes ------------------------------------------------------------------------------


@bp.get("/api/v1/progress")
def progress() -> Any:
    return jsonify(summary(client_id()))


@bp.put("/api/v1/progress/name")
def set_name() -> Any:
    body = json_body()
    if "name" not in body:
        raise ApiError(422, "invalid_name", _("Send a name, or null to remove it."))
    name = None if body["name"] is None else valid_name(body["name"])
    store().set_name(client_id(), name)
    return jsonify({"name": name})


@bp.get("/api/v1/progress/export")
def export_file() -> Any:
    document = export(store(), records(), client_id())
    day = time.strftime("%Y-%m-%d", time.gmtime(document["exported_at"]))
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="hypervisor-lab-progress-{day}.json"',
        "Cache-Control": "no-store"})


@bp.post("/api/v1/progress/import")
def import_file() -> Any:
    document = validate(store(), json_body())
    ratelimit.hit("create")
    learner = client_id()
    added = merge(store(), records(), learner, document)
    return jsonify({"added": added, "progress": summary(learner)})


@bp.get("/progress")
def page() -> str:
    return render_template("pages/progress.html", progress=summary(client_id()))


def init_progress(app: Flask) -> None:
    """The progress tables, what is recorded, the progress and set routes. Call it last in
    ``create_app``: it wraps the broadcast the socket layer installs."""
    from webapp.web import exercise_sets

    progress_store = ProgressStore(app.extensions["sessions"].store)
    app.extensions["progress"] = progress_store
    app.extensions["progress_records"] = Records(progress_store.engine)
    app.extensions["progress_tracker"] = init_tracking(app, progress_store)
    app.register_blueprint(bp)
    app.register_blueprint(exercise_sets.bp)
