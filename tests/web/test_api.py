"""The JSON API (docs/api.md): sessions, time travel, actions, errors and durability."""

from __future__ import annotations

import io
import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import token_of
from webapp import catalog
from webapp.web.errors import MAX_BODY_BYTES

STATE_WORDS = {"running", "runnable", "blocked", "paused", "shutting_down", "shutdown",
               "crashed", "suspended", "dying", "dead"}
XL_STATE = re.compile(r"^[r-][b-][p-][s-][-rscwS][d-]$")
SNAPSHOT_KEYS = {"step", "scenario", "lab", "busy", "hosts", "domains", "operations", "images",
                 "xenstore"}
OSTEP_DATA = Path(__file__).resolve().parents[1] / "model" / "paging" / "data"


def url(session_id: str, tail: str = "") -> str:
    return f"/api/v1/sessions/{session_id}{tail}"


def get_session(client: FlaskClient, session_id: str) -> dict[str, Any]:
    response = client.get(url(session_id))
    assert response.status_code == 200
    return response.get_json()  # type: ignore[no-any-return]


def post(client: FlaskClient, session_id: str, tail: str, body: Any = None,
         token: dict[str, str] | None = None) -> Any:
    return client.post(url(session_id, tail), json=body if body is not None else {},
                       headers=token or {})


def domain(state: dict[str, Any], name: str) -> dict[str, Any]:
    return next(d for d in state["domains"] if d["name"] == name)


def assert_json_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """A JSON error envelope with this status: never an HTML page or a traceback."""
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    text = response.get_data(as_text=True)
    assert "<html" not in text.lower() and "Traceback" not in text
    error = response.get_json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code
    return error  # type: ignore[no-any-return]


# --- health and catalog ------------------------------------------------------------------------


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_scenarios_lists_the_catalog(client: FlaskClient) -> None:
    listed = client.get("/api/v1/scenarios").get_json()
    assert [s["id"] for s in listed] == list(catalog.scenarios())
    for item in listed:
        assert set(item) == {"id", "title", "lab", "description", "goal", "level"}
        scenario = catalog.get(item["id"])
        assert scenario is not None and scenario.guide is not None
        assert item["title"] == scenario.title["en"]
        assert item["lab"] == scenario.lab
        assert item["description"] == scenario.description["en"]
        assert item["goal"] == scenario.guide.goal["en"] and item["level"] in (1, 2, 3)


def test_scenarios_in_french(client: FlaskClient) -> None:
    listed = client.get("/api/v1/scenarios?lang=fr").get_json()
    for item in listed:
        scenario = catalog.get(item["id"])
        assert scenario is not None
        assert item["title"] == scenario.title["fr"]


# --- creating and reading sessions -------------------------------------------------------------


def test_create_session(client: FlaskClient) -> None:
    response = client.post("/api/v1/sessions", json={"scenario": "lifecycle-crash", "seed": 42})
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) >= {"id", "scenario", "seed", "step", "url"}
    assert body["scenario"] == "lifecycle-crash"
    assert body["seed"] == 42
    assert body["step"] == 0
    assert body["url"] == f"/s/{body['id']}"


def test_create_session_without_seed_picks_one(client: FlaskClient) -> None:
    body = client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics"}).get_json()
    assert isinstance(body["seed"], int) and body["seed"] >= 0
    assert get_session(client, body["id"])["seed"] == body["seed"]


def test_same_seed_same_history(client: FlaskClient) -> None:
    ids = [client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics", "seed": 3})
           .get_json()["id"] for _ in range(2)]
    for session_id in ids:
        post(client, session_id, "/step", {"count": 50})
    first, second = (get_session(client, session_id)["state"] for session_id in ids)
    assert first == second


@pytest.mark.parametrize("body", [
    {}, {"scenario": 5}, {"scenario": "lifecycle-basics", "seed": "7"},
    {"scenario": "lifecycle-basics", "seed": -1}, {"scenario": "lifecycle-basics", "seed": True},
    {"scenario": "lifecycle-basics", "seed": 2**63}, {"scenario": "lifecycle-basics", "seed": 1.5},
])
def test_create_session_invalid(client: FlaskClient, body: dict[str, Any]) -> None:
    assert_json_error(client.post("/api/v1/sessions", json=body), 422)


