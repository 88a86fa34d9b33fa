"""Fuzzing every socket event: random and malformed payloads never break the server, never
reach another client, never change a session when refused, and log no traceback."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webapp.web.live import socketio

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12)
FIELDS = ("session", "token", "count", "step", "action", "target", "args", "speed", "code",
          "role", "name")


def events(app: Flask) -> list[str]:
    assert socketio.server is not None
    return sorted({event for handlers in socketio.server.handlers.values() for event in handlers
                   if event not in ("connect", "disconnect")})


def payloads(session_id: str, token: str) -> st.SearchStrategy[Any]:
    """Anything at all, or objects made of the fields the handlers read, with real ids."""
    value = JSON | st.sampled_from([session_id, token, "", 0, -1, 10**9, 2**63])
    fields = st.dictionaries(st.sampled_from(FIELDS), value, max_size=6)
    return JSON | fields


@pytest.fixture
def owner(client: FlaskClient) -> dict[str, Any]:
    body = client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics",
                                                 "seed": 5}).get_json()
    client.post(f"/api/v1/sessions/{body['id']}/step", json={"count": 5})
    return body  # type: ignore[no-any-return]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_messages_to_every_event(app: Flask, client: FlaskClient, owner: dict[str, Any],
                                        caplog: pytest.LogCaptureFixture, data: Any) -> None:
    session_id, token = owner["id"], owner["owner_token"]
    stranger = socketio.test_client(app, flask_test_client=app.test_client())
    bystander = socketio.test_client(app, flask_test_client=app.test_client())
    bystander.emit("join", {"session": session_id})
    bystander.get_received()
    before = client.get(f"/api/v1/sessions/{session_id}").data
    event = data.draw(st.sampled_from(events(app)))
    args = data.draw(st.lists(payloads(session_id, token), min_size=0, max_size=3))
    with caplog.at_level(logging.WARNING):
        stranger.emit(event, *args)
    assert stranger.is_connected() and bystander.is_connected()
    received = stranger.get_received()
    assert all(m["name"] in ("error", "state", "view", "class", "dashboard") for m in received)
    assert not any("Traceback" in record.getMessage() or record.exc_info
                   for record in caplog.records)
    if event not in ("join", "view", "join_class", "leave", "leave_class"):
        # a stranger without the owner's token changed nothing, whatever it sent
        with_token = any(isinstance(a, dict) and a.get("token") == token for a in args)
        if not with_token:
            assert client.get(f"/api/v1/sessions/{session_id}").data == before
            assert bystander.get_received() == []
    stranger.disconnect()
    bystander.disconnect()
    app.extensions["sessions"].set_play(session_id, False)


def test_a_two_argument_emit_is_one_error_not_a_traceback(
        app: Flask, owner: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    socket = socketio.test_client(app, flask_test_client=app.test_client())
    with caplog.at_level(logging.WARNING):
        socket.emit("step", {"session": owner["id"]}, {"extra": 1})
        socket.emit("join", "not an object")
    codes = [m["args"][0]["code"] for m in socket.get_received()]
    assert codes == ["invalid_message", "invalid_message"]
    assert not any(record.exc_info for record in caplog.records)
    socket.disconnect()
