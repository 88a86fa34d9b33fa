"""Fixtures for the web layer: an app on a throw-away SQLite file, its HTTP and socket clients.

Every test gets its own database file under ``tmp_path``. Play tickers are background threads:
the ``app`` fixture pauses every session and waits (bounded) for them to stop before the
database goes away, so no thread outlives its test.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp import create_app
from webapp.web.live import socketio

SCENARIO = "lifecycle-basics"
SEED = 7


def database_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'lab.db'}"


def make_app(url: str, **config: Any) -> Flask:
    """A test app on ``url``, with the socket layer in threading mode and no message queue;
    rate limits are off unless a test turns them on (``RATE_LIMITS="on"``)."""
    return create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test",
                       "SOCKETIO_ASYNC_MODE": "threading", "MESSAGE_QUEUE": None,
                       "RATE_LIMITS": "off", **config})


def pause_all(app: Flask) -> None:
    """Pause every live session and wait (at most 5 s) for its play ticker to end."""
    sessions = app.extensions["sessions"]
    with sessions.guard:
        live = list(sessions.live.values())
    for session in live:
        session.playing = False
    deadline = time.monotonic() + 5
    while any(session.ticking for session in live) and time.monotonic() < deadline:
        socketio.sleep(0.01)


def stop_app(app: Flask) -> None:
    """Pause every live session, wait for its ticker to end, close the database."""
    pause_all(app)
    sessions = app.extensions["sessions"]
    sessions.close()
    sessions.store.engine.dispose()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return database_url(tmp_path)


@pytest.fixture
def make(db_url: str) -> Iterator[Callable[..., Flask]]:
    """A factory of apps on this test's database (for durability tests); all are stopped."""
    made: list[Flask] = []

    def build(**config: Any) -> Flask:
        made.append(make_app(db_url, **config))
        return made[-1]

    yield build
    for app in made:
        stop_app(app)


@pytest.fixture
def app(make: Callable[[], Flask]) -> Flask:
    return make()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class PageSocket:
    """A socket test client that, like a page, carries the browser's session cookies: a
    message about a session gets the token the HTTP client holds for it (set when it created
    the session), unless the message names one itself. The handshake of the Flask-SocketIO
    test client only carries the cookies that existed when it connected."""

    def __init__(self, inner: Any, client: FlaskClient) -> None:
        self.inner, self.client = inner, client

    def emit(self, event: str, *args: Any, **kwargs: Any) -> Any:
        if len(args) == 1 and isinstance(args[0], dict) and "token" not in args[0]:
            cookie = self.client.get_cookie(f"hl_s_{args[0].get('session')}")
            if cookie is not None:
                args = ({**args[0], "token": cookie.value},)
        return self.inner.emit(event, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def token_of(client: FlaskClient, session_id: str) -> dict[str, str]:
    """The ``X-Session-Token`` header of the owner's token the client holds for a session."""
    cookie = client.get_cookie(f"hl_s_{session_id}")
    assert cookie is not None, "this client did not create the session"
    return {"X-Session-Token": cookie.value}


@pytest.fixture
def socket_client(app: Flask, client: FlaskClient) -> Iterator[Any]:
    test_client = socketio.test_client(app, flask_test_client=client)
    assert test_client.is_connected()
    yield PageSocket(test_client, client)
    if test_client.is_connected():
        test_client.disconnect()


@pytest.fixture
def new_socket(app: Flask, client: FlaskClient) -> Iterator[Callable[[], Any]]:
    """A factory of extra socket clients on the same app (all disconnected afterwards)."""
    made: list[Any] = []

    def connect() -> Any:
        made.append(socketio.test_client(app, flask_test_client=client))
        assert made[-1].is_connected()
        return PageSocket(made[-1], client)

    yield connect
    for test_client in made:
        if test_client.is_connected():
            test_client.disconnect()


@pytest.fixture
def session_id(client: FlaskClient) -> str:
    """A new session of ``lifecycle-basics`` with a fixed seed, at step 0."""
    response = client.post("/api/v1/sessions", json={"scenario": SCENARIO, "seed": SEED})
    assert response.status_code == 201, response.get_data(as_text=True)
    return str(response.get_json()["id"])
