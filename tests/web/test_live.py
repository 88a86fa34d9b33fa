"""Socket.IO: rooms per session, commands over the socket, broadcasts of changes, the ticker."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp.model.snapshot import diff
from webapp.web.live import MAX_SPEED, socketio

Socket = Any


def api(session_id: str, tail: str = "") -> str:
    return f"/api/v1/sessions/{session_id}{tail}"


def full_state(client: FlaskClient, session_id: str) -> dict[str, Any]:
    return client.get(api(session_id)).get_json()["state"]  # type: ignore[no-any-return]


def received(socket: Socket, name: str | None = None) -> list[dict[str, Any]]:
    """The payloads received since the last call (only those named ``name`` if given)."""
    return [message["args"][0] for message in socket.get_received()
            if name is None or message["name"] == name]


def names(socket: Socket) -> list[str]:
    return [message["name"] for message in socket.get_received()]


def joined(socket: Socket, session_id: str) -> dict[str, Any]:
    """Join the session's room; the one full ``state`` message that answers."""
    socket.emit("join", {"session": session_id})
    messages = socket.get_received()
    assert [m["name"] for m in messages] == ["state"], messages
    return messages[0]["args"][0]  # type: ignore[no-any-return]


def apply_changes(state: Any, changes: list[dict[str, Any]]) -> Any:
    """Apply ``diff()`` output: each change sets ``path`` to ``value`` or removes it."""
    state = copy.deepcopy(state)
    for change in changes:
        path = change["path"]
        if not path:
            assert not change.get("removed")
            state = copy.deepcopy(change["value"])
            continue
        parent = state
        for key in path[:-1]:
            parent = parent[key]
        if change.get("removed"):
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(change["value"])
    return state


def wait_for(socket: Socket, enough: Callable[[list[dict[str, Any]]], bool],
             timeout: float = 3.0) -> list[dict[str, Any]]:
    """Poll ``state`` messages (short sleeps, bounded) until ``enough`` says so."""
    got: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while not enough(got) and time.monotonic() < deadline:
        socketio.sleep(0.02)
        got += received(socket, "state")
    return got


# --- the diff format itself ---------------------------------------------------------------------


@pytest.mark.parametrize("old,new", [
    ({"a": 1, "b": [1, 2]}, {"a": 2, "b": [1, 3]}),
    ({"a": 1, "b": 2}, {"b": 2, "c": {"d": [1]}}),
    ({"l": [1, 2, 3]}, {"l": [1]}),
    ({"l": [{"x": 1}, {"x": 2}]}, {"l": [{"x": 1}, {"x": 5, "y": None}]}),
    ({"a": {"b": 1}}, {"a": [1]}),
    ([1, 2], {"a": 1}),
])
def test_apply_changes_inverts_diff(old: Any, new: Any) -> None:
    assert apply_changes(old, diff(old, new)) == new


# --- join -------------------------------------------------------------------------------------


def test_join_sends_the_full_state(client: FlaskClient, socket_client: Socket,
                                   session_id: str) -> None:
    client.post(api(session_id, "/step"), json={"count": 4})
    message = joined(socket_client, session_id)
    assert set(message) >= {"session", "step", "state"}
    assert message["session"] == session_id and message["step"] == 4
    assert message["state"] == full_state(client, session_id)


def test_join_unknown_session_is_an_error_and_the_socket_stays_up(
        socket_client: Socket, session_id: str) -> None:
    socket_client.emit("join", {"session": "no-such-session"})
    [error] = received(socket_client, "error")
    assert error["code"] == "unknown_session" and error["message"]
    assert socket_client.is_connected()
    assert joined(socket_client, session_id)["session"] == session_id


def test_only_the_room_hears_a_session(client: FlaskClient, new_socket: Callable[[], Socket],
                                       session_id: str) -> None:
    other = client.post("/api/v1/sessions", json={"scenario": "lifecycle-crash",
                                                   "seed": 1}).get_json()["id"]
    inside, outside, idle = new_socket(), new_socket(), new_socket()
    joined(inside, session_id)
    joined(outside, other)
    client.post(api(session_id, "/step"))
    assert [m["session"] for m in received(inside, "state")] == [session_id]
    assert received(outside) == [] and received(idle) == []


