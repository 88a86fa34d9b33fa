"""Helpers of the progress and exercise-set tests: a scenario with a path, the exercise
engine's tables, rows written as the engine writes them, a browser's learner id."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import insert

from webapp import catalog
from webapp.model.scenario import Scenario
from webapp.web.exercise_store import exercise_instances, predictions

GUIDED = "test-guided-basics"
SCENARIOS = Path(__file__).resolve().parents[2] / "webapp" / "model" / "scenarios"


def texts(words: str) -> dict[str, str]:
    return {"en": words, "fr": f"{words} (fr)"}


def chapter(title: str, done: dict[str, Any]) -> dict[str, Any]:
    return {"title": texts(title), "look": texts("look"), "do": texts("do"), "done": done}


@pytest.fixture
def guided() -> Iterator[str]:
    """``lifecycle-basics`` with a path of two chapters: pause web, then unpause web."""
    doc = yaml.safe_load((SCENARIOS / "lifecycle-basics.yaml").read_text(encoding="utf-8"))
    doc.update(id=GUIDED, goal=texts("Pause and unpause web"), level=1, next=texts("next"),
               path=[chapter("Pause web", {"event": "pause.paused", "data": {"domain": "web"}}),
                     chapter("Unpause web", {"event": "pause.unpaused",
                                             "data": {"domain": "web"}})])
    catalog.scenarios()[GUIDED] = Scenario.from_dict(doc)
    yield GUIDED
    catalog.scenarios().pop(GUIDED, None)


def learner_of(client: FlaskClient) -> str:
    """The browser's anonymous id (its ``hl_client`` cookie), made by a first request."""
    if client.get_cookie("hl_client") is None:
        client.get("/api/v1/progress")
    cookie = client.get_cookie("hl_client")
    assert cookie is not None
    return cookie.value


def browser(app: Flask, learner: str | None = None) -> FlaskClient:
    """A new browser; with ``learner``, one that carries that id (the same browser later)."""
    client = app.test_client()
    if learner is not None:
        client.set_cookie("hl_client", learner)
    return client


def add_instance(app: Flask, learner: str, kind: str, lab: str, *, solved: bool = False,
                 attempts: int = 1, level: int = 1, set_id: str | None = None,
                 revealed: bool = False, seed: int = 7) -> None:
    """An exercise instance as the engine records it."""
    row = {"id": secrets.token_urlsafe(9), "learner": learner, "kind": kind, "lab": lab,
           "seed": seed, "level": level, "attempts": attempts, "solved": solved,
           "revealed": revealed, "created_at": time.time(), "set_id": set_id}
    with app.extensions["progress_records"].engine.begin() as db:
        db.execute(insert(exercise_instances).values(**row))


def add_prediction(app: Flask, learner: str, session_id: str, step: int,
                   correct: bool | None) -> None:
    """A prediction as the engine records it (answered when ``correct`` is not None)."""
    row = {"id": secrets.token_urlsafe(9), "learner": learner, "session_id": session_id,
           "step": step, "kind": "step_event", "text": {"en": "?", "fr": "?"},
           "choices": [{"en": "a", "fr": "a"}, {"en": "b", "fr": "b"}], "answer": 0,
           "choice": None if correct is None else 0 if correct else 1, "correct": correct,
           "created_at": time.time()}
    with app.extensions["progress_records"].engine.begin() as db:
        db.execute(insert(predictions).values(**row))


def new_session(client: FlaskClient, scenario: str, seed: int = 3) -> str:
    response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": seed})
    assert response.status_code == 201, response.get_data(as_text=True)
    return str(response.get_json()["id"])


def act(client: FlaskClient, session_id: str, action: str, target: str) -> None:
    response = client.post(f"/api/v1/sessions/{session_id}/actions",
                           json={"action": action, "target": target})
    assert response.status_code == 200, response.get_json()


def lab(progress: dict[str, Any], name: str) -> dict[str, Any]:
    return next(entry for entry in progress["labs"] if entry["lab"] == name)
