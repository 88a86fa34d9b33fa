"""The exercises API (docs/api-exercises.md): kinds, instances made from a seed and a level,
answers graded by the model with hints, the worked answer only after a try, instances that
belong to one browser and survive a restart; and "predict the next step"."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select

from webapp.model import exercises
from webapp.web import predictions as predictions_api
from webapp.web.exercise_store import exercise_instances, predictions
from webapp.web.ratelimit import CLIENT_COOKIE

URL = "/api/v1/exercises"


def new(client: FlaskClient, kind: str, seed: int = 5, level: int = 1) -> dict[str, Any]:
    response = client.post(f"{URL}/{kind}/instances", json={"seed": seed, "level": level})
    assert response.status_code == 201, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    assert set(body) == {"instance", "question"}
    return body


def answer(client: FlaskClient, instance: str, value: Any) -> Any:
    return client.post(f"{URL}/instances/{instance}/answers", json={"answer": value})


def test_the_kinds_of_every_lab_are_listed(client: FlaskClient) -> None:
    every = client.get(URL).get_json()
    assert {kind["lab"] for kind in every} >= {"memory", "boot", "lifecycle", "devices"}
    memory = client.get(f"{URL}?lab=memory").get_json()
    assert [k["id"] for k in memory] == ["memory.translate_native", "memory.translate_pv",
                                         "memory.translate_ept"]
    assert set(memory[0]) == {"id", "lab", "title", "levels"}
    assert memory[0]["levels"][0] == {"level": 1, "title": "4 KiB pages, every entry present"}
    french = client.get(f"{URL}?lab=boot&lang=fr").get_json()
    assert french[0]["title"] == "Quel cadre machine contient le PFN n ?"
    refused = client.get(f"{URL}?lab=nope")
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "invalid_argument"


def test_an_instance_asks_the_model_s_question_without_its_answer(client: FlaskClient) -> None:
    body = new(client, "memory.translate_native", seed=9, level=1)
    problem = exercises.generate("memory.translate_native", 9, 1)
    assert body["question"] == problem.question
    assert problem.truth["pa"] not in json.dumps(body)
    again = new(client, "memory.translate_native", seed=9, level=1)
    assert again["question"] == body["question"] and again["instance"] != body["instance"]
    document = body["question"]["document"]
    walked = client.post("/api/v1/translate", json=document)
    assert walked.status_code == 200 and walked.get_json()["result"]["pa"] == problem.truth["pa"]


def test_a_wrong_answer_gets_a_hint_and_a_right_one_solves(client: FlaskClient) -> None:
    instance = new(client, "boot.p2m_lookup", seed=3, level=2)["instance"]
    truth = exercises.generate("boot.p2m_lookup", 3, 2).truth
    wrong = answer(client, instance, "0x1").get_json()
    assert wrong["correct"] is False and wrong["attempts"] == 1 and not wrong["solved"]
    assert wrong["feedback"]["en"].startswith("Not quite.") and wrong["feedback"]["fr"]
    assert str(truth) not in json.dumps(wrong) and hex(truth) not in json.dumps(wrong)
    right = answer(client, instance, hex(truth)).get_json()
    assert right == {"correct": True, "attempts": 2, "solved": True,
                     "feedback": {"en": "Right.", "fr": "Juste."}}
    shown = client.get(f"{URL}/instances/{instance}").get_json()
    assert shown["attempts"] == 2 and shown["solved"] and not shown["revealed"]


def test_the_worked_answer_comes_only_after_a_try(client: FlaskClient) -> None:
    instance = new(client, "devices.push_notify", seed=4, level=2)["instance"]
    early = client.post(f"{URL}/instances/{instance}/reveal")
    assert early.status_code == 409 and early.get_json()["error"]["code"] == "no_attempt"
    truth = exercises.generate("devices.push_notify", 4, 2).truth
    answer(client, instance, "no" if truth == "yes" else "yes")
    worked = client.post(f"{URL}/instances/{instance}/reveal").get_json()
    assert worked["answer"] == truth and len(worked["steps"]) >= 3
    assert worked["view"]["type"] == "table"
    assert client.get(f"{URL}/instances/{instance}").get_json()["revealed"] is True


def test_an_answer_of_the_wrong_form_is_refused_and_not_counted(client: FlaskClient) -> None:
    instance = new(client, "memory.translate_ept", seed=2, level=1)["instance"]
    for bad in ({"pa": 12}, "0x12", {"fault": {"reason": "tired"}}, {"pa": "0x1", "x": 1}):
        response = answer(client, instance, bad)
        assert response.status_code == 422
        error = response.get_json()["error"]
        assert error["code"] == "invalid_answer" and error["messages"]["fr"]
    missing = client.post(f"{URL}/instances/{instance}/answers", json={})
    assert missing.status_code == 422
    assert client.get(f"{URL}/instances/{instance}").get_json()["attempts"] == 0


@pytest.mark.parametrize("body, field", [({"level": 4}, "level"), ({"level": True}, "level"),
                                         ({"seed": "3"}, "seed"), ({"seed": -1}, "seed"),
                                         ({"seed": 2**31}, "seed")])
def test_seed_and_level_are_checked(client: FlaskClient, body: dict[str, Any],
                                    field: str) -> None:
    response = client.post(f"{URL}/boot.rsi/instances", json=body)
    assert response.status_code == 422 and field in response.get_json()["error"]["message"]


def test_unknown_kinds_and_instances_are_404(client: FlaskClient) -> None:
    assert client.post(f"{URL}/nope/instances", json={}).get_json()["error"]["code"] \
        == "unknown_exercise"
    for path in ("", "/answers", "/reveal"):
        method = client.get if not path else client.post
        response = method(f"{URL}/instances/nothing{path}", json={"answer": 1} if path else None)
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "unknown_instance"


def test_an_instance_belongs_to_the_browser_that_made_it(app: Flask,
                                                         client: FlaskClient) -> None:
    instance = new(client, "lifecycle.after_action")["instance"]
    stranger = app.test_client()
    assert stranger.get(f"{URL}/instances/{instance}").status_code == 404
    assert answer(stranger, instance, {"state": "nothing", "flags": ""}).status_code == 404
    assert client.get(f"{URL}/instances/{instance}").status_code == 200


def test_instances_are_stored_and_survive_a_restart(make: Callable[..., Flask]) -> None:
    first = make()
    client = first.test_client()
    instance = new(client, "devices.read_order", seed=8, level=2)["instance"]
    answer(client, instance, list(reversed(exercises.generate("devices.read_order", 8, 2).truth)))
    cookie = client.get_cookie(CLIENT_COOKIE)
    assert cookie is not None
    engine = first.extensions["sessions"].store.engine
    columns = {c["name"] for c in inspect(engine).get_columns("exercise_instances")}
    assert columns >= {"id", "learner", "kind", "lab", "seed", "level", "attempts", "solved",
                       "revealed", "created_at", "set_id"}
    with engine.connect() as db:
        row = db.execute(select(exercise_instances)).one()
    assert (row.learner, row.kind, row.lab, row.seed, row.level, row.attempts, row.solved,
            row.set_id) == (cookie.value, "devices.read_order", "devices", 8, 2, 1, False, None)
    again = make().test_client()
    again.set_cookie(CLIENT_COOKIE, cookie.value)
    shown = again.get(f"{URL}/instances/{instance}").get_json()
    assert shown["attempts"] == 1 and shown["question"]["seed"] == 8


def test_creating_instances_is_rate_limited(make: Callable[..., Flask]) -> None:
    client = make(RATE_LIMITS="on").test_client()
    codes = [client.post(f"{URL}/boot.rsi/instances", json={"seed": n}).status_code
             for n in range(31)]
    assert codes[:30] == [201] * 30 and codes[30] == 429


# -- predict the next step -----------------------------------------------------------------------

def session(client: FlaskClient, scenario: str = "devices-block-read") -> str:
    response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": 1})
    return str(response.get_json()["id"])


def test_a_prediction_is_asked_then_answered_once(app: Flask, client: FlaskClient) -> None:
    sid = session(client)
    before = client.get(f"/api/v1/sessions/{sid}").get_json()
    made = client.post(f"/api/v1/sessions/{sid}/predictions", json={})
    assert made.status_code == 201
    body = made.get_json()
    question = body["question"]
    assert set(question) == {"kind", "step", "text", "choices"} and question["step"] == 0
    assert question["kind"] == "step_event" and len(question["choices"]) >= 3
    url = f"/api/v1/predictions/{body['id']}/answers"
    result = client.post(url, json={"choice": 0}).get_json()
    stepped = client.post(f"/api/v1/sessions/{sid}/step", json={"count": 1}).get_json()
    happened = [e["narration"] for e in stepped["events"]]
    assert question["choices"][result["answer"]] in happened
    assert result["correct"] == (result["answer"] == 0)
    again = client.post(url, json={"choice": 1})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_answered"
    with app.extensions["sessions"].store.engine.connect() as db:
        row = db.execute(select(predictions)).one()
    assert (row.session_id, row.step, row.correct) == (sid, 0, result["correct"])
    after = client.get(f"/api/v1/sessions/{sid}").get_json()
    assert after["history_length"] == max(before["history_length"], 1)  # only the step moved it


def test_a_viewer_predicts_at_its_own_step_without_moving_anything(client: FlaskClient,
                                                                    app: Flask) -> None:
    sid = session(client)
    client.post(f"/api/v1/sessions/{sid}/step", json={"count": 12})
    viewer = app.test_client()
    made = viewer.post(f"/api/v1/sessions/{sid}/predictions", json={"step": 3})
    assert made.status_code == 201 and made.get_json()["question"]["step"] == 3
    assert client.get(f"/api/v1/sessions/{sid}").get_json()["step"] == 12
    seen = viewer.get(f"/api/v1/sessions/{sid}?step=4").get_json()["events"]
    answer_index = viewer.post(f"/api/v1/predictions/{made.get_json()['id']}/answers",
                               json={"choice": 0}).get_json()["answer"]
    assert made.get_json()["question"]["choices"][answer_index] in [e["narration"] for e in seen]
    assert client.post(f"/api/v1/predictions/{made.get_json()['id']}/answers",
                       json={"choice": 0}).status_code == 404  # the viewer's, not ours


def test_prediction_errors(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = session(client)
    with monkeypatch.context() as patched:  # the model finds nothing but ticks ahead
        patched.setattr(predictions_api.questions, "ask", lambda *args, **kwargs: None)
        nothing = client.post(f"/api/v1/sessions/{sid}/predictions", json={})
    assert nothing.status_code == 409 and nothing.get_json()["error"]["code"] == "no_question"
    assert client.post("/api/v1/sessions/nope/predictions").status_code == 404
    assert client.post(f"/api/v1/sessions/{sid}/predictions",
                       json={"step": 99}).status_code == 422
    made = client.post(f"/api/v1/sessions/{sid}/predictions").get_json()
    for bad in (-1, 9, "0", True, None):
        response = client.post(f"/api/v1/predictions/{made['id']}/answers", json={"choice": bad})
        assert response.status_code == 422
    assert client.post("/api/v1/predictions/nope/answers", json={"choice": 0}).status_code == 404


def test_before_next_event_the_question_is_which_notable_event_comes_first(
        client: FlaskClient) -> None:
    sid = session(client)
    made = client.post(f"/api/v1/sessions/{sid}/predictions", json={"kind": "next_event"})
    assert made.status_code == 201
    question = made.get_json()["question"]
    assert question["kind"] == "next_event" and question["text"]["en"].endswith("first?")
    result = client.post(f"/api/v1/predictions/{made.get_json()['id']}/answers",
                         json={"choice": 0}).get_json()
    stepped = client.post(f"/api/v1/sessions/{sid}/step", json={"until": "notable"}).get_json()
    notable = [e["narration"] for e in stepped["events"] if e["notable"]]
    assert question["choices"][result["answer"]] == notable[0]
    bad = client.post(f"/api/v1/sessions/{sid}/predictions", json={"kind": "poll"})
    assert bad.status_code == 422
