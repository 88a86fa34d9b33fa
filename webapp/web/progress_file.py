"""A learner's progress as a JSON file: written by the export, merged back by the import.

The file's shape is ``progress_file.schema.json`` (checked field by field: an invalid file is
a ``422 invalid_progress_file`` naming the field); the import merges it into the current
learner — rows already there (same exercise, chapter or prediction) are not added twice, so
importing a file twice changes nothing the second time.
"""

from __future__ import annotations

import json
import time
from typing import Any

from flask_babel import gettext as _

from webapp import catalog
from webapp.model.scenario import LABS
from webapp.web.classes.api import valid_name
from webapp.web.errors import MAX_BODY_BYTES, ApiError
from webapp.web.exercise_catalog import exercise_kinds
from webapp.web.jsonshape import ShapeError, check, load_schema
from webapp.web.progress_records import Records
from webapp.web.progress_store import ProgressStore

FORMAT, VERSION = "hypervisor-lab-progress", 1
#: what an imported prediction keeps of its question: nothing (it was answered elsewhere;
#: only whether the answer was right counts)
ANSWERED = {"text": {"en": "", "fr": ""}, "choices": [], "answer": -1, "choice": None}
SCHEMA = "progress_file.schema.json"


def export(store: ProgressStore, records: Records, learner: str) -> dict[str, Any]:
    """The learner's whole progress, as the file's JSON (trimmed to what an import takes)."""
    predictions = records.predictions(learner)
    scenarios = store.scenarios_of([p["session_id"] for p in predictions])
    document = {
        "format": FORMAT, "version": VERSION, "exported_at": round(time.time(), 3),
        "name": store.name(learner),
        "exercises": [exercise_entry(row) for row in records.instances(learner)],
        "chapters": [{**c, "chapter": c["chapter"] + 1} for c in store.chapters(learner)],
        "predictions": [{"session": p["session_id"], "scenario": scenarios.get(p["session_id"]),
                         "step": p["step"], "kind": p.get("kind") or "step_event",
                         "correct": bool(p["correct"]), "created_at": p["created_at"]}
                        for p in predictions if p["correct"] is not None],
        "goals": [{**g, "goal": g["goal"] + 1} for g in store.all_goals_met(learner)],
    }
    return trimmed(document)


def exercise_entry(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "kind": row["kind"], "lab": row["lab"], "seed": row["seed"],
            "level": row["level"], "attempts": row["attempts"], "solved": bool(row["solved"]),
            "revealed": bool(row["revealed"]), "created_at": row["created_at"],
            "set": row.get("set_id")}


def trimmed(document: dict[str, Any]) -> dict[str, Any]:
    """Keep the file under the import's body limit: the oldest predictions go first, then the
    oldest exercises (a learner with that much history loses only its oldest part)."""
    for key in ("predictions", "exercises", "chapters", "goals"):
        while document[key] and len(json.dumps(document)) > MAX_BODY_BYTES:
            del document[key][:max(1, len(document[key]) // 10)]
    return document


# -- importing ---------------------------------------------------------------------------------


def invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "invalid_progress_file", message, field=field)


def validate(store: ProgressStore, document: Any) -> dict[str, Any]:
    """The file, checked against its schema and against what this server knows."""
    try:
        check(document, load_schema(SCHEMA))
    except ShapeError as error:
        raise invalid(error.field, error.message) from error
    if document["name"] is not None:
        try:
            document["name"] = valid_name(document["name"])
        except ApiError as error:
            raise invalid("name", f"name: {error.message}") from error
    kinds = exercise_kinds()
    for index, entry in enumerate(document["exercises"]):
        known_exercise(entry, f"exercises[{index}]", kinds)
    for index, entry in enumerate(document["chapters"]):
        known_scenario(entry["scenario"], f"chapters[{index}].scenario")
    for index, entry in enumerate(document["predictions"]):
        if entry["scenario"] is not None:
            known_scenario(entry["scenario"], f"predictions[{index}].scenario")
    for index, entry in enumerate(document["goals"]):
        known_goal(store, entry, f"goals[{index}].goal")
    return dict(document)


def known_exercise(entry: dict[str, Any], path: str, kinds: dict[str, Any]) -> None:
    lab, kind = f"{path}.lab", f"{path}.kind"
    if entry["lab"] not in LABS:
        raise invalid(lab, _("%(field)s: there is no lab %(value)s.", field=lab,
                             value=entry["lab"]))
    if kinds.get(entry["kind"], {}).get("lab") != entry["lab"]:
        raise invalid(kind, _("%(field)s: the %(lab)s lab has no exercise %(value)s.",
                              field=kind, lab=entry["lab"], value=entry["kind"]))


def known_goal(store: ProgressStore, entry: dict[str, Any], path: str) -> None:
    """A goal of a set this server has must be one of its goals (a set of another server is
    kept as it is)."""
    found = store.get_set(entry["set"])
    if found is not None and entry["goal"] > len(found["goals"]):
        raise invalid(path, _("%(field)s: the set %(set)s has %(count)s goals.", field=path,
                              set=entry["set"], count=len(found["goals"])))


def known_scenario(scenario: str, path: str) -> None:
    if catalog.get(scenario) is None:
        raise invalid(path, _("%(field)s: there is no scenario %(value)s.", field=path,
                              value=scenario))


def merge(store: ProgressStore, records: Records, learner: str, document: dict[str, Any]
          ) -> dict[str, int]:
    """Add the file's rows to the learner; how many of each were new."""
    store.known(learner)
    if document["name"] and store.name(learner) is None:
        store.set_name(learner, document["name"])
    exercises = [{**{k: v for k, v in e.items() if k != "set"}, "set_id": e["set"]}
                 for e in document["exercises"]]
    chapters = [{**e, "chapter": e["chapter"] - 1} for e in document["chapters"]]
    predictions = prediction_rows(store, learner, document["predictions"])
    return {"exercises": records.add_instances(learner, exercises),
            "chapters": store.add_chapters(learner, chapters),
            "predictions": records.add_predictions(learner, predictions),
            "goals": store.add_goals_met(learner, [{**g, "goal": g["goal"] - 1}
                                                   for g in document["goals"]])}


def prediction_rows(store: ProgressStore, learner: str, entries: list[dict[str, Any]]
                    ) -> list[dict[str, Any]]:
    """The predictions' rows; a session this server does not know is remembered with its
    scenario (so its predictions count in its lab)."""
    known = store.scenarios_of([entry["session"] for entry in entries])
    foreign = {e["session"]: e["scenario"] for e in entries
               if e["scenario"] is not None and e["session"] not in known}
    for session_id, scenario in foreign.items():
        store.bind_foreign_session(session_id, learner, scenario)
    return [{"session_id": e["session"], "step": e["step"], "kind": e["kind"],
             "correct": e["correct"], "created_at": e["created_at"], **ANSWERED}
            for e in entries]
