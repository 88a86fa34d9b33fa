"""A learner's progress: recorded per browser, kept in the database across restarts, exported
as a file and merged back by an import that names the field of an invalid file."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.web.progress_support import (
    act,
    add_instance,
    add_prediction,
    browser,
    guided,  # noqa: F401  (a fixture)
    lab,
    learner_of,
    new_session,
)
from webapp.web.errors import MAX_BODY_BYTES
from webapp.web.progress_store import chapters_done, learners


def progress(client: FlaskClient, lang: str = "en") -> dict[str, Any]:
    response = client.get(f"/api/v1/progress?lang={lang}")
    assert response.status_code == 200
    return dict(response.get_json())


def exported(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/v1/progress/export")
    assert response.status_code == 200
    return dict(json.loads(response.get_data()))


def do_some_work(app: Flask, client: FlaskClient, scenario: str) -> str:
    """A chapter (pause web in the guided scenario), exercises and predictions."""
    learner = learner_of(client)
    session_id = new_session(client, scenario)
    act(client, session_id, "pause", "web")
    add_instance(app, learner, "memory.translate_native", "memory", solved=True, attempts=2)
    add_instance(app, learner, "memory.translate_native", "memory", attempts=1, revealed=True,
                 seed=8)
    add_instance(app, learner, "lifecycle.after_action", "lifecycle", attempts=0, seed=9)
    add_prediction(app, learner, session_id, 3, True)
    add_prediction(app, learner, session_id, 4, False)
    add_prediction(app, learner, session_id, 5, True)
    return session_id


def test_a_new_browser_has_nothing_and_reading_writes_nothing(app: Flask,
                                                               client: FlaskClient) -> None:
    body = progress(client)
    assert body["name"] is None
    assert [entry["lab"] for entry in body["labs"]][:4] == ["lifecycle", "memory", "boot",
                                                           "devices"]
    assert set(body["totals"].values()) == {0}
    with app.extensions["progress"].engine.connect() as db:
        assert db.execute(select(func.count()).select_from(learners)).scalar_one() == 0


def test_the_display_name_is_optional_and_checked(client: FlaskClient) -> None:
    assert client.put("/api/v1/progress/name", json={"name": "  Zoé  O'Neil "}).get_json() == {
        "name": "Zoé O'Neil"}
    assert progress(client)["name"] == "Zoé O'Neil"
    for bad in ["", "x" * 33, "evil\n", "<b>", 5, True, ["Ada"], ...]:
        response = client.put("/api/v1/progress/name", json={} if bad is ... else {"name": bad})
        assert response.status_code == 422, bad
        assert response.get_json()["error"]["code"] == "invalid_name"
    assert progress(client)["name"] == "Zoé O'Neil"
    assert client.put("/api/v1/progress/name", json={"name": None}).get_json() == {"name": None}
    assert progress(client)["name"] is None


def test_a_chapter_done_counts_for_the_browser_that_created_the_session(
        app: Flask, client: FlaskClient, guided: str) -> None:  # noqa: F811
    session_id = new_session(client, guided)
    assert lab(progress(client), "lifecycle")["chapters"] == []
    act(client, session_id, "pause", "web")
    chapters = lab(progress(client), "lifecycle")["chapters"]
    assert chapters == [{"scenario": guided, "title": "A host with three guests", "done": [1],
                         "total": 2, "names": ["Pause web"]}]
    assert lab(progress(client, "fr"), "lifecycle")["chapters"][0]["names"] == [
        "Pause web (fr)"]
    assert lab(progress(browser(app)), "lifecycle")["chapters"] == [], "another browser"
    act(client, session_id, "unpause", "web")
    assert lab(progress(client), "lifecycle")["chapters"][0]["done"] == [1, 2]
    assert progress(client)["totals"]["chapters"] == 2


def test_stepping_back_and_forth_records_a_chapter_once(app: Flask, client: FlaskClient,
                                                        guided: str) -> None:  # noqa: F811
    session_id = new_session(client, guided)
    act(client, session_id, "pause", "web")
    for _ in range(2):
        assert client.post(f"/api/v1/sessions/{session_id}/seek", json={"step": 0}).status_code \
            == 200
        assert client.post(f"/api/v1/sessions/{session_id}/step", json={"count": 3}).status_code \
            == 200
    with app.extensions["progress"].engine.connect() as db:
        assert db.execute(select(func.count()).select_from(chapters_done)).scalar_one() == 1


def test_a_fork_belongs_to_the_browser_that_forked(app: Flask, client: FlaskClient,
                                                   guided: str) -> None:  # noqa: F811
    session_id = new_session(client, guided)
    other = browser(app)
    fork = other.post(f"/api/v1/sessions/{session_id}/fork", json={}).get_json()["id"]
    act(other, fork, "pause", "web")
    assert lab(progress(other), "lifecycle")["chapters"][0]["done"] == [1]
    assert lab(progress(client), "lifecycle")["chapters"] == []


def test_exercises_and_predictions_are_counted_per_lab(app: Flask, client: FlaskClient,
                                                       guided: str) -> None:  # noqa: F811
    do_some_work(app, client, guided)
    body = progress(client)
    memory = lab(body, "memory")["exercises"]
    assert memory == [{"kind": "memory.translate_native",
                       "title": "Translate an address (native paging)", "started": 2,
                       "attempted": 2, "solved": 1, "revealed": 1, "attempts": 3}]
    assert lab(body, "lifecycle")["exercises"][0]["attempted"] == 0
    assert lab(body, "lifecycle")["predictions"] == {"right": 2, "wrong": 1}
    assert body["totals"] == {"exercises_started": 3, "exercises_solved": 1, "chapters": 1,
                              "predictions_right": 2, "predictions_wrong": 1}
    assert progress(browser(app))["totals"]["exercises_started"] == 0


def test_progress_survives_a_restart(make: Callable[..., Flask],
                                     guided: str) -> None:  # noqa: F811
    first = make()
    client = first.test_client()
    do_some_work(first, client, guided)
    client.put("/api/v1/progress/name", json={"name": "Ada"})
    before = progress(client)
    learner = learner_of(client)
    later = make()
    again = progress(browser(later, learner))
    assert again == before and again["name"] == "Ada" and again["totals"]["chapters"] == 1


def test_export_then_import_in_a_fresh_browser_gives_the_same_progress(
        app: Flask, client: FlaskClient, guided: str) -> None:  # noqa: F811
    do_some_work(app, client, guided)
    client.put("/api/v1/progress/name", json={"name": "Ada"})
    response = client.get("/api/v1/progress/export")
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="hypervisor-lab-progress-')
    document = json.loads(response.get_data())
    assert document["format"] == "hypervisor-lab-progress" and document["version"] == 1
    assert learner_of(client) not in response.get_data(as_text=True), "the id stays private"
    fresh = browser(app)
    result = fresh.post("/api/v1/progress/import", json=document)
    assert result.status_code == 200, result.get_json()
    assert result.get_json()["added"] == {"exercises": 3, "chapters": 1, "predictions": 3,
                                          "goals": 0}
    assert progress(fresh) == progress(client)
    again = fresh.post("/api/v1/progress/import", json=document).get_json()
    assert set(again["added"].values()) == {0}, "importing twice adds nothing"
    assert progress(fresh) == progress(client)


def test_an_import_merges_and_keeps_an_existing_name(app: Flask, client: FlaskClient,
                                                     guided: str) -> None:  # noqa: F811
    do_some_work(app, client, guided)
    client.put("/api/v1/progress/name", json={"name": "Ada"})
    document = exported(client)
    other = browser(app)
    other.put("/api/v1/progress/name", json={"name": "Grace"})
    add_instance(app, learner_of(other), "boot.rsi", "boot", solved=True)
    other.post("/api/v1/progress/import", json=document)
    body = progress(other)
    assert body["name"] == "Grace"
    assert body["totals"]["exercises_started"] == 4 and body["totals"]["exercises_solved"] == 2


def test_a_prediction_of_another_servers_session_counts_in_its_lab(app: Flask,
                                                                   client: FlaskClient) -> None:
    document = exported(client)
    document["predictions"] = [{"session": "elsewhere-123", "scenario": "memory-pv-mmu",
                                "step": 4, "kind": "step_event", "correct": False,
                                "created_at": 1.5}]
    assert client.post("/api/v1/progress/import", json=document).status_code == 200
    assert lab(progress(client), "memory")["predictions"] == {"right": 0, "wrong": 1}


def good_file() -> dict[str, Any]:
    return {"format": "hypervisor-lab-progress", "version": 1, "exported_at": 1.0, "name": None,
            "exercises": [{"id": "abcdefgh", "kind": "memory.translate_native",
                           "lab": "memory", "seed": 1, "level": 1, "attempts": 1,
                           "solved": True, "revealed": False, "created_at": 2.0, "set": None}],
            "chapters": [{"scenario": "lifecycle-basics", "chapter": 1, "at": 3.0}],
            "predictions": [], "goals": []}


def changed(path: str, value: Any) -> dict[str, Any]:
    """The good file with ``value`` at ``path`` (``exercises.0.seed``); ``...`` deletes."""
    document = good_file()
    *parents, last = path.split(".")
    target: Any = document
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return document


@pytest.mark.parametrize("path, value, field", [
    ("format", "something-else", "format"),
    ("version", 2, "version"),
    ("version", True, "version"),
    ("name", 7, "name"),
    ("name", "evil\n", "name"),
    ("exported_at", -1.5, "exported_at"),
    ("exercises", {}, "exercises"),
    ("exercises.0.seed", 2**31, "exercises[0].seed"),
    ("exercises.0.seed", 1.0, "exercises[0].seed"),
    ("exercises.0.level", 0, "exercises[0].level"),
    ("exercises.0.solved", "yes", "exercises[0].solved"),
    ("exercises.0.kind", "memory.nothing", "exercises[0].kind"),
    ("exercises.0.lab", "boot", "exercises[0].kind"),
    ("exercises.0.lab", "nolab", "exercises[0].lab"),
    ("exercises.0.id", "no spaces", "exercises[0].id"),
    ("exercises.0.set", ..., "exercises[0].set"),
    ("exercises.0.extra", 1, "exercises[0].extra"),
    ("chapters.0.chapter", 0, "chapters[0].chapter"),
    ("chapters.0.scenario", "no-such-scenario", "chapters[0].scenario"),
    ("predictions", [{"session": "x"}], "predictions[0].scenario"),
    ("goals", [{"set": "abc", "goal": 0, "at": 1.0}], "goals[0].goal"),
    ("surprise", [], "surprise"),
    ("chapters", ..., "chapters"),
])
def test_an_invalid_file_is_refused_naming_the_field(client: FlaskClient, path: str, value: Any,
                                                     field: str) -> None:
    response = client.post("/api/v1/progress/import", json=changed(path, value))
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert (error["code"], error["field"]) == ("invalid_progress_file", field)
    assert field in error["message"]
    assert progress(client)["totals"]["exercises_started"] == 0, "nothing imported"


def test_the_good_file_is_accepted(app: Flask, client: FlaskClient) -> None:
    response = client.post("/api/v1/progress/import", json=good_file())
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["progress"]["totals"]["exercises_solved"] == 1


def test_errors_are_in_french_too(client: FlaskClient) -> None:
    response = client.post("/api/v1/progress/import?lang=fr",
                           json=changed("exercises.0.seed", -1))
    message = response.get_json()["error"]["message"]
    assert message == ("exercises[0].seed doit être un nombre entier compris entre 0 et "
                       "2147483647.")


def test_not_a_file_and_a_too_large_file_are_refused(client: FlaskClient) -> None:
    assert client.post("/api/v1/progress/import", json=[1]).status_code == 422
    assert client.post("/api/v1/progress/import", data="{",
                       content_type="application/json").status_code == 400
    huge = changed("name", "x" * (MAX_BODY_BYTES + 10))
    assert client.post("/api/v1/progress/import", json=huge).status_code == 413


def test_an_export_stays_within_what_an_import_takes(app: Flask, client: FlaskClient) -> None:
    learner = learner_of(client)
    session_id = new_session(client, "lifecycle-basics")
    for step in range(2600):
        add_prediction(app, learner, session_id, step, step % 2 == 0)
    add_prediction(app, learner, session_id, 2600, None)
    response = client.get("/api/v1/progress/export")
    assert len(response.get_data()) <= MAX_BODY_BYTES
    document = json.loads(response.get_data())
    assert 1000 < len(document["predictions"]) < 2600
    assert document["predictions"][-1]["step"] == 2599, "the newest are kept"
    assert browser(app).post("/api/v1/progress/import", json=document).status_code == 200


@pytest.mark.parametrize("lang, words", [("en", ["My progress", "Export my progress",
                                                 "Import a progress file"]),
                                         ("fr", ["Ma progression", "Exporter ma progression",
                                                 "Importer un fichier de progression"])])
def test_the_progress_page_in_both_languages(app: Flask, client: FlaskClient, guided: str,  # noqa: F811
                                             lang: str, words: list[str]) -> None:
    do_some_work(app, client, guided)
    page = client.get(f"/progress?lang={lang}").get_data(as_text=True)
    for word in words:
        assert word in page
    assert 'href="/api/v1/progress/export"' in page and 'type="file"' in page
    assert "<script>" not in page and "js/progress.js" in page
    assert 'data-chapter="1"' in page and 'data-kind="memory.translate_native"' in page
    index = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert 'id="progress-link"' in index and words[0] in index
