"""Issue 12, "French, fully", without a browser: every page and partial of every scenario,
rendered in French by the test client, holds no English (the rule: ``tests/french_rule.py``).

The browser version (``tests/e2e/test_french.py``) also sees what the scripts write; this one
shows most failures in a second.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.french_rule import english_only_words, html_problems, problems_in_text
from tests.web.conftest import database_url, make_app, stop_app
from webapp import catalog
from webapp.web.labs import PAGES

#: a French teacher's exercise set (its title and goals are the teacher's words, in French)
FRENCH_SET = {"version": 1, "title": "Mettre en pause et sauvegarder", "lab": "lifecycle",
              "description": "Sauvegarder db correctement.", "scenario": "lifecycle-basics",
              "seeds": {"min": 1, "max": 50},
              "exercises": [{"kind": "lifecycle.after_action", "levels": [1, 2]}],
              "goals": [{"type": "condition", "text": "Mettre db en pause",
                         "done": {"domain": "db", "state": "paused"}}]}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    made = make_app(database_url(tmp_path_factory.mktemp("french")))
    yield made
    stop_app(made)


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def ends(client: FlaskClient, scenario: str) -> tuple[str, list[int]]:
    """A session of ``scenario`` played to its script's end (or 60 steps): start, middle, end."""
    sid = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": 3}).json["id"]
    state = client.get(f"/api/v1/sessions/{sid}").json["state"]
    end = ((state.get("guide") or {}).get("script_end") or 60) + 2
    assert client.post(f"/api/v1/sessions/{sid}/step", json={"count": end}).status_code == 200
    return sid, [0, end // 2, end]


def lab_urls(sid: str, lab: str, step: int) -> Iterator[str]:
    """The lab page (and every other lab's view of the session) with their partials."""
    for page in PAGES.values():
        if page.lab == lab or page.any_session:
            yield f"/s/{sid}/{page.lab}?step={step}"
            yield from (f"/s/{sid}/partials/{name}?step={step}" for name in page.partials)


def french(client: FlaskClient, url: str) -> list[str]:
    response = client.get(url + ("&" if "?" in url else "?") + "lang=fr")
    assert response.status_code in (200, 403, 404), url
    return [f"{url}: {problem}" for problem in html_problems(response.get_data(as_text=True))]


def report(found: list[str]) -> str:
    return f"{len(found)} English bits in French pages:\n" + "\n".join(found[:80])


def test_the_rule_catches_english_and_spares_french_and_code() -> None:
    assert problems_in_text("pas 4: crash.panic")
    assert problems_in_text("12 MiB libres")  # MiB: the French say Mio
    assert problems_in_text("Space") and problems_in_text("Home / End")
    assert problems_in_text("— populate_2m") and problems_in_text("— boot_params")
    assert problems_in_text("Walk in progress: 0 step(s) left")
    assert html_problems("<p>Le champ <code>boot_params</code> de Xen</p>") == []
    assert html_problems('<p title="Pause">Xen démarre dom0 : 4 vCPU, 512 Mio</p>') == []
    assert html_problems('<th lang="en">free</th>') == []
    assert html_problems('<button aria-label="Preempt">x</button>')
    assert {"preempt", "space", "wake"} <= english_only_words()  # "free" is a gloss (free)


@pytest.mark.parametrize("scenario", sorted(catalog.scenarios()))
def test_every_page_and_partial_of_a_scenario_is_french(client: FlaskClient,
                                                         scenario: str) -> None:
    sid, steps = ends(client, scenario)
    lab = catalog.get(scenario).lab
    found = [p for step in steps for url in lab_urls(sid, lab, step) for p in french(client, url)]
    assert found == [], report(found)


def other_urls(client: FlaskClient) -> Iterator[str]:
    """The landing page, glossary, progress, sets, join and the error pages."""
    yield from ("/", "/glossary", "/progress", "/sets/new", "/join", "/s/unknown",
                "/s/unknown/boot", "/nowhere", "/c/ZZZZZZ")
    set_id = client.post("/api/v1/sets", json=FRENCH_SET).json["id"]
    yield f"/sets/{set_id}"
    sid = client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics"}).json["id"]
    yield from (f"/s/{sid}/nolab", f"/s/{sid}/partials/nothing", f"/s/{sid}/edit?key=wrong")
    code = client.post("/api/v1/classes", json={"session": sid}).json["code"]
    yield f"/join?code={code}"


def test_the_other_pages_and_the_error_pages_are_french(client: FlaskClient) -> None:
    found = [p for url in other_urls(client) for p in french(client, url)]
    assert found == [], report(found)


def test_a_class_presenter_and_projector_pages_are_french(client: FlaskClient) -> None:
    sid = client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics"}).json["id"]
    code = client.post("/api/v1/classes", json={"session": sid}).json["code"]
    found = [p for url in (f"/c/{code}", f"/c/{code}/projector") for p in french(client, url)]
    assert found == [], report(found)


def test_a_student_page_of_a_class_is_french(app: Flask, client: FlaskClient) -> None:
    sid = client.post("/api/v1/sessions", json={"scenario": "lifecycle-crash"}).json["id"]
    code = client.post("/api/v1/classes", json={"session": sid}).json["code"]
    student = app.test_client()
    joined = student.post(f"/api/v1/classes/{code}/students", json={"name": "Zoé"})
    assert joined.status_code == 201
    found = french(student, f"/c/{code}/student")
    assert found == [], report(found)

