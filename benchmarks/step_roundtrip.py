"""Socket.IO step round trip: emit ``step``, receive the ``state`` broadcast, vs a bare echo.

One websocket client (python-socketio ``AsyncClient``) joins a lifecycle session and emits
``step`` ``{"session", "count": 1, "token"}``; a trip ends when the ``state`` of the new step
arrives. Baseline: the same kind of client against ``benchmarks/bare_app.py`` (served by the
same Procfile command), emitting ``echo`` and receiving a copy of a real ``state`` message of
this run (same size, same shape). Both servers run at once and blocks of trips alternate
between them, so a busy moment of the machine slows both alike. Target: median <= 1.5x.

    python benchmarks/step_roundtrip.py [--trips 1000] [--procfile Procfile]
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (  # noqa: E402
    APP,
    BARE,
    create_session,
    describe_server,
    drive,
    figure,
    median,
    missed,
    ms,
    parser,
    percentile,
    served,
)
from tests.e2e.swarm import Peer, Swarm  # noqa: E402

TARGET = ("<=", 1.5)
SCENARIO = "lifecycle-basics"
BLOCKS = 10  # the trips alternate between the two servers in this many blocks each
WARMUP = 50
TIMEOUT = 15.0


def wire_size(data: Any) -> int:
    """Bytes of ``data`` as python-socketio encodes it."""
    return len(json.dumps(data, separators=(",", ":")).encode())


class AppTrips:
    """Round trips of ``step`` → ``state`` on one session of the app."""

    def __init__(self, peer: Peer, session: str, token: str | None) -> None:
        self.peer, self.session, self.token, self.step = peer, session, token, 0

    async def trip(self) -> tuple[float, Any]:
        self.step += 1
        expected = self.step
        arrived = self.peer.expect("state", lambda data: data.get("step") == expected)
        start = time.perf_counter()
        await self.peer.client.emit("step", drive(self.session, self.token, count=1))
        try:
            stamp, data = await asyncio.wait_for(arrived, TIMEOUT)
        except TimeoutError:
            raise RuntimeError(f"no state for step {expected} within {TIMEOUT:.0f} s; errors "
                               f"received: {self.peer.received.get('error')}") from None
        return stamp - start, data


class BareTrips:
    """Round trips of ``echo`` → the primed payload on the bare app."""

    def __init__(self, peer: Peer) -> None:
        self.peer = peer

    async def trip(self) -> tuple[float, Any]:
        arrived = self.peer.expect("echo", lambda data: True)
        start = time.perf_counter()
        await self.peer.client.emit("echo", {"name": "state"})
        stamp, data = await asyncio.wait_for(arrived, TIMEOUT)
        return stamp - start, data


async def app_trips(swarm: Swarm, url: str) -> AppTrips:
    async with aiohttp.ClientSession() as http:
        session, token = await create_session(http, url, SCENARIO)
    peer = (await swarm.connect(1))[0]
    joined = peer.expect("state", lambda data: data.get("step") == 0)
    await peer.client.emit("join", {"session": session})
    await asyncio.wait_for(joined, TIMEOUT)
    return AppTrips(peer, session, token)


async def run_block(trips: AppTrips | BareTrips, count: int) -> list[float]:
    return [(await trips.trip())[0] for _ in range(count)]


async def measure(app_url: str, bare_url: str, trips: int) -> dict[str, Any]:
    async with Swarm(app_url, ("state", "error"), keep=lambda data: None) as app_swarm, \
            Swarm(bare_url, ("echo",), keep=lambda data: None) as bare_swarm:
        app = await app_trips(app_swarm, app_url)
        warm = [(await app.trip())[1] for _ in range(WARMUP)]
        sizes = sorted(wire_size(message) for message in warm)
        payload = min(warm, key=lambda message: abs(wire_size(message) - median(sizes)))
        bare_peer = (await bare_swarm.connect(1))[0]
        await bare_swarm.call(bare_peer, "prime", {"name": "state", "payload": payload})
        bare = BareTrips(bare_peer)
        await run_block(bare, WARMUP)
        times: dict[str, list[float]] = {"app": [], "bare": []}
        for _ in range(BLOCKS):
            times["app"] += await run_block(app, trips // BLOCKS)
            times["bare"] += await run_block(bare, trips // BLOCKS)
        return {"times": times, "sizes": sizes, "payload": wire_size(payload)}


def report(result: dict[str, Any]) -> None:
    app, bare, sizes = result["times"]["app"], result["times"]["bare"], result["sizes"]
    print(f"  state messages: median {median(sizes):,.0f} bytes (from {sizes[0]:,} to "
          f"{sizes[-1]:,}); bare echo payload {result['payload']:,} bytes (a copy of one); "
          f"{len(app):,} trips each")
    figure("step round trip median", ms(median(app)), "bare echo", ms(median(bare)), "ms",
           TARGET, 3)
    figure("step round trip p99", ms(percentile(app, 0.99)), "bare echo p99",
           ms(percentile(bare, 0.99)), "ms", None, 3)


def main() -> int:
    options = parser(__doc__.splitlines()[0])
    options.add_argument("--trips", type=int, default=1000)
    args = options.parse_args()
    print(f"Step round trip over Socket.IO ({SCENARIO}, one websocket client)")
    print(f"  {describe_server(args.procfile)}")
    with served(APP, args.procfile) as app, served(BARE, args.procfile) as bare:
        try:
            report(asyncio.run(measure(app.url, bare.url, args.trips)))
        except (RuntimeError, TimeoutError, OSError) as error:
            missed("step round trip median", f"{type(error).__name__}: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
