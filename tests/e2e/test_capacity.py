"""One server process a whole class can lean on: 500 Socket.IO clients connected at once.

The Procfile's server (one worker) holds 500 websocket clients following a handful of
sessions; while they all stay connected, ``/healthz`` answers, a step on another session
answers with its new step, and a step on a followed session reaches every one of its
followers. Liveness timeouts are generous (15 s): this checks that the server keeps working,
not how fast; the latencies are printed (``pytest -s``), ``benchmarks/`` measures speed.
"""

from __future__ import annotations

import asyncio
import resource
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.e2e.server import ServerProcess
from tests.e2e.swarm import Peer, Swarm

CLIENTS = 500
FOLLOWED = 5  # sessions the clients follow, CLIENTS / FOLLOWED followers each
LIVENESS = 15.0  # seconds: how long anything may take before we call the server stuck
OPEN_FILES = 4 * CLIENTS  # both ends of every socket live on this machine, plus the server's


@dataclass
class Session:
    id: str
    token: str | None  # the owner token, once session creation hands one out

    def headers(self) -> dict[str, str]:
        return {"X-Session-Token": self.token} if self.token else {}

    def message(self, **body: Any) -> dict[str, Any]:
        return {"session": self.id, **({"token": self.token} if self.token else {}), **body}


@dataclass
class Findings:
    connected: int = 0
    joined: int = 0
    healthz_status: int = 0
    stepped_to: Any = None
    followers: int = 0
    reached: int = 0
    others_untouched: bool = False
    stuck: str = ""  # the phase that did not finish within LIVENESS, if any
    latencies_ms: dict[str, float] = field(default_factory=dict)


@pytest.fixture
def many_open_files() -> Iterator[None]:
    """Raise the soft limit of open files (the server inherits it), restore it after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = soft if hard != resource.RLIM_INFINITY and soft >= hard else max(soft, OPEN_FILES)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def step_of(data: Any) -> Any:
    return data.get("step") if isinstance(data, dict) else None


async def create_session(http: aiohttp.ClientSession, url: str, scenario: str) -> Session:
    async with http.post(f"{url}/api/v1/sessions", json={"scenario": scenario}) as response:
        assert response.status == 201, await response.text()
        body = await response.json()
    return Session(body["id"], body.get("owner_token"))


async def timed(findings: Findings, name: str, awaitable: Any, limit: float = LIVENESS) -> Any:
    """Await within ``limit`` seconds, recording the latency (or the phase that got stuck)."""
    findings.stuck = name
    start = time.perf_counter()
    result = await asyncio.wait_for(awaitable, limit)
    findings.latencies_ms[name] = (time.perf_counter() - start) * 1000
    findings.stuck = ""
    return result


async def http_checks(http: aiohttp.ClientSession, url: str, other: Session,
                      findings: Findings) -> None:
    """``/healthz`` and an HTTP step on a session nobody follows, under the load."""

    async def healthz() -> int:
        async with http.get(f"{url}/healthz") as response:
            return response.status

    async def step() -> Any:
        async with http.post(f"{url}/api/v1/sessions/{other.id}/step", json={"count": 1},
                             headers=other.headers()) as response:
            return (await response.json()).get("step") if response.status == 200 else None

    findings.healthz_status = await timed(findings, "GET /healthz", healthz())
    findings.stepped_to = await timed(findings, "POST .../step (unfollowed session)", step())


async def broadcast_check(swarm: Swarm, peers: list[Peer], sessions: list[Session],
                          findings: Findings) -> None:
    """A socket ``step`` on the first followed session reaches all its followers."""
    followers = peers[::FOLLOWED]  # peer i follows sessions[i % FOLLOWED]
    findings.followers = len(followers)
    await followers[0].client.emit("step", sessions[0].message(count=1))
    await timed(findings, "socket step -> its last follower's state",
                swarm.until(lambda: all(p.last("state") == 1 for p in followers)))
    findings.reached = sum(1 for p in followers if p.last("state") == 1)
    others = [p for i, p in enumerate(peers) if i % FOLLOWED]
    findings.others_untouched = all(p.last("state") == 0 for p in others)


async def join_all(swarm: Swarm, peers: list[Peer], sessions: list[Session],
                   findings: Findings) -> None:
    """Peer ``i`` joins ``sessions[i % FOLLOWED]`` and gets its full state (at step 0)."""

    async def join() -> None:
        for i, peer in enumerate(peers):
            await peer.client.emit("join", {"session": sessions[i % FOLLOWED].id})
        await swarm.until(lambda: all(p.last("state") == 0 for p in peers))

    await timed(findings, "all joined (a full state each)", join())
    findings.joined = sum(1 for p in peers if p.last("state") == 0)


async def exercise(url: str) -> Findings:
    """Connect, join, check under load; a phase stuck past LIVENESS ends it (``stuck``)."""
    findings = Findings()
    async with aiohttp.ClientSession() as http, Swarm(url, timeout=LIVENESS,
                                                      keep=step_of) as swarm:
        try:
            sessions = [await create_session(http, url, "lifecycle-basics")
                        for _ in range(FOLLOWED)]
            other = await create_session(http, url, "lifecycle-crash")
            peers = await timed(findings, f"connect {CLIENTS} clients",
                                swarm.connect(CLIENTS), 2 * LIVENESS)
            findings.connected = swarm.connected
            await join_all(swarm, peers, sessions, findings)
            await http_checks(http, url, other, findings)
            await broadcast_check(swarm, peers, sessions, findings)
            findings.connected = min(findings.connected, swarm.connected)  # nobody dropped
        except TimeoutError:
            findings.connected = min(findings.connected or CLIENTS, swarm.connected)
    return findings


@pytest.mark.usefixtures("many_open_files")
def test_one_process_holds_500_clients_and_keeps_answering(tmp_path: Path) -> None:
    with ServerProcess(tmp_path) as server, ThreadPoolExecutor(1) as thread:
        # a thread of its own: Playwright's sync API may already run a loop in this one
        findings = thread.submit(asyncio.run, exercise(server.url)).result()
    for name, value in findings.latencies_ms.items():
        print(f"{name}: {value:.1f} ms")
    assert not findings.stuck, f"stuck past its time limit at: {findings.stuck} ({findings})"
    assert findings.connected == CLIENTS
    assert findings.joined == CLIENTS
    assert findings.healthz_status == 200
    assert findings.stepped_to == 1
    assert findings.reached == findings.followers == CLIENTS // FOLLOWED
    assert findings.others_untouched