def test_leave_stops_the_messages(client: FlaskClient, socket_client: Socket,
                                  session_id: str) -> None:
    joined(socket_client, session_id)
    socket_client.emit("leave", {"session": session_id})
    client.post(api(session_id, "/step"))
    assert received(socket_client) == []


# --- broadcasts of changes --------------------------------------------------------------------


def test_http_action_reaches_every_client_in_the_room(
        client: FlaskClient, new_socket: Callable[[], Socket], session_id: str) -> None:
    first, second = new_socket(), new_socket()
    start = joined(first, session_id)["state"]
    joined(second, session_id)
    response = client.post(api(session_id, "/actions"), json={"action": "pause", "target": "web"})
    assert response.status_code == 200
    body = response.get_json()
    for socket in (first, second):
        [message] = received(socket, "state")
        assert set(message) >= {"session", "step", "events", "changes"}
        assert "state" not in message, "a change carries what changed, not the snapshot"
        assert message["session"] == session_id and message["step"] == body["step"] == 1
        assert message["events"] == body["events"]
        assert message["changes"]
        assert apply_changes(start, message["changes"]) == full_state(client, session_id)


def test_changes_rebuild_the_state_through_every_kind_of_change(
        client: FlaskClient, new_socket: Callable[[], Socket], session_id: str) -> None:
    """HTTP and socket commands of every kind: each ``changes`` turns one state into the next."""
    driver, watcher = new_socket(), new_socket()
    joined(driver, session_id)
    state = joined(watcher, session_id)["state"]
    commands: list[tuple[str, str, dict[str, Any]]] = [
        ("http", "/step", {"count": 3}),
        ("socket", "step", {"count": 2}),
        ("socket", "action", {"action": "crash", "target": "web"}),
        ("http", "/step", {"count": 40}),
        ("http", "/actions", {"action": "save", "target": "db"}),
        ("socket", "step", {"count": 70}),
        ("socket", "back", {"count": 30}),
        ("http", "/seek", {"step": 2}),
        ("socket", "seek", {"step": 100}),
        ("http", "/back", {"count": 1}),
        ("socket", "action", {"action": "create",
                              "args": {"name": "extra", "memory_mb": 128, "vcpus": 1}}),
        ("http", "/step", {"count": 30}),
        ("http", "/seek", {"step": 0}),
        ("socket", "seek", {"step": 10_000}),
    ]
    for how, what, body in commands:
        if how == "http":
            assert client.post(api(session_id, what), json=body).status_code == 200
        else:
            driver.emit(what, {**body, "session": session_id})
        [message] = received(watcher, "state")
        [echo] = received(driver, "state")
        assert echo == message
        state = apply_changes(state, message["changes"])
        expected = full_state(client, session_id)
        assert state == expected, (how, what)
        assert message["step"] == expected["step"]


def test_socket_commands_move_the_session(client: FlaskClient, socket_client: Socket,
                                          session_id: str) -> None:
    joined(socket_client, session_id)
    socket_client.emit("step", {"session": session_id, "count": 6})
    [message] = received(socket_client, "state")
    assert message["step"] == 6 and {e["step"] for e in message["events"]} == set(range(1, 7))
    socket_client.emit("back", {"session": session_id, "count": 2})
    [message] = received(socket_client, "state")
    assert message["step"] == 4 and {e["step"] for e in message["events"]} == {4}
    socket_client.emit("seek", {"session": session_id, "step": 5})
    [message] = received(socket_client, "state")
    assert message["step"] == 5 and {e["step"] for e in message["events"]} == {5}
    socket_client.emit("step", {"session": session_id})
    assert received(socket_client, "state")[0]["step"] == 6
    assert client.get(api(session_id)).get_json()["step"] == 6


def test_opening_a_page_at_a_step_broadcasts_nothing(client: FlaskClient, socket_client: Socket,
                                                     session_id: str) -> None:
    """A share link ``/s/<id>?step=3`` (even an image tag on another site) moves nobody."""
    client.post(api(session_id, "/step"), json={"count": 9})
    joined(socket_client, session_id)
    assert client.get(f"/s/{session_id}?step=3").status_code == 200
    assert client.get(f"/s/{session_id}?lang=fr").status_code == 200
    assert received(socket_client, "state") == []
    assert client.get(api(session_id)).get_json()["step"] == 9