def test_create_session_unknown_scenario(client: FlaskClient) -> None:
    response = client.post("/api/v1/sessions", json={"scenario": "no-such-scenario"})
    assert_json_error(response, 404, "unknown_scenario")


def test_get_session_shape(client: FlaskClient, session_id: str) -> None:
    body = get_session(client, session_id)
    assert set(body) >= {"id", "scenario", "seed", "step", "history_length", "state"}
    assert body["id"] == session_id
    assert body["scenario"] == "lifecycle-basics"
    assert body["seed"] == 7
    assert body["step"] == 0 and body["history_length"] == 0
    state = body["state"]
    assert set(state) >= SNAPSHOT_KEYS
    assert state["step"] == 0 and state["scenario"] == "lifecycle-basics"
    names = [d["name"] for d in state["domains"]]
    assert names == ["Domain-0", "web", "db", "batch"]
    for item in state["domains"]:
        assert isinstance(item["id"], int)
        assert item["state"] in STATE_WORDS
        assert XL_STATE.match(item["xl_state"]), item["xl_state"]
    assert domain(state, "batch")["state"] == "paused"
    assert domain(state, "batch")["xl_state"][2] == "p"
    assert domain(state, "Domain-0")["id"] == 0


def test_state_words_and_xl_columns_agree(client: FlaskClient, session_id: str) -> None:
    """Along a long run with every kind of action, the word and the six columns agree."""
    for action, target in (("crash", "web"), ("shutdown", "db")):
        post(client, session_id, "/step", {"count": 3})
        assert post(client, session_id, "/actions",
                    {"action": action, "target": target}).status_code == 200
    seen: set[str] = set()
    for _ in range(40):
        post(client, session_id, "/step")
        state = get_session(client, session_id)["state"]
        for item in state["domains"]:
            word, columns = item["state"], item["xl_state"]
            seen.add(word)
            assert word in STATE_WORDS and XL_STATE.match(columns)
            if word == "paused":
                assert columns[2] == "p"
            if word == "crashed":
                assert columns[3:5] == "sc"
            if word == "running":
                assert columns[0] == "r"
            if word in ("shutdown", "crashed", "suspended"):
                assert columns[3] == "s"
    assert {"paused", "crashed"} <= seen


# --- stepping, back and seek -------------------------------------------------------------------


def test_step_default_is_one(client: FlaskClient, session_id: str) -> None:
    body = post(client, session_id, "/step").get_json()
    assert body["step"] == 1
    assert body["events"] and {e["step"] for e in body["events"]} == {1}
    assert get_session(client, session_id)["step"] == 1


def test_step_with_empty_body(client: FlaskClient, session_id: str) -> None:
    response = client.post(url(session_id, "/step"))
    assert response.status_code == 200 and response.get_json()["step"] == 1


def test_step_events_cover_the_steps_taken(client: FlaskClient, session_id: str) -> None:
    body = post(client, session_id, "/step", {"count": 5}).get_json()
    assert body["step"] == 5
    steps = [event["step"] for event in body["events"]]
    assert steps == sorted(steps) and set(steps) == {1, 2, 3, 4, 5}


def test_a_long_step_request_is_bounded_and_says_how_many_steps_it_took(
        client: FlaskClient, session_id: str) -> None:
    """10,000 steps at most per request, cut short at the model-time budget: the response
    says how many were taken, and the session is exactly there."""
    response = post(client, session_id, "/step", {"count": 10_000})
    assert response.status_code == 200
    body = response.get_json()
    assert 1 <= body["taken"] <= 10_000 and body["step"] == body["taken"]
    steps = [event["step"] for event in body["events"]]
    assert steps == sorted(steps) and steps[-1] == body["step"] and steps[0] >= 1
    after = get_session(client, session_id)
    assert after["step"] == body["step"] and after["history_length"] == body["step"]
    assert after["state"]["step"] == body["step"]


