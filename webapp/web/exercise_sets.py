"""Teacher-authored exercise sets (docs/exercises.md, docs/api-progress.md): upload a JSON file,
share its link; each student sees the set's exercises, its scenario and their own progress on
it, and a class's presenter sees every student's progress on the set the class works on.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from flask import Blueprint, abort, jsonify, make_response, render_template, request, url_for
from flask_babel import gettext as _

from webapp import catalog
from webapp.i18n import current_language
from webapp.model.exercises import REGISTRY
from webapp.web import access, exercises
from webapp.web.api import service
from webapp.web.classes.api import classes, presenter_tokens
from webapp.web.classes.service import normal_code
from webapp.web.errors import ApiError, json_body
from webapp.web.exercise_catalog import exercise_kinds
from webapp.web.jsonshape import ShapeError, check, load_schema
from webapp.web.labs import LAB_NAMES
from webapp.web.progress import records, store
from webapp.web.ratelimit import client_id, hit
from webapp.web.set_goals import parse_goals

bp = Blueprint("exercise_sets", __name__)
SCHEMA = "exercise_set.schema.json"


# -- checking a set --------------------------------------------------------------------------


def invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "invalid_set", message, field=field)


def validate(document: Any) -> dict[str, Any]:
    """The set, checked against its schema, then against the labs, scenarios and exercise
    kinds of this server; a 422 ``invalid_set`` names the first field that is wrong."""
    try:
        check(document, load_schema(SCHEMA))
    except ShapeError as error:
        raise invalid(error.field, error.message) from error
    scenario = catalog.get(document["scenario"])
    if document["lab"] not in {s.lab for s in catalog.scenarios().values()}:
        raise invalid("lab", _("%(field)s: there is no lab %(value)s.", field="lab",
                               value=document["lab"]))
    if scenario is None or scenario.lab != document["lab"]:
        raise invalid("scenario", _("%(field)s: the %(lab)s lab has no scenario %(value)s.",
                                    field="scenario", lab=document["lab"],
                                    value=document["scenario"]))
    if document["seeds"]["min"] > document["seeds"]["max"]:
        raise invalid("seeds.max", _("seeds.max must be at least seeds.min."))
    check_chapters(document, len(scenario.guide.chapters) if scenario.guide else 0)
    check_kinds(document)
    parse_goals(document)
    return dict(document)


def check_chapters(document: dict[str, Any], count: int) -> None:
    """A chapter goal names a chapter of the scenario's path."""
    for index, goal in enumerate(document["goals"]):
        field = f"goals[{index}].chapter"
        if goal["type"] == "chapter" and goal["chapter"] > count:
            raise invalid(field, _("%(field)s: the scenario's path has %(count)s chapters.",
                                   field=field, count=count))


def check_kinds(document: dict[str, Any]) -> None:
    listed = [entry["kind"] for entry in document["exercises"]]
    for index, kind in enumerate(listed):
        field = f"exercises[{index}].kind"
        if kind in listed[:index]:
            raise invalid(field, _("%(field)s: %(value)s is listed twice.", field=field,
                                   value=kind))
    kinds = exercise_kinds()
    for index, entry in enumerate(document["exercises"]):
        known_kind(kinds, document["lab"], entry["kind"], entry["levels"], f"exercises[{index}]")
    for index, goal in enumerate(document["goals"]):
        if goal["type"] == "exercise":
            known_kind(kinds, document["lab"], goal["kind"], [goal["level"]], f"goals[{index}]")


def known_kind(kinds: dict[str, Any], lab: str, kind: str, levels: list[int], path: str) -> None:
    found, field = kinds.get(kind), f"{path}.kind"
    if found is None or found["lab"] != lab:
        raise invalid(field, _("%(field)s: the %(lab)s lab has no exercise %(value)s.",
                               field=field, lab=lab, value=kind))
    for index, level in enumerate(levels):
        if level not in found["levels"]:
            field = f"{path}.levels[{index}]" if path.startswith("exercises") else f"{path}.level"
            raise invalid(field, _("%(field)s: %(value)s has levels %(levels)s.", field=field,
                                   value=kind, levels=", ".join(map(str, found["levels"]))))


