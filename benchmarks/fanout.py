"""Fan-out of one step to 50 and 200 followers, vs a bare broadcast to a room of as many.

N websocket clients (python-socketio ``AsyncClient``, one asyncio loop) join one lifecycle
session; a driver client that follows nothing emits ``step`` with the owner token; a round ends
when the last follower has the ``state`` of the new step, and its figure is the time from the
emit to that last arrival. Baseline: as many clients in a room of ``benchmarks/bare_app.py``
(same Procfile command), where the driver emits ``blast`` and the server emits a copy of a real
``state`` message of this run to the room. Rounds alternate between the two servers.
Target: median <= 1.5x the bare broadcast.

    python benchmarks/fanout.py [--rounds 30] [--procfile Procfile]
"""

from __future__ import annotations

import asyncio
import sys
import time
from functools import partial
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
from benchmarks.step_roundtrip import wire_size  # noqa: E402
from tests.e2e.swarm import Peer, Swarm  # noqa: E402

TARGET = ("<=", 1.5)
SCENARIO = "lifecycle-basics"
SIZES = (50, 200)
TIMEOUT = 15.0
ROOM = "followers"


class Arrivals:
    """Counts the round's messages as the clients receive them, and when the last came."""

    def __init__(self) -> None:
        self.step: int | None = None  # the step a state must carry to count (None: any)
        self.count, self.last = 0, 0.0

    def reset(self, step: int | None = None) -> None:
        self.step, self.count, self.last = step, 0, 0.0

    def keep(self, data: Any) -> Any:
        step = data.get("step") if isinstance(data, dict) else None
        if self.step is None or step == self.step:
            self.count += 1
            self.last = time.perf_counter()
        return step


class Side:
    """One server's followers, its driver, and how a round is started."""

    def __init__(self, swarm: Swarm, arrivals: Arrivals) -> None:
        self.swarm, self.arrivals = swarm, arrivals
        self.followers: list[Peer] = []
        self.driver: Peer | None = None
        self.session: str = ""
        self.token: str | None = None
        self.step = 0

    async def grow(self, size: int, bare: bool) -> None:
        """Connect and join followers until there are ``size``."""
        new = await self.swarm.connect(size - len(self.followers))
        for peer in new:
            if bare:
                await self.swarm.call(peer, "join", {"room": ROOM})
            else:
                await peer.client.emit("join", {"session": self.session})
        if not bare and not await self.swarm.until(
                lambda: all(p.last("state") is not None for p in new), TIMEOUT):
            raise RuntimeError("the followers did not all get their joining state")
        self.followers += new

    async def round(self, bare: bool) -> float:
        assert self.driver is not None
        self.step += 1
        self.arrivals.reset(None if bare else self.step)
        start = time.perf_counter()
        if bare:
            await self.driver.client.emit("blast", {"room": ROOM, "name": "state"})
        else:
            await self.driver.client.emit("step", drive(self.session, self.token, count=1))
        everyone = len(self.followers)
        if not await self.swarm.until(lambda: self.arrivals.count >= everyone, TIMEOUT):
            raise RuntimeError(f"{self.arrivals.count} of {everyone} followers got the message "
                               f"within {TIMEOUT:.0f} s")
        return self.arrivals.last - start


def is_step(step: int, data: Any) -> bool:
    return isinstance(data, dict) and data.get("step") == step


async def sample_state(app: Side) -> dict[str, Any]:
    """A real ``state`` message of a step (median size of a few), for the bare broadcast."""
    samples = []
    for _ in range(9):
        expected = app.step + 1
        captured = app.followers[0].expect("state", partial(is_step, expected))
        await app.round(bare=False)
        samples.append((await asyncio.wait_for(captured, TIMEOUT))[1])
    samples.sort(key=wire_size)
    sample: dict[str, Any] = samples[len(samples) // 2]
    return sample


async def prepare(app: Side, bare: Side, app_url: str) -> int:
    async with aiohttp.ClientSession() as http:
        app.session, app.token = await create_session(http, app_url, SCENARIO)
    app.driver = (await app.swarm.connect(1))[0]
    bare.driver = (await bare.swarm.connect(1))[0]
    await app.grow(1, bare=False)
    payload = await sample_state(app)
    await bare.swarm.call(bare.driver, "prime", {"name": "state", "payload": payload})
    return wire_size(payload)


async def measure(app_url: str, bare_url: str, rounds: int) -> dict[Any, Any]:
    app_arrivals, bare_arrivals = Arrivals(), Arrivals()
    results: dict[Any, Any] = {}
    async with Swarm(app_url, ("state", "error"), keep=app_arrivals.keep) as app_swarm, \
            Swarm(bare_url, ("blast",), keep=bare_arrivals.keep) as bare_swarm:
        app, bare = Side(app_swarm, app_arrivals), Side(bare_swarm, bare_arrivals)
        results["payload"] = await prepare(app, bare, app_url)
        for size in SIZES:
            try:
                await app.grow(size, bare=False)
                await bare.grow(size, bare=True)
                times: dict[str, list[float]] = {"app": [], "bare": []}
                for _ in range(rounds):
                    times["app"].append(await app.round(bare=False))
                    times["bare"].append(await bare.round(bare=True))
                results[size] = times
            except (RuntimeError, TimeoutError, OSError) as error:
                results[size] = f"{type(error).__name__}: {error} (connected: app "
                results[size] += f"{app_swarm.connected}, bare {bare_swarm.connected})"
                break
    return results


def report(results: dict[Any, Any], rounds: int) -> None:
    print(f"  payload: {results['payload']:,} bytes per follower (a real state message, "
          f"copied for the bare broadcast); {rounds} rounds per size")
    for size in SIZES:
        label = f"fan-out to {size} followers"
        times = results.get(size, "not reached")
        if isinstance(times, str):
            missed(f"{label} median", times)
            continue
        app, bare = times["app"], times["bare"]
        figure(f"{label} median", ms(median(app)), "bare broadcast", ms(median(bare)), "ms",
               TARGET)
        figure(f"{label} p90", ms(percentile(app, 0.9)), "bare broadcast p90",
               ms(percentile(bare, 0.9)), "ms", None)


def main() -> int:
    options = parser(__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=30)
    args = options.parse_args()
    print(f"Fan-out of one step ({SCENARIO}) to its followers, emit to the last arrival")
    print(f"  {describe_server(args.procfile)}")
    with served(APP, args.procfile) as app, served(BARE, args.procfile) as bare:
        try:
            report(asyncio.run(measure(app.url, bare.url, args.rounds)), args.rounds)
        except (RuntimeError, TimeoutError, OSError) as error:
            missed("fan-out", f"{type(error).__name__}: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
