"""Teachers' exercise sets: upload (an invalid file names its field), share, each student's own
progress on the set — chapters, goals written as conditions, exercises — and every student's
on the dashboard of a live class."""

from __future__ import annotations

import copy
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from tests.web.progress_support import (
    GUIDED,
    act,
    add_instance,
    browser,
    guided,  # noqa: F401  (a fixture)
    learner_of,
    new_session,
)
from webapp import catalog
from webapp.store import sessions
from webapp.web.jsonshape import load_schema
from webapp.web.progress_store import student_learners

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "static" / "examples" / "exercise-set.json"
DOCS = ROOT / "docs"


@pytest.fixture(autouse=True)
def _guided(guided: str) -> str:  # noqa: F811
    """Every test here may use the guided scenario (a path of two chapters)."""
    return guided


def a_set(**changes: Any) -> dict[str, Any]:
    """A valid set of the guided scenario (``guided`` fixture) with one goal of each type."""
    body = {"version": 1, "title": "Pause and save", "lab": "lifecycle",
            "scenario": GUIDED, "seeds": {"min": 10, "max": 20},
            "exercises": [{"kind": "lifecycle.after_action", "levels": [1, 2]}],
            "goals": [{"type": "chapter", "text": "Pause web", "chapter": 1},
                      {"type": "exercise", "text": "Two right", "kind": "lifecycle.after_action",
                       "level": 2, "count": 2},
                      {"type": "condition", "text": "Pause then save db without a refusal",
                       "done": {"event": "save.complete"},
                       "unless": {"event": "pause.paused", "data": {"domain": "web"}}}]}
    body.update(changes)
    return body


def upload(client: FlaskClient, body: dict[str, Any]) -> str:
    response = client.post("/api/v1/sets", json=body)
    assert response.status_code == 201, response.get_json()
    return str(response.get_json()["id"])


def mine(client: FlaskClient, set_id: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/sets/{set_id}/progress")
    assert response.status_code == 200
    return dict(response.get_json())


def open_scenario(client: FlaskClient, set_id: str, scenario: str) -> str:
    """The set page's "Open the scenario" form: a session of the set's scenario."""
    response = client.post("/start", data={"scenario": scenario, "seed": "12", "set": set_id})
    assert response.status_code == 303
    return str(response.headers["Location"].rsplit("/", 1)[1])


def test_a_set_is_uploaded_shared_and_read(app: Flask, client: FlaskClient) -> None:
    response = client.post("/api/v1/sets", json=a_set())
    assert response.status_code == 201
    body = response.get_json()
    assert body["url"] == f"/sets/{body['id']}" and body["share_url"].endswith(body["url"])
    assert body["set"] == a_set()
    reader = browser(app)
    assert reader.get(f"/api/v1/sets/{body['id']}").get_json() == body
    progress = mine(reader, body["id"])
    assert (progress["done"], progress["total"]) == (0, 3)
    assert [g["need"] for g in progress["goals"]] == [1, 2, 1]
    assert progress["exercises"] == [
        {"kind": "lifecycle.after_action", "level": 1, "started": 0, "solved": 0},
        {"kind": "lifecycle.after_action", "level": 2, "started": 0, "solved": 0}]
    for missing in ("/api/v1/sets/nothere", "/api/v1/sets/" + "x" * 40 + "/progress"):
        assert reader.get(missing).status_code == 404
    assert reader.get("/sets/nothere").status_code == 404


def test_the_shipped_example_and_the_schema_file_are_valid(client: FlaskClient) -> None:
    upload(client, json.loads(EXAMPLE.read_text(encoding="utf-8")))
    schema = load_schema("exercise_set.schema.json")
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) == {"version", "title", "lab", "scenario", "seeds",
                                       "exercises", "goals"}


def json_blocks(path: Path) -> list[Any]:
    text = path.read_text(encoding="utf-8")
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.S)]


