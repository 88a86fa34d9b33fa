"""Many Socket.IO clients in one asyncio loop, for the capacity test and the benchmarks.

python-socketio's ``AsyncClient`` over aiohttp, WebSocket transport only, all sharing one
aiohttp session whose connector has no connection limit (aiohttp's default of 100 would
silently hold client 101 back). Hundreds of clients cost one thread and a few MB here, where
threaded clients would cost a thread (or four) each.

``skip_utf8_validation`` is an option of the *threaded* client's ``websocket-client``; aiohttp's
``ws_connect`` refuses it (``TypeError``), and needs no such option: its frame reader is
compiled and decodes text with ``bytes.decode``.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

import aiohttp
import socketio

Keep = Callable[[Any], Any]
Match = Callable[[Any], bool]


class Peer:
    """One connected client and what it received: ``(arrival time, kept data)`` by event."""

    def __init__(self, client: socketio.AsyncClient) -> None:
        self.client = client
        self.received: dict[str, list[tuple[float, Any]]] = defaultdict(list)
        self.waiters: list[tuple[str, Match, asyncio.Future[tuple[float, Any]]]] = []

    def expect(self, event: str, match: Match) -> asyncio.Future[tuple[float, Any]]:
        """A future for the next ``event`` whose data satisfies ``match`` (arrival, data)."""
        future: asyncio.Future[tuple[float, Any]] = asyncio.get_running_loop().create_future()
        self.waiters.append((event, match, future))
        return future

    def arrived(self, event: str, data: Any, kept: Any) -> None:
        stamp = time.perf_counter()
        self.received[event].append((stamp, kept))
        waiting = []
        for entry in self.waiters:
            name, match, future = entry
            if name == event and not future.done() and match(data):
                future.set_result((stamp, data))
            elif not future.done():
                waiting.append(entry)
        self.waiters = waiting

    def last(self, event: str) -> Any:
        """The kept data of the last ``event`` received (None when none came)."""
        found = self.received.get(event)
        return found[-1][1] if found else None


class Swarm:
    """Opens, follows and closes many clients of one server; ``async with Swarm(url)``."""

    def __init__(self, url: str, events: Iterable[str] = ("state",), *,
                 timeout: float = 15.0, keep: Keep | None = None) -> None:
        self.url = url
        self.events = tuple(events)
        self.timeout = timeout
        self.keep: Keep = keep or (lambda data: data)
        self.peers: list[Peer] = []
        self._http: aiohttp.ClientSession | None = None
        self._news: asyncio.Event | None = None

    async def __aenter__(self) -> Swarm:
        self._http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        self._news = asyncio.Event()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, traceback: TracebackType | None) -> None:
        await self.close()

    async def connect(self, count: int, concurrency: int = 50) -> list[Peer]:
        """Connect ``count`` more clients, at most ``concurrency`` handshakes at a time."""
        gate = asyncio.Semaphore(concurrency)

        async def one() -> Peer:
            async with gate:
                return await self._connect_one()

        return list(await asyncio.gather(*(one() for _ in range(count))))

    async def _connect_one(self) -> Peer:
        client = socketio.AsyncClient(reconnection=False, handle_sigint=False,
                                      http_session=self._http, request_timeout=self.timeout)
        peer = Peer(client)
        for event in self.events:
            client.on(event, self._recorder(peer, event))
        self.peers.append(peer)  # before connecting, so close() disconnects it whatever happens
        await client.connect(self.url, transports=["websocket"], wait_timeout=self.timeout)
        return peer

    def _recorder(self, peer: Peer, event: str) -> Callable[[Any], None]:
        def record(data: Any = None) -> None:
            peer.arrived(event, data, self.keep(data))
            if self._news is not None:
                self._news.set()

        return record

    @property
    def connected(self) -> int:
        return sum(1 for peer in self.peers if peer.client.connected)

    async def until(self, predicate: Callable[[], bool], timeout: float | None = None) -> bool:
        """Wait until ``predicate()`` holds (checked after every message); False on timeout."""
        assert self._news is not None, "use the swarm with `async with`"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self.timeout if timeout is None else timeout)
        while not predicate():
            self._news.clear()
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self._news.wait(), remaining)
            except TimeoutError:
                return predicate()
        return True

    async def call(self, peer: Peer, event: str, data: Any) -> Any:
        """Emit ``event`` and wait for the server's acknowledgement."""
        return await peer.client.call(event, data, timeout=self.timeout)

    async def close(self) -> None:
        """Disconnect every client, then close the shared HTTP session."""
        await asyncio.gather(*(peer.client.disconnect() for peer in self.peers),
                             return_exceptions=True)
        self.peers.clear()
        if self._http is not None:
            await self._http.close()
            self._http = None
