"""Loading a session: from its persisted checkpoints, never holding a lock others need."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp.model.simulation import Simulation
from webapp.model.timeline import CHECKPOINT_EVERY


def steps_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counter = [0]
    original = Simulation.step

    def counting(self: Simulation) -> Any:
        counter[0] += 1
        return original(self)

    monkeypatch.setattr(Simulation, "step", counting)
    return counter


def test_a_long_history_comes_back_from_its_checkpoints(
        app: Flask, client: FlaskClient, session_id: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = app.extensions["sessions"]
    sessions.change(session_id, lambda timeline: timeline.step(20_000))
    client.post(f"/api/v1/sessions/{session_id}/seek", json={"step": 12_345})
    before = client.get(f"/api/v1/sessions/{session_id}").get_json()
    sessions.evict_idle()
    counter = steps_counted(monkeypatch)
    after = client.get(f"/api/v1/sessions/{session_id}").get_json()
    assert after == before
    assert counter[0] <= 2 * CHECKPOINT_EVERY, "loaded by replaying from a checkpoint"


def test_loading_one_session_does_not_block_another(app: Flask, client: FlaskClient,
                                                    session_id: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    other = client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics"}).get_json()
    sessions = app.extensions["sessions"]
    sessions.evict_idle()
    client.get(f"/api/v1/sessions/{other['id']}")  # the other one is in memory
    store_load = sessions.store.load
    loading = threading.Event()

    def slow_load(wanted: str) -> Any:
        if wanted == session_id:
            loading.set()
            time.sleep(1.5)  # a long history being read
        return store_load(wanted)

    monkeypatch.setattr(sessions.store, "load", slow_load)
    slow = threading.Thread(target=lambda: app.test_client().get(
        f"/api/v1/sessions/{session_id}"))
    slow.start()
    assert loading.wait(5)
    response = client.post(f"/api/v1/sessions/{other['id']}/step", json={})
    still_loading = slow.is_alive()
    slow.join()
    assert response.status_code == 200
    assert still_loading, "the step of another session waited for the load to end"
