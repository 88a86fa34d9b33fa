"""Guided learning over HTTP, the socket and the pages: "next event" stepping, the narrated
history a page at a time, the goal and the chapter beside the picture, the landing page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from webapp import catalog

Socket = Any


def api(session_id: str, tail: str = "") -> str:
    return f"/api/v1/sessions/{session_id}{tail}"


def start(client: FlaskClient, scenario: str, seed: int = 7) -> str:
    response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": seed})
    assert response.status_code == 201
    return str(response.get_json()["id"])


def step(client: FlaskClient, session_id: str, **body: Any) -> Any:
    return client.post(api(session_id, "/step"), json=body)


# -- next event --------------------------------------------------------------------------------

def test_until_notable_stops_at_the_next_notable_event(client: FlaskClient) -> None:
    session_id = start(client, "lifecycle-crash")
    body = step(client, session_id, until="notable").get_json()
    assert body["stopped"] == "notable" and body["taken"] == body["step"] == 4
    last = [e for e in body["events"] if e["step"] == body["step"]]
    assert any(e["notable"] for e in last)
    assert not any(e["notable"] for e in body["events"] if e["step"] < body["step"])
    assert client.get(api(session_id)).get_json()["step"] == 4


def test_until_notable_takes_no_step_when_nothing_would_happen_by_itself(
        client: FlaskClient, session_id: str) -> None:
    body = step(client, session_id, until="notable").get_json()
    assert body == {"step": 0, "taken": 0, "stopped": "quiet", "events": []}
    client.post(api(session_id, "/actions"), json={"action": "shutdown", "target": "db"})
    body = step(client, session_id, until="notable").get_json()
    assert body["stopped"] == "notable" and body["step"] > 1


def test_until_notable_stops_once_the_model_is_quiet_and_at_its_count(
        client: FlaskClient) -> None:
    session_id = start(client, "memory-native-tlb")
    client.post(api(session_id, "/actions"),
                json={"action": "access", "args": {"va": "0x401010", "access": "read"}})
    body = step(client, session_id, until="notable").get_json()  # a walk with no fault
    assert body["stopped"] == "quiet" and body["taken"] > 3
    assert any(e["kind"] == "mem.translated" for e in body["events"])
    crash = start(client, "lifecycle-crash")
    assert step(client, crash, until="notable", count=2).get_json()["stopped"] == "limit"


def test_a_plain_step_is_still_one_step_and_says_nothing_of_until(client: FlaskClient,
                                                                  session_id: str) -> None:
    body = step(client, session_id).get_json()
    assert body["step"] == body["taken"] == 1 and "stopped" not in body


def test_a_bad_until_is_refused_and_nothing_moves(client: FlaskClient, session_id: str) -> None:
    before = client.get(api(session_id)).get_data()
    for body in ({"until": "soon"}, {"until": 1}, {"until": ["notable"]},
                 {"until": "notable", "count": 0}, {"until": "notable", "count": 10_001}):
        response = step(client, session_id, **body)
        assert response.status_code == 422, body
        assert response.get_json()["error"]["code"] == "invalid_argument"
    assert client.get(api(session_id)).get_data() == before


def test_the_socket_step_until_notable_answers_the_sender_how_far_it_went(
        client: FlaskClient, new_socket: Callable[[], Socket]) -> None:
    session_id = start(client, "lifecycle-crash")
    driver, follower = new_socket(), new_socket()
    for socket in (driver, follower):
        socket.emit("join", {"session": session_id})
        socket.get_received()
    driver.emit("step", {"session": session_id, "until": "notable"})
    mine = {m["name"]: m["args"][0] for m in driver.get_received()}
    assert mine["stepped"] == {"session": session_id, "step": 4, "taken": 4,
                               "stopped": "notable"}
    assert mine["state"]["step"] == 4
    theirs = [m["name"] for m in follower.get_received()]
    assert theirs == ["state"]  # the room sees the change, not the sender's answer
    driver.emit("step", {"session": session_id, "until": "later"})
    [error] = [m["args"][0] for m in driver.get_received() if m["name"] == "error"]
    assert error["code"] == "invalid_argument"


# -- the history, a page at a time -------------------------------------------------------------

def test_the_history_pages_back_from_the_cursor_and_moves_nothing(client: FlaskClient) -> None:
    session_id = start(client, "lifecycle-crash")
    step(client, session_id, count=60)
    client.post(api(session_id, "/seek"), json={"step": 30})
    before = client.get(api(session_id)).get_data()
    page = client.get(api(session_id, "/history?limit=5")).get_json()
    assert page["last"] == 30 and page["before"] == 31 and page["earlier"]
    assert all(page["first"] <= e["step"] <= 30 for e in page["events"])
    older = client.get(api(session_id, f"/history?limit=5&before={page['first']}")).get_json()
    assert older["last"] == page["first"] - 1
    whole = client.get(api(session_id, "/events?since=0")).get_json()
    together = [e for e in whole if older["first"] <= e["step"] <= 30]
    assert older["events"] + page["events"] == together
    viewed = client.get(api(session_id, "/history?before=51")).get_json()  # a viewer at 50
    assert viewed["last"] == 50
    assert client.get(api(session_id)).get_data() == before


def test_the_history_refuses_bad_numbers_and_unknown_sessions(client: FlaskClient,
                                                              session_id: str) -> None:
    for query in ("before=0", "before=-1", "limit=0", "limit=501", "limit=x"):
        response = client.get(api(session_id, f"/history?{query}"))
        assert response.status_code == 422, query
    assert client.get(api("nope", "/history")).status_code == 404
    empty = client.get(api(session_id, "/history")).get_json()
    assert empty == {"before": 1, "first": 1, "last": 0, "earlier": False, "events": []}


# -- pages -------------------------------------------------------------------------------------

def config_of(html: str, element: str) -> Any:
    found = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', html,
                      re.S)
    assert found, element
    return json.loads(found.group(1))


def test_the_lab_page_shows_the_goal_and_the_current_chapter_with_its_button(
        client: FlaskClient, session_id: str) -> None:
    html = client.get(f"/s/{session_id}?lang=en").get_data(as_text=True)
    side = html[html.index('<aside class="side">'):html.index('id="narration"')]
    assert 'id="guide"' in side  # beside the picture, above the narration
    assert "Follow a domain through the states Xen gives it" in side
    assert "Chapter 1 of 6" in side and ">Pause web</button>" in side
    config = config_of(html, "guide-config")
    assert config["labels"]["crash.panic"] == "guest kernel panic"
    assert "sched.tick" in config["filler"]
    assert config["i18n"]["chapter_done"].startswith("Chapter {k} done")
    follower = client.get(f"/s/{session_id}?step=0&lang=fr").get_data(as_text=True)
    assert "Chapitre 1 sur 6" in follower and "Mettre web en pause</button>" in follower
    assert 'id="guide-action" class="guide-action" disabled' in follower


def test_a_scripted_scenario_counts_step_k_of_n_and_others_do_not(client: FlaskClient) -> None:
    scripted = start(client, "lifecycle-save-restore")
    html = client.get(f"/s/{scripted}?lang=en").get_data(as_text=True)
    end = client.get(api(scripted)).get_json()["state"]["guide"]["script_end"]
    assert re.search(rf'<span id="step-total"> of <output id="step-end">{end}</output>', html)
    free = client.get(f"/s/{start(client, 'lifecycle-basics')}").get_data(as_text=True)
    assert '<span id="step-total" hidden>' in free


def test_the_time_controls_offer_next_event_and_one_step_and_the_dialog_lists_their_keys(
        client: FlaskClient, session_id: str) -> None:
    html = client.get(f"/s/{session_id}?lang=en").get_data(as_text=True)
    assert re.search(r'data-control="next"[^>]*>▶\|</button>', html)
    assert re.search(r'data-control="step"[^>]*>\+1</button>', html)
    dialog = html[html.index('<dialog id="shortcuts"'):]
    assert "<kbd>n</kbd>" in dialog and "Next event" in dialog and "One step" in dialog


def test_the_landing_page_follows_the_course_and_the_levels_and_explains_the_seed(
        client: FlaskClient) -> None:
    html = client.get("/?lang=en").get_data(as_text=True)
    labs = re.findall(r'<h2 id="lab-(\w+)"', html)
    assert labs == ["categories", "lifecycle", "boot", "memory", "devices", "cloud"]
    assert "the same scenario with the same seed always replays the same history" in html
    for lab in labs:
        section = html[html.index(f'id="lab-{lab}"'):]
        section = section[:section.find("</section>")]
        levels = [int(level) for level in re.findall(r'data-level="(\d)"', section)]
        assert levels == sorted(levels) and levels[0] == 1, (lab, levels)
    assert html.count('class="goal"') == len(catalog.scenarios())
    french = client.get("/?lang=fr").get_data(as_text=True)
    assert "La graine fixe" in french and "Niveau 1 · introduction" in french
