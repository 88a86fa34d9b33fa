"""A learner's exercise instances and predictions, read from (and imported into) the exercise
engine's tables ``exercise_instances`` and ``predictions`` (``webapp/web/exercise_store.py``).
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.engine import Connection, Engine

from webapp.web.exercise_store import exercise_instances, predictions

INSTANCE_FIELDS = ("id", "kind", "lab", "seed", "level", "attempts", "solved", "revealed",
                   "created_at", "set_id")
PREDICTION_FIELDS = ("session_id", "step", "kind", "correct", "created_at")
#: what tells two rows apart when a progress file is imported twice
INSTANCE_KEY = ("kind", "lab", "seed", "level", "created_at")
PREDICTION_KEY = ("session_id", "step", "created_at")


class Records:
    """The engine's rows of one learner."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def rows(self, table: Table, learner: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
        with self.engine.connect() as db:
            found = db.execute(select(*(table.c[f] for f in fields))
                               .where(table.c.learner == learner).order_by(table.c.created_at))
            return [dict(row._mapping) for row in found]

    def instances(self, learner: str) -> list[dict[str, Any]]:
        return self.rows(exercise_instances, learner, INSTANCE_FIELDS)

    def predictions(self, learner: str) -> list[dict[str, Any]]:
        return self.rows(predictions, learner, PREDICTION_FIELDS)

    # -- importing -------------------------------------------------------------------------

    def add_instances(self, learner: str, rows: list[dict[str, Any]]) -> int:
        return self.add_many(exercise_instances, learner, rows, INSTANCE_KEY)

    def add_predictions(self, learner: str, rows: list[dict[str, Any]]) -> int:
        return self.add_many(predictions, learner, rows, PREDICTION_KEY)

    def add_many(self, table: Table, learner: str, rows: list[dict[str, Any]],
                 key: tuple[str, ...]) -> int:
        """Insert the rows for ``learner``, but those equal (by ``key``) to one already there
        or earlier in ``rows``; how many were added. An id that is taken is replaced."""
        if not rows:
            return 0
        with self.engine.begin() as db:
            have = {tuple(r) for r in db.execute(select(*(table.c[k] for k in key))
                                                 .where(table.c.learner == learner))}
            new: dict[tuple[Any, ...], dict[str, Any]] = {}
            for row in rows:
                new.setdefault(tuple(row[k] for k in key), row)
            fresh = [row for found, row in new.items() if found not in have]
            if fresh:
                db.execute(insert(table), with_ids(db, table, learner, fresh))
        return len(fresh)


def with_ids(db: Connection, table: Table, learner: str, rows: list[dict[str, Any]]
             ) -> list[dict[str, Any]]:
    """The rows for ``learner``, each with its own id when it is free, a new one otherwise."""
    wanted = [row["id"] for row in rows if isinstance(row.get("id"), str)]
    taken = set(db.execute(select(table.c.id).where(table.c.id.in_(wanted))).scalars())
    out = []
    for row in rows:
        own = row.get("id")
        fresh = own if isinstance(own, str) and own not in taken else new_id(own)
        taken.add(fresh)
        out.append({**{k: v for k, v in row.items() if k in table.c}, "id": fresh,
                    "learner": learner})
    return out


def new_id(like: Any) -> str:
    size = len(like) if isinstance(like, str) and 8 <= len(like) <= 32 else 16
    return secrets.token_urlsafe(size)[:size]
