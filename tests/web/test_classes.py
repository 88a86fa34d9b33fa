"""Live classes: presenter, students, projector, polls closed by the server, and secrets."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from tests.web.conftest import token_of
from webapp.web.classes.service import ALPHABET
from webapp.web.classes.store import polls
from webapp.web.live import socketio


@pytest.fixture
def code(client: FlaskClient, session_id: str) -> str:
    response = client.post("/api/v1/classes", json={"session": session_id})
    assert response.status_code == 201
    return str(response.get_json()["code"])


def join(app: Flask, code: str, name: str) -> tuple[FlaskClient, dict[str, Any]]:
    student = app.test_client()
    response = student.post(f"/api/v1/classes/{code}/students", json={"name": name})
    assert response.status_code == 201, response.get_json()
    return student, response.get_json()


def messages(socket: Any) -> list[dict[str, Any]]:
    return [{"name": m["name"], "body": m["args"][0]} for m in socket.get_received()]


def test_a_class_has_a_short_unambiguous_code_and_links(client: FlaskClient,
                                                         session_id: str) -> None:
    body = client.post("/api/v1/classes", json={"session": session_id}).get_json()
    assert len(body["code"]) == 6 and set(body["code"]) <= set(ALPHABET)
    assert body["join_url"].endswith(f"/join?code={body['code']}")
    again = client.post("/api/v1/classes", json={"session": session_id})
    assert again.status_code == 200 and again.get_json()["code"] == body["code"]
    svg = client.get(f"/api/v1/classes/{body['code']}/qr.svg")
    assert svg.mimetype == "image/svg+xml" and svg.data.startswith(b"<svg")
    assert b'xmlns="http://www.w3.org/2000/svg"' in svg.data, "an <img> draws only this"


def test_only_the_owner_starts_a_class(app: Flask, session_id: str) -> None:
    response = app.test_client().post("/api/v1/classes", json={"session": session_id})
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["", " ", "evil\n", "a" * 33, "<script>", "\x00x", "-lead",
                                  "名" * 40, 5, None])
def test_bad_names_are_refused(app: Flask, code: str, name: Any) -> None:
    response = app.test_client().post(f"/api/v1/classes/{code}/students", json={"name": name})
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "invalid_name"


def test_names_with_accents_are_welcome(app: Flask, code: str) -> None:
    _student, body = join(app, code.lower(), "  Zoé   O'Neil-Ba ")
    assert body["name"] == "Zoé O'Neil-Ba"


def test_a_student_cannot_drive_the_class_session(app: Flask, client: FlaskClient, code: str,
                                                  session_id: str) -> None:
    student, body = join(app, code, "Ada")
    token = {"X-Session-Token": body["student_token"]}
    for tail, payload in (("/step", {}), ("/seek", {"step": 0}), ("/actions", {
            "action": "pause", "target": "web"})):
        response = student.post(f"/api/v1/sessions/{session_id}{tail}", json=payload,
                                headers=token)
        assert response.status_code == 403
    socket = socketio.test_client(app, flask_test_client=student)
    socket.emit("join_class", {"code": code})
    messages(socket)
    socket.emit("step", {"session": session_id, "token": body["student_token"]})
    assert [m["body"]["code"] for m in messages(socket)] == ["forbidden"]
    assert client.get(f"/api/v1/sessions/{session_id}").get_json()["step"] == 0
    socket.disconnect()


def test_a_late_joiner_lands_on_the_current_step(app: Flask, client: FlaskClient, code: str,
                                                 session_id: str) -> None:
    client.post(f"/api/v1/sessions/{session_id}/step", json={"count": 17})
    student, _body = join(app, code, "Late")
    socket = socketio.test_client(app, flask_test_client=student)
    socket.emit("join_class", {"code": code})
    got = messages(socket)
    state = next(m["body"] for m in got if m["name"] == "state")
    assert state["step"] == 17 and state["state"]["step"] == 17
    public = next(m["body"] for m in got if m["name"] == "class")
    assert public["step"] == 17 and public["connected"] == 1
    socket.disconnect()


def open_poll(client: FlaskClient, code: str, **body: Any) -> dict[str, Any]:
    response = client.post(f"/api/v1/classes/{code}/polls", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


QUESTION = {"text": "Which index does blkfront advance?", "choices": ["req_prod", "rsp_prod"],
            "answer": 0}


def test_a_poll_counts_one_changeable_answer_per_student(app: Flask, client: FlaskClient,
                                                         code: str) -> None:
    poll = open_poll(client, code, question=QUESTION)
    first, _ = join(app, code, "A")
    second, _ = join(app, code, "B")
    path = f"/api/v1/classes/{code}/polls/{poll['id']}"
    first.post(f"{path}/answers", json={"choice": 1})
    first.post(f"{path}/answers", json={"choice": 0})
    second.post(f"{path}/answers", json={"choice": 1})
    public = client.get(path).get_json()
    assert public["counts"] == [1, 1] and public["answers"] == 2 and public["answer"] is None
    assert first.post(f"{path}/answers", json={"choice": 2}).status_code == 422
    assert client.post(f"{path}/answers", json={"choice": 0}).status_code == 403


def test_the_server_closes_the_vote_when_the_countdown_ends(app: Flask, client: FlaskClient,
                                                            code: str) -> None:
    poll = open_poll(client, code, question=QUESTION, seconds=5)
    student, _ = join(app, code, "A")
    path = f"/api/v1/classes/{code}/polls/{poll['id']}"
    assert student.post(f"{path}/answers", json={"choice": 0}).status_code == 200
    with app.extensions["sessions"].store.engine.begin() as db:  # five seconds later
        db.execute(update(polls).where(polls.c.id == poll["id"]).values(closes_at=0.0))
    refused = student.post(f"{path}/answers", json={"choice": 1})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "poll_closed"
    assert client.get(path).get_json()["state"] == "closed"


def test_reveal_shows_the_answer_and_steps_on_to_show_why(app: Flask, client: FlaskClient,
                                                          code: str, session_id: str) -> None:
    client.post(f"/api/v1/sessions/{session_id}/actions",
                json={"action": "shutdown", "target": "web"})
    poll = open_poll(client, code, generate="next_state")
    assert poll["kind"] == "next_state" and poll["answer"] is not None
    path = f"/api/v1/classes/{code}/polls/{poll['id']}"
    assert app.test_client().get(path).get_json()["answer"] is None
    client.post(f"{path}/close")
    revealed = client.post(f"{path}/reveal").get_json()
    assert revealed["state"] == "revealed"
    assert app.test_client().get(path).get_json()["answer"] == poll["answer"]
    state = client.get(f"/api/v1/sessions/{session_id}").get_json()
    assert state["step"] == poll["step"] + poll["show_steps"] > poll["step"]


def test_generated_questions_are_answered_by_the_model(client: FlaskClient, code: str,
                                                       session_id: str) -> None:
    client.post(f"/api/v1/sessions/{session_id}/actions",
                json={"action": "shutdown", "target": "web"})
    kinds = [k["id"] for k in client.get(f"/api/v1/classes/{code}/polls/kinds").get_json()]
    assert {"next_event", "next_state"} <= set(kinds)
    poll = open_poll(client, code, generate="next_event")
    assert 3 <= len(poll["choices"]) <= 4 and all({"en", "fr"} <= set(c) for c in poll["choices"])
    before = client.get(f"/api/v1/sessions/{session_id}").get_json()["step"]
    client.post(f"/api/v1/classes/{code}/polls/{poll['id']}/reveal")
    events = client.get(f"/api/v1/sessions/{session_id}/events?since={before}").get_json()
    happened = [e["narration"] for e in events if e["notable"]]
    assert poll["choices"][poll["answer"]] == happened[0]


def test_the_dashboard_is_for_the_presenter_and_shows_statuses(app: Flask, client: FlaskClient,
                                                               code: str) -> None:
    poll = open_poll(client, code, question=QUESTION)
    right, _ = join(app, code, "Right")
    wrong, _ = join(app, code, "Wrong")
    helpme, _ = join(app, code, "Help")
    join(app, code, "Idle")
    path = f"/api/v1/classes/{code}/polls/{poll['id']}"
    right.post(f"{path}/answers", json={"choice": 0})
    wrong.post(f"{path}/answers", json={"choice": 1})
    helpme.post(f"/api/v1/classes/{code}/students/me/hand", json={"raised": True})
    assert right.get(f"/api/v1/classes/{code}/dashboard").status_code == 403
    client.post(f"{path}/reveal")
    rows = client.get(f"/api/v1/classes/{code}/dashboard").get_json()["students"]
    assert {r["name"]: r["status"] for r in rows} == {
        "Right": "correct", "Wrong": "wrong", "Help": "needs_help", "Idle": "not_started"}


def test_detach_forks_and_follow_snaps_back(app: Flask, client: FlaskClient, code: str,
                                            session_id: str) -> None:
    client.post(f"/api/v1/sessions/{session_id}/step", json={"count": 8})
    student, _ = join(app, code, "Ada")
    fork = student.post(f"/api/v1/classes/{code}/students/me/detach").get_json()
    assert fork["step"] == 8 and fork["id"] != session_id
    assert student.post(f"/api/v1/sessions/{fork['id']}/step", json={}).status_code == 200
    rows = client.get(f"/api/v1/classes/{code}/dashboard").get_json()["students"]
    assert rows[0]["following"] is False
    back = student.post(f"/api/v1/classes/{code}/students/me/follow").get_json()
    assert back == {"session": session_id, "step": 8}
    assert client.get(f"/api/v1/classes/{code}/dashboard").get_json()["students"][0][
        "following"] is True


def test_a_second_presenter_tab_takes_over(app: Flask, client: FlaskClient, code: str,
                                           session_id: str,
                                           new_socket: Callable[[], Any]) -> None:
    first, second = new_socket(), new_socket()
    token = token_of(client, session_id)["X-Session-Token"]
    first.emit("join_class", {"code": code, "role": "presenter", "token": token})
    messages(first)
    second.emit("join_class", {"code": code, "role": "presenter", "token": token})
    assert "presenter_replaced" in [m["name"] for m in messages(first)]
    messages(second)
    first.emit("step", {"session": session_id})
    assert [m["body"]["code"] for m in messages(first)] == ["presenter_replaced"]
    second.emit("step", {"session": session_id})
    assert client.get(f"/api/v1/sessions/{session_id}").get_json()["step"] == 1


def test_no_student_or_projector_output_carries_a_secret(app: Flask, client: FlaskClient,
                                                         code: str, session_id: str) -> None:
    owner_token = token_of(client, session_id)["X-Session-Token"]
    ada, ada_body = join(app, code, "Adaline")
    bob, bob_body = join(app, code, "Bobbington")
    projector = app.test_client()
    sockets = {who: socketio.test_client(app, flask_test_client=c)
               for who, c in (("ada", ada), ("projector", projector))}
    for socket in sockets.values():
        socket.emit("join_class", {"code": code})
    poll = open_poll(client, code, question={**QUESTION, "answer": 1})
    bob.post(f"/api/v1/classes/{code}/polls/{poll['id']}/answers", json={"choice": 1})
    client.post(f"/api/v1/sessions/{session_id}/step", json={"count": 2})
    seen = {
        "ada": [ada.get(f"/c/{code}/student").get_data(as_text=True),
                json.dumps(ada.get(f"/api/v1/classes/{code}").get_json()),
                json.dumps(ada.get(f"/api/v1/classes/{code}/students/me").get_json()),
                json.dumps(ada.get(f"/api/v1/classes/{code}/polls/{poll['id']}").get_json()),
                ada.get(f"/s/{session_id}/partials/domain_table").get_data(as_text=True)],
        "projector": [projector.get(f"/c/{code}/projector").get_data(as_text=True),
                      json.dumps(projector.get(f"/api/v1/classes/{code}").get_json())],
    }
    for who, socket in sockets.items():
        seen[who] += [json.dumps(m["args"]) for m in socket.get_received()]
        socket.disconnect()
    for who, texts in seen.items():
        for text in texts:
            assert owner_token not in text and bob_body["student_token"] not in text
            assert "Bobbington" not in text, f"another student's name reached {who}"
            if who == "projector":
                assert "Adaline" not in text and ada_body["student_token"] not in text
            assert '"answer": 1' not in text, f"an unrevealed answer reached {who}"


def test_classes_survive_a_restart(make: Callable[[], Flask], db_url: str) -> None:
    first_app = make()
    teacher = first_app.test_client()
    session_id = teacher.post("/api/v1/sessions", json={"scenario": "lifecycle-basics",
                                                         "seed": 4}).get_json()["id"]
    code = teacher.post("/api/v1/classes", json={"session": session_id}).get_json()["code"]
    student, _ = join(first_app, code, "Ada")
    poll = open_poll(teacher, code, question=QUESTION)
    student.post(f"/api/v1/classes/{code}/polls/{poll['id']}/answers", json={"choice": 0})
    before = teacher.get(f"/api/v1/classes/{code}/dashboard").get_json()
    second_app = make()
    again = second_app.test_client()
    again.set_cookie(f"hl_s_{session_id}", token_of(teacher, session_id)["X-Session-Token"])
    after = again.get(f"/api/v1/classes/{code}/dashboard").get_json()
    assert after == before and after["students"][0]["answered"]
    assert second_app.test_client().get(f"/api/v1/classes/{code}").get_json()["students"] == 1
