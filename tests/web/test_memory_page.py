"""The memory lab's page, partials and routes: sessions started from a document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp.catalog import scenarios

DATA = Path(__file__).resolve().parents[1] / "model" / "paging" / "data"
MEMORY = sorted(sid for sid, s in scenarios().items() if s.lab == "memory")


def new_session(client: FlaskClient, scenario: str, seed: int = 3) -> str:
    response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": seed})
    assert response.status_code == 201
    return str(response.get_json()["id"])


def act(client: FlaskClient, session: str, action: str, **args: Any) -> Any:
    return client.post(f"/api/v1/sessions/{session}/actions",
                       json={"action": action, "args": args})


def state(client: FlaskClient, session: str) -> dict[str, Any]:
    body = client.get(f"/api/v1/sessions/{session}").get_json()
    return dict(body["state"]["memory"])


@pytest.mark.parametrize("scenario", MEMORY)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_and_its_partials_render_in_both_languages(client: FlaskClient, scenario: str,
                                                            lang: str) -> None:
    session = new_session(client, scenario)
    act(client, session, "run_trace")
    client.post(f"/api/v1/sessions/{session}/step", json={"count": 40})
    page = client.get(f"/s/{session}?lang={lang}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for needed in ('id="walk"', 'id="va-split"', 'id="chart-refs"', 'id="import-form"',
                   "plotly-basic-4.1.1.min.js", "css/memory.css", 'id="exercises-panel"'):
        assert needed in html, needed
    assert ("Nested paging (EPT)" if lang == "en" else "Pagination imbriquée (EPT)") in html
    for partial in ("memory_tlb", "memory_frames"):
        response = client.get(f"/s/{session}/partials/{partial}?lang={lang}")
        assert response.status_code == 200



def test_another_labs_session_has_no_memory_view(client: FlaskClient) -> None:
    session = new_session(client, "lifecycle-basics")
    assert client.get(f"/s/{session}/memory").status_code == 404
    assert client.get(f"/s/{session}/partials/memory_tlb").status_code == 404


def test_a_refused_mmu_update_is_a_409_with_xens_reason_and_no_step(client: FlaskClient
                                                                    ) -> None:
    session = new_session(client, "memory-pv-mmu")
    suggestion = next(s for s in state(client, session)["pv"]["suggestions"]
                      if s["id"] == "pt_writable")
    before = state(client, session)
    response = act(client, session, "mmu_update", ptr=suggestion["ptr"], val=suggestion["val"])
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "refused" and "may not be mapped writable" in error["message"]
    assert "ne doit pas être projeté en écriture" in error["messages"]["fr"]
    assert client.get(f"/api/v1/sessions/{session}").get_json()["step"] == 0
    assert state(client, session) == before


def test_an_accepted_suggestion_goes_through_the_hypercall(client: FlaskClient) -> None:
    session = new_session(client, "memory-pv-mmu")
    suggestion = next(s for s in state(client, session)["pv"]["suggestions"]
                      if s["id"] == "read_only")
    response = act(client, session, "mmu_update", ptr=suggestion["ptr"], val=suggestion["val"])
    assert response.status_code == 200
    assert [e["kind"] for e in response.get_json()["events"]] == ["hypercall.mmu_update"]


@pytest.mark.parametrize("sample, paging, count", [
    ("multilevel_seed0.txt", "ostep", 10), ("linear_seed3_solved.txt", "linear", 10),
])
def test_an_ostep_text_starts_a_session_whose_log_loads_it_at_step_0(
        client: FlaskClient, sample: str, paging: str, count: int) -> None:
    text = (DATA / sample).read_text()
    response = client.post("/api/v1/memory/sessions", json={"text": text, "seed": 9})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["scenario"], body["seed"], body["step"]) == ("memory-ostep", 9, 1)
    assert body["url"] == f"/s/{body['id']}"
    memory = state(client, body["id"])
    assert memory["paging"] == paging and memory["trace"]["length"] == count
    assert client.get(body["url"]).status_code == 200


def test_a_document_session_survives_a_restart(make: Callable[[], Flask]) -> None:
    first = make().test_client()
    text = (DATA / "multilevel_seed0.txt").read_text()
    session = first.post("/api/v1/memory/sessions", json={"text": text}).get_json()["id"]
    act(first, session, "access", va="0x611c")
    first.post(f"/api/v1/sessions/{session}/step", json={"count": 5})
    before = state(first, session)
    second = make().test_client()
    assert state(second, session) == before


def test_a_translation_document_starts_a_session_too(client: FlaskClient) -> None:
    zero = ["0x0"] * 512
    pml4, pdpt, pd, pt = list(zero), list(zero), list(zero), list(zero)
    pml4[0], pdpt[0], pd[0], pt[0] = "0x2007", "0x3007", "0x4007", "0x9007"
    document = {"paging": "x86_64", "root": "0x1000", "va": "0x123", "access": "read",
                "user": True, "memory": {"1": pml4, "2": pdpt, "3": pd, "4": pt}}
    translated = client.post("/api/v1/translate", json=document).get_json()
    response = client.post("/api/v1/memory/sessions",
                           json={"document": document, "scenario": "memory-native-tlb"})
    assert response.status_code == 201
    session = response.get_json()["id"]
    act(client, session, "run_trace")
    client.post(f"/api/v1/sessions/{session}/step", json={"count": 20})
    assert state(client, session)["log"][-1]["address"] == translated["result"]["pa"]


@pytest.mark.parametrize("body, status, code", [
    ({"text": "hello"}, 422, "invalid_document"),
    ({"text": 5}, 422, "invalid_document"),
    ({"document": []}, 422, "invalid_document"),
    ({"document": {"paging": "x86_64", "mode": "nested"}}, 422, "invalid_command"),
    ({"document": {"paging": "arm"}}, 422, "invalid_command"),
    ({"text": "x", "seed": -1}, 422, "invalid_argument"),
    ({"text": "x", "scenario": 3}, 422, "invalid_argument"),
    ({"document": {"paging": "linear"}, "scenario": "lifecycle-basics"}, 404,
     "unknown_scenario"),
])
def test_a_bad_document_request_is_refused_and_creates_no_session(
        client: FlaskClient, app: Flask, body: dict[str, Any], status: int, code: str) -> None:
    sessions = app.extensions["sessions"]
    before = len(sessions.live)
    response = client.post("/api/v1/memory/sessions", json=body)
    assert response.status_code == status, response.get_json()
    assert response.get_json()["error"]["code"] == code
    assert len(sessions.live) == before


def test_the_import_form_redirects_to_the_new_session(client: FlaskClient) -> None:
    text = (DATA / "linear_seed0_verbose.txt").read_text()
    response = client.post("/memory/import", data={"text": text})
    assert response.status_code == 303
    assert client.get(response.headers["Location"]).status_code == 200
    bad = client.post("/memory/import", data={"text": "nothing useful"})
    assert bad.status_code == 422
    assert "paging-multilevel-translate.py" in bad.get_data(as_text=True)


def test_a_socket_access_broadcasts_one_reference_per_step(client: FlaskClient,
                                                           socket_client: Any) -> None:
    session = new_session(client, "memory-native-tlb")
    socket_client.emit("join", {"session": session})
    socket_client.get_received()
    socket_client.emit("action", {"session": session, "action": "access",
                                  "args": {"va": "0x401008", "access": "read", "user": True}})
    for _ in range(4):
        socket_client.emit("step", {"session": session, "count": 1})
    messages = [m for m in socket_client.get_received() if m["name"] == "state"]
    kinds = [e["kind"] for m in messages for e in m["args"][0]["events"]]
    assert kinds == ["mem.tlb_miss", "mem.read", "mem.read", "mem.read", "mem.read"]
    socket_client.emit("action", {"session": session, "action": "access",
                                  "args": {"va": "0x401008"}})
    errors = [m for m in socket_client.get_received() if m["name"] == "error"]
    assert errors and errors[0]["args"][0]["code"] == "refused"