# --- errors go to the sender only -------------------------------------------------------------


SID = object()  # stands for the test's session id in the parameters below


@pytest.mark.parametrize("event,data,code", [
    ("step", None, "invalid_message"),
    ("step", "junk", "invalid_message"),
    ("step", ["a"], "invalid_message"),
    ("step", {"count": 1}, "invalid_message"),
    ("step", {"session": 5}, "invalid_message"),
    ("step", {"session": "nope"}, "unknown_session"),
    ("step", {"session": SID, "count": -1}, "invalid_argument"),
    ("step", {"session": SID, "count": "2"}, "invalid_argument"),
    ("step", {"session": SID, "count": True}, "invalid_argument"),
    ("step", {"session": SID, "count": 0}, "invalid_argument"),
    ("step", {"session": SID, "count": 10**9}, "invalid_argument"),
    ("back", {"session": SID, "count": 0}, "invalid_argument"),
    ("seek", {"session": SID, "step": -4}, "invalid_argument"),
    ("seek", {"session": SID, "step": None}, "invalid_argument"),
    ("action", {"session": SID, "action": "unpause", "target": "web"}, "refused"),
    ("action", {"session": SID, "action": "pause", "target": "Domain-0"}, "refused"),
    ("action", {"session": SID, "action": "pause", "target": "ghost"}, "unknown_target"),
    ("action", {"session": SID, "action": "teleport", "target": "web"}, "invalid_command"),
    ("action", {"session": SID, "action": "pause", "target": "web", "args": 3},
     "invalid_argument"),
    ("action", {"session": SID, "target": "web"}, "invalid_argument"),
    ("play", {"session": SID, "speed": 0}, "invalid_argument"),
    ("play", {"session": SID, "speed": MAX_SPEED * 10}, "invalid_argument"),
    ("play", {"session": SID, "speed": "fast"}, "invalid_argument"),
    ("pause", {"session": "nope"}, "unknown_session"),
    ("join", {}, "invalid_message"),
])
def test_bad_message_is_an_error_to_the_sender_only(
        client: FlaskClient, new_socket: Callable[[], Socket], session_id: str,
        event: str, data: Any, code: str) -> None:
    sender, bystander = new_socket(), new_socket()
    joined(sender, session_id)
    joined(bystander, session_id)
    before = client.get(api(session_id)).data
    if isinstance(data, dict):
        data = {key: session_id if value is SID else value for key, value in data.items()}
    if data is None:
        sender.emit(event)
    else:
        sender.emit(event, data)
    messages = sender.get_received()
    # a refusal by the model is narrated to the whole room at its step (issue 10: refusals
    # are narrated events); any other bad message answers its sender alone
    narrated = ["refused"] if code == "refused" else []
    assert [m["name"] for m in messages] == [*narrated, "error"], messages
    error = messages[-1]["args"][0]
    assert set(error) >= {"code", "message"}
    assert error["code"] == code and error["message"]
    assert [m["name"] for m in bystander.get_received()] == narrated
    assert client.get(api(session_id)).data == before
    assert sender.is_connected()
    sender.emit("step", {"session": session_id})
    assert received(sender, "state")[0]["step"] == 1


def test_refusal_over_the_socket_names_state_and_allowed(socket_client: Socket,
                                                         session_id: str) -> None:
    joined(socket_client, session_id)
    socket_client.emit("action", {"session": session_id, "action": "save",
                                  "target": "batch"})
    [error] = received(socket_client, "error")
    assert error["code"] == "refused"
    assert "paused" in error["message"] and "unpause" in error["message"].lower()
    assert error["allowed"] == ["pause", "unpause", "shutdown", "reboot", "destroy"]


def test_socket_refusal_in_french(app: Flask, client: FlaskClient, session_id: str) -> None:
    french = socketio.test_client(app, flask_test_client=client, query_string="lang=fr")
    try:
        french.emit("action", {"session": session_id, "action": "unpause", "target": "web"})
        [error] = received(french, "error")
        assert error["message"] == error["messages"]["fr"]
    finally:
        french.disconnect()


