"""Live sessions: a bounded cache of timelines in front of the store, one lock per session.

Every change goes through :class:`SessionService`, which persists it, then hands the events and
what changed to the broadcaster (the socket layer), whatever asked for the change: an HTTP
request, a socket message or the play ticker. Reading a past step (:meth:`view`) never moves
the cursor. Idle sessions leave memory and come back from their checkpoints on demand; loading
one holds only that session's loading lock, never one that other sessions need.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from webapp import catalog
from webapp.model.errors import ModelError
from webapp.model.events import Event
from webapp.model.snapshot import diff, snapshot
from webapp.model.timeline import History, Timeline
from webapp.store import Grant, Store
from webapp.web import access
from webapp.web.checkpoints import MODEL_VERSION, StoredCheckpoints
from webapp.web.errors import ApiError

MAX_EVENTS_RETURNED = 500
MAX_LIVE = 64  # sessions kept in memory beyond those with clients or a ticker
VIEW_CACHE = 256  # snapshots of past steps kept for viewers

Broadcast = Callable[[str, dict[str, Any]], None]


@dataclass
class LiveSession:
    """One session in memory: its timeline, the last snapshot sent, and the play state."""

    id: str
    timeline: Timeline
    version: int
    grants: list[Grant] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock)
    last_state: dict[str, Any] = field(default_factory=dict)
    playing: bool = False
    speed: float = 2.0  # steps per second while playing
    ticking: bool = False  # a play ticker is running for this session
    clients: int = 0  # sockets of this process in the session's room
    history_key: int = 0  # changes whenever the recorded history is replaced
    markers_key: tuple[int, int, int] = (-1, -1, -1)  # the markers last published

    def state(self) -> dict[str, Any]:
        """The snapshot at the cursor: the one last published (every change publishes one),
        so pages, partials and the API never compute it again."""
        return self.last_state

    def refresh(self) -> dict[str, Any]:
        """Compute the snapshot at the cursor and keep it as the published one."""
        self.last_state = snapshot(self.timeline.sim)
        return self.last_state

    def timeline_info(self, markers: bool = True) -> dict[str, Any]:
        """The timeline's position; its markers too, unless ``markers`` is False."""
        info: dict[str, Any] = {"step": self.timeline.cursor, "length": self.timeline.length,
                                "playing": self.playing, "speed": self.speed}
        if markers:
            info["markers"] = [[step, list(kinds)]
                               for step, kinds in sorted(self.timeline.markers.items())]
        return info

    def markers_changed(self) -> bool:
        """Whether the markers differ from the ones last published (then remembers them)."""
        marks = self.timeline.markers
        key = (len(marks), max(marks, default=-1), self.history_key)
        changed, self.markers_key = key != self.markers_key, key
        return changed

    def role(self, tokens: Iterable[str]) -> str | None:
        """The strongest role the presented tokens give (``owner`` over ``editor``); the
        first owner's token ends the search."""
        found = None
        for token in tokens:
            role = access.role_of(self.grants, token)
            if role == "owner":
                return role
            found = found or role
        return found

    def busy(self) -> bool:
        """Whether the session must stay in memory (followers or a ticker)."""
        return self.clients > 0 or self.ticking or self.playing


def refusal_event(step: int, key: str, action: str, messages: dict[str, str]
                  ) -> dict[str, Any]:
    """A refusal in the form of a narrated event (``kind`` ``refused``), shown at its step."""
    return {"step": step, "kind": "refused", "actors": [], "notable": False, "refused": True,
            "data": {"key": key, "action": action}, "narration": messages}


def events_json(events: list[Event]) -> list[dict[str, Any]]:
    """The last events of a change, as JSON (long runs are cut to the newest ones)."""
    return [event.to_dict() for event in events[-MAX_EVENTS_RETURNED:]]


