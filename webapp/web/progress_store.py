"""Learners' progress and teachers' exercise sets in SQL, beside the sessions.

A learner is a browser (its ``hl_client`` cookie id) with an optional display name. What they
did is kept here — chapters completed, who owns which session, which class student is which
learner, the sets teachers uploaded and the set a class works on — while exercise attempts and
predictions live in the exercise engine's tables (read by :mod:`webapp.web.progress`).
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Float,
    Integer,
    String,
    Table,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from webapp.store import Store, metadata, sessions
from webapp.web.classes.store import classes, students

learners = Table(
    "learners", metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(64), nullable=True),
    Column("created_at", Float, nullable=False),
)

#: a chapter of a scenario's path the learner completed (the model said ``done``)
chapters_done = Table(
    "chapters_done", metadata,
    Column("learner", String(64), primary_key=True),
    Column("scenario", String(80), primary_key=True),
    Column("chapter", Integer, primary_key=True),
    Column("at", Float, nullable=False),
)

#: who created a session (its first owner), and its scenario
session_learners = Table(
    "session_learners", metadata,
    Column("session_id", String(32), primary_key=True),
    Column("learner", String(64), nullable=False, index=True),
    Column("scenario", String(80), nullable=True),
)

#: which learner (browser) a class student is
student_learners = Table(
    "student_learners", metadata,
    Column("student_id", Integer, primary_key=True),
    Column("learner", String(64), nullable=False, index=True),
)

exercise_sets = Table(
    "exercise_sets", metadata,
    Column("id", String(16), primary_key=True),
    Column("body", JSON, nullable=False),
    Column("author", String(64), nullable=False),
    Column("created_at", Float, nullable=False),
)

#: the exercise set a class works on
class_sets = Table(
    "class_sets", metadata,
    Column("class_code", String(8), primary_key=True),
    Column("set_id", String(16), nullable=False),
)

#: a session a learner opened from a set's page: its goals are watched in it
set_sessions = Table(
    "set_sessions", metadata,
    Column("session_id", String(32), primary_key=True),
    Column("set_id", String(16), nullable=False),
    Column("learner", String(64), nullable=False),
)

#: a set's goal (written as a condition) a learner reached
set_goals_met = Table(
    "set_goals_met", metadata,
    Column("learner", String(64), primary_key=True),
    Column("set_id", String(16), primary_key=True),
    Column("goal", Integer, primary_key=True),
    Column("at", Float, nullable=False),
)


class ProgressStore:
    """Reads and writes the progress tables (created beside the session tables)."""

    def __init__(self, store: Store) -> None:
        self.engine: Engine = store.engine
        metadata.create_all(self.engine)
        store.before_purge.insert(0, self.purge_sessions)  # before the classes go

    def _add(self, table: Table, **row: Any) -> bool:
        """Insert a row unless its key is taken already; whether it was inserted."""
        try:
            with self.engine.begin() as db:
                db.execute(insert(table).values(**row))
        except IntegrityError:
            return False
        return True

    # -- learners --------------------------------------------------------------------------

    def name(self, learner: str) -> str | None:
        with self.engine.connect() as db:
            row = db.execute(select(learners.c.name).where(learners.c.id == learner))
            return row.scalar_one_or_none()

    def known(self, learner: str) -> None:
        """Remember the learner (a row, no name) if not yet."""
        self._add(learners, id=learner, name=None, created_at=time.time())

    def set_name(self, learner: str, name: str | None) -> None:
        self.known(learner)
        with self.engine.begin() as db:
            db.execute(update(learners).where(learners.c.id == learner).values(name=name))

    # -- chapters --------------------------------------------------------------------------

    def add_chapter(self, learner: str, scenario: str, chapter: int,
                    at: float | None = None) -> bool:
        """Record a completed chapter; whether it is new for this learner."""
        self.known(learner)
        return self._add(chapters_done, learner=learner, scenario=scenario, chapter=chapter,
                         at=time.time() if at is None else at)

    def add_chapters(self, learner: str, entries: list[dict[str, Any]]) -> int:
        """Record ``[{"scenario", "chapter", "at"}]`` (chapter indices) at once, but those
        already recorded; how many were new."""
        self.known(learner)
        with self.engine.begin() as db:
            have = {(r.scenario, r.chapter) for r in db.execute(
                select(chapters_done.c.scenario, chapters_done.c.chapter)
                .where(chapters_done.c.learner == learner))}
            new = {(e["scenario"], e["chapter"]): e["at"] for e in entries}
            rows = [{"learner": learner, "scenario": scenario, "chapter": chapter, "at": at}
                    for (scenario, chapter), at in new.items() if (scenario, chapter) not in have]
            if rows:
                db.execute(insert(chapters_done), rows)
        return len(rows)

    def chapters(self, learner: str) -> list[dict[str, Any]]:
        """``[{"scenario", "chapter", "at"}]``, by scenario then chapter."""
        with self.engine.connect() as db:
            rows = db.execute(select(chapters_done).where(chapters_done.c.learner == learner)
                              .order_by(chapters_done.c.scenario, chapters_done.c.chapter))
            return [{"scenario": r.scenario, "chapter": r.chapter, "at": r.at} for r in rows]

    # -- sessions and students -------------------------------------------------------------

    def scenario_of(self, session_id: str) -> str | None:
        with self.engine.connect() as db:
            return db.execute(select(sessions.c.scenario).where(
                sessions.c.id == session_id)).scalar_one_or_none()

    def bind_session(self, session_id: str, learner: str) -> None:
        """The session's first owner (later calls for the same session change nothing)."""
        scenario = self.scenario_of(session_id)
        self._add(session_learners, session_id=session_id, learner=learner, scenario=scenario)

    def session_owner(self, session_id: str) -> tuple[str, str | None] | None:
        """``(learner, scenario)`` of a session, or None when nobody was recorded."""
        with self.engine.connect() as db:
            row = db.execute(select(session_learners).where(
                session_learners.c.session_id == session_id)).first()
        return (row.learner, row.scenario) if row else None

    def scenarios_of(self, session_ids: list[str]) -> dict[str, str]:
        """The scenario of each session: from the sessions table, else from what an import
        recorded (a session of another server)."""
        wanted = sorted(set(session_ids))
        with self.engine.connect() as db:
            ours = db.execute(select(session_learners.c.session_id, session_learners.c.scenario)
                              .where(session_learners.c.session_id.in_(wanted))).all()
            live = db.execute(select(sessions.c.id, sessions.c.scenario)
                              .where(sessions.c.id.in_(wanted))).all()
        return {**{r[0]: r[1] for r in ours if r[1]}, **{r[0]: r[1] for r in live}}

    def bind_foreign_session(self, session_id: str, learner: str, scenario: str) -> None:
        """Remember the scenario of a session of another server (an imported prediction)."""
        self._add(session_learners, session_id=session_id, learner=learner, scenario=scenario)

    def bind_student(self, student_id: int, learner: str) -> None:
        self._add(student_learners, student_id=student_id, learner=learner)

    def students_learners(self, student_ids: list[int]) -> dict[int, str]:
        with self.engine.connect() as db:
            rows = db.execute(select(student_learners).where(
                student_learners.c.student_id.in_(student_ids)))
            return {row.student_id: row.learner for row in rows}

    # -- exercise sets ---------------------------------------------------------------------

    def add_set(self, body: dict[str, Any], author: str) -> str:
        set_id = secrets.token_urlsafe(6)
        while not self._add(exercise_sets, id=set_id, body=body, author=author,
                            created_at=time.time()):
            set_id = secrets.token_urlsafe(6)
        return set_id

    def get_set(self, set_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as db:
            row = db.execute(select(exercise_sets.c.body).where(exercise_sets.c.id == set_id))
            body = row.scalar_one_or_none()
        return dict(body) if body is not None else None

    def watch_session(self, session_id: str, set_id: str, learner: str) -> None:
        self._add(set_sessions, session_id=session_id, set_id=set_id, learner=learner)

    def set_sessions_of(self, set_id: str, learner: str) -> list[str]:
        """The sessions a learner opened from a set, newest last."""
        with self.engine.connect() as db:
            rows = db.execute(select(set_sessions.c.session_id).join(
                sessions, sessions.c.id == set_sessions.c.session_id).where(
                set_sessions.c.set_id == set_id, set_sessions.c.learner == learner)
                .order_by(sessions.c.created_at))
            return list(rows.scalars())

    def watched(self, session_id: str) -> tuple[str, str] | None:
        """``(set id, learner)`` of a session opened from a set, or None."""
        with self.engine.connect() as db:
            row = db.execute(select(set_sessions).where(
                set_sessions.c.session_id == session_id)).first()
        return (row.set_id, row.learner) if row else None

    def goal_met(self, learner: str, set_id: str, goal: int) -> bool:
        """Record a set's goal reached; whether it is new."""
        return self._add(set_goals_met, learner=learner, set_id=set_id, goal=goal,
                         at=time.time())

    def all_goals_met(self, learner: str) -> list[dict[str, Any]]:
        """``[{"set", "goal", "at"}]`` (goal indices), oldest first."""
        with self.engine.connect() as db:
            rows = db.execute(select(set_goals_met).where(set_goals_met.c.learner == learner)
                              .order_by(set_goals_met.c.at))
            return [{"set": r.set_id, "goal": r.goal, "at": r.at} for r in rows]

    def add_goals_met(self, learner: str, entries: list[dict[str, Any]]) -> int:
        """Record ``[{"set", "goal", "at"}]`` (goal indices) but those already there."""
        have = {(e["set"], e["goal"]) for e in self.all_goals_met(learner)}
        new = {(e["set"], e["goal"]): e["at"] for e in entries}
        rows = [{"learner": learner, "set_id": set_id, "goal": goal, "at": at}
                for (set_id, goal), at in new.items() if (set_id, goal) not in have]
        if rows:
            with self.engine.begin() as db:
                db.execute(insert(set_goals_met), rows)
        return len(rows)

    def goals_met(self, learner: str, set_id: str) -> set[int]:
        with self.engine.connect() as db:
            rows = db.execute(select(set_goals_met.c.goal).where(
                set_goals_met.c.learner == learner, set_goals_met.c.set_id == set_id))
            return set(rows.scalars())

    def set_class_set(self, code: str, set_id: str | None) -> None:
        with self.engine.begin() as db:
            db.execute(delete(class_sets).where(class_sets.c.class_code == code))
            if set_id is not None:
                db.execute(insert(class_sets).values(class_code=code, set_id=set_id))

    def class_set(self, code: str) -> str | None:
        with self.engine.connect() as db:
            row = db.execute(select(class_sets.c.set_id).where(class_sets.c.class_code == code))
            return row.scalar_one_or_none()

    # -- retention -------------------------------------------------------------------------

    def purge_sessions(self, db: Connection, session_ids: list[str]) -> None:
        """Forget the class links of the classes of sessions being purged (the learners'
        progress stays: it is theirs, not the session's)."""
        codes = select(classes.c.code).where(classes.c.session_id.in_(session_ids))
        ids = select(students.c.id).where(students.c.class_code.in_(codes))
        db.execute(delete(student_learners).where(student_learners.c.student_id.in_(ids)))
        db.execute(delete(class_sets).where(class_sets.c.class_code.in_(codes)))
