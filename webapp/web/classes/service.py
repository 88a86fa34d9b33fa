"""The rules of a live class: who may do what, what each reader may see, the countdown.

The presenter is whoever holds the session's owner token. A student holds a student token
(only its hash is kept). Public forms never carry a name, a token or an unrevealed answer; the
presenter's forms add the answer and the dashboard. Who is connected lives in memory (this
process's sockets); everything else is in the database.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from webapp.model import questions
from webapp.model.simulation import Simulation
from webapp.model.timeline import replay_one
from webapp.web import access
from webapp.web.classes.store import ClassStore, Poll, Student
from webapp.web.errors import ApiError
from webapp.web.sessions import SessionService

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
CODE_LENGTH = 6
Emit = Callable[[str, dict[str, Any], str], None]


@dataclass
class Member:
    role: str  # presenter, student or projector
    student: int | None = None


class ClassService:
    def __init__(self, store: ClassStore, sessions: SessionService) -> None:
        self.store, self.sessions = store, sessions
        self.members: dict[str, dict[str, Member]] = defaultdict(dict)  # code → sid → member
        self.presenter: dict[str, str] = {}  # code → the presenting socket
        self.codes: dict[str, str] = {}  # session → code, for the classes with sockets here
        self.guard = threading.Lock()
        self.emit: Emit = lambda event, payload, room: None
        self.later: Callable[[float, Callable[[], None]], None] = lambda delay, then: None

    # -- classes ---------------------------------------------------------------------------

    def start(self, session_id: str, tokens: Iterable[str]) -> tuple[str, bool]:
        """The class of an owned session (a new one if it has none): (code, created)."""
        self.sessions.owner(session_id, tokens)
        existing = self.store.code_of(session_id)
        if existing is not None:
            return existing, False
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        while self.store.session_of(code) is not None:
            code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        self.store.create(code, session_id)
        return code, True

    def session_of(self, code: str) -> str:
        session_id = self.store.session_of(normal_code(code))
        if session_id is None:
            raise ApiError(404, "unknown_class", _("There is no class with this code."))
        return session_id

    def is_presenter(self, code: str, tokens: Iterable[str]) -> bool:
        live = self.sessions.get(self.session_of(code))
        return live.role(tokens) == "owner"

    def presenter_only(self, code: str, tokens: Iterable[str]) -> str:
        if not self.is_presenter(code, tokens):
            raise ApiError(403, "forbidden", _("Only the class's presenter can do this."))
        return self.session_of(code)

    def public(self, code: str) -> dict[str, Any]:
        """What anyone with the code may see (never a name, a token or a hidden answer)."""
        session_id = self.session_of(code)
        live = self.sessions.get(session_id)
        poll = self.store.last_poll(code)
        return {"code": code, "session": session_id, "step": live.timeline.cursor,
                "students": self.store.count_students(code), "connected": self.connected(code),
                "poll": self.public_poll(poll) if poll else None}

    # -- students --------------------------------------------------------------------------

    def join(self, code: str, name: str) -> tuple[int, str]:
        self.session_of(code)
        token = access.new_token()
        student = self.store.add_student(code, name, access.token_hash(token))
        self.changed(code)
        return student, token

    def student(self, code: str, tokens: Iterable[str]) -> Student:
        for token in tokens:
            if isinstance(token, str) and 0 < len(token) <= 256:
                found = self.store.student_by_hash(code, access.token_hash(token))
                if found is not None:
                    return found
        raise ApiError(403, "forbidden", _("Join the class first."))

    def detach(self, code: str, student: Student) -> tuple[Any, str]:
        """Fork the class session at the presenter's step for this student."""
        session_id = self.session_of(code)
        live = self.sessions.get(session_id)
        fork, token = self.sessions.fork(session_id, live.timeline.cursor)
        self.store.update_student(student.id, following=False, fork=fork.id)
        self.changed(code)
        return fork, token

    def follow(self, code: str, student: Student) -> None:
        self.store.update_student(student.id, following=True)
        self.changed(code)

    def raise_hand(self, code: str, student: Student, raised: bool) -> None:
        self.store.update_student(student.id, hand=raised)
        self.changed(code)

    # -- polls -----------------------------------------------------------------------------

    def open_poll(self, code: str, question: dict[str, Any], seconds: float | None) -> Poll:
        live = self.sessions.get(self.session_of(code))
        poll_id = self.store.add_poll(code, live.timeline.cursor, question, seconds)
        if seconds:
            self.later(seconds + 0.05, lambda: self.expire(code, poll_id))
        self.changed(code)
        return self.poll(code, poll_id)

    def generate(self, code: str, kind: str) -> dict[str, Any]:
        """A question the model asks about this step, with the answer it computes."""
        sim, replay = self.ahead_of(code)
        question = questions.ask(kind, sim, replay, seed=sim.step_no)
        if question is None:
            raise ApiError(409, "no_question", _("The model has no such question at this step: "
                                                 "step on, or write the question yourself."))
        return question.to_dict()

    def kinds(self, code: str) -> list[str]:
        sim, replay = self.ahead_of(code)
        return questions.available(sim, replay)

    def ahead_of(self, code: str) -> tuple[Simulation, Callable[[Simulation], Any]]:
        live = self.sessions.get(self.session_of(code))
        with live.lock:
            sim = live.timeline.sim
            blob, actions = sim.checkpoint(), dict(live.timeline.actions)
        copy = Simulation.restore(sim.scenario, sim.seed, blob)
        return copy, lambda scratch: replay_one(scratch, actions)

    def poll(self, code: str, poll_id: int) -> Poll:
        poll = self.store.poll(normal_code(code), poll_id)
        if poll is None:
            raise ApiError(404, "unknown_poll", _("There is no such poll in this class."))
        if poll.state == "open" and poll.closes_at is not None and time.time() >= poll.closes_at:
            self.store.set_poll_state(poll.id, "closed", ("open",))  # its countdown ended
            return self.poll(code, poll_id)
        return poll

    def expire(self, code: str, poll_id: int) -> None:
        """The countdown's end: the server closes the vote, whatever the clients do."""
        self.poll(code, poll_id)
        self.changed(code)

    def answer(self, code: str, poll_id: int, student: Student, choice: Any) -> int:
        poll = self.poll(code, poll_id)
        if poll.state != "open":
            raise ApiError(409, "poll_closed", _("The vote is closed: answers are not taken now."))
        if isinstance(choice, bool) or not isinstance(choice, int) \
                or not 0 <= choice < len(poll.choices):
            raise ApiError(422, "invalid_argument", _("Choose one of the answers shown."))
        self.store.answer(poll.id, student.id, choice)
        self.changed(code)
        return choice

    def close(self, code: str, poll_id: int) -> Poll:
        self.store.set_poll_state(self.poll(code, poll_id).id, "closed", ("open",))
        self.changed(code)
        return self.poll(code, poll_id)

    def reveal(self, code: str, poll_id: int) -> Poll:
        poll = self.poll(code, poll_id)
        self.store.set_poll_state(poll.id, "revealed", ("open", "closed"))
        self.changed(code)
        return self.poll(code, poll_id)

    def public_poll(self, poll: Poll) -> dict[str, Any]:
        chosen = self.store.answers(poll.id)
        counts = [0] * len(poll.choices)
        for choice in chosen.values():
            counts[choice] += 1
        closes_in = (max(0.0, poll.closes_at - time.time())
                     if poll.state == "open" and poll.closes_at else None)
        return {"id": poll.id, "step": poll.step, "kind": poll.kind, "text": poll.text,
                "choices": poll.choices, "state": poll.state, "closes_in": closes_in,
                "counts": counts, "answers": len(chosen),
                "answer": poll.answer if poll.state == "revealed" else None}

    def presenter_poll(self, poll: Poll) -> dict[str, Any]:
        return {**self.public_poll(poll), "answer": poll.answer, "show_steps": poll.show_steps}

    # -- who is there ----------------------------------------------------------------------

    def dashboard(self, code: str) -> dict[str, Any]:
        poll = self.store.last_poll(code)
        chosen = self.store.answers(poll.id) if poll else {}
        online = self.online_students(code)
        rows = [{"student": s.id, "name": s.name, "connected": s.id in online,
                 "following": s.following, "hand": s.hand, "answered": s.id in chosen,
                 "status": status(s, poll, chosen)} for s in self.store.students(code)]
        return {"students": rows, "poll": self.presenter_poll(poll) if poll else None}

    def online_students(self, code: str) -> set[int]:
        with self.guard:
            return {m.student for m in self.members.get(code, {}).values()
                    if m.student is not None}

    def connected(self, code: str) -> int:
        return len(self.online_students(code))

    def enter(self, code: str, sid: str, member: Member) -> str | None:
        """Record a socket in the class; the presenter socket it replaces, if any."""
        session_id = self.session_of(code)
        with self.guard:
            self.members[code][sid] = member
            self.codes[session_id] = code
            if member.role != "presenter":
                return None
            previous, self.presenter[code] = self.presenter.get(code), sid
        return previous if previous != sid else None

    def leave(self, sid: str) -> list[str]:
        """Forget a socket everywhere; the classes it was in."""
        with self.guard:
            left = [code for code, members in self.members.items() if members.pop(sid, None)]
            for code in left:
                if self.presenter.get(code) == sid:
                    del self.presenter[code]
        return left

    def replaced(self, session_id: str, sid: str) -> bool:
        """Whether ``sid`` is a presenter tab another tab took over from (memory only: the
        sockets of a class are this process's)."""
        with self.guard:
            code = self.codes.get(session_id)
            current = self.presenter.get(code) if code else None
            member = self.members.get(code, {}).get(sid) if code else None
        return member is not None and member.role == "presenter" and current not in (None, sid)

    def changed(self, code: str) -> None:
        """Tell the class (public state) and its presenter (dashboard)."""
        self.emit("class", self.public(code), f"class:{code}")
        self.emit("dashboard", self.dashboard(code), f"class:{code}:presenter")


def status(student: Student, poll: Poll | None, chosen: dict[int, int]) -> str:
    if student.hand:
        return "needs_help"
    if poll is None or student.id not in chosen:
        return "not_started"
    if poll.state != "revealed":
        return "answered"
    return "correct" if chosen[student.id] == poll.answer else "wrong"


def normal_code(code: str) -> str:
    return code.strip().upper()[:CODE_LENGTH + 2]