class SessionService:
    """Creates, finds and changes sessions; persists and broadcasts every change."""

    def __init__(self, store: Store, max_live: int = MAX_LIVE, shared: bool = False) -> None:
        self.store = store
        self.max_live = max_live
        #: several processes serve the same sessions (a message queue): every change is
        #: written at once and every read checks the stored version; alone, this process is
        #: the only writer, so cursor moves over the socket may be written a moment later
        self.shared = shared
        self.unsaved: set[str] = set()
        self.closed = False
        self.live: OrderedDict[str, LiveSession] = OrderedDict()
        self.guard = threading.Lock()  # held only for dictionary operations
        self.loading: dict[str, threading.Lock] = {}
        self.views: OrderedDict[tuple[str, int, int], dict[str, Any]] = OrderedDict()
        self.broadcast: Broadcast = lambda session_id, payload: None
        #: tells a session's room that an action was refused (the socket layer sets it)
        self.notify: Broadcast = lambda session_id, payload: None

    # -- creating --------------------------------------------------------------------------

    def create(self, scenario_id: str, seed: int | None = None) -> tuple[LiveSession, str]:
        """A new session and its owner's token."""
        scenario = catalog.get(scenario_id)
        if scenario is None:
            raise ApiError(404, "unknown_scenario", f"There is no scenario {scenario_id!r}.")
        seed = secrets.randbelow(2**31) if seed is None else seed
        session_id, token = secrets.token_urlsafe(9), access.new_token()
        grant = access.grant_for(token, "owner")
        self.store.create(session_id, scenario_id, seed, grant)
        checkpoints = StoredCheckpoints(self.store, session_id)
        live = LiveSession(session_id, Timeline(scenario, seed, checkpoints=checkpoints),
                           version=0, grants=[grant])
        self._bind(live)
        live.refresh()
        self._remember(live)
        return live, token

    def fork(self, session_id: str, step: int) -> tuple[LiveSession, str]:
        """A new session with the same scenario, seed and actions up to ``step``, at ``step``,
        owned by the caller (a private copy to explore from)."""
        source = self.get(session_id)
        with source.lock:
            step = max(0, min(step, source.timeline.length))
            scenario, seed = source.timeline.scenario.id, source.timeline.seed
        live, token = self.create(scenario, seed)
        self.store.copy_history(source.id, live.id, step, MODEL_VERSION)
        self.drop(live.id)
        return self.get(live.id), token

    # -- finding ---------------------------------------------------------------------------

    def get(self, session_id: str) -> LiveSession:
        """The live session, reloaded from the store when another process changed it."""
        with self.guard:
            cached = self.live.get(session_id)
            if cached is not None:
                self.live.move_to_end(session_id)
        if cached is not None and not self.shared:
            return cached
        if cached is not None:
            # This process writes a session only while holding its lock, and sets the cached
            # version before releasing it: compared under the lock, a difference can only come
            # from another process.
            with cached.lock:
                version = self.store.version(session_id)
                if version is not None and version == cached.version:
                    return cached
        return self._reload(session_id, cached)

    def _reload(self, session_id: str, stale: LiveSession | None) -> LiveSession:
        with self.guard:
            gate = self.loading.setdefault(session_id, threading.Lock())
        with gate:  # only this session's loaders wait here
            with self.guard:
                live = self.live.get(session_id)
            if live is not None and live is not stale:
                return live  # another thread loaded it meanwhile
            live = self._load(session_id)
            if stale is not None:
                live.clients, live.playing = stale.clients, stale.playing
            self._remember(live)
        with self.guard:
            self.loading.pop(session_id, None)
        return live

    def _load(self, session_id: str) -> LiveSession:
        record = self.store.load(session_id)
        scenario = catalog.get(record.scenario) if record else None
        if record is None or scenario is None:
            raise ApiError(404, "unknown_session", f"There is no session {session_id!r}.")
        self.store.drop_stale_checkpoints(session_id, MODEL_VERSION)
        steps = self.store.checkpoint_steps(session_id, MODEL_VERSION)
        checkpoints = StoredCheckpoints(self.store, session_id, steps)
        timeline = Timeline(scenario, record.seed, record.actions, record.length,
                            checkpoints=checkpoints,
                            markers=self.store.markers(session_id, MODEL_VERSION))
        live = LiveSession(session_id, timeline, record.version,
                           grants=self.store.grants(session_id))
        self._bind(live)
        if len(steps) > 1 or record.length < 2 * 128:
            timeline.recover_tail()
        else:
            timeline.replay_history()  # written before checkpoints were kept: rebuild them
        timeline.seek(record.cursor)
        live.refresh()
        return live

    @staticmethod
    def _bind(live: LiveSession) -> None:
        checkpoints = live.timeline.checkpoints
        if isinstance(checkpoints, StoredCheckpoints):
            checkpoints.markers_since = lambda low, high: {
                s: m for s, m in live.timeline.markers.items() if low < s <= high}

    def _remember(self, live: LiveSession) -> None:
        with self.guard:
            self.live[live.id] = live
            self.live.move_to_end(live.id)
            idle = [s for s in self.live.values() if not s.busy() and s.id not in self.unsaved]
            for old in idle[:max(0, len(self.live) - self.max_live)]:
                if old is not live:
                    del self.live[old.id]

    def drop(self, session_id: str) -> None:
        """Let a session leave memory (it stays in the database)."""
        self.flush()
        with self.guard:
            self.live.pop(session_id, None)

    def evict_idle(self) -> int:
        """Drop every session without clients or ticker from memory; how many left."""
        self.flush()
        with self.guard:
            idle = [s.id for s in self.live.values() if not s.busy()]
            for session_id in idle:
                del self.live[session_id]
        return len(idle)

    def close(self) -> None:
        """Write what is pending and stop the background writer."""
        self.closed = True
        self.flush()

    def flush(self) -> None:
        """Write the cursor moves not written yet (see ``change(durable=False)``)."""
        with self.guard:
            pending, self.unsaved = self.unsaved, set()
            found = [self.live[s] for s in pending if s in self.live]
        for live in found:
            with live.lock:
                self._persist(live, False)

    # -- reading a past step ---------------------------------------------------------------

    def view(self, session_id: str, step: int) -> dict[str, Any]:
        """``{"step", "state", "events"}`` at ``step`` of the recorded history; nothing moves."""
        live = self.get(session_id)
        with live.lock:
            step = max(0, min(step, live.timeline.length))
            if step == live.timeline.cursor:
                return {"step": step, "state": live.state(),
                        "events": events_json(live.timeline.last_events)}
            key = (live.id, live.history_key, step)
            history = live.timeline.history()
        return self._cached_view(key, history, step)

    def _cached_view(self, key: tuple[str, int, int], history: History, step: int
                     ) -> dict[str, Any]:
        with self.guard:
            found = self.views.get(key)
        if found is not None:
            return found
        try:
            sim, events = history.at(step)
        except KeyError:  # the owner replaced that future meanwhile: read the new history
            return self.view(key[0], step)
        found = {"step": step, "state": snapshot(sim), "events": events_json(events)}
        with self.guard:
            self.views[key] = found
            while len(self.views) > VIEW_CACHE:
                self.views.popitem(last=False)
        return found

    # -- changing --------------------------------------------------------------------------

    def change(self, session_id: str, how: Callable[[Timeline], list[Event]],
               acted: bool = False, durable: bool = True) -> tuple[LiveSession, list[Event]]:
        """Apply ``how`` to the session's timeline, persist, broadcast; refusals propagate.

        An accepted action is always written before this returns; a cursor move asked with
        ``durable=False`` (the socket's steps, the ticker) is written by the next ``flush`` —
        within a fraction of a second — unless several processes share the sessions."""
        live = self.get(session_id)
        with live.lock:
            events = how(live.timeline)
            if acted:
                live.history_key += 1
                self.store.drop_refusals(live.id, live.timeline.cursor - 1)
            if durable or acted or self.shared:
                self._persist(live, acted)
            else:
                with self.guard:
                    self.unsaved.add(live.id)
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
                   "timeline": live.timeline_info(markers=live.markers_changed())}
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

    # -- refusals ---------------------------------------------------------------------------

    def refused(self, session_id: str, err: ModelError, action: str) -> dict[str, Any]:
        """Narrate a refused action at the step it was tried, for everyone who follows the
        session and in its history; nothing else changes. The event-like form is returned."""
        live = self.get(session_id)
        with live.lock:
            step = live.timeline.cursor
            self.store.add_refusal(live.id, step, err.key, action, err.messages())
        refusal = refusal_event(step, err.key, action, err.messages())
        self.notify(live.id, refusal)
        return refusal

    # -- who may drive ---------------------------------------------------------------------

    def driver(self, session_id: str, tokens: Iterable[str]) -> LiveSession:
        """The session, if the tokens give the right to drive it; else a 403 (nothing done)."""
        live = self.get(session_id)
        if live.role(tokens) is None:
            raise ApiError(403, "forbidden",
                           _("Only the session's owner can drive it: open your own copy with "
                             "“Explore from here”."))
        return live

    def owner(self, session_id: str, tokens: Iterable[str]) -> LiveSession:
        live = self.get(session_id)
        if live.role(tokens) != "owner":
            raise ApiError(403, "forbidden", _("Only the session's owner can do this."))
        return live

    def add_editor(self, live: LiveSession) -> str:
        token = access.new_token()
        grant = access.grant_for(token, "editor")
        self.store.add_grant(live.id, grant)
        with live.lock:
            live.grants = [*live.grants, grant]
        return token

    def revoke_editors(self, live: LiveSession) -> None:
        self.store.revoke(live.id, "editor")
        with live.lock:
            live.grants = [g for g in live.grants if g.role != "editor"]