def test_more_than_ten_thousand_steps_per_request_is_refused(
        client: FlaskClient, session_id: str) -> None:
    before = client.get(url(session_id)).data
    assert_json_error(post(client, session_id, "/step", {"count": 10_001}), 422)
    assert client.get(url(session_id)).data == before


@pytest.mark.parametrize("count", [0, -1, "3", True, 1.0, None, 10**9])
def test_step_invalid_count(client: FlaskClient, session_id: str, count: Any) -> None:
    before = client.get(url(session_id)).data
    assert_json_error(post(client, session_id, "/step", {"count": count}), 422)
    assert client.get(url(session_id)).data == before


def test_seek_back_reproduce_the_past(client: FlaskClient, session_id: str) -> None:
    """Stepping one at a time, then seeking or going back: same state, same events."""
    states, events = {0: get_session(client, session_id)["state"]}, {}
    for k in range(1, 13):
        events[k] = post(client, session_id, "/step").get_json()["events"]
        states[k] = get_session(client, session_id)["state"]
    for k in (4, 0, 12, 1, 9):
        body = post(client, session_id, "/seek", {"step": k}).get_json()
        assert body["step"] == k
        assert body["events"] == (events[k] if k else [])
        assert get_session(client, session_id)["state"] == states[k]
    body = post(client, session_id, "/back", {"count": 3}).get_json()
    assert body["step"] == 6 and body["events"] == events[6]
    assert get_session(client, session_id)["state"] == states[6]
    body = post(client, session_id, "/back").get_json()
    assert body["step"] == 5 and body["events"] == events[5]
    assert get_session(client, session_id)["history_length"] == 12


def test_back_and_seek_clamp_to_the_history(client: FlaskClient, session_id: str) -> None:
    post(client, session_id, "/step", {"count": 10})
    assert post(client, session_id, "/seek", {"step": 500}).get_json()["step"] == 10
    assert post(client, session_id, "/back", {"count": 50}).get_json() == {"step": 0,
                                                                           "events": []}
    assert get_session(client, session_id)["history_length"] == 10


def test_step_after_going_back_replays_the_same_future(client: FlaskClient,
                                                       session_id: str) -> None:
    post(client, session_id, "/step", {"count": 30})
    final = get_session(client, session_id)["state"]
    post(client, session_id, "/seek", {"step": 11})
    assert post(client, session_id, "/step", {"count": 19}).get_json()["step"] == 30
    assert get_session(client, session_id)["state"] == final


@pytest.mark.parametrize("tail,body", [
    ("/seek", {"step": -1}), ("/seek", {"step": "4"}), ("/back", {"count": 0}),
    ("/back", {"count": "x"}),
])
def test_back_and_seek_invalid(client: FlaskClient, session_id: str, tail: str,
                               body: dict[str, Any]) -> None:
    assert_json_error(post(client, session_id, tail, body), 422, "invalid_argument")


# --- actions -----------------------------------------------------------------------------------


