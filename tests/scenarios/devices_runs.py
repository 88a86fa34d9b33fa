"""The devices lab's golden runs (registered in test_golden.RUNS). The block and network
scenarios script their own actions; the batch is asked for by the learner."""

from __future__ import annotations

from webapp.model.timeline import LoggedAction

DEVICES_RUNS: dict[str, tuple[int, list[LoggedAction]]] = {
    "devices-block-read": (72, []),
    "devices-batch": (110, [LoggedAction(2, "batch", None, {"count": 40})]),
    "devices-network": (96, []),
    "devices-emulated": (112, []),
}
