"""Server memory per connected idle Socket.IO client and per idle session.

RSS is the sum of VmRSS over the server's process group (gunicorn master + worker), read from
``/proc`` before and after; the figure is the growth divided by the count.

* Idle clients: N websocket clients connect (and do nothing) to the app; baseline: the same N
  clients connected to ``benchmarks/bare_app.py`` served by the same Procfile command.
* Idle sessions: 10,000 sessions created through ``POST /api/v1/sessions`` (a fresh server,
  rate limits off with ``RATE_LIMITS=off``; a ``429`` and its ``Retry-After`` would be counted
  and reported, not retried); shown beside the size of one session's full state as JSON.

No targets are set for these yet: they are reported.

    python benchmarks/memory_footprint.py [--clients 500] [--sessions 10000] [--idle-wait 0]
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (  # noqa: E402
    APP,
    BARE,
    describe_server,
    figure,
    group_rss_kib,
    missed,
    parser,
    served,
)
from tests.e2e.server import ServerProcess  # noqa: E402
from tests.e2e.swarm import Swarm  # noqa: E402

SCENARIO = "lifecycle-basics"
SETTLE = 1.0  # seconds to let the server finish its work before reading RSS
CREATORS = 4  # concurrent session creations


def rss(server: ServerProcess) -> int:
    assert server.pid is not None
    return group_rss_kib(server.pid)


async def client_growth(server: ServerProcess, count: int) -> float:
    """KiB of server RSS per connected idle client (after a small warm-up)."""
    async with Swarm(server.url, ()) as warm:
        await warm.connect(20)
    await asyncio.sleep(SETTLE)
    before = rss(server)
    async with Swarm(server.url, ()) as swarm:
        await swarm.connect(count)
        await asyncio.sleep(SETTLE)
        if swarm.connected != count:
            raise RuntimeError(f"only {swarm.connected} of {count} clients connected")
        after = rss(server)
    return (after - before) / count


async def create_many(url: str, count: int) -> tuple[Counter[int], list[str], float]:
    """Create ``count`` sessions; (statuses, Retry-After values seen, seconds taken)."""
    statuses: Counter[int] = Counter()
    retry_after: list[str] = []
    shares = [count // CREATORS + (i < count % CREATORS) for i in range(CREATORS)]
    async with aiohttp.ClientSession() as http:

        async def creator(share: int) -> None:
            for _ in range(share):
                async with http.post(f"{url}/api/v1/sessions",
                                     json={"scenario": SCENARIO}) as response:
                    await response.read()
                    statuses[response.status] += 1
                    if response.status == 429:
                        retry_after.append(response.headers.get("Retry-After", "?"))

        start = time.perf_counter()
        await asyncio.gather(*(creator(share) for share in shares))
    return statuses, retry_after, time.perf_counter() - start


async def state_size(url: str) -> int:
    """Bytes of one fresh session's full state (``GET /api/v1/sessions/<id>``'s ``state``)."""
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{url}/api/v1/sessions", json={"scenario": SCENARIO}) as created:
            session = (await created.json())["id"]
        async with http.get(f"{url}/api/v1/sessions/{session}") as response:
            body = await response.json()
    return len(json.dumps(body["state"], separators=(",", ":")).encode())


async def session_growth(server: ServerProcess, count: int, idle_wait: float) -> dict[str, Any]:
    await create_many(server.url, 50)  # warm-up: imports, catalog, caches
    size = await state_size(server.url)
    await asyncio.sleep(SETTLE)
    before = rss(server)
    statuses, retry_after, took = await create_many(server.url, count)
    await asyncio.sleep(SETTLE)
    after = rss(server)
    result = {"statuses": statuses, "retry_after": retry_after, "took": took, "size": size,
              "before": before, "after": after, "created": statuses.get(201, 0)}
    if idle_wait > 0:
        await asyncio.sleep(idle_wait)
        result["later"] = rss(server)
    return result


def report_sessions(result: dict[str, Any], count: int, idle_wait: float) -> None:
    created, statuses = result["created"], dict(result["statuses"])
    print(f"  sessions: {count:,} requested in {result['took']:.1f} s "
          f"({count / result['took']:,.0f}/s), answers {statuses}; server RSS "
          f"{result['before'] / 1024:,.1f} -> {result['after'] / 1024:,.1f} MiB")
    if result["retry_after"]:
        print(f"  rate limited: {len(result['retry_after'])} answers 429, Retry-After "
              f"{sorted(set(result['retry_after']))[:5]}")
    if not created:
        missed("memory per idle session", f"no session was created ({statuses})")
        return
    per = (result["after"] - result["before"]) / created
    figure("memory per idle session", per, "its full state as JSON", result["size"] / 1024,
           "KiB", None)
    if "later" in result:
        later = (result["later"] - result["before"]) / created
        print(f"  after {idle_wait:g} s idle: {later:,.2f} KiB per session "
              f"(RSS {result['later'] / 1024:,.1f} MiB)")


def main() -> int:
    options = parser(__doc__.splitlines()[0])
    options.add_argument("--clients", type=int, default=500)
    options.add_argument("--sessions", type=int, default=10_000)
    options.add_argument("--idle-wait", type=float, default=0.0,
                         help="also read RSS this many seconds after the last creation")
    args = options.parse_args()
    print("Server memory per idle client and per idle session (RSS of the process group)")
    print(f"  {describe_server(args.procfile)}")
    try:
        with served(APP, args.procfile) as app, served(BARE, args.procfile) as bare:
            per_app = asyncio.run(client_growth(app, args.clients))
            per_bare = asyncio.run(client_growth(bare, args.clients))
        figure(f"memory per idle client ({args.clients} connected)", per_app,
               "bare Flask-SocketIO", per_bare, "KiB", None)
    except (RuntimeError, TimeoutError, OSError) as error:
        missed("memory per idle client", f"{type(error).__name__}: {error}")
    with served(APP, args.procfile) as app:
        try:
            result = asyncio.run(session_growth(app, args.sessions, args.idle_wait))
            report_sessions(result, args.sessions, args.idle_wait)
        except (RuntimeError, TimeoutError, OSError, KeyError) as error:
            missed("memory per idle session", f"{type(error).__name__}: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
