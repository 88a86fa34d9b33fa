"""docs/api.md documents every HTTP route and every socket message the server knows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from webapp.web.errors import MAX_BODY_BYTES
from webapp.web.live import socketio

ROOT = Path(__file__).resolve().parents[2]
API_DOC = ROOT / "docs" / "api.md"
WEB = ROOT / "webapp" / "web"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def normalized(text: str) -> str:
    """``<session_id>``, ``<id>``, ``<int:n>`` → ``<>``: the doc may name parameters freely."""
    return re.sub(r"<[^<>\s]*>", "<>", text)


@pytest.fixture(scope="module")
def doc() -> str:
    """docs/api.md, then each lab's docs/api-<lab>.md (routes may be documented in either)."""
    labs = sorted(API_DOC.parent.glob("api-*.md"))
    return "\n".join(path.read_text(encoding="utf-8") for path in [API_DOC, *labs])


def socket_section(doc: str) -> str:
    start = doc.find("## Socket.IO")
    assert start >= 0, "docs/api.md needs a '## Socket.IO' section"
    return doc[start:]


def test_every_route_is_documented(app: Flask, doc: str) -> None:
    text = normalized(doc)
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) - IGNORED_METHODS):
            if f"{method} {normalized(rule.rule)}" not in text:
                missing.append(f"{method} {rule.rule}")
    assert missing == [], f"not in docs/api.md: {missing}"


def test_every_socket_event_the_server_handles_is_documented(app: Flask, doc: str) -> None:
    section = socket_section(doc)
    assert socketio.server is not None
    events = {event for handlers in socketio.server.handlers.values() for event in handlers
              if event not in ("connect", "disconnect")}
    assert events >= {"join", "step", "back", "seek", "action", "play", "pause"}
    missing = sorted(event for event in events if f"`{event}`" not in section)
    assert missing == [], f"socket events not in docs/api.md's Socket.IO section: {missing}"


def test_every_socket_event_the_server_sends_is_documented(doc: str) -> None:
    section = socket_section(doc)
    sent = set()
    for source in WEB.rglob("*.py"):
        sent |= set(re.findall(r"""\bemit\(\s*["'](\w+)["']""", source.read_text()))
    assert sent >= {"state", "error"}
    missing = sorted(event for event in sent if f"`{event}`" not in section)
    assert missing == [], f"server → client messages not in docs/api.md: {missing}"


def test_the_body_limit_is_the_documented_one(doc: str) -> None:
    assert f"{MAX_BODY_BYTES:,}" in doc, "docs/api.md states MAX_BODY_BYTES in bytes"


def test_the_doc_states_the_conventions(doc: str) -> None:
    for needed in ("hex", '"0x', "xl_state", "shutting_down", "changes", "removed", "413",
                   "409", "422", "405", "400", "404"):
        assert needed in doc, needed
