"""The boot lab's golden runs (registered in test_golden.RUNS): both pipelines together on a
fragmented host, a build that does not fit, dom0's own boot then a guest, and the big host."""

from __future__ import annotations

from webapp.model.timeline import LoggedAction

BOOT_RUNS: dict[str, tuple[int, list[LoggedAction]]] = {
    "boot-fragmented-host": (120, [
        LoggedAction(0, "boot_both", None, {"name": "guest", "memory_mb": 256,
                                            "cmdline": "root=/dev/xvda1 ro quiet"}),
        LoggedAction(90, "fragment", None, {"allocations": 12}),
        LoggedAction(92, "build", None, {"name": "tiny", "memory_mb": 32}),
        LoggedAction(104, "build", None, {"name": "huge", "memory_mb": 3000}),
    ]),
    "boot-dom0": (110, [
        LoggedAction(60, "build", None, {"name": "guest", "memory_mb": 512}),
    ]),
    "boot-big-host": (60, [
        LoggedAction(2, "build", None, {"name": "big", "memory_mb": 16384, "vcpus": 4}),
    ]),
}