# --- the play ticker --------------------------------------------------------------------------


def test_play_and_pause(client: FlaskClient, new_socket: Callable[[], Socket],
                        session_id: str) -> None:
    player, watcher = new_socket(), new_socket()
    joined(player, session_id)
    state = joined(watcher, session_id)["state"]
    player.emit("play", {"session": session_id, "speed": MAX_SPEED})
    messages = wait_for(watcher, lambda got: sum(1 for m in got if m["events"]) >= 4)
    steps = [m["step"] for m in messages if m["events"]]
    assert len(steps) >= 4, messages
    assert steps == list(range(1, len(steps) + 1))
    assert messages[0]["timeline"]["playing"] is True
    assert messages[0]["timeline"]["speed"] == MAX_SPEED

    player.emit("pause", {"session": session_id})
    messages += wait_for(watcher, lambda got: any(not m["timeline"]["playing"] for m in got))
    assert any(not m["timeline"]["playing"] for m in messages)
    live = client.application.extensions["sessions"].live[session_id]
    deadline = time.monotonic() + 2
    while live.ticking and time.monotonic() < deadline:
        socketio.sleep(0.01)
    assert not live.ticking, "the ticker stops once paused"
    messages += received(watcher, "state")
    for message in messages:  # every tick and the play state arrive as changes
        state = apply_changes(state, message["changes"])
    paused_at = client.get(api(session_id)).get_json()["step"]
    assert state == full_state(client, session_id)
    assert paused_at == messages[-1]["step"]
    socketio.sleep(0.1)  # five ticks at full speed: none may come
    assert received(watcher) == [] and client.get(api(session_id)).get_json()["step"] == paused_at


def test_play_twice_runs_one_ticker(client: FlaskClient, socket_client: Socket,
                                    session_id: str) -> None:
    joined(socket_client, session_id)
    socket_client.emit("play", {"session": session_id, "speed": MAX_SPEED})
    socket_client.emit("play", {"session": session_id, "speed": MAX_SPEED})
    messages = wait_for(socket_client, lambda got: sum(1 for m in got if m["events"]) >= 6)
    socket_client.emit("pause", {"session": session_id})
    steps = [m["step"] for m in messages if m["events"]]
    assert len(steps) >= 6
    assert steps == sorted(set(steps)), "one ticker: each step once, in order"


def test_http_changes_interleave_with_the_ticker(client: FlaskClient, socket_client: Socket,
                                                  session_id: str) -> None:
    """While playing, HTTP steps interleave with the ticks: every change reaches the room in
    order, no step is lost, and the ticker keeps playing."""
    state = joined(socket_client, session_id)["state"]
    socket_client.emit("play", {"session": session_id, "speed": MAX_SPEED})
    messages = wait_for(socket_client, lambda got: len(got) >= 3)  # play, then ticks
    stepped = 0
    for _ in range(20):
        stepped += 5
        assert client.post(api(session_id, "/step"), json={"count": 5}).status_code == 200
    after_http = client.get(api(session_id)).get_json()["step"]
    messages += wait_for(socket_client, lambda got: any(m["step"] > after_http for m in got))
    assert messages[-1]["step"] > after_http, "the ticker still plays after the HTTP steps"
    socket_client.emit("pause", {"session": session_id})
    live = client.application.extensions["sessions"].live[session_id]
    deadline = time.monotonic() + 2
    while live.ticking and time.monotonic() < deadline:
        socketio.sleep(0.01)
    messages += received(socket_client, "state")
    ticks = sum(1 for m in messages if m["events"]) - 20
    for message in messages:
        state = apply_changes(state, message["changes"])
    socket_client.emit("join", {"session": session_id})  # a fresh full state, after the rest
    assert state == received(socket_client, "state")[0]["state"] == full_state(client, session_id)
    steps = [m["step"] for m in messages]
    assert steps == sorted(steps)
    assert steps[-1] == stepped + ticks, "every tick and every HTTP step counted once"
