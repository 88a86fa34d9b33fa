"""Durable sessions: scenario, seed, action log and cursor, in SQL through SQLAlchemy.

SQLite is the embedded default; ``DATABASE_URL`` may point to PostgreSQL. The database is the
source of truth: a process that finds a newer ``version`` than the one it cached reloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine

from webapp.model.timeline import LoggedAction

metadata = MetaData()

sessions = Table(
    "sessions", metadata,
    Column("id", String(32), primary_key=True),
    Column("scenario", String(80), nullable=False),
    Column("seed", Integer, nullable=False),
    Column("cursor", Integer, nullable=False, default=0),
    Column("length", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False, default=0),
    Column("parent", String(32), nullable=True),
)

actions = Table(
    "actions", metadata,
    Column("session_id", String(32), ForeignKey("sessions.id"), primary_key=True),
    Column("step", Integer, primary_key=True),
    Column("action", String(40), nullable=False),
    Column("target", JSON, nullable=True),
    Column("args", JSON, nullable=False),
)


@dataclass(frozen=True)
class SessionRecord:
    id: str
    scenario: str
    seed: int
    cursor: int
    length: int
    version: int
    actions: list[LoggedAction]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Store:
    """Reads and writes session records."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = create_engine(url)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)

    def create(self, session_id: str, scenario: str, seed: int) -> None:
        with self.engine.begin() as db:
            db.execute(insert(sessions).values(id=session_id, scenario=scenario, seed=seed,
                                               cursor=0, length=0, version=0))

    def version(self, session_id: str) -> int | None:
        with self.engine.connect() as db:
            row = db.execute(select(sessions.c.version).where(sessions.c.id == session_id))
            return row.scalar_one_or_none()

    def load(self, session_id: str) -> SessionRecord | None:
        with self.engine.connect() as db:
            row = db.execute(select(sessions).where(sessions.c.id == session_id)).first()
            if row is None:
                return None
            logged = db.execute(select(actions).where(actions.c.session_id == session_id)
                                .order_by(actions.c.step)).all()
        return SessionRecord(row.id, row.scenario, row.seed, row.cursor, row.length, row.version,
                             [LoggedAction(a.step, a.action, a.target, a.args) for a in logged])

    def save(self, session_id: str, cursor: int, length: int,
             new_action: LoggedAction | None = None) -> int:
        """Record the cursor and history length (and an accepted action); the new version."""
        with self.engine.begin() as db:
            if new_action is not None:
                db.execute(delete(actions).where(actions.c.session_id == session_id,
                                                 actions.c.step >= new_action.step))
                db.execute(insert(actions).values(session_id=session_id, **new_action.to_dict()))
            db.execute(update(sessions).where(sessions.c.id == session_id).values(
                cursor=cursor, length=length, version=sessions.c.version + 1))
            row = db.execute(select(sessions.c.version).where(sessions.c.id == session_id))
            return int(row.scalar_one())
