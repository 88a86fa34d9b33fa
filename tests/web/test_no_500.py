"""Regressions of "no 500, ever": each request here once answered 500 (or a bare English page).

Numbers arriving as text go through ``webapp.web.parse`` (ASCII digits, bounded length, a range);
the OSTEP parser refuses a 5,000-digit number with a sentence; an HTML route answers a styled,
localized HTML error page, an ``/api/`` route the JSON error shape.
"""

from __future__ import annotations

import logging
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp.model.lifecycle.commands import NAME
from webapp.model.paging import PagingDocumentError, parse_ostep_text
from webapp.web.errors import ApiError
from webapp.web.parse import MAX_SEED, text_int

DATA = Path(__file__).parent.parent / "model" / "paging" / "data"
HUGE = "9" * 5000  # int() refuses more than 4,300 digits with a ValueError
BAD_SEEDS = ["²", "٣", "99999999999999999999", "4294967296", "2147483648", "-1", "1.0", " 1",
             "0x10", HUGE]


def page_text(response: Any) -> str:
    """An HTML response's text, entities decoded (Jinja writes ' as &#39;)."""
    assert response.mimetype == "text/html", response.get_data(as_text=True)[:300]
    return unescape(response.get_data(as_text=True))


def json_error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    error = response.get_json()["error"]
    assert error["code"] == code
    return str(error["message"])


def create(client: FlaskClient, scenario: str) -> str:
    response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": 3})
    assert response.status_code == 201, response.get_data(as_text=True)
    return str(response.get_json()["id"])


# --- the strict integer -------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [("0", 0), ("42", 42), ("0042", 42),
                                         (str(MAX_SEED), MAX_SEED)])
def test_text_int_reads_ascii_digits(app: Flask, text: str, value: int) -> None:
    with app.test_request_context():
        assert text_int(text, "seed", 0, MAX_SEED) == value


@pytest.mark.parametrize("text", BAD_SEEDS + ["", "+1", "1_000", "1e3", "１２"])
def test_text_int_refuses_everything_else_with_a_422(app: Flask, text: str) -> None:
    with app.test_request_context(), pytest.raises(ApiError) as caught:
        text_int(text, "seed", 0, MAX_SEED)
    assert (caught.value.status, caught.value.code) == (422, "invalid_argument")
    assert caught.value.message == f"seed must be an integer from 0 to {MAX_SEED}."


def test_text_int_reads_hex_only_when_asked(app: Flask) -> None:
    with app.test_request_context():
        assert text_int("0x1F", "first", 0, 100, hex_ok=True) == 31
        with pytest.raises(ApiError):
            text_int("0x1F", "first", 0, 100)
        with pytest.raises(ApiError):
            text_int("0x" + "f" * 17, "first", 0, 2**80, hex_ok=True)


# --- query strings --------------------------------------------------------------------------------

@pytest.mark.parametrize("since", ["²", "٣", HUGE, "1e3", " 1", "-1", "1000000001"])
def test_events_since_is_strict(client: FlaskClient, session_id: str, since: str) -> None:
    response = client.get(f"/api/v1/sessions/{session_id}/events", query_string={"since": since})
    assert "since" in json_error(response, 422, "invalid_argument")


@pytest.mark.parametrize("query", ["first=²", f"first={HUGE}", "count=٣", "buckets=0x" + "f" * 40,
                                   "first=%ff"])
def test_boot_query_integers_are_strict(client: FlaskClient, query: str) -> None:
    sid = create(client, "boot-dom0")
    response = client.get(f"/api/v1/sessions/{sid}/boot/memory?{query}")
    json_error(response, 422, "invalid_argument")
    assert client.get(f"/api/v1/sessions/{sid}/boot/memory?first=0x10&count=16").status_code == 200


# --- the start form -------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", BAD_SEEDS)
def test_start_refuses_a_bad_seed_with_a_page_that_says_why(client: FlaskClient, seed: str) -> None:
    response = client.post("/start", data={"scenario": "lifecycle-basics", "seed": seed})
    assert response.status_code == 422
    assert "Location" not in response.headers
    assert f"Seed must be an integer from 0 to {MAX_SEED}." in page_text(response)


def test_the_seed_refusal_is_in_french_for_a_french_reader(client: FlaskClient) -> None:
    response = client.post("/start?lang=fr", data={"scenario": "lifecycle-basics",
                                                   "seed": "4294967296"})
    page = page_text(response)
    assert response.status_code == 422 and '<html lang="fr"' in page
    assert "doit être un nombre entier compris entre 0 et 2147483647" in page
    assert "Graine" in page


@pytest.mark.parametrize("seed, kept", [(str(MAX_SEED), MAX_SEED), ("0", 0), ("", None)])
def test_start_keeps_a_good_seed_and_an_empty_one_is_random(client: FlaskClient, seed: str,
                                                            kept: int | None) -> None:
    response = client.post("/start", data={"scenario": "lifecycle-basics", "seed": seed})
    assert response.status_code == 303
    sid = response.headers["Location"].rsplit("/", 1)[-1]
    chosen = client.get(f"/api/v1/sessions/{sid}").get_json()["seed"]
    assert chosen == kept if kept is not None else 0 <= chosen <= MAX_SEED


# --- partials of another lab ----------------------------------------------------------------------

def test_a_partial_of_a_lab_whose_state_the_session_lacks_is_404(client: FlaskClient,
                                                                   session_id: str) -> None:
    response = client.get(f"/s/{session_id}/partials/devices_actions")
    assert response.status_code == 404
    assert "There is nothing at this address." in page_text(response)


