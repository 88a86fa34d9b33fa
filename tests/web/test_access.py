"""Who may change a session: owner tokens, read-only viewers, forks, edit links, CSRF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import make_app, stop_app, token_of
from webapp.web.live import socketio

DRIVING = [("/step", {"count": 2}), ("/back", {"count": 1}), ("/seek", {"step": 1}),
           ("/actions", {"action": "pause", "target": "web"})]


def url(session_id: str, tail: str = "") -> str:
    return f"/api/v1/sessions/{session_id}{tail}"


def body(client: FlaskClient, session_id: str, query: str = "") -> dict[str, Any]:
    response = client.get(url(session_id) + query)
    assert response.status_code == 200
    return response.get_json()  # type: ignore[no-any-return]


def test_creating_a_session_returns_a_long_owner_token_and_sets_an_httponly_cookie(
        client: FlaskClient) -> None:
    response = client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics"})
    token = response.get_json()["owner_token"]
    assert len(token) >= 22  # 24 random bytes, url-safe base64: 192 bits
    cookie = next(c for c in response.headers.getlist("Set-Cookie")
                  if c.startswith(f"hl_s_{response.get_json()['id']}="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and token in cookie


@pytest.mark.parametrize(("tail", "payload"), DRIVING)
def test_driving_without_the_owner_right_is_403_and_changes_nothing(
        app: Flask, client: FlaskClient, session_id: str, tail: str, payload: dict[str, Any]
) -> None:
    client.post(url(session_id, "/step"), json={"count": 5})
    before = client.get(url(session_id)).data
    stranger = app.test_client()
    for headers in ({}, {"X-Session-Token": "not-the-token"}, {"X-Session-Token": ""}):
        response = stranger.post(url(session_id, tail), json=payload, headers=headers)
        assert response.status_code == 403
        assert response.get_json()["error"]["code"] == "forbidden"
    assert client.get(url(session_id)).data == before


@pytest.mark.parametrize(("tail", "payload"), DRIVING)
def test_the_header_token_drives_from_another_client(
        app: Flask, client: FlaskClient, session_id: str, tail: str, payload: dict[str, Any]
) -> None:
    client.post(url(session_id, "/step"), json={"count": 5})
    response = app.test_client().post(url(session_id, tail), json=payload,
                                      headers=token_of(client, session_id))
    assert response.status_code == 200


def test_reading_a_step_moves_no_cursor(app: Flask, client: FlaskClient,
                                        session_id: str) -> None:
    client.post(url(session_id, "/step"), json={"count": 30})
    stranger = app.test_client()
    past = body(stranger, session_id, "?step=7")
    assert past["step"] == 7 and past["state"]["step"] == 7
    assert past["timeline"]["step"] == 30
    assert body(stranger, session_id)["step"] == 30
    client.post(url(session_id, "/seek"), json={"step": 7})
    assert body(client, session_id)["state"] == past["state"]


def test_viewers_page_and_partials_move_nobody(app: Flask, client: FlaskClient,
                                               session_id: str) -> None:
    client.post(url(session_id, "/step"), json={"count": 12})
    stranger = app.test_client()
    for path in (f"/s/{session_id}?step=3", f"/s/{session_id}?step=3&lang=fr",
                 f"/s/{session_id}/partials/domain_table?step=3", f"/s/{session_id}?lang=fr"):
        assert stranger.get(path).status_code == 200
    assert body(client, session_id)["step"] == 12


def test_a_stranger_gets_the_follower_page_without_actions(app: Flask, client: FlaskClient,
                                                           session_id: str) -> None:
    page = app.test_client().get(f"/s/{session_id}").get_data(as_text=True)
    assert 'data-mode="follower"' in page and 'class="actions-content" hidden' in page
    own = client.get(f"/s/{session_id}").get_data(as_text=True)
    assert 'data-mode="driver"' in own
    assert token_of(client, session_id)["X-Session-Token"] not in own


def test_a_fork_copies_the_history_up_to_a_step_and_belongs_to_the_caller(
        app: Flask, client: FlaskClient, session_id: str) -> None:
    client.post(url(session_id, "/step"), json={"count": 3})
    client.post(url(session_id, "/actions"), json={"action": "pause", "target": "web"})
    client.post(url(session_id, "/step"), json={"count": 300})
    stranger = app.test_client()
    response = stranger.post(url(session_id, "/fork"), json={"step": 200})
    assert response.status_code == 201
    fork = response.get_json()
    assert fork["step"] == 200 and fork["owner_token"]
    copy = body(stranger, fork["id"])
    assert copy["history_length"] == 200
    assert copy["state"] == body(stranger, session_id, "?step=200")["state"]
    assert stranger.post(url(fork["id"], "/step"), json={}).status_code == 200
    assert stranger.post(url(session_id, "/step"), json={}).status_code == 403
    assert body(client, session_id)["step"] == 304


def test_an_edit_link_lets_a_second_browser_drive_until_it_is_revoked(
        app: Flask, client: FlaskClient, session_id: str) -> None:
    link = client.post(url(session_id, "/edit-link"), json={}).get_json()["url"]
    editor = app.test_client()
    opened = editor.get(link.replace("http://localhost", ""))
    assert opened.status_code == 303 and "key=" not in opened.headers["Location"]
    assert editor.post(url(session_id, "/step"), json={}).status_code == 200
    assert editor.post(url(session_id, "/edit-link"), json={}).status_code == 403
    assert client.delete(url(session_id, "/edit-link")).status_code == 204
    assert editor.post(url(session_id, "/step"), json={}).status_code == 403
    assert editor.get(link.replace("http://localhost", "")).status_code == 403


def test_a_cross_site_text_plain_post_is_refused(app: Flask, client: FlaskClient,
                                                 session_id: str) -> None:
    before = client.get(url(session_id)).data
    response = client.post(url(session_id, "/step"), data='{"count": 3}',
                           content_type="text/plain")
    assert response.status_code == 415
    assert client.get(url(session_id)).data == before


def test_frame_ancestors_default_to_self(client: FlaskClient) -> None:
    assert "frame-ancestors 'self'" in client.get("/").headers["Content-Security-Policy"]


def test_socket_driving_needs_the_token(app: Flask, client: FlaskClient, session_id: str,
                                        new_socket: Callable[[], Any]) -> None:
    stranger = socketio.test_client(app, flask_test_client=app.test_client())
    stranger.emit("join", {"session": session_id})
    stranger.get_received()
    for event in ("step", "back", "seek", "action", "play", "pause"):
        stranger.emit(event, {"session": session_id, "step": 0, "action": "pause",
                              "target": "web"})
        [error] = stranger.get_received()
        assert error["name"] == "error" and error["args"][0]["code"] == "forbidden"
    assert body(client, session_id)["step"] == 0
    owner = new_socket()  # carries the owner's token like the owner's page
    owner.emit("join", {"session": session_id})
    owner.emit("step", {"session": session_id})
    assert body(client, session_id)["step"] == 1
    stranger.disconnect()


def test_a_view_over_the_socket_answers_the_sender_only(app: Flask, client: FlaskClient,
                                                        session_id: str,
                                                        new_socket: Callable[[], Any]) -> None:
    client.post(url(session_id, "/step"), json={"count": 9})
    viewer, other = new_socket(), new_socket()
    for socket in (viewer, other):
        socket.emit("join", {"session": session_id})
        socket.get_received()
    viewer.emit("view", {"session": session_id, "step": 4})
    [answer] = viewer.get_received()
    assert answer["name"] == "view" and answer["args"][0]["state"]["step"] == 4
    assert other.get_received() == []
    assert body(client, session_id)["step"] == 9


def test_a_ticker_stops_when_its_last_client_leaves(app: Flask, client: FlaskClient,
                                                    session_id: str,
                                                    new_socket: Callable[[], Any]) -> None:
    socket = new_socket()
    socket.emit("join", {"session": session_id})
    socket.emit("play", {"session": session_id, "speed": 50})
    socketio.sleep(0.3)
    socket.disconnect()
    socketio.sleep(0.3)
    live = app.extensions["sessions"].get(session_id)
    assert not live.ticking and not live.playing
    step = body(client, session_id)["step"]
    socketio.sleep(0.2)
    assert body(client, session_id)["step"] == step


def test_idle_sessions_leave_memory_and_come_back_identical(app: Flask, client: FlaskClient,
                                                            session_id: str) -> None:
    client.post(url(session_id, "/step"), json={"count": 5})
    client.post(url(session_id, "/actions"), json={"action": "pause", "target": "web"})
    client.post(url(session_id, "/step"), json={"count": 400})
    client.post(url(session_id, "/seek"), json={"step": 150})
    before = body(client, session_id)
    sessions = app.extensions["sessions"]
    assert sessions.evict_idle() >= 1 and session_id not in sessions.live
    assert body(client, session_id) == before
    assert body(client, session_id, "?step=6")["state"]["step"] == 6


def test_the_live_cache_is_bounded(app: Flask, client: FlaskClient) -> None:
    sessions = app.extensions["sessions"]
    for _ in range(sessions.max_live + 20):
        client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics"})
    assert len(sessions.live) <= sessions.max_live


def test_session_creation_is_rate_limited_per_browser(db_url: str) -> None:
    app = make_app(db_url, RATE_LIMITS="on")
    client = app.test_client()
    statuses = [client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics"})
                for _ in range(31)]
    assert [r.status_code for r in statuses[:30]] == [201] * 30
    refused = statuses[30]
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert refused.get_json()["error"]["code"] == "rate_limited"
    assert app.test_client().post("/api/v1/sessions", json={
        "scenario": "lifecycle-basics"}).status_code == 201, "another browser, same address"
    stop_app(app)