# -- a learner's progress on a set -----------------------------------------------------------


def the_set(set_id: str) -> dict[str, Any]:
    found = store().get_set(set_id) if 1 <= len(set_id) <= 16 else None
    if found is None:
        raise ApiError(404, "unknown_set", _("There is no exercise set with this id."))
    return found


def set_progress(set_id: str, body: dict[str, Any], learner: str | None) -> dict[str, Any]:
    """How far ``learner`` is on the set: each goal (``done``, ``have`` of ``need``), and the
    set's exercises started and solved by kind and level."""
    instances = [r for r in records().instances(learner) if r.get("set_id") == set_id] \
        if learner else []
    chapters = {c["chapter"] + 1 for c in store().chapters(learner)
                if c["scenario"] == body["scenario"]} if learner else set()
    met = store().goals_met(learner, set_id) if learner else set()
    goals = [goal_progress(goal, instances, chapters, index in met)
             for index, goal in enumerate(body["goals"])]
    exercises = [{"kind": entry["kind"], "level": level,
                  "started": count(instances, entry["kind"], level),
                  "solved": count(instances, entry["kind"], level, solved=True)}
                 for entry in body["exercises"] for level in entry["levels"]]
    return {"set": set_id, "goals": goals, "done": sum(goal["done"] for goal in goals),
            "total": len(goals), "exercises": exercises}


def count(instances: list[dict[str, Any]], kind: str, level: int, solved: bool = False) -> int:
    return sum(1 for r in instances if r["kind"] == kind and r["level"] == level
               and (r["solved"] or not solved))


def goal_progress(goal: dict[str, Any], instances: list[dict[str, Any]], chapters: set[int],
                  met: bool) -> dict[str, Any]:
    """The goal as students read it (a condition's own ``done`` and ``unless`` left out),
    with ``have`` of ``need`` and whether it is ``done``."""
    if goal["type"] == "chapter":
        have, need = int(goal["chapter"] in chapters), 1
    elif goal["type"] == "condition":
        have, need = int(met), 1
    else:
        have, need = count(instances, goal["kind"], goal["level"], solved=True), goal["count"]
    shown = {key: value for key, value in goal.items() if key not in ("done", "unless")}
    return {**shown, "have": min(have, need), "need": need, "done": have >= need}


def scenario_seed(body: dict[str, Any], set_id: str, learner: str) -> int:
    """The seed of the set's scenario for this learner: their own, in the set's range."""
    low, high = int(body["seeds"]["min"]), int(body["seeds"]["max"])
    mixed = hashlib.sha256(f"{set_id}:{learner}".encode()).digest()
    return low + int.from_bytes(mixed[:8], "big") % (high - low + 1)


def public(set_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"id": set_id, "url": url_for("exercise_sets.page", set_id=set_id),
            "share_url": url_for("exercise_sets.page", set_id=set_id, _external=True),
            "set": body}


# -- the routes ------------------------------------------------------------------------------


@bp.post("/api/v1/sets")
def upload() -> Any:
    body = validate(json_body())
    hit("create")
    set_id = store().add_set(body, client_id())
    return jsonify(public(set_id, body)), 201


@bp.get("/api/v1/sets/<set_id>")
def get_set(set_id: str) -> Any:
    return jsonify(public(set_id, the_set(set_id)))


@bp.get("/api/v1/sets/<set_id>/progress")
def my_progress(set_id: str) -> Any:
    return jsonify(set_progress(set_id, the_set(set_id), client_id()))


