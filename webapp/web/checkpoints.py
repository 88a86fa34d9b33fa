"""A timeline's checkpoints kept in the database, only the most recent few in memory.

The timeline sees a mapping ``step → compressed pickle``; each checkpoint written also carries
the timeline markers of the steps since the previous one, so a session that left memory comes
back (markers included) from its rows, not by replaying its whole history. Rows pickled by
another version of the model are never read: ``MODEL_VERSION`` fingerprints the model's code.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path

from webapp.store import Store

Markers = dict[int, tuple[str, ...]]
CACHED = 6  # blobs kept in memory per live session (the newest and the ones just read)


def _fingerprint() -> str:
    digest = hashlib.sha256()
    model = Path(__file__).resolve().parents[1] / "model"
    for path in sorted(model.rglob("*.py")):
        digest.update(path.relative_to(model).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


MODEL_VERSION = _fingerprint()


class StoredCheckpoints(MutableMapping[int, bytes]):
    """Checkpoints of one session, written through to the store."""

    def __init__(self, store: Store, session_id: str, steps: list[int] | None = None) -> None:
        self.store, self.session_id = store, session_id
        self.steps = set(steps or [])
        self.cache: OrderedDict[int, bytes] = OrderedDict()
        self.lock = threading.Lock()
        self.markers_since: Callable[[int, int], Markers] = lambda low, high: {}

    def __getitem__(self, step: int) -> bytes:
        with self.lock:
            if step in self.cache:
                self.cache.move_to_end(step)
                return self.cache[step]
        if step not in self.steps:
            raise KeyError(step)
        blob = self.store.checkpoint(self.session_id, step)
        if blob is None:
            raise KeyError(step)
        self._keep(step, blob)
        return blob

    def __setitem__(self, step: int, blob: bytes) -> None:
        previous = max((s for s in self.steps if s < step), default=-1)
        self.store.put_checkpoint(self.session_id, step, MODEL_VERSION, blob,
                                  self.markers_since(previous, step))
        self.steps.add(step)
        self._keep(step, blob)

    def __delitem__(self, step: int) -> None:
        self.steps.discard(step)
        with self.lock:
            self.cache.pop(step, None)
        self.store.drop_checkpoint(self.session_id, step)

    def __iter__(self) -> Iterator[int]:
        return iter(sorted(self.steps))

    def __len__(self) -> int:
        return len(self.steps)

    def __contains__(self, step: object) -> bool:
        return step in self.steps

    def _keep(self, step: int, blob: bytes) -> None:
        with self.lock:
            self.cache[step] = blob
            self.cache.move_to_end(step)
            while len(self.cache) > CACHED:
                self.cache.popitem(last=False)