def test_action_by_name_then_by_id(client: FlaskClient, session_id: str) -> None:
    response = post(client, session_id, "/actions", {"action": "pause", "target": "web"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["step"] == 1
    assert body["events"] and all(e["step"] == 1 for e in body["events"])
    post(client, session_id, "/step", {"count": 5})
    assert domain(get_session(client, session_id)["state"], "web")["state"] == "paused"
    web_id = domain(get_session(client, session_id)["state"], "web")["id"]
    response = post(client, session_id, "/actions", {"action": "unpause", "target": web_id})
    assert response.status_code == 200


def test_action_with_arguments(client: FlaskClient, session_id: str) -> None:
    response = post(client, session_id, "/actions",
                    {"action": "save", "target": "db", "args": {"file": "db-1.save"}})
    assert response.status_code == 200
    post(client, session_id, "/step", {"count": 60})
    files = [image["file"] for image in get_session(client, session_id)["state"]["images"]]
    assert "db-1.save" in files


def test_refused_action_is_409_and_changes_nothing(client: FlaskClient, session_id: str) -> None:
    post(client, session_id, "/step", {"count": 3})
    before = client.get(url(session_id)).data
    events_before = client.get(url(session_id, "/events?since=0")).data
    web = domain(json.loads(before)["state"], "web")
    response = post(client, session_id, "/actions", {"action": "unpause", "target": "web"})
    error = assert_json_error(response, 409, "refused")
    assert web["state"] in error["message"]
    for allowed in ("pause", "destroy"):
        assert allowed in error["message"]
    assert error["allowed"] == web["allowed_actions"]
    assert client.get(url(session_id)).data == before
    assert client.get(url(session_id, "/events?since=0")).data == events_before


def test_refused_in_french(client: FlaskClient, session_id: str) -> None:
    response = client.post(url(session_id, "/actions") + "?lang=fr",
                           json={"action": "unpause", "target": "web"})
    error = assert_json_error(response, 409, "refused")
    assert error["message"] == error["messages"]["fr"] != error["messages"]["en"]


def test_refused_on_a_paused_domain_names_what_is_allowed(client: FlaskClient,
                                                           session_id: str) -> None:
    before = client.get(url(session_id)).data
    response = post(client, session_id, "/actions", {"action": "save", "target": "batch"})
    error = assert_json_error(response, 409, "refused")
    assert "paused" in error["message"] and "unpause" in error["message"].lower()
    assert error["allowed"] == ["pause", "unpause", "shutdown", "reboot", "destroy"]
    assert client.get(url(session_id)).data == before


def test_control_domain_refuses(client: FlaskClient, session_id: str) -> None:
    before = client.get(url(session_id)).data
    response = post(client, session_id, "/actions", {"action": "pause", "target": 0})
    assert_json_error(response, 409, "refused")
    assert client.get(url(session_id)).data == before


def test_busy_domain_refuses(client: FlaskClient, session_id: str) -> None:
    assert post(client, session_id, "/actions",
                {"action": "shutdown", "target": "web"}).status_code == 200
    before = client.get(url(session_id)).data
    response = post(client, session_id, "/actions", {"action": "pause", "target": "web"})
    error = assert_json_error(response, 409, "refused")
    assert error["allowed"] == []
    assert client.get(url(session_id)).data == before


@pytest.mark.parametrize("body,status,code", [
    ({"action": "pause", "target": "nobody"}, 404, "unknown_target"),
    ({"action": "restore", "target": "missing.save"}, 404, "unknown_target"),
    ({"action": "fly", "target": "web"}, 422, "invalid_command"),
    ({"action": "save", "target": "db", "args": {"bogus": 1}}, 422, "invalid_command"),
    ({"action": "save", "target": "db", "args": {"file": "../etc/passwd"}}, 422,
     "invalid_command"),
    ({"action": "pause", "target": "web", "args": []}, 422, "invalid_argument"),
    ({"action": 3, "target": "web"}, 422, "invalid_argument"),
    ({"target": "web"}, 422, "invalid_argument"),
    ({"action": "pause", "target": ["web"]}, 422, "invalid_argument"),
])
def test_action_errors_change_nothing(client: FlaskClient, session_id: str,
                                      body: dict[str, Any], status: int, code: str) -> None:
    before = client.get(url(session_id)).data
    assert_json_error(post(client, session_id, "/actions", body), status, code)
    assert client.get(url(session_id)).data == before


def test_acting_in_the_past_replaces_the_future(client: FlaskClient, session_id: str) -> None:
    post(client, session_id, "/step", {"count": 20})
    post(client, session_id, "/seek", {"step": 5})
    body = post(client, session_id, "/actions", {"action": "pause", "target": "db"}).get_json()
    assert body["step"] == 6
    after = get_session(client, session_id)
    assert after["step"] == 6 and after["history_length"] == 6


# --- the event log -----------------------------------------------------------------------------


def test_events_since(client: FlaskClient, session_id: str) -> None:
    taken = post(client, session_id, "/step", {"count": 8}).get_json()["events"]
    everything = client.get(url(session_id, "/events?since=0")).get_json()
    assert everything == taken
    later = client.get(url(session_id, "/events?since=5")).get_json()
    assert later == [event for event in taken if event["step"] > 5]
    assert client.get(url(session_id, "/events?since=8")).get_json() == []
    assert client.get(url(session_id, "/events")).get_json() == taken


def test_events_are_narrated_in_both_languages(client: FlaskClient, session_id: str) -> None:
    post(client, session_id, "/actions", {"action": "crash", "target": "web"})
    post(client, session_id, "/step", {"count": 10})
    events = client.get(url(session_id, "/events?since=0")).get_json()
    assert events
    for event in events:
        assert set(event) >= {"step", "kind", "actors", "data", "narration"}
        assert event["narration"]["en"] and event["narration"]["fr"]
    assert any(e["narration"]["en"] != e["narration"]["fr"] for e in events)


@pytest.mark.parametrize("since", ["-1", "x", "1.5"])
def test_events_invalid_since(client: FlaskClient, session_id: str, since: str) -> None:
    assert_json_error(client.get(url(session_id, f"/events?since={since}")), 422)


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("method,tail", [
    ("get", ""), ("post", "/step"), ("post", "/back"), ("post", "/seek"),
    ("post", "/actions"), ("get", "/events"),
])
def test_unknown_session_is_404(client: FlaskClient, method: str, tail: str) -> None:
    kwargs = {"json": {"action": "pause", "target": "web"}} if method == "post" else {}
    response = getattr(client, method)(url("no-such-session", tail), **kwargs)
    assert_json_error(response, 404, "unknown_session")


@pytest.mark.parametrize("tail", ["/step", "/back", "/seek", "/actions"])
def test_malformed_json_is_400(client: FlaskClient, session_id: str, tail: str) -> None:
    before = client.get(url(session_id)).data
    response = client.post(url(session_id, tail), data='{"count": 2,',
                           content_type="application/json")
    assert_json_error(response, 400, "malformed_json")
    assert client.get(url(session_id)).data == before


def test_malformed_json_on_create_is_400(client: FlaskClient) -> None:
    response = client.post("/api/v1/sessions", data="{nope", content_type="application/json")
    assert_json_error(response, 400, "malformed_json")


@pytest.mark.parametrize("body", ["[1, 2]", '"step"', "3"])
def test_body_must_be_an_object(client: FlaskClient, session_id: str, body: str) -> None:
    response = client.post(url(session_id, "/step"), data=body, content_type="application/json")
    assert_json_error(response, 422, "invalid_body")


def test_body_over_the_limit_is_413(client: FlaskClient, session_id: str) -> None:
    before = client.get(url(session_id)).data
    padding = "x" * MAX_BODY_BYTES
    response = client.post(url(session_id, "/actions"),
                           data=json.dumps({"action": "pause", "target": "web", "pad": padding}),
                           content_type="application/json")
    assert_json_error(response, 413, "body_too_large")
    assert client.get(url(session_id)).data == before


def test_body_at_the_limit_is_read(client: FlaskClient, session_id: str) -> None:
    prefix = '{"count": 2, "pad": "'
    body = prefix + "x" * (MAX_BODY_BYTES - len(prefix) - 2) + '"}'
    assert len(body.encode()) == MAX_BODY_BYTES
    response = client.post(url(session_id, "/step"), data=body, content_type="application/json")
    assert response.status_code == 200 and response.get_json()["step"] == 2


def chunked(client: FlaskClient, path: str, body: bytes) -> Any:
    """POST ``body`` without a Content-Length, as a chunked request arrives from gunicorn."""
    return client.post(path, input_stream=io.BytesIO(body),
                       headers={"Transfer-Encoding": "chunked",
                                "Content-Type": "application/json"},
                       environ_overrides={"wsgi.input_terminated": True})


def test_chunked_body_over_the_limit_is_413(client: FlaskClient, session_id: str) -> None:
    before = client.get(url(session_id)).data
    body = json.dumps({"count": 2, "pad": "x" * MAX_BODY_BYTES}).encode()
    assert_json_error(chunked(client, url(session_id, "/step"), body), 413, "body_too_large")
    assert client.get(url(session_id)).data == before


def test_chunked_body_at_the_limit_is_read(client: FlaskClient, session_id: str) -> None:
    prefix = b'{"count": 3, "pad": "'
    body = prefix + b"x" * (MAX_BODY_BYTES - len(prefix) - 2) + b'"}'
    response = chunked(client, url(session_id, "/step"), body)
    assert response.status_code == 200 and response.get_json()["step"] == 3


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v2/sessions", "/api/v1/sessions/x/y"])
def test_unknown_api_url_is_json_404(client: FlaskClient, path: str) -> None:
    assert_json_error(client.get(path), 404, "not_found")


@pytest.mark.parametrize("method,path", [
    ("get", "/api/v1/sessions"), ("delete", "/api/v1/sessions/abc"),
    ("get", "/api/v1/sessions/abc/step"), ("put", "/api/v1/scenarios"),
    ("get", "/api/v1/translate"), ("post", "/healthz"),
])
def test_wrong_method_is_json_405(client: FlaskClient, method: str, path: str) -> None:
    assert_json_error(getattr(client, method)(path), 405, "method_not_allowed")


def test_unexpected_error_is_json_500_without_traceback(app: Flask, session_id: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    service = app.extensions["sessions"]

    def explode(_session_id: str) -> Any:
        raise RuntimeError("secret internals")

    service.get = explode  # type: ignore[method-assign]
    monkeypatch.setattr(app.logger, "disabled", True)  # the "webapp" logger is shared
    response = app.test_client().get(url(session_id))
    error = assert_json_error(response, 500, "internal")
    assert "secret internals" not in response.get_data(as_text=True)
    assert error["message"]


def test_security_headers(client: FlaskClient) -> None:
    response = client.get("/api/v1/scenarios")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- durability --------------------------------------------------------------------------------


def test_sessions_survive_app_recreation(make: Callable[[], Flask]) -> None:
    first = make(SHARED_SESSIONS=True).test_client()
    ids = {}
    for scenario, seed in (("lifecycle-basics", 1), ("lifecycle-save-restore", 2),
                           ("lifecycle-crash", 3)):
        ids[scenario] = first.post("/api/v1/sessions",
                                   json={"scenario": scenario, "seed": seed}).get_json()["id"]
    basics, save, crash = ids["lifecycle-basics"], ids["lifecycle-save-restore"], \
        ids["lifecycle-crash"]
    post(first, basics, "/step", {"count": 10})
    post(first, basics, "/actions", {"action": "crash", "target": "web"})
    post(first, basics, "/step", {"count": 15})
    post(first, basics, "/seek", {"step": 7})  # act in the past: the future is replaced
    post(first, basics, "/actions", {"action": "pause", "target": "db"})
    post(first, basics, "/step", {"count": 200})
    post(first, basics, "/back", {"count": 60})
    post(first, save, "/step", {"count": 45})
    post(first, crash, "/step", {"count": 50})
    post(first, crash, "/seek", {"step": 20})
    post(first, crash, "/actions", {"action": "create",
                                    "args": {"name": "fresh", "memory_mb": 128}})
    expected = {sid: first.get(url(sid)).get_json() for sid in ids.values()}
    expected_events = {sid: first.get(url(sid, "/events?since=0")).get_json()
                       for sid in ids.values()}
    assert expected[basics]["step"] == 148 and expected[basics]["history_length"] == 208

    second = make(SHARED_SESSIONS=True).test_client()
    for sid in ids.values():
        again = second.get(url(sid)).get_json()
        assert again == expected[sid]
        assert second.get(url(sid, "/events?since=0")).get_json() == expected_events[sid]
    # the future recorded before the restart is still there to replay
    assert post(second, basics, "/step", {"count": 60},
                token_of(first, basics)).get_json()["step"] == 208
    assert get_session(second, basics)["history_length"] == 208
    # a change made through one app is seen by the other (the store's version is newer)
    post(first, basics, "/step", {"count": 5})
    assert get_session(second, basics)["step"] == 213


def test_a_restarted_app_continues_identically(make: Callable[[], Flask]) -> None:
    first = make().test_client()
    sid = first.post("/api/v1/sessions", json={"scenario": "lifecycle-basics",
                                                "seed": 11}).get_json()["id"]
    twin = first.post("/api/v1/sessions", json={"scenario": "lifecycle-basics",
                                                 "seed": 11}).get_json()["id"]
    for session in (sid, twin):
        post(first, session, "/step", {"count": 30})
        post(first, session, "/actions", {"action": "save", "target": "web"})
    post(first, twin, "/step", {"count": 100})
    second = make().test_client()
    post(second, sid, "/step", {"count": 100}, token_of(first, sid))
    assert get_session(second, sid)["state"] == get_session(first, twin)["state"]


def test_concurrent_requests_lose_no_step(app: Flask, client: FlaskClient,
                                         session_id: str) -> None:
    owner = client
    """Requests on one session from several threads (gunicorn --threads): every step counts."""
    threads, each = 4, 30
    failures: list[int] = []

    token = token_of(owner, session_id)

    def worker() -> None:
        client = app.test_client()
        for _ in range(each):
            status = post(client, session_id, "/step", token=token).status_code
            if status != 200:
                failures.append(status)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=60)
    assert failures == []
    body = get_session(app.test_client(), session_id)
    assert body["step"] == body["history_length"] == threads * each


# --- the memory lab's stateless endpoints ------------------------------------------------------


def test_import_ostep_then_translate(client: FlaskClient) -> None:
    text = (OSTEP_DATA / "linear_seed0_verbose.txt").read_text()
    response = client.post("/api/v1/import/ostep", json={"text": text})
    assert response.status_code == 200
    document = response.get_json()
    assert document["paging"] == "linear"
    assert document["addresses"] and all(a.startswith("0x") for a in document["addresses"])
    for va in document["addresses"]:
        walked = client.post("/api/v1/translate", json={**document, "va": va,
                                                        "access": "read", "user": True})
        assert walked.status_code == 200, walked.get_data(as_text=True)
        result = walked.get_json()
        assert set(result) == {"result", "references", "entry_updates"}
        if "pa" in result["result"]:
            assert re.fullmatch(r"0x[0-9a-f]+", result["result"]["pa"])


def test_translate_x86_64_uses_hex_strings(client: FlaskClient) -> None:
    zero = ["0x0"] * 512

    def table(index: int, entry: str) -> list[str]:
        return [*zero[:index], entry, *zero[index + 1:]]

    document = {"paging": "x86_64", "root": "0x1000", "va": "0x7f0000001234",
                "access": "read", "user": False,
                "memory": {"1": table(254, "0x2003"), "2": table(0, "0x3003"),
                           "3": table(0, "0x4003"), "4": table(1, "0xffff000005003")}}
    response = client.post("/api/v1/translate", json=document)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["result"]["pa"] == "0xffff000005234"
    for reference in body["references"]:
        assert re.fullmatch(r"0x[0-9a-f]+", reference["entry_address"])
        assert re.fullmatch(r"0x[0-9a-f]+", reference["entry"])
    as_integer = client.post("/api/v1/translate", json={**document, "root": 4096})
    error = assert_json_error(as_integer, 422, "invalid_document")
    assert "hex string" in error["message"]


@pytest.mark.parametrize("path,body", [
    ("/api/v1/translate", {"paging": "sparc"}),
    ("/api/v1/translate", {}),
    ("/api/v1/import/ostep", {"text": "hello"}),
    ("/api/v1/import/ostep", {"text": 3}),
    ("/api/v1/import/ostep", {}),
])
def test_translate_and_import_errors(client: FlaskClient, path: str, body: Any) -> None:
    assert_json_error(client.post(path, json=body), 422, "invalid_document")


def test_translate_malformed_json(client: FlaskClient) -> None:
    response = client.post("/api/v1/translate", data="{", content_type="application/json")
    assert_json_error(response, 400, "malformed_json")