def test_the_documentation_shows_the_schema_and_valid_examples(client: FlaskClient,
                                                               guided: str) -> None:  # noqa: F811
    blocks = json_blocks(DOCS / "exercises.md")
    assert load_schema("exercise_set.schema.json") in blocks, "docs/exercises.md is stale"
    examples = [block for block in blocks if block.get("version") == 1]
    assert json.loads(EXAMPLE.read_text(encoding="utf-8")) in examples
    assert len(examples) >= 2
    for example in examples:
        chapters = any(goal["type"] == "chapter" for goal in example["goals"])
        if chapters and catalog.get(example["scenario"]).guide is None:  # type: ignore[union-attr]
            example = {**example, "scenario": GUIDED}  # until its scenario has a path
        upload(client, example)


@pytest.mark.parametrize("change, field", [
    ({"version": 2}, "version"),
    ({"title": ""}, "title"),
    ({"title": 5}, "title"),
    ({"lab": "nolab"}, "lab"),
    ({"lab": "Memory!"}, "lab"),
    ({"scenario": "memory-pv-mmu"}, "scenario"),
    ({"scenario": "no-such"}, "scenario"),
    ({"seeds": {"min": 5, "max": 4}}, "seeds.max"),
    ({"seeds": {"min": -1, "max": 4}}, "seeds.min"),
    ({"seeds": {"min": 1}}, "seeds.max"),
    ({"seeds": {"min": 1, "max": 2, "step": 1}}, "seeds.step"),
    ({"exercises": [{"kind": "memory.translate_native", "levels": [1]}]}, "exercises[0].kind"),
    ({"exercises": [{"kind": "lifecycle.after_action", "levels": [1, 1]}]},
     "exercises[0].levels"),
    ({"exercises": [{"kind": "lifecycle.after_action", "levels": [4]}]},
     "exercises[0].levels[0]"),
    ({"exercises": [{"kind": "lifecycle.after_action", "levels": []}]}, "exercises[0].levels"),
    ({"exercises": [{"kind": "lifecycle.after_action", "levels": [1]}] * 2},
     "exercises[1].kind"),
    ({"goals": []}, "goals"),
    ({"goals": [{"type": "chapter", "text": "x", "chapter": 0}]}, "goals[0].chapter"),
    ({"goals": [{"type": "chapter", "text": "x"}]}, "goals[0].chapter"),
    ({"goals": [{"text": "x"}]}, "goals[0].type"),
    ({"goals": [{"type": "wish", "text": "x"}]}, "goals[0].type"),
    ({"goals": [{"type": "exercise", "text": "x", "kind": "lifecycle.after_action",
                 "level": 9, "count": 1}]}, "goals[0].level"),
    ({"goals": [{"type": "exercise", "text": "x", "kind": "boot.rsi", "level": 1,
                 "count": 1}]}, "goals[0].kind"),
    ({"goals": [{"type": "condition", "text": "x", "done": {"evnt": "pause.paused"}}]},
     "goals[0].done"),
    ({"goals": [{"type": "condition", "text": "x", "done": {"event": "pause.paused"},
                 "unless": {"domain": 3}}]}, "goals[0].unless"),
    ({"goals": [{"type": "condition", "text": "x", "done": "pause.paused"}]}, "goals[0].done"),
    ({"notes": "hello"}, "notes"),
])
def test_an_invalid_set_is_refused_naming_the_field(client: FlaskClient, change: dict[str, Any],
                                                    field: str) -> None:
    response = client.post("/api/v1/sets", json=a_set(**change))
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert (error["code"], error["field"]) == ("invalid_set", field)
    assert field in error["message"]


def test_a_deeply_nested_condition_is_refused_not_a_crash(client: FlaskClient) -> None:
    done: dict[str, Any] = {"event": "pause.paused"}
    for _ in range(300):
        done = {"all": [done]}
    body = a_set(goals=[{"type": "condition", "text": "x", "done": done}])
    response = client.post("/api/v1/sets", json=body)
    assert response.status_code in (400, 422)


