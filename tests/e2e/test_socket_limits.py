"""The socket layer of the real server: the body limit, malformed packets, a hostile client.

Raw Engine.IO frames over a WebSocket (aiohttp), against the Procfile's server: a message over
262,144 bytes is refused by the transport and stores nothing; a malformed packet costs at most
one log line, never a traceback; other clients never notice.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import aiohttp

from tests.e2e.server import ServerProcess


def call(base: str, method: str, path: str, body: dict[str, Any] | None = None,
         token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Session-Token"] = token
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


async def raw_socket(base: str, session: aiohttp.ClientSession) -> Any:
    """A Socket.IO connection by hand: the Engine.IO open, then the namespace's connect."""
    url = base.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
    ws = await session.ws_connect(url, max_msg_size=0)
    opened = await ws.receive_str(timeout=10)
    assert opened.startswith("0{")
    await ws.send_str("40")
    connected = await ws.receive_str(timeout=10)
    assert connected.startswith("40")
    return ws


async def hostile_then_polite(base: str, session_id: str, token: str) -> dict[str, Any]:
    async with aiohttp.ClientSession() as http:
        bystander = await raw_socket(base, http)
        await bystander.send_str("42" + json.dumps(["join", {"session": session_id}]))
        joined = await bystander.receive_str(timeout=10)
        hostile = await raw_socket(base, http)
        for junk in ("42[", "42[\"step\"", "4x", "42{\"a\":1}", "99", "42[1,2,3]",
                     "42" + json.dumps(["step", {"session": session_id}, {"two": "args"}])):
            await hostile.send_str(junk)
        big = {"session": session_id, "token": token, "action": "load_document",
               "args": {"document": {"padding": "x" * 300_000}}}
        await hostile.send_str("42" + json.dumps(["action", big]))
        await asyncio.sleep(1.0)
        await bystander.send_str("42" + json.dumps(["view", {"session": session_id,
                                                             "step": 0}]))
        viewed = await _next_event(bystander, "view")
        await bystander.close()
        await hostile.close()
        return {"joined": joined, "viewed": viewed, "hostile_closed": hostile.closed}


async def _next_event(ws: Any, name: str) -> Any:
    while True:
        frame = await ws.receive_str(timeout=10)
        if frame == "2":  # the server's ping
            await ws.send_str("3")
            continue
        if frame.startswith("42"):
            event, *args = json.loads(frame[2:])
            if event == name:
                return args[0]


def test_a_hostile_socket_client_changes_nothing_and_floods_no_log(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path)
    with server:
        made = call(server.url, "POST", "/api/v1/sessions", {"scenario": "lifecycle-basics"})
        session_id, token = made["id"], made["owner_token"]
        call(server.url, "POST", f"/api/v1/sessions/{session_id}/step", {"count": 3}, token)
        before = call(server.url, "GET", f"/api/v1/sessions/{session_id}")
        # Playwright's sync fixtures may leave an event loop running in this thread
        with ThreadPoolExecutor(1) as pool:
            seen = pool.submit(asyncio.run, hostile_then_polite(server.url, session_id,
                                                                token)).result()
        after = call(server.url, "GET", f"/api/v1/sessions/{session_id}")
        assert call(server.url, "GET", "/healthz") == {"status": "ok"}
    assert seen["viewed"]["step"] == 0, "the other client is still served"
    assert after == before, "nothing the hostile client sent changed the session"
    log = server.log_path.read_text()
    assert "Traceback" not in log
    assert log.count("\n") < 60, "one line per refused message at most"
