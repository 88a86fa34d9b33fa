"""What the server records for a learner without being asked: who created which session and
which class student is which browser (read from the responses that hand out their cookies),
and the chapters of a scenario's path a learner's session completes (read from every
published snapshot's ``guide``).

Nothing here changes a response or a broadcast: a failure is logged and the request goes on.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from flask import Flask, request
from werkzeug.wrappers import Response

from webapp.web import access
from webapp.web.classes.api import STUDENT_COOKIE
from webapp.web.progress_store import ProgressStore
from webapp.web.ratelimit import client_id
from webapp.web.sessions import SessionService
from webapp.web.set_goals import GoalWatcher

log = logging.getLogger(__name__)
REMEMBERED = 4096  # sessions whose completed chapters this process remembers


def done_chapters(state: dict[str, Any]) -> frozenset[int]:
    """The indices of the chapters the snapshot's guide says are done."""
    guide = state.get("guide") if isinstance(state, dict) else None
    chapters = guide.get("chapters") if isinstance(guide, dict) else None
    if not isinstance(chapters, list):
        return frozenset()
    return frozenset(i for i, chapter in enumerate(chapters)
                     if isinstance(chapter, dict) and chapter.get("done") is True)


class ChapterTracker:
    """Records a chapter for the session's learner when the model says it turned done."""

    def __init__(self, sessions: SessionService, store: ProgressStore) -> None:
        self.sessions, self.store = sessions, store
        self.seen: OrderedDict[str, frozenset[int]] = OrderedDict()
        self.guard = threading.Lock()

    def wrap_broadcast(self, goals: GoalWatcher) -> None:
        """Look at every published snapshot after the socket layer sent it (the chapters
        done, and the goals of the set a session was opened from)."""
        inner = self.sessions.broadcast

        def broadcast(session_id: str, payload: dict[str, Any]) -> None:
            inner(session_id, payload)
            self.check(session_id)
            goals.check(session_id, payload)

        self.sessions.broadcast = broadcast

    def check(self, session_id: str) -> None:
        try:
            self._check(session_id)
        except Exception:  # never break a broadcast: the next change tries again
            log.warning("could not record the chapters of session %s", session_id)

    def _check(self, session_id: str) -> None:
        live = self.sessions.live.get(session_id)
        if live is None:
            return
        done = done_chapters(live.last_state)
        with self.guard:
            before = self.seen.get(session_id, frozenset())
            self.seen[session_id] = done
            self.seen.move_to_end(session_id)
            while len(self.seen) > REMEMBERED:
                self.seen.popitem(last=False)
        if done - before:
            self._record(session_id, sorted(done - before), live.timeline.scenario.id)

    def _record(self, session_id: str, chapters: list[int], scenario: str) -> None:
        owner = self.store.session_owner(session_id)
        if owner is None:
            return
        for chapter in chapters:
            self.store.add_chapter(owner[0], owner[1] or scenario, chapter)

    def bound(self, session_id: str) -> None:
        """A session just got its learner: record what it completed before (a session may
        change before its creation's response is sent, e.g. loading a memory document)."""
        with self.guard:
            self.seen.pop(session_id, None)
        self.check(session_id)


def set_cookies(response: Response) -> Iterator[tuple[str, str]]:
    """``(name, value)`` of each cookie the response sets."""
    for header in response.headers.getlist("Set-Cookie"):
        name, _eq, value = header.split(";", 1)[0].partition("=")
        yield name.strip(), value.strip().strip('"')


class OwnerRecorder:
    """After a POST that hands out a session's owner cookie (a new session, a fork, a
    student's private copy) or a student's cookie (joining a class), remember the learner;
    a session started from a set's page (its form's ``set`` field) is watched for the set's
    goals."""

    def __init__(self, app: Flask, store: ProgressStore, tracker: ChapterTracker,
                 goals: GoalWatcher) -> None:
        self.app, self.store, self.tracker, self.goals = app, store, tracker, goals

    def __call__(self, response: Response) -> Response:
        if request.method == "POST" and response.status_code in (200, 201, 303):
            try:
                self.record(response)
            except Exception:  # the response stands; only the link is lost
                log.warning("could not record the learner of %s", request.path)
        return response

    def record(self, response: Response) -> None:
        for name, value in set_cookies(response):
            if name.startswith(access.COOKIE_PREFIX) and value:
                self.session(name.removeprefix(access.COOKIE_PREFIX))
            elif name.startswith(STUDENT_COOKIE) and value:
                self.student(name.removeprefix(STUDENT_COOKIE), value)

    def session(self, session_id: str) -> None:
        self.store.bind_session(session_id, client_id())
        self.tracker.bound(session_id)
        set_id = request.form.get("set", "") if request.endpoint == "pages.start" else ""
        body = self.store.get_set(set_id) if 1 <= len(set_id) <= 16 else None
        if body is not None and body["scenario"] == self.store.scenario_of(session_id):
            self.store.watch_session(session_id, set_id, client_id())
            self.goals.forget(session_id)

    def student(self, code: str, token: str) -> None:
        found = self.app.extensions["classes"].store.student_by_hash(
            code, access.token_hash(token))
        if found is not None:
            self.store.bind_student(found.id, client_id())


def init_tracking(app: Flask, store: ProgressStore) -> ChapterTracker:
    """Wrap the session service's broadcast (set by the socket layer: call this after it) and
    watch the responses."""
    tracker = ChapterTracker(app.extensions["sessions"], store)
    goals = GoalWatcher(app.extensions["sessions"], store)
    tracker.wrap_broadcast(goals)
    app.after_request(OwnerRecorder(app, store, tracker, goals))
    return tracker
