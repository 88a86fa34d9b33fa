"""The boot lab's part of the narration tour (tests/model/test_narration.py): actions that make
the boot model say everything it can say."""

from __future__ import annotations

from typing import Any

Plan = list[tuple[str, str | None, dict[str, Any]]]

BOOT_PLANS: dict[str, Plan] = {
    "boot-fragmented-host": [
        ("boot_both", None, {"name": "guest", "memory_mb": 256, "vcpus": 2}),
        ("power_off", None, {}),
        ("fragment", None, {"allocations": 5}),
        ("build", None, {"name": "tiny", "memory_mb": 32}),
        ("build", None, {"name": "huge", "memory_mb": 3000}),
    ],
    "boot-dom0": [
        ("fragment", None, {"allocations": 2}),  # dom0 finishes booting meanwhile
        ("build", None, {"name": "guest", "memory_mb": 128}),
    ],
}
