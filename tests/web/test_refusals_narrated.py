"""A refused action is narrated at the step it was tried, for everyone, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient


def url(session_id: str, tail: str = "") -> str:
    return f"/api/v1/sessions/{session_id}{tail}"


def refusals(client: FlaskClient, session_id: str) -> list[dict[str, Any]]:
    page = client.get(url(session_id, "/history?limit=500")).get_json()
    return [event for event in page["events"] if event.get("refused")]


def test_a_refusal_is_in_the_history_at_its_step_and_changes_nothing(
        app: Flask, client: FlaskClient, session_id: str) -> None:
    client.post(url(session_id, "/step"), json={"count": 3})
    before = client.get(url(session_id)).data
    response = client.post(url(session_id, "/actions"), json={"action": "unpause",
                                                              "target": "web"})
    assert response.status_code == 409
    assert client.get(url(session_id)).data == before, "nothing changed"
    [refusal] = refusals(app.test_client(), session_id)  # any reader sees it
    assert refusal["step"] == 3 and refusal["kind"] == "refused"
    assert refusal["data"]["action"] == "unpause"
    assert refusal["narration"]["en"] and refusal["narration"]["fr"]


def test_replacing_the_future_forgets_the_refusals_tried_in_it(
        client: FlaskClient, session_id: str) -> None:
    client.post(url(session_id, "/step"), json={"count": 6})
    client.post(url(session_id, "/actions"), json={"action": "unpause", "target": "web"})
    client.post(url(session_id, "/seek"), json={"step": 2})
    assert len(refusals(client, session_id)) == 0, "step 6 is after the cursor"
    client.post(url(session_id, "/actions"), json={"action": "pause", "target": "web"})
    client.post(url(session_id, "/step"), json={"count": 10})
    assert refusals(client, session_id) == [], "that future was replaced"


def test_the_room_hears_a_refusal_over_the_socket(client: FlaskClient, session_id: str,
                                                  new_socket: Callable[[], Any]) -> None:
    driver, follower = new_socket(), new_socket()
    for socket in (driver, follower):
        socket.emit("join", {"session": session_id})
        socket.get_received()
    driver.emit("action", {"session": session_id, "action": "unpause", "target": "web"})
    heard = [m for m in follower.get_received() if m["name"] == "refused"]
    assert len(heard) == 1 and heard[0]["args"][0]["event"]["data"]["action"] == "unpause"
    assert [m["name"] for m in driver.get_received()] == ["refused", "error"]


def test_a_refusal_at_step_0_is_in_the_first_page(client: FlaskClient, session_id: str) -> None:
    assert client.post(url(session_id, "/actions"), json={"action": "unpause",
                                                          "target": "web"}).status_code == 409
    client.post(url(session_id, "/step"), json={"count": 2})
    assert [r["step"] for r in refusals(client, session_id)] == [0]