def test_errors_name_the_field_in_french(client: FlaskClient) -> None:
    response = client.post("/api/v1/sets?lang=fr", json=a_set(seeds={"min": 1}))
    assert response.get_json()["error"]["message"] == "seeds.max manque."


def test_a_chapter_goal_counts_a_chapter_done_in_any_session_of_the_scenario(
        app: Flask, client: FlaskClient, guided: str) -> None:  # noqa: F811
    set_id = upload(client, a_set(scenario=guided, exercises=[], goals=[
        {"type": "chapter", "text": "Pause web", "chapter": 1},
        {"type": "chapter", "text": "Unpause web", "chapter": 2}]))
    student = browser(app)
    act(student, new_session(student, guided), "pause", "web")
    progress = mine(student, set_id)
    assert [goal["done"] for goal in progress["goals"]] == [True, False]
    assert (progress["done"], progress["total"]) == (1, 2)
    assert mine(client, set_id)["done"] == 0, "the teacher did nothing"


def test_a_condition_goal_is_watched_in_the_sessions_opened_from_the_set(
        app: Flask, client: FlaskClient) -> None:
    goal = {"type": "condition", "text": "Pause then save db without a refusal",
            "done": {"all": [{"event": "pause.paused", "data": {"domain": "db"}},
                             {"event": "save.complete", "data": {"domain": "db"}}]},
            "unless": {"event": "pause.paused", "data": {"domain": "web"}}}
    set_id = upload(client, a_set(exercises=[], goals=[goal]))
    student = browser(app)
    spoiled = open_scenario(student, set_id, GUIDED)
    act(student, spoiled, "pause", "web")
    for action in ("pause", "unpause", "save"):
        act(student, spoiled, action, "db")
    student.post(f"/api/v1/sessions/{spoiled}/step", json={"count": 400})
    assert mine(student, set_id)["goals"][0]["done"] is False, "web was paused first"
    outside = new_session(student, GUIDED)
    for action in ("pause", "unpause", "save"):
        act(student, outside, action, "db")
    student.post(f"/api/v1/sessions/{outside}/step", json={"count": 400})
    assert mine(student, set_id)["goals"][0]["done"] is False, "not opened from the set"
    clean = open_scenario(student, set_id, GUIDED)
    for action in ("pause", "unpause", "save"):
        act(student, clean, action, "db")
    assert mine(student, set_id)["goals"][0]["done"] is False, "the save is not complete yet"
    student.post(f"/api/v1/sessions/{clean}/step", json={"count": 400})
    assert mine(student, set_id)["goals"][0]["done"] is True
    student.post(f"/api/v1/sessions/{clean}/seek", json={"step": 0})
    assert mine(student, set_id)["goals"][0]["done"] is True, "a goal reached stays reached"


def test_stepping_back_before_a_refusal_forgets_it(app: Flask, client: FlaskClient) -> None:
    goal = {"type": "condition", "text": "db paused, web never paused",
            "done": {"domain": "db", "state": "paused"},
            "unless": {"event": "pause.paused", "data": {"domain": "web"}}}
    set_id = upload(client, a_set(exercises=[], goals=[goal]))
    student = browser(app)
    session_id = open_scenario(student, set_id, GUIDED)
    act(student, session_id, "pause", "web")
    student.post(f"/api/v1/sessions/{session_id}/back", json={"count": 1})
    act(student, session_id, "pause", "db")
    assert mine(student, set_id)["goals"][0]["done"] is True


