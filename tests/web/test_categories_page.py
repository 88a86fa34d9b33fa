"""The categories lab's page, its actions partial, its snapshot section and the chooser's
JSON twin, in both languages; commands and refusals through the JSON API."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

SCENARIOS = ("categories-basics", "categories-io", "categories-memory", "categories-privileged")
CATEGORIES = ["emulation", "os_level", "paravirtualization", "hardware_assisted"]


def start(client: FlaskClient, scenario: str) -> str:
    response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": 3})
    assert response.status_code == 201
    return str(response.get_json()["id"])


def step(client: FlaskClient, session: str, count: int) -> None:
    assert client.post(f"/api/v1/sessions/{session}/step", json={"count": count}).status_code == 200


def section(client: FlaskClient, session: str) -> dict[str, Any]:
    return client.get(f"/api/v1/sessions/{session}").get_json()["state"]["categories"]  # type: ignore[no-any-return]


def lab_config(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="lab-config">(.*?)</script>', page,
                      re.DOTALL)
    assert found
    return json.loads(found.group(1))  # type: ignore[no-any-return]


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_renders_four_columns_and_the_translated_view(
        client: FlaskClient, scenario: str, lang: str) -> None:
    session = start(client, scenario)
    page = client.get(f"/s/{session}?lang={lang}").get_data(as_text=True)
    assert f'<html lang="{lang}"' in page and "plotly-basic-4.1.1.min.js" in page
    assert page.count('class="cat-svg"') == 4 and 'id="chart-time"' in page
    assert 'id="cat-chooser-form"' in page and 'id="cat-isolation"' in page
    config = lab_config(page)
    assert config["lab"] == "categories" and "categories" in config["state"]
    words = config["extra"]["t"]
    assert words["categories"]["paravirtualization"] == (
        "Para-virtualisation" if lang == "fr" else "Para-virtualization")
    assert ("Quelle catégorie choisir ?" if lang == "fr" else "Which category should I choose?"
            ) in page
    assert "<script>" not in page.replace('<script type="application/json"', "")
    assert not re.search(r"\son\w+=", page) and "style=" not in page.split("<body")[1].replace(
        'class="marker"', "")


def test_after_a_built_in_workload_the_counters_tell_the_categories_apart(
        client: FlaskClient) -> None:
    for scenario in SCENARIOS:
        session = start(client, scenario)
        step(client, session, 40)
        shown = section(client, session)
        assert [c["category"] for c in shown["columns"]] == CATEGORIES
        cols = {c["category"]: c["counters"] for c in shown["columns"]}
        assert cols["os_level"]["vm_exits"] == 0 and cols["os_level"]["hypercalls"] == 0
        assert cols["paravirtualization"]["hypercalls"] > 0
        assert cols["hardware_assisted"]["vm_exits"] > 0
        assert cols["emulation"]["instructions_emulated"] > 0
        assert all(isinstance(v, int) for c in cols.values() for v in c.values())
        assert shown["workload"]["finished"] and shown["workload"]["index"] == len(
            shown["workload"]["ops"]) - 1


def test_the_snapshot_shows_the_operation_in_progress(client: FlaskClient) -> None:
    session = start(client, "categories-basics")
    step(client, session, 5)
    shown = section(client, session)
    assert shown["workload"]["index"] == 2 and shown["workload"]["ops"][2] == {"op": "cpuid"}
    hvm = shown["columns"][3]
    assert hvm["hop"]["path"] == ["guest_kernel", "xen"] and hvm["exits_by_reason"] == {
        "CPUID": 1}
    assert hvm["hop"]["step"] == 5


def test_compose_change_a_cost_and_refusals_through_the_api(client: FlaskClient) -> None:
    session = start(client, "categories-basics")
    step(client, session, 2)
    refused = client.post(f"/api/v1/sessions/{session}/actions",
                          json={"action": "add_op", "args": {"op": "cpuid"}})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "refused"
    step(client, session, 20)
    bad = client.post(f"/api/v1/sessions/{session}/actions",
                      json={"action": "set_cost", "args": {"name": "vm_exit", "cycles": "x"}})
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "invalid_command"
    ok = client.post(f"/api/v1/sessions/{session}/actions",
                     json={"action": "set_cost", "args": {"name": "vm_exit", "cycles": 2000}})
    assert ok.status_code == 200
    assert section(client, session)["costs"]["vm_exit"] == 2000
    fragment = client.get(f"/s/{session}/partials/categories_actions?lang=fr").get_data(
        as_text=True)
    assert "<html" not in fragment and "défaut 1000" in fragment


def test_the_chooser_recommends_with_reasons_and_evidence(client: FlaskClient) -> None:
    session = start(client, "categories-basics")
    step(client, session, 20)
    body = client.get("/api/v1/categories/choose?unmodified_os=yes&has_vtx=yes"
                      f"&strong_isolation=yes&session={session}").get_json()
    assert body["recommended"] == ["hardware_assisted"]
    rows = {row["category"]: row for row in body["ranking"]}
    assert rows["paravirtualization"]["excluded"]
    assert {"metric": "vm_exits", "value": 4} in rows["hardware_assisted"]["evidence"]
    assert "LXC" in rows["os_level"]["tools"]
    dense = client.get("/api/v1/categories/choose?density=yes&container_toolchain=yes").get_json()
    assert dense["recommended"] == ["os_level"] and dense["ranking"][0]["evidence"] == []


@pytest.mark.parametrize("query", ["density=maybe", "colour=blue", "session=", "session=nope",
                                   "density=yes&density=no&session=" + "x" * 100])
def test_the_chooser_refuses_bad_queries_as_json(client: FlaskClient, query: str) -> None:
    response = client.get(f"/api/v1/categories/choose?{query}&lang=fr")
    assert response.status_code in (404, 422)
    error = response.get_json()["error"]
    assert error["code"] and error["message"]


def test_another_labs_session_is_not_drawn_by_this_page(client: FlaskClient) -> None:
    session = start(client, "devices-block-read")
    assert client.get(f"/s/{session}/categories").status_code == 404
    lifecycle = start(client, "categories-basics")
    other = client.get(f"/api/v1/categories/choose?session={start(client, 'devices-emulated')}")
    assert other.status_code == 422 and lifecycle