@bp.post("/api/v1/sets/<set_id>/instances")
def start_exercise(set_id: str) -> Any:
    """An exercise of the set for the caller (a seed in the set's range), opened on the lab
    page of the caller's session of the set's scenario (made now when there is none)."""
    body = the_set(set_id)
    kind, level = listed_exercise(body, json_body())
    hit("create")
    low, high = body["seeds"]["min"], body["seeds"]["max"]
    seed = low + secrets.randbelow(high - low + 1)
    instance_id, problem = exercises.start(REGISTRY[kind], seed, level, set_id)
    session_id, token = set_session(set_id, body)
    reply = {"instance": instance_id, "question": problem.question, "session": session_id,
             "url": url_for("pages.session", session_id=session_id, exercise=instance_id)}
    response = make_response(jsonify(reply), 201)
    return access.remember(response, session_id, token) if token else response


def listed_exercise(body: dict[str, Any], asked: dict[str, Any]) -> tuple[str, int]:
    """The kind and level asked, if the set lists them (else a 422)."""
    levels = {entry["kind"]: entry["levels"] for entry in body["exercises"]}
    kind, level = asked.get("kind"), asked.get("level")
    if not isinstance(kind, str) or kind not in levels:
        raise ApiError(422, "invalid_argument", _("kind must be one of %(kinds)s.",
                                                  kinds=", ".join(levels) or "-"))
    if not isinstance(level, int) or isinstance(level, bool) or level not in levels[kind]:
        raise ApiError(422, "invalid_argument", _("level must be one of %(levels)s.",
                                                  levels=", ".join(map(str, levels[kind]))))
    return kind, level


def set_session(set_id: str, body: dict[str, Any]) -> tuple[str, str | None]:
    """The caller's newest session of the set that this browser still drives, or a new one
    (with the learner's seed, watched for the set's goals) and its owner's token."""
    learner = client_id()
    for session_id in reversed(store().set_sessions_of(set_id, learner)):
        if request.cookies.get(access.cookie_name(session_id)):
            return session_id, None
    live, token = service().create(body["scenario"], scenario_seed(body, set_id, learner))
    store().watch_session(live.id, set_id, learner)
    return live.id, token


@bp.post("/api/v1/classes/<code>/set")
def assign(code: str) -> Any:
    code = normal_code(code)
    classes().presenter_only(code, presenter_tokens(code))
    body = json_body()
    set_id = body.get("set")
    if "set" not in body or (set_id is not None and not isinstance(set_id, str)):
        raise ApiError(422, "invalid_argument", _("set must be a set id or null."))
    if set_id is not None:
        the_set(set_id)
    store().set_class_set(code, set_id)
    return jsonify({"code": code, "set": set_id})


@bp.get("/api/v1/classes/<code>/set-progress")
def class_progress(code: str) -> Any:
    code = normal_code(code)
    classes().presenter_only(code, presenter_tokens(code))
    set_id = store().class_set(code)
    body = store().get_set(set_id) if set_id else None
    if set_id is None or body is None:
        return jsonify({"set": None, "students": []})
    students = classes().store.students(code)
    learners = store().students_learners([student.id for student in students])
    rows = [{"student": s.id, "name": s.name,
             **set_progress(set_id, body, learners.get(s.id))} for s in students]
    return jsonify({"set": {"id": set_id, "title": body["title"],
                            "url": url_for("exercise_sets.page", set_id=set_id)},
                    "students": rows})


@bp.get("/sets/new")
def new() -> str:
    return render_template("pages/set_new.html")


@bp.get("/sets/<set_id>")
def page(set_id: str) -> str:
    try:
        body = the_set(set_id)
    except ApiError:
        abort(404)
    learner = client_id()
    scenario = catalog.get(body["scenario"])
    kinds = exercise_kinds()
    lang = current_language()
    titles = {kind: info["title"].get(lang, kind) for kind, info in kinds.items()}
    return render_template("pages/set.html", set_id=set_id, body=body, scenario=scenario,
                           lab_name=LAB_NAMES.get(body["lab"], body["lab"]), titles=titles,
                           progress=set_progress(set_id, body, learner),
                           seed=scenario_seed(body, set_id, learner),
                           share_url=url_for("exercise_sets.page", set_id=set_id,
                                             _external=True))