def test_an_exercise_goal_counts_the_exercises_started_from_the_set(
        app: Flask, client: FlaskClient) -> None:
    set_id = upload(client, a_set())
    student = browser(app)
    response = student.post(f"/api/v1/sets/{set_id}/instances",
                            json={"kind": "lifecycle.after_action", "level": 2})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["url"] == f"/s/{body['session']}?exercise={body['instance']}"
    assert "answer" not in json.dumps(body["question"]).lower().replace("answers", "")
    assert 10 <= body["question"]["seed"] <= 20
    again = student.post(f"/api/v1/sets/{set_id}/instances",
                         json={"kind": "lifecycle.after_action", "level": 1}).get_json()
    assert again["session"] == body["session"], "the same session of the set"
    learner = learner_of(student)
    add_instance(app, learner, "lifecycle.after_action", "lifecycle", level=2, solved=True,
                 set_id=set_id)
    add_instance(app, learner, "lifecycle.after_action", "lifecycle", level=2, solved=True)
    progress = mine(student, set_id)
    assert progress["goals"][1] | {"text": ""} == {
        "type": "exercise", "text": "", "kind": "lifecycle.after_action", "level": 2,
        "count": 2, "have": 1, "need": 2, "done": False}
    assert progress["exercises"][1] == {"kind": "lifecycle.after_action", "level": 2,
                                        "started": 2, "solved": 1}
    for bad in ({"kind": "boot.rsi", "level": 1}, {"kind": "lifecycle.after_action",
                                                   "level": 3}, {"level": True}, {}):
        refused = student.post(f"/api/v1/sets/{set_id}/instances", json=bad)
        assert refused.status_code == 422, bad


def test_the_set_page_for_students_in_both_languages(app: Flask, client: FlaskClient) -> None:
    set_id = upload(client, a_set())
    student = browser(app)
    page = student.get(f"/sets/{set_id}").get_data(as_text=True)
    seed = re.search(r"Open the scenario \(your seed: (\d+)\)", page)
    assert "Pause and save" in page and seed and 10 <= int(seed[1]) <= 20
    assert f'name="set" value="{set_id}"' in page and 'class="start-exercise"' in page
    assert "○ 0 of 2" in page and "<script>" not in page
    french = student.get(f"/sets/{set_id}?lang=fr").get_data(as_text=True)
    assert "Objectifs" in french and "Ouvrir le scénario" in french
    seed_again = student.get(f"/sets/{set_id}?lang=en").get_data(as_text=True)
    assert f"your seed: {seed[1]})" in seed_again, "the same seed for the same browser"
    assert client.get("/sets/new").status_code == 200
    assert "Nouvelle série" in client.get("/sets/new?lang=fr").get_data(as_text=True)


# -- a live class -------------------------------------------------------------------------------


def start_class(client: FlaskClient, scenario: str) -> str:
    session_id = new_session(client, scenario)
    return str(client.post("/api/v1/classes", json={"session": session_id}).get_json()["code"])


def test_a_class_dashboard_shows_each_students_progress_on_the_set(
        app: Flask, client: FlaskClient, guided: str) -> None:  # noqa: F811
    code = start_class(client, guided)
    set_id = upload(client, a_set(scenario=guided))
    assert client.get(f"/api/v1/classes/{code}/set-progress").get_json() == {
        "set": None, "students": []}
    ada, bob = browser(app), browser(app)
    assert ada.post(f"/api/v1/classes/{code}/students", json={"name": "Ada"}).status_code == 201
    assert bob.post("/join", data={"code": code.lower(), "name": "Bob"}).status_code == 303
    assert ada.post(f"/api/v1/classes/{code}/set", json={"set": set_id}).status_code == 403
    response = client.post(f"/api/v1/classes/{code}/set", json={"set": set_id})
    assert response.get_json() == {"code": code, "set": set_id}
    act(ada, new_session(ada, guided), "pause", "web")
    add_instance(app, learner_of(bob), "lifecycle.after_action", "lifecycle", level=2,
                 solved=True, set_id=set_id)
    board = client.get(f"/api/v1/classes/{code}/set-progress").get_json()
    assert board["set"] == {"id": set_id, "title": "Pause and save", "url": f"/sets/{set_id}"}
    rows = {row["name"]: row for row in board["students"]}
    assert (rows["Ada"]["done"], rows["Ada"]["total"]) == (1, 3)
    assert rows["Ada"]["goals"][0]["done"] is True
    assert rows["Bob"]["done"] == 0 and rows["Bob"]["goals"][1]["have"] == 1
    assert ada.get(f"/api/v1/classes/{code}/set-progress").status_code == 403
    assert client.post(f"/api/v1/classes/{code}/set", json={"set": "nothere"}).status_code == 404
    assert client.post(f"/api/v1/classes/{code}/set", json={"set": 5}).status_code == 422
    assert client.post(f"/api/v1/classes/{code}/set").status_code == 422, "say which set"
    client.post(f"/api/v1/classes/{code}/set", json={"set": None})
    assert client.get(f"/api/v1/classes/{code}/set-progress").get_json()["set"] is None


