"""Exercise instances and predictions in SQL, beside the sessions (they survive restarts).

An instance is (kind, seed, level) for one learner — the browser's anonymous ``hl_client`` id —
with its attempts; the question and its answer are the model's, made again from the seed when
needed, so no answer is stored. A prediction is one "what happens next?" asked at a step of a
session: the choices and the model's answer are kept until the learner answers (``correct`` is
null until then). Progress reads both tables; attempts never touch a session's timeline.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    Integer,
    String,
    Table,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine

from webapp.store import Store, metadata

exercise_instances = Table(
    "exercise_instances", metadata,
    Column("id", String(32), primary_key=True),
    Column("learner", String(64), nullable=False, index=True),
    Column("kind", String(64), nullable=False),
    Column("lab", String(32), nullable=False),
    Column("seed", Integer, nullable=False),
    Column("level", Integer, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("solved", Boolean, nullable=False, default=False),
    Column("revealed", Boolean, nullable=False, default=False),
    Column("created_at", Float, nullable=False),
    Column("set_id", String(64), nullable=True, index=True),
)

predictions = Table(
    "predictions", metadata,
    Column("id", String(32), primary_key=True),
    Column("learner", String(64), nullable=False, index=True),
    Column("session_id", String(32), nullable=False, index=True),
    Column("step", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("text", JSON, nullable=False),
    Column("choices", JSON, nullable=False),
    Column("answer", Integer, nullable=False),
    Column("choice", Integer, nullable=True),
    Column("correct", Boolean, nullable=True),
    Column("created_at", Float, nullable=False),
)


@dataclass(frozen=True)
class Instance:
    id: str
    learner: str
    kind: str
    lab: str
    seed: int
    level: int
    attempts: int
    solved: bool
    revealed: bool
    set_id: str | None


@dataclass(frozen=True)
class Prediction:
    id: str
    learner: str
    session_id: str
    step: int
    kind: str
    text: dict[str, str]
    choices: list[dict[str, str]]
    answer: int
    choice: int | None
    correct: bool | None


class ExerciseStore:
    """Reads and writes the two tables (created beside the session tables)."""

    def __init__(self, store: Store) -> None:
        self.engine: Engine = store.engine
        metadata.create_all(self.engine)

    # -- instances ----------------------------------------------------------------------------

    def add(self, instance_id: str, learner: str, kind: str, lab: str, seed: int, level: int,
            set_id: str | None = None) -> None:
        with self.engine.begin() as db:
            db.execute(insert(exercise_instances).values(
                id=instance_id, learner=learner, kind=kind, lab=lab, seed=seed, level=level,
                attempts=0, solved=False, revealed=False, created_at=time.time(),
                set_id=set_id))

    def instance(self, instance_id: str) -> Instance | None:
        with self.engine.connect() as db:
            row = db.execute(select(exercise_instances).where(
                exercise_instances.c.id == instance_id)).first()
        if row is None:
            return None
        return Instance(row.id, row.learner, row.kind, row.lab, row.seed, row.level,
                        row.attempts, bool(row.solved), bool(row.revealed), row.set_id)

    def attempted(self, instance_id: str, correct: bool) -> int:
        """Count one attempt (and a success); the attempts so far."""
        values: dict[str, Any] = {"attempts": exercise_instances.c.attempts + 1}
        if correct:
            values["solved"] = True
        with self.engine.begin() as db:
            db.execute(update(exercise_instances).where(
                exercise_instances.c.id == instance_id).values(**values))
            row = db.execute(select(exercise_instances.c.attempts).where(
                exercise_instances.c.id == instance_id))
            return int(row.scalar_one())

    def revealed(self, instance_id: str) -> None:
        with self.engine.begin() as db:
            db.execute(update(exercise_instances).where(
                exercise_instances.c.id == instance_id).values(revealed=True))

    # -- predictions --------------------------------------------------------------------------

    def predict(self, prediction_id: str, learner: str, session_id: str, step: int,
                question: dict[str, Any]) -> None:
        with self.engine.begin() as db:
            db.execute(insert(predictions).values(
                id=prediction_id, learner=learner, session_id=session_id, step=step,
                kind=question["kind"], text=question["text"], choices=question["choices"],
                answer=question["answer"], choice=None, correct=None, created_at=time.time()))

    def prediction(self, prediction_id: str) -> Prediction | None:
        with self.engine.connect() as db:
            row = db.execute(select(predictions).where(predictions.c.id == prediction_id)).first()
        if row is None:
            return None
        return Prediction(row.id, row.learner, row.session_id, row.step, row.kind, row.text,
                          row.choices, row.answer, row.choice, row.correct)

    def answer(self, prediction_id: str, choice: int, correct: bool) -> bool:
        """Record the learner's choice once; False when it was already answered."""
        with self.engine.begin() as db:
            done = db.execute(update(predictions).where(
                predictions.c.id == prediction_id, predictions.c.correct.is_(None)).values(
                choice=choice, correct=correct))
            return bool(done.rowcount)
