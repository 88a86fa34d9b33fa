"""The devices lab's page and its actions partial, in both languages; commands and refusals
through the JSON API (the page has no routes of its own)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

SCENARIOS = ("devices-block-read", "devices-batch", "devices-network", "devices-emulated")


def start(client: FlaskClient, scenario: str) -> str:
    response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": 3})
    assert response.status_code == 201
    return str(response.get_json()["id"])


def lab_config(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="lab-config">(.*?)</script>', page,
                      re.DOTALL)
    assert found
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def step(client: FlaskClient, session: str, count: int) -> None:
    assert client.post(f"/api/v1/sessions/{session}/step", json={"count": count}).status_code == 200


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_renders_with_the_plotly_bundle_and_the_translated_view(
        client: FlaskClient, scenario: str, lang: str) -> None:
    session = start(client, scenario)
    response = client.get(f"/s/{session}?lang={lang}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in page and "plotly-basic-4.1.1.min.js" in page
    assert 'id="ring-svg"' in page and 'id="xenstore"' in page and 'id="chart-counts"' in page
    config = lab_config(page)
    assert config["lab"] == "devices" and "devices" in config["state"]
    words = config["extra"]["t"]
    assert words["grants"] == ("Table d'octroi de {domain}" if lang == "fr"
                               else "Grant table of {domain}")
    assert "<script>" not in page.replace('<script type="application/json"', "")


def test_the_actions_partial_says_why_an_action_does_not_apply(client: FlaskClient) -> None:
    session = start(client, "devices-block-read")
    fragment = client.get(f"/s/{session}/partials/devices_actions?lang=en").get_data(as_text=True)
    assert "<html" not in fragment
    assert "Refused: the vbd device is not plugged" in fragment
    assert 'data-action="connect"' in fragment and 'data-action="map_grant"' in fragment
    french = client.get(f"/s/{session}/partials/devices_actions?lang=fr").get_data(as_text=True)
    assert "Essayez un mauvais usage" in french and "non branché" in french


def test_misuse_buttons_carry_the_arguments_that_make_them_misuses(client: FlaskClient) -> None:
    session = start(client, "devices-batch")
    step(client, session, 1)
    client.post(f"/api/v1/sessions/{session}/actions", json={"action": "read"})
    step(client, session, 40)
    fragment = client.get(f"/s/{session}/partials/devices_actions").get_data(as_text=True)
    buttons = {m.group(1): json.loads(m.group(2).replace("&#34;", '"')) for m in re.finditer(
        r'data-misuse="(\w+)" data-action="\w+"\s+data-args="([^"]*)"', fragment)}
    assert buttons["never"]["ref"] == 300 and buttons["end"]["ref"] == 8
    assert "ref" in buttons["ended"], "a read completed: an ended grant is offered"


def test_a_refused_misuse_is_a_409_that_changes_nothing(client: FlaskClient) -> None:
    session = start(client, "devices-batch")
    before = client.get(f"/api/v1/sessions/{session}").get_json()
    response = client.post(f"/api/v1/sessions/{session}/actions?lang=fr", json={
        "action": "map_grant", "args": {"mapper": 0, "granter": 1, "ref": 300}})
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "refused" and "GNTTABOP_map_grant_ref" in error["message"]
    assert "Rien n'a changé" in error["messages"]["fr"]
    after = client.get(f"/api/v1/sessions/{session}").get_json()
    assert after["state"] == before["state"] and after["step"] == before["step"]


def test_the_scripted_handshake_and_read_show_in_the_snapshot(client: FlaskClient) -> None:
    session = start(client, "devices-block-read")
    step(client, session, 70)
    state = client.get(f"/api/v1/sessions/{session}").get_json()["state"]["devices"]
    vbd = state["devices"][0]
    assert (vbd["front_state_name"], vbd["back_state_name"]) == ("Connected", "Connected")
    assert state["requests"]["done"] == 1 and state["counters"]["blk"]["hypercalls"] == 4
    assert any(path.endswith("/ring-ref") for path, _value, _perms in state["xenstore"]["nodes"])