def test_the_console_has_the_set_column(app: Flask, client: FlaskClient) -> None:
    code = start_class(client, "lifecycle-basics")
    page = client.get(f"/c/{code}").get_data(as_text=True)
    assert 'id="dashboard-set-head"' in page and "set_goals" in page


def test_sets_and_class_links_survive_a_restart(make: Callable[..., Flask],
                                                guided: str) -> None:  # noqa: F811
    first = make()
    teacher = first.test_client()
    code = start_class(teacher, guided)
    set_id = upload(teacher, a_set(scenario=guided))
    student = first.test_client()
    student.post(f"/api/v1/classes/{code}/students", json={"name": "Ada"})
    teacher.post(f"/api/v1/classes/{code}/set", json={"set": set_id})
    act(student, new_session(student, guided), "pause", "web")
    before = teacher.get(f"/api/v1/classes/{code}/set-progress").get_json()
    later = make()
    again = later.test_client()
    for cookie in ("hl_client", *[f"hl_s_{s}" for s in first.extensions["sessions"].live]):
        found = teacher.get_cookie(cookie)
        if found is not None:
            again.set_cookie(cookie, found.value)
    assert again.get(f"/api/v1/classes/{code}/set-progress").get_json() == before
    assert before["students"][0]["done"] == 1


def test_goals_reached_travel_in_the_progress_file(app: Flask, client: FlaskClient) -> None:
    goal = {"type": "condition", "text": "db paused", "done": {"domain": "db",
                                                                "state": "paused"}}
    set_id = upload(client, a_set(exercises=[], goals=[goal]))
    student = browser(app)
    act(student, open_scenario(student, set_id, GUIDED), "pause", "db")
    document = json.loads(student.get("/api/v1/progress/export").get_data())
    assert [(g["set"], g["goal"]) for g in document["goals"]] == [(set_id, 1)]
    fresh = browser(app)
    assert fresh.post("/api/v1/progress/import", json=document).get_json()["added"]["goals"] == 1
    assert mine(fresh, set_id)["goals"][0]["done"] is True
    wrong = copy.deepcopy(document)
    wrong["goals"][0]["goal"] = 2
    response = fresh.post("/api/v1/progress/import", json=wrong)
    assert response.get_json()["error"]["field"] == "goals[0].goal"


def test_a_purged_class_takes_its_set_and_student_links_along(app: Flask,
                                                              client: FlaskClient) -> None:
    code = start_class(client, GUIDED)
    set_id = upload(client, a_set())
    student = browser(app)
    student.post(f"/api/v1/classes/{code}/students", json={"name": "Ada"})
    client.post(f"/api/v1/classes/{code}/set", json={"set": set_id})
    act(student, new_session(student, GUIDED), "pause", "web")
    store = app.extensions["progress"]
    session_id = app.extensions["classes"].store.session_of(code)
    with store.engine.begin() as db:
        db.execute(update(sessions).where(sessions.c.id == session_id).values(used_at=1.0))
    assert app.extensions["sessions"].store.purge(time.time() - 86400) == 1
    assert store.class_set(code) is None
    with store.engine.connect() as db:
        assert db.execute(select(func.count()).select_from(student_learners)).scalar_one() == 0
    assert mine(student, set_id)["goals"][0]["done"] is True, "the learner's progress stays"
