"""Sessions survive a server that is killed and started again (a real gunicorn process)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from tests.e2e.server import ServerProcess


def call(base: str, method: str, path: str, body: dict[str, Any] | None = None,
         token: str | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json", **({"X-Session-Token": token} if token else {})}
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_a_killed_server_brings_every_session_back_at_the_same_step(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path)
    with server:
        first = call(server.url, "POST", "/api/v1/sessions", {"scenario": "lifecycle-basics"})
        second = call(server.url, "POST", "/api/v1/sessions",
                      {"scenario": "lifecycle-crash", "seed": 11})
        sid, token = first["id"], first.get("owner_token")
        call(server.url, "POST", f"/api/v1/sessions/{sid}/step", {"count": 40}, token)
        call(server.url, "POST", f"/api/v1/sessions/{sid}/actions",
             {"action": "shutdown", "target": "web"}, token)
        call(server.url, "POST", f"/api/v1/sessions/{sid}/step", {"count": 3}, token)
        call(server.url, "POST", f"/api/v1/sessions/{sid}/back", {"count": 2}, token)
        call(server.url, "POST", f"/api/v1/sessions/{second['id']}/step", {"count": 30},
             second.get("owner_token"))
        before = [call(server.url, "GET", f"/api/v1/sessions/{s}") for s in (sid, second["id"])]
        server.kill()
        server.start()
        after = [call(server.url, "GET", f"/api/v1/sessions/{s}") for s in (sid, second["id"])]
    assert before[0]["step"] == 42 and before[0]["history_length"] == 44
    for old, new in zip(before, after, strict=True):
        assert new["step"] == old["step"]
        assert new["history_length"] == old["history_length"]
        assert new["state"] == old["state"]
