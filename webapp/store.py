"""Durable sessions: scenario, seed, action log, cursor, checkpoints and who may drive them,
in SQL through SQLAlchemy.

SQLite is the embedded default; ``DATABASE_URL`` may point to PostgreSQL. The database is the
source of truth: a process that finds a newer ``version`` than the one it cached reloads, and a
session that left memory comes back from its checkpoints without replaying its whole history.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine

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
    Column("created_at", Float, nullable=True),
    Column("used_at", Float, nullable=True, index=True),
)

actions = Table(
    "actions", metadata,
    Column("session_id", String(32), ForeignKey("sessions.id"), primary_key=True),
    Column("step", Integer, primary_key=True),
    Column("action", String(40), nullable=False),
    Column("target", JSON, nullable=True),
    Column("args", JSON, nullable=False),
)

#: a checkpoint of the simulation at ``step``, with the timeline markers of the steps since
#: the previous checkpoint; ``model`` fingerprints the code that pickled it
checkpoints = Table(
    "checkpoints", metadata,
    Column("session_id", String(32), ForeignKey("sessions.id"), primary_key=True),
    Column("step", Integer, primary_key=True),
    Column("model", String(16), nullable=False),
    Column("blob", LargeBinary, nullable=False),
    Column("markers", JSON, nullable=False),
)

#: actions the model refused, narrated at the step they were tried (they change nothing else)
refusals = Table(
    "refusals", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("step", Integer, nullable=False),
    Column("key", String(80), nullable=False),
    Column("action", String(40), nullable=False),
    Column("messages", JSON, nullable=False),
)

#: who may drive a session: the SHA-256 of a secret token, and its role
grants = Table(
    "grants", metadata,
    Column("session_id", String(32), ForeignKey("sessions.id"), primary_key=True),
    Column("token_hash", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
)

SESSION_TABLES = (grants, checkpoints, actions, refusals)  # children first, for deletes


@dataclass(frozen=True)
class SessionRecord:
    id: str
    scenario: str
    seed: int
    cursor: int
    length: int
    version: int
    actions: list[LoggedAction]
    parent: str | None = None


@dataclass(frozen=True)
class Grant:
    token_hash: str
    role: str


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def add_missing_columns(engine: Engine) -> None:
    """Bring a database made by an older version up to date (new nullable columns only)."""
    found = inspect(engine)
    with engine.begin() as db:
        for table in metadata.sorted_tables:
            have = {column["name"] for column in found.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have and column.nullable:
                    kind = column.type.compile(engine.dialect)
                    db.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


class Store:
    """Reads and writes session records."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = create_engine(url)
        #: called inside the purge's transaction with the ids of the sessions it deletes
        self.before_purge: list[Callable[[Connection, list[str]], None]] = []
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)
        add_missing_columns(self.engine)

    def create(self, session_id: str, scenario: str, seed: int, grant: Grant,
               parent: str | None = None) -> None:
        now = time.time()
        with self.engine.begin() as db:
            db.execute(insert(sessions).values(id=session_id, scenario=scenario, seed=seed,
                                               cursor=0, length=0, version=0, parent=parent,
                                               created_at=now, used_at=now))
            db.execute(insert(grants).values(session_id=session_id, **grant.__dict__))

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
                             [LoggedAction(a.step, a.action, a.target, a.args) for a in logged],
                             row.parent)

    def save(self, session_id: str, cursor: int, length: int,
             new_action: LoggedAction | None = None) -> int:
        """Record the cursor and history length (and an accepted action); the new version."""
        with self.engine.begin() as db:
            if new_action is not None:
                db.execute(delete(actions).where(actions.c.session_id == session_id,
                                                 actions.c.step >= new_action.step))
                db.execute(insert(actions).values(session_id=session_id, **new_action.to_dict()))
            db.execute(update(sessions).where(sessions.c.id == session_id).values(
                cursor=cursor, length=length, version=sessions.c.version + 1,
                used_at=time.time()))
            row = db.execute(select(sessions.c.version).where(sessions.c.id == session_id))
            return int(row.scalar_one())

    # -- refusals ---------------------------------------------------------------------------

    def add_refusal(self, session_id: str, step: int, key: str, action: str,
                    messages: dict[str, str]) -> None:
        with self.engine.begin() as db:
            db.execute(insert(refusals).values(session_id=session_id, step=step, key=key,
                                               action=action, messages=messages))

    def refusals(self, session_id: str, first: int, last: int) -> list[dict[str, Any]]:
        """The refusals tried at steps ``first..last``, oldest first."""
        with self.engine.connect() as db:
            rows = db.execute(select(refusals).where(
                refusals.c.session_id == session_id, refusals.c.step >= first,
                refusals.c.step <= last).order_by(refusals.c.step, refusals.c.id)).all()
        return [{"step": r.step, "key": r.key, "action": r.action, "messages": r.messages}
                for r in rows]

    def drop_refusals(self, session_id: str, after: int) -> None:
        """Forget the refusals of a future that was replaced (tried after step ``after``)."""
        with self.engine.begin() as db:
            db.execute(delete(refusals).where(refusals.c.session_id == session_id,
                                              refusals.c.step > after))

    # -- who may drive ---------------------------------------------------------------------

    def grants(self, session_id: str) -> list[Grant]:
        with self.engine.connect() as db:
            rows = db.execute(select(grants).where(grants.c.session_id == session_id)).all()
        return [Grant(row.token_hash, row.role) for row in rows]

    def add_grant(self, session_id: str, grant: Grant) -> None:
        with self.engine.begin() as db:
            db.execute(insert(grants).values(session_id=session_id, **grant.__dict__))

    def revoke(self, session_id: str, role: str) -> None:
        with self.engine.begin() as db:
            db.execute(delete(grants).where(grants.c.session_id == session_id,
                                            grants.c.role == role))

    # -- checkpoints -----------------------------------------------------------------------

    def checkpoint_steps(self, session_id: str, model: str) -> list[int]:
        with self.engine.connect() as db:
            rows = db.execute(select(checkpoints.c.step).where(
                checkpoints.c.session_id == session_id, checkpoints.c.model == model))
            return sorted(rows.scalars())

    def checkpoint(self, session_id: str, step: int) -> bytes | None:
        with self.engine.connect() as db:
            row = db.execute(select(checkpoints.c.blob).where(
                checkpoints.c.session_id == session_id, checkpoints.c.step == step))
            blob = row.scalar_one_or_none()
        return bytes(blob) if blob is not None else None

    def put_checkpoint(self, session_id: str, step: int, model: str, blob: bytes,
                       markers: dict[int, tuple[str, ...]]) -> None:
        marks = json.loads(json.dumps({str(s): list(k) for s, k in markers.items()}))
        with self.engine.begin() as db:
            db.execute(delete(checkpoints).where(checkpoints.c.session_id == session_id,
                                                 checkpoints.c.step == step))
            db.execute(insert(checkpoints).values(session_id=session_id, step=step, model=model,
                                                  blob=blob, markers=marks))

    def drop_checkpoint(self, session_id: str, step: int) -> None:
        with self.engine.begin() as db:
            db.execute(delete(checkpoints).where(checkpoints.c.session_id == session_id,
                                                 checkpoints.c.step == step))

    def drop_stale_checkpoints(self, session_id: str, model: str) -> None:
        """Forget the checkpoints pickled by another version of the model."""
        with self.engine.begin() as db:
            db.execute(delete(checkpoints).where(checkpoints.c.session_id == session_id,
                                                 checkpoints.c.model != model))

    def markers(self, session_id: str, model: str) -> dict[int, tuple[str, ...]]:
        """Every marker kept with this session's checkpoints."""
        with self.engine.connect() as db:
            rows = db.execute(select(checkpoints.c.markers).where(
                checkpoints.c.session_id == session_id, checkpoints.c.model == model)).scalars()
            return {int(step): tuple(kinds) for marks in rows for step, kinds in marks.items()}

    # -- forks and retention ---------------------------------------------------------------

    def copy_history(self, source: str, target: str, upto: int, model: str) -> None:
        """Give ``target`` the actions before step ``upto`` and the checkpoints at or before it
        of ``source`` (a fork), copied inside the database."""
        with self.engine.begin() as db:
            db.execute(delete(checkpoints).where(checkpoints.c.session_id == target))
            _copy(db, actions, source, target, actions.c.step < upto)
            _copy(db, checkpoints, source, target,
                  (checkpoints.c.step <= upto) & (checkpoints.c.model == model))
            db.execute(update(sessions).where(sessions.c.id == target).values(
                cursor=upto, length=upto, version=sessions.c.version + 1))

    def purge(self, older_than: float, batch: int = 500) -> int:
        """Delete the sessions last used before ``older_than`` (epoch seconds); how many."""
        total = 0
        for ids in self._stale(older_than, batch):
            with self.engine.begin() as db:
                for hook in self.before_purge:
                    hook(db, ids)
                for table in SESSION_TABLES:
                    db.execute(delete(table).where(table.c.session_id.in_(ids)))
                db.execute(delete(sessions).where(sessions.c.id.in_(ids)))
            total += len(ids)
        return total

    def _stale(self, older_than: float, batch: int) -> Iterator[list[str]]:
        used = func.coalesce(sessions.c.used_at, sessions.c.created_at, 0)
        while True:
            with self.engine.connect() as db:
                ids = list(db.execute(select(sessions.c.id).where(used < older_than)
                                      .limit(batch)).scalars())
            if not ids:
                return
            yield ids

    def count_stale(self, older_than: float) -> int:
        used = func.coalesce(sessions.c.used_at, sessions.c.created_at, 0)
        with self.engine.connect() as db:
            return int(db.execute(select(func.count()).select_from(sessions)
                                  .where(used < older_than)).scalar_one())

    def count(self) -> int:
        with self.engine.connect() as db:
            return int(db.execute(select(func.count()).select_from(sessions)).scalar_one())


def _copy(db: Connection, table: Table, source: str, target: str, where: Any) -> None:
    columns = [c for c in table.columns if c.name != "session_id"]
    rows = select(*(c for c in columns)).where(table.c.session_id == source, where)
    found = [dict(row._mapping) for row in db.execute(rows)]
    if found:
        db.execute(insert(table), [{**row, "session_id": target} for row in found])
