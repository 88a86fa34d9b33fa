"""The categories lab's golden runs (registered in test_golden.RUNS). Every scenario runs its
workload by itself at step 1; in the memory one the learner then switches the HVM column to
shadow page tables and runs it again."""

from __future__ import annotations

from webapp.model.timeline import LoggedAction

CATEGORIES_RUNS: dict[str, tuple[int, list[LoggedAction]]] = {
    "categories-basics": (24, []),
    "categories-io": (32, []),
    "categories-memory": (48, [LoggedAction(20, "set_option", None, {"hvm_paging": "shadow"}),
                               LoggedAction(22, "run", None, {})]),
    "categories-privileged": (24, []),
}