# --- OSTEP texts with enormous numbers ------------------------------------------------------------

MULTILEVEL = (DATA / "multilevel_seed0.txt").read_text()
LINEAR = (DATA / "linear_seed0_verbose.txt").read_text()
ENORMOUS = {
    "pdbr": MULTILEVEL.replace("PDBR: 108", f"PDBR: {HUGE}"),
    "page number": MULTILEVEL + f"page {HUGE}: 00\n",
    "virtual address": MULTILEVEL + f"Virtual Address {'f' * 5000}: ?\n",
    "page size": LINEAR.replace("ARG page size 4k", f"ARG page size {HUGE}k"),
    "va decimal": LINEAR.replace("(decimal:    12841)", f"(decimal: {HUGE})"),
    "table index": LINEAR.replace("[       3]", f"[{HUGE}]"),
}


@pytest.mark.parametrize("where", ENORMOUS)
def test_the_ostep_parser_refuses_an_enormous_number_with_a_sentence(where: str) -> None:
    with pytest.raises(PagingDocumentError, match=r"\(5000 characters\) is too long: at most"):
        parse_ostep_text(ENORMOUS[where])


def test_the_ostep_parser_refuses_a_page_beyond_127() -> None:
    with pytest.raises(PagingDocumentError, match="shows page 128; pages are 0 to 127"):
        parse_ostep_text(MULTILEVEL + "page 128: 00\n")


@pytest.mark.parametrize("where", ["pdbr", "page number", "table index"])
def test_enormous_numbers_are_a_422_on_every_import_route(client: FlaskClient, where: str) -> None:
    text = ENORMOUS[where]
    for url in ("/api/v1/import/ostep", "/api/v1/memory/sessions"):
        assert "is too long" in json_error(client.post(url, json={"text": text}), 422,
                                           "invalid_document")
    response = client.post("/memory/import", data={"text": text})
    assert response.status_code == 422 and "is too long" in page_text(response)


# --- HTML error pages -----------------------------------------------------------------------------

def test_an_unknown_page_is_a_styled_localized_html_404(client: FlaskClient) -> None:
    english = client.get("/no/such/page")
    assert english.status_code == 404
    page = page_text(english)
    assert "Error 404" in page and "There is nothing at this address." in page
    assert 'href="/"' in page and "lab.css" in page and "Not Found" not in page
    french = page_text(client.get("/no/such/page?lang=fr"))
    assert "Erreur 404" in french and "Il n'y a rien à cette adresse." in french
    assert "Retour à la page d'accueil" in french


def test_a_wrong_method_on_a_page_is_an_html_405_with_allow(client: FlaskClient) -> None:
    response = client.get("/start")
    assert response.status_code == 405 and response.headers["Allow"]
    assert "This address does not accept this kind of request." in page_text(response)


def test_a_body_too_large_on_a_page_is_an_html_413(client: FlaskClient) -> None:
    response = client.post("/start", data={"text": "x" * 300_000})
    assert response.status_code == 413 and "Error 413" in page_text(response)


def test_an_unknown_scenario_from_the_form_is_an_html_404(client: FlaskClient) -> None:
    response = client.post("/start?lang=fr", data={"scenario": "nope"})
    assert response.status_code == 404
    assert "Il n'existe aucun scénario avec cet identifiant." in page_text(response)


def test_api_errors_stay_json(client: FlaskClient) -> None:
    json_error(client.get("/api/v1/no/such/thing"), 404, "not_found")
    json_error(client.get("/api/v1/sessions"), 405, "method_not_allowed")
    json_error(client.get("/api/v1/sessions/nope"), 404, "unknown_session")


def boom() -> str:
    raise RuntimeError("the secret detail")


@pytest.mark.parametrize("url, mimetype", [("/boom", "text/html"),
                                           ("/api/v1/boom", "application/json")])
def test_an_unexpected_exception_is_a_500_without_a_trace_and_one_log_record(
        app: Flask, caplog: pytest.LogCaptureFixture, url: str, mimetype: str) -> None:
    app.add_url_rule(url, "boom", boom)
    with caplog.at_level(logging.ERROR):
        response = app.test_client().get(url)
    assert response.status_code == 500 and response.mimetype == mimetype
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "the secret detail" not in body
    records = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(records) == 1 and records[0].exc_info is not None
    assert str(records[0].exc_info[1]) == "the secret detail"
    if mimetype == "text/html":
        assert "Something went wrong on the server." in body


# --- names with a trailing newline ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["evil\n", "evil\r\n", "\nevil", "ev il", "é", "a" * 65])
def test_a_domain_name_must_match_whole(client: FlaskClient, session_id: str, name: str) -> None:
    assert NAME.fullmatch(name) is None
    before = client.get(f"/api/v1/sessions/{session_id}").get_json()
    response = client.post(f"/api/v1/sessions/{session_id}/actions",
                           json={"action": "create", "args": {"name": name}})
    json_error(response, 422, "invalid_command")
    assert client.get(f"/api/v1/sessions/{session_id}").get_json() == before


def test_a_save_file_name_must_match_whole(client: FlaskClient, session_id: str) -> None:
    response = client.post(f"/api/v1/sessions/{session_id}/actions",
                           json={"action": "save", "target": "db", "args": {"file": "db.save\n"}})
    json_error(response, 422, "invalid_command")
