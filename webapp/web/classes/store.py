"""Classes, students, polls and answers in SQL, next to the sessions they belong to."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine

from webapp.store import Store, metadata

classes = Table(
    "classes", metadata,
    Column("code", String(8), primary_key=True),
    Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False, unique=True),
    Column("created_at", Float, nullable=False),
)

students = Table(
    "students", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("class_code", String(8), ForeignKey("classes.code"), nullable=False, index=True),
    Column("name", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("following", Boolean, nullable=False, default=True),
    Column("hand", Boolean, nullable=False, default=False),
    Column("fork", String(32), nullable=True),
    Column("joined_at", Float, nullable=False),
)

polls = Table(
    "polls", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("class_code", String(8), ForeignKey("classes.code"), nullable=False, index=True),
    Column("step", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("text", JSON, nullable=False),
    Column("choices", JSON, nullable=False),
    Column("answer", Integer, nullable=False),
    Column("show_steps", Integer, nullable=False, default=0),
    Column("state", String(16), nullable=False),
    Column("closes_at", Float, nullable=True),
    Column("created_at", Float, nullable=False),
)

answers = Table(
    "answers", metadata,
    Column("poll_id", Integer, ForeignKey("polls.id"), primary_key=True),
    Column("student_id", Integer, ForeignKey("students.id"), primary_key=True),
    Column("choice", Integer, nullable=False),
)


@dataclass(frozen=True)
class Student:
    id: int
    class_code: str
    name: str
    token_hash: str
    following: bool
    hand: bool
    fork: str | None


@dataclass(frozen=True)
class Poll:
    id: int
    class_code: str
    step: int
    kind: str
    text: dict[str, str]
    choices: list[dict[str, str]]
    answer: int
    show_steps: int
    state: str
    closes_at: float | None


KNOWN_CODES = 4096  # classes whose session is remembered in memory


class ClassStore:
    """Reads and writes the class tables (created beside the session tables)."""

    def __init__(self, store: Store) -> None:
        self.engine: Engine = store.engine
        metadata.create_all(self.engine)
        store.before_purge.append(self.purge_sessions)
        # code → session: fixed from a class's creation until its purge, and read by every
        # class request and message; kept here (a bounded map, emptied by a purge)
        self.sessions_by_code: dict[str, str] = {}

    # -- classes ---------------------------------------------------------------------------

    def create(self, code: str, session_id: str) -> None:
        with self.engine.begin() as db:
            db.execute(insert(classes).values(code=code, session_id=session_id,
                                              created_at=time.time()))

    def session_of(self, code: str) -> str | None:
        known = self.sessions_by_code.get(code)
        if known is not None:
            return known
        with self.engine.connect() as db:
            row = db.execute(select(classes.c.session_id).where(classes.c.code == code))
            session_id: str | None = row.scalar_one_or_none()
        if session_id is not None:
            if len(self.sessions_by_code) >= KNOWN_CODES:
                self.sessions_by_code.clear()
            self.sessions_by_code[code] = session_id
        return session_id

    def code_of(self, session_id: str) -> str | None:
        with self.engine.connect() as db:
            row = db.execute(select(classes.c.code).where(classes.c.session_id == session_id))
            return row.scalar_one_or_none()

    # -- students --------------------------------------------------------------------------

    def add_student(self, code: str, name: str, token_hash: str) -> int:
        with self.engine.begin() as db:
            result = db.execute(insert(students).values(
                class_code=code, name=name, token_hash=token_hash, following=True, hand=False,
                joined_at=time.time()))
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def student_by_hash(self, code: str, token_hash: str) -> Student | None:
        with self.engine.connect() as db:
            row = db.execute(select(students).where(students.c.class_code == code,
                                                    students.c.token_hash == token_hash)).first()
        return _student(row) if row else None

    def students(self, code: str) -> list[Student]:
        with self.engine.connect() as db:
            rows = db.execute(select(students).where(students.c.class_code == code)
                              .order_by(students.c.id)).all()
        return [_student(row) for row in rows]

    def update_student(self, student_id: int, **values: Any) -> None:
        with self.engine.begin() as db:
            db.execute(update(students).where(students.c.id == student_id).values(**values))

    # -- polls and answers -----------------------------------------------------------------

    def add_poll(self, code: str, step: int, question: dict[str, Any], seconds: float | None
                 ) -> int:
        closes_at = time.time() + seconds if seconds else None
        with self.engine.begin() as db:
            db.execute(update(polls).where(polls.c.class_code == code, polls.c.state == "open")
                       .values(state="closed"))
            result = db.execute(insert(polls).values(
                class_code=code, step=step, kind=question["kind"], text=question["text"],
                choices=question["choices"], answer=question["answer"],
                show_steps=question.get("show_steps", 0), state="open", closes_at=closes_at,
                created_at=time.time()))
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def poll(self, code: str, poll_id: int) -> Poll | None:
        with self.engine.connect() as db:
            row = db.execute(select(polls).where(polls.c.class_code == code,
                                                 polls.c.id == poll_id)).first()
        return _poll(row) if row else None

    def last_poll(self, code: str) -> Poll | None:
        with self.engine.connect() as db:
            row = db.execute(select(polls).where(polls.c.class_code == code)
                             .order_by(polls.c.id.desc()).limit(1)).first()
        return _poll(row) if row else None

    def set_poll_state(self, poll_id: int, state: str, only_from: tuple[str, ...]) -> bool:
        """Move a poll to ``state`` if it is in one of ``only_from``; whether it moved."""
        with self.engine.begin() as db:
            result = db.execute(update(polls).where(polls.c.id == poll_id,
                                                    polls.c.state.in_(only_from))
                                .values(state=state))
            return bool(result.rowcount)

    def answer(self, poll_id: int, student_id: int, choice: int) -> None:
        with self.engine.begin() as db:
            db.execute(delete(answers).where(answers.c.poll_id == poll_id,
                                             answers.c.student_id == student_id))
            db.execute(insert(answers).values(poll_id=poll_id, student_id=student_id,
                                              choice=choice))

    def answers(self, poll_id: int) -> dict[int, int]:
        """Each student's choice: ``{student id: choice}``."""
        with self.engine.connect() as db:
            rows = db.execute(select(answers.c.student_id, answers.c.choice)
                              .where(answers.c.poll_id == poll_id)).all()
        return {row.student_id: row.choice for row in rows}

    def count_students(self, code: str) -> int:
        with self.engine.connect() as db:
            return int(db.execute(select(func.count()).select_from(students)
                                  .where(students.c.class_code == code)).scalar_one())

    # -- retention -------------------------------------------------------------------------

    def purge_sessions(self, db: Connection, session_ids: list[str]) -> None:
        """Delete the classes of sessions being purged, with everything in them."""
        codes = list(db.execute(select(classes.c.code)
                                .where(classes.c.session_id.in_(session_ids))).scalars())
        if not codes:
            return
        self.sessions_by_code.clear()
        poll_ids = select(polls.c.id).where(polls.c.class_code.in_(codes))
        db.execute(delete(answers).where(answers.c.poll_id.in_(poll_ids)))
        db.execute(delete(polls).where(polls.c.class_code.in_(codes)))
        db.execute(delete(students).where(students.c.class_code.in_(codes)))
        db.execute(delete(classes).where(classes.c.code.in_(codes)))


def _student(row: Any) -> Student:
    return Student(row.id, row.class_code, row.name, row.token_hash, bool(row.following),
                   bool(row.hand), row.fork)


def _poll(row: Any) -> Poll:
    return Poll(row.id, row.class_code, row.step, row.kind, row.text, row.choices, row.answer,
                row.show_steps, row.state, row.closes_at)
