"""Old sessions leave the database: the purge command and its retention setting."""

from __future__ import annotations

import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from webapp import purge
from webapp.store import sessions


def age(app: Flask, session_id: str, days: float) -> None:
    with app.extensions["sessions"].store.engine.begin() as db:
        db.execute(update(sessions).where(sessions.c.id == session_id)
                   .values(used_at=time.time() - days * 86400))


def test_purge_deletes_old_sessions_with_their_history_and_classes(
        app: Flask, client: FlaskClient, db_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    old = client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics"}).get_json()["id"]
    client.post(f"/api/v1/sessions/{old}/actions", json={"action": "pause", "target": "web"})
    client.post(f"/api/v1/sessions/{old}/step", json={"count": 300})
    code = client.post("/api/v1/classes", json={"session": old}).get_json()["code"]
    app.test_client().post(f"/api/v1/classes/{code}/students", json={"name": "Ada"})
    recent = client.post("/api/v1/sessions", json={"scenario": "lifecycle-basics"}).get_json()
    age(app, old, 40)
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert purge.main(["--days", "30", "--dry-run"]) == 0
    assert "1 session(s)" in capsys.readouterr().out
    assert purge.main(["--days", "30"]) == 0
    assert "deleted 1 session(s)" in capsys.readouterr().out
    app.extensions["sessions"].evict_idle()
    assert client.get(f"/api/v1/sessions/{old}").status_code == 404
    assert client.get(f"/api/v1/classes/{code}").status_code == 404
    assert client.get(f"/api/v1/sessions/{recent['id']}").status_code == 200
