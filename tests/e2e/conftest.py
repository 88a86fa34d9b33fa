"""Fixtures for browser tests: Debian Chromium, a real gunicorn server, console errors.

Chromium comes from Debian (``apt-get install -y chromium``); never ``playwright install``.
Every test collected under ``tests/e2e`` gets the ``e2e`` marker (``pytest -m "not e2e"``
skips them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page

try:
    from .server import ServerProcess
except ImportError:  # tests/e2e is not a package: pytest put this directory on sys.path
    from server import ServerProcess  # type: ignore[no-redef]

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that lives under tests/e2e with ``e2e``."""
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, pointed at Debian's Chromium."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The app under gunicorn on a free port, with its own SQLite file, for the session."""
    server = ServerProcess(tmp_path_factory.mktemp("live_server"))
    with server:
        yield server


@pytest.fixture(scope="session")
def base_url(live_server: ServerProcess) -> str:
    """Relative URLs in ``page.goto("/...")`` resolve against the live server."""
    return live_server.url


def watch_console(page: Page) -> list[str]:
    """Start collecting ``page``'s console errors and uncaught exceptions; return the list.

    The list fills as the page runs, so call this before ``page.goto``. A failed
    resource load (a 404 favicon, a missing script) is a console error too.
    """
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_page_error(error: Error) -> None:
        errors.append(f"pageerror: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    return errors


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Console errors and page errors of the test's ``page``; assert it stays ``[]``."""
    return watch_console(page)
