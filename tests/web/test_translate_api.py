"""POST /api/v1/translate and POST /api/v1/import/ostep through the Flask test client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp.web.errors import register_error_handlers
from webapp.web.translate_api import bp

DATA = Path(__file__).parent.parent / "model" / "paging" / "data"
STANDARD_VA = "0x8080604abc"  # PML4 index 1, PDPT 2, PD 3, PT 4, offset 0xabc


@pytest.fixture
def client() -> FlaskClient:
    app = Flask(__name__)
    app.config["TESTING"] = True
    app.register_blueprint(bp)
    register_error_handlers(app)
    return app.test_client()


def frame(slots: dict[int, int]) -> list[str]:
    return [hex(slots.get(i, 0)) for i in range(512)]


def document(**changes: Any) -> Any:
    memory = {
        "1": frame({1: 0x2007}),
        "2": frame({2: 0x3007}),
        "3": frame({3: 0x4007}),
        "4": frame({4: 0xABCD007}),
    }
    body = {
        "paging": "x86_64",
        "root": "0x1000",
        "memory": memory,
        "va": STANDARD_VA,
        "access": "read",
        "user": False,
    }
    return body | changes


def test_translate_returns_the_result_the_references_and_the_updates(client: FlaskClient) -> None:
    response = client.post("/api/v1/translate", json=document())
    assert response.status_code == 200
    body = response.get_json()
    assert body["result"] == {"pa": "0xabcdabc", "page_size": 4096, "leaf_level": "pt"}
    assert [r["entry_address"] for r in body["references"]] == [
        "0x1008",
        "0x2010",
        "0x3018",
        "0x4020",
    ]
    assert body["entry_updates"][-1] == {
        "level": "pt",
        "entry_address": "0x4020",
        "old": "0xabcd007",
        "new": "0xabcd027",
    }


def test_a_page_fault_is_a_200_with_the_fault(client: FlaskClient) -> None:
    body = client.post(
        "/api/v1/translate",
        json=document(
            user=True, access="write", memory=document()["memory"] | {"4": frame({4: 0xABCD005})}
        ),
    ).get_json()
    assert body["result"]["fault"] == {
        "vector": 14,
        "reason": "protection",
        "level": "pt",
        "violation": "read_only",
        "error_code": 7,
        "cr2": STANDARD_VA,
    }
    assert body["entry_updates"] == []


def test_a_non_canonical_address_is_a_200_with_a_gp(client: FlaskClient) -> None:
    body = client.post("/api/v1/translate", json=document(va="0x800000000000")).get_json()
    assert body["result"] == {"fault": {"vector": 13, "reason": "non_canonical"}}


def test_nested_mode_tags_every_reference(client: FlaskClient) -> None:
    ept = {
        "root": "0x100000",
        "memory": {
            "256": frame({0: 0x101007}),
            "257": frame({0: 0x102007}),
            "258": frame({i: 0x200000 * i | 0x87 for i in range(512)}),
        },
    }
    body = client.post("/api/v1/translate", json=document(mode="nested", ept=ept)).get_json()
    assert body["result"]["gpa"] == "0xabcdabc"
    assert body["result"]["hpa"] == "0xabcdabc"
    assert len(body["references"]) == 4 * 4 + 3
    assert {r["walk"] for r in body["references"]} == {"guest", "ept"}


def test_import_then_translate_an_ostep_problem(client: FlaskClient) -> None:
    text = (DATA / "multilevel_seed0.txt").read_text()
    imported = client.post("/api/v1/import/ostep", json={"text": text})
    assert imported.status_code == 200
    problem = imported.get_json()
    assert problem["addresses"][0] == "0x611c"
    problem.pop("addresses")
    body = client.post("/api/v1/translate", json=problem | {"va": "0x611c"}).get_json()
    assert body["result"] == {"pa": "0x6bc", "value": 8}


def test_import_then_translate_a_linear_problem(client: FlaskClient) -> None:
    text = (DATA / "linear_seed0_verbose.txt").read_text()
    problem = client.post("/api/v1/import/ostep", json={"text": text}).get_json()
    body = client.post("/api/v1/translate", json=problem | {"va": "0x3229"}).get_json()
    assert body["result"] == {"pa": "0x6229"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"root": "0x9000"}, "root 0x9000 points to frame 9, which is not in memory"),
        ({"memory": {"1": ["0x0"] * 511}}, 'memory["1"] has 511 entries'),
        ({"memory": {"1": ["0x0"] * 511 + ["oops"]}}, 'memory["1"][511] must be a hex string'),
        ({"va": "0x10000000000000000"}, "va 0x10000000000000000 is wider than 64 bits"),
        ({"paging": "riscv"}, "paging must be one of"),
        ({"memory": {"1": frame({1: 0x2007})}}, "physical frame 2, which is not in memory"),
    ],
)
def test_a_bad_document_is_a_422_that_says_what_is_wrong(
    client: FlaskClient, changes: dict[str, object], message: str
) -> None:
    response = client.post("/api/v1/translate", json=document(**changes))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid_document"
    assert message in error["message"]


def test_an_empty_body_is_a_422(client: FlaskClient) -> None:
    response = client.post("/api/v1/translate")
    assert response.status_code == 422
    assert "paging" in response.get_json()["error"]["message"]


def test_malformed_json_is_a_400(client: FlaskClient) -> None:
    response = client.post("/api/v1/translate", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


def test_a_json_array_body_is_a_422(client: FlaskClient) -> None:
    response = client.post("/api/v1/translate", json=[1, 2])
    assert response.status_code == 422


def test_an_unrecognised_text_is_a_422(client: FlaskClient) -> None:
    response = client.post("/api/v1/import/ostep", json={"text": "hello"})
    assert response.status_code == 422
    assert "not the output" in response.get_json()["error"]["message"]


def test_import_without_text_is_a_422(client: FlaskClient) -> None:
    response = client.post("/api/v1/import/ostep", json={"txt": "PDBR: 1"})
    assert response.status_code == 422
    assert "text" in response.get_json()["error"]["message"]


def test_get_is_not_allowed(client: FlaskClient) -> None:
    assert client.get("/api/v1/translate").status_code == 405
