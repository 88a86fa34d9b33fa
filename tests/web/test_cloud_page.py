"""The cloud lab's page in both languages, and its snapshot section and commands through the
JSON API (the page has no routes of its own)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

SCENARIOS = ("cloud-live-migration", "cloud-consolidation", "cloud-host-failure")


def start(client: FlaskClient, scenario: str) -> str:
    response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": 3})
    assert response.status_code == 201
    return str(response.get_json()["id"])


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize(("lang", "words"), [("en", ("Live migration", "Iterative pre-copy",
                                                     "Price sheet (€)", "{n} MiB")),
                                             ("fr", ("Migration à chaud", "Pré-copie itérative",
                                                     "Grille tarifaire (€)", "{n} Mio"))])
def test_the_page_renders_in_both_languages(client: FlaskClient, scenario: str, lang: str,
                                            words: tuple[str, ...]) -> None:
    session = start(client, scenario)
    page = client.get(f"/s/{session}?lang={lang}").get_data(as_text=True)
    assert f'<html lang="{lang}"' in page and "cloud-action" in page
    assert all(word in page for word in words), [w for w in words if w not in page]
    for part in ('id="dc-svg"', 'id="mig-heat"', 'id="chart-rounds"', 'id="chart-power"',
                 'id="chart-runstates"', 'id="chart-bills"', 'id="form-migrate"',
                 'id="form-host"', 'id="form-domain"', 'id="form-prices"', 'plotly-basic'):
        assert part in page, part
    assert " on" + "click=" not in page and "style=" not in page.split('id="lab-config"')[0]


def test_the_snapshot_has_the_documented_shape(client: FlaskClient) -> None:
    session = start(client, "cloud-live-migration")
    assert client.post(f"/api/v1/sessions/{session}/actions", json={
        "action": "migrate", "target": "web1", "args": {"to": "host2"}}).status_code == 200
    client.post(f"/api/v1/sessions/{session}/step", json={"count": 12})
    cloud = client.get(f"/api/v1/sessions/{session}").get_json()["state"]["cloud"]
    assert {"id", "power_watts", "domains", "state"} <= set(cloud["hosts"][0])
    assert {"bill", "sla"} <= set(cloud["tenants"][0])
    assert {"availability", "violations"} <= set(cloud["tenants"][0]["sla"])
    mig = cloud["migrations"][0]
    assert mig["phase"] == "done" and mig["domain"] == "web1" and mig["target"] == "host2"
    assert [r["pages_sent"] for r in mig["rounds"]] == [131072, 8192, 1342, 219, 35, 5]
    assert set(mig["rounds"][0]) == {"round", "pages_sent", "pages_dirtied"}
    assert mig["downtime_ms"] == 30.164 and mig["memory_pages"] == 131072
    fragment = client.get(f"/s/{session}/partials/cloud_actions").get_data(as_text=True)
    assert "Consolidate" in fragment and 'data-action="restart_domains"' in fragment
    assert "aria-disabled" in fragment  # nothing is down: restarting is refused, with a reason


def test_a_refused_command_is_a_409_that_changes_nothing(client: FlaskClient) -> None:
    session = start(client, "cloud-live-migration")
    before = client.get(f"/api/v1/sessions/{session}").get_json()
    response = client.post(f"/api/v1/sessions/{session}/actions?lang=fr", json={
        "action": "migrate", "target": "web1", "args": {"to": "host1"}})
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "refused" and "web1" in error["message"]
    after = client.get(f"/api/v1/sessions/{session}").get_json()
    assert after["state"] == before["state"]


@pytest.mark.parametrize("args", [{"to": "host2", "bandwidth_mbps": "fast"},
                                  {"to": "host2", "max_rounds": 10**9}, {"nope": 1}])
def test_bad_arguments_are_422(client: FlaskClient, args: dict[str, object]) -> None:
    session = start(client, "cloud-live-migration")
    response = client.post(f"/api/v1/sessions/{session}/actions", json={
        "action": "migrate", "target": "web1", "args": args})
    assert response.status_code == 422 and response.get_json()["error"]["code"]
