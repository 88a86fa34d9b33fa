"""Live sessions: a cache of timelines in front of the store, one lock per session.

Every change goes through :class:`SessionService`, which persists it, then hands the events and
what changed to the broadcaster (the socket layer), whatever asked for the change: an HTTP
request, a socket message or the play ticker.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from webapp import catalog
from webapp.model.events import Event
from webapp.model.snapshot import diff, snapshot
from webapp.model.timeline import Timeline
from webapp.store import Store
from webapp.web.errors import ApiError

MAX_EVENTS_RETURNED = 500

Broadcast = Callable[[str, dict[str, Any]], None]


@dataclass
class LiveSession:
    """One session in memory: its timeline, the last snapshot sent, and the play state."""

    id: str
    timeline: Timeline
    version: int
    lock: threading.RLock = field(default_factory=threading.RLock)
    last_state: dict[str, Any] = field(default_factory=dict)
    playing: bool = False
    speed: float = 2.0  # steps per second while playing
    ticking: bool = False  # a play ticker is running for this session

    def state(self) -> dict[str, Any]:
        """The snapshot at the cursor: the one last published (every change publishes one),
        so pages, partials and the API never compute it again."""
        return self.last_state

    def refresh(self) -> dict[str, Any]:
        """Compute the snapshot at the cursor and keep it as the published one."""
        self.last_state = snapshot(self.timeline.sim)
        return self.last_state

    def timeline_info(self) -> dict[str, Any]:
        markers = self.timeline.markers
        return {"step": self.timeline.cursor, "length": self.timeline.length,
                "markers": [[step, list(kinds)] for step, kinds in sorted(markers.items())],
                "playing": self.playing, "speed": self.speed}


def events_json(events: list[Event]) -> list[dict[str, Any]]:
    """The last events of a change, as JSON (long runs are cut to the newest ones)."""
    return [event.to_dict() for event in events[-MAX_EVENTS_RETURNED:]]


class SessionService:
    """Creates, finds and changes sessions; persists and broadcasts every change."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.live: dict[str, LiveSession] = {}
        self.guard = threading.Lock()
        self.broadcast: Broadcast = lambda session_id, payload: None

    def create(self, scenario_id: str, seed: int | None = None) -> LiveSession:
        scenario = catalog.get(scenario_id)
        if scenario is None:
            raise ApiError(404, "unknown_scenario", f"There is no scenario {scenario_id!r}.")
        seed = secrets.randbelow(2**31) if seed is None else seed
        session_id = secrets.token_urlsafe(9)
        self.store.create(session_id, scenario_id, seed)
        live = LiveSession(session_id, Timeline(scenario, seed), version=0)
        live.refresh()
        with self.guard:
            self.live[session_id] = live
        return live

    def get(self, session_id: str) -> LiveSession:
        """The live session, reloaded from the store when another process changed it."""
        with self.guard:
            cached = self.live.get(session_id)
        if cached is not None:
            # This process writes a session only while holding its lock, and sets the cached
            # version before releasing it: compared under the lock, a difference can only come
            # from another process (compared outside it, a concurrent request or the play ticker
            # looked like one, and the reload lost their steps).
            with cached.lock:
                version = self.store.version(session_id)
                if version is not None and version == cached.version:
                    return cached
        with self.guard:
            live = self.live.get(session_id)
            if live is not None and live is not cached:
                return live  # another thread reloaded it meanwhile
            if self.store.version(session_id) is None:
                raise ApiError(404, "unknown_session", f"There is no session {session_id!r}.")
            live = self._load(session_id)
            self.live[session_id] = live
        return live

    def _load(self, session_id: str) -> LiveSession:
        record = self.store.load(session_id)
        scenario = catalog.get(record.scenario) if record else None
        if record is None or scenario is None:
            raise ApiError(404, "unknown_session", f"Session {session_id!r} cannot be loaded.")
        timeline = Timeline(scenario, record.seed, record.actions, record.length)
        timeline.replay_history()
        timeline.seek(record.cursor)
        live = LiveSession(session_id, timeline, record.version)
        live.refresh()
        return live

    def change(self, session_id: str, how: Callable[[Timeline], list[Event]],
               acted: bool = False) -> tuple[LiveSession, list[Event]]:
        """Apply ``how`` to the session's timeline, persist, broadcast; refusals propagate."""
        live = self.get(session_id)
        with live.lock:
            events = how(live.timeline)
            self._persist(live, acted)
            self._publish(live, events)
        return live, events

    def _persist(self, live: LiveSession, acted: bool) -> None:
        timeline = live.timeline
        logged = timeline.actions.get(timeline.cursor - 1) if acted else None
        live.version = self.store.save(live.id, timeline.cursor, timeline.length, logged)

    def _publish(self, live: LiveSession, events: list[Event]) -> None:
        previous = live.last_state
        payload = {"session": live.id, "step": live.timeline.cursor,
                   "events": events_json(events), "changes": diff(previous, live.refresh()),
                   "timeline": live.timeline_info()}
        self.broadcast(live.id, payload)

    def set_play(self, session_id: str, playing: bool, speed: float | None = None
                 ) -> LiveSession:
        """Record the play state and tell every client of the session."""
        live = self.get(session_id)
        with live.lock:
            live.playing = playing
            live.speed = speed if speed is not None else live.speed
            self._publish(live, [])
        return live
