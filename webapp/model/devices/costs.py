"""The cycle model: what each counted event costs, from the facts file §6.3.

These are **model assumptions, not measurements** (§6.3's suggested defaults): a PV hypercall
300–1,000 cycles (we take 500), a VM exit and entry round trip 1,000, an exit forwarded to QEMU in
dom0 and back 10,000+ (the exit's 1,000 plus 9,000 for the trip through the device model, plus
QEMU's notification hypercall), a syscall 150. The disk's own latency is the same on both paths
and is not counted.
"""

from __future__ import annotations

from webapp.model.devices.state import Counters

#: counter name -> cycles charged for each one.
CYCLES = {"hypercalls": 500, "vm_exits": 1_000, "device_model_trips": 9_000, "syscalls": 150}


def charge(counters: Counters, **counts: int) -> None:
    """Add ``counts`` to the counters and their cost to ``cycles``."""
    for name, count in counts.items():
        setattr(counters, name, getattr(counters, name) + count)
        counters.cycles += CYCLES.get(name, 0) * count
