"""The categories lab's state: one workload, four columns that run it side by side.

Everything here is plain, picklable data (no closures), kept in ``world.labs["categories"]``.
A column is one category of virtualization; its counters only change when one of its hops is
carried out (``mechanisms.apply``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LAB = "categories"
CATEGORIES = ("emulation", "os_level", "paravirtualization", "hardware_assisted")
#: the counters the snapshot shows for every column (integers)
COUNTERS = ("instructions_emulated", "traps", "vm_exits", "hypercalls", "context_switches",
            "kernel_crossings", "cycles", "translations", "helper_calls", "isolation_checks",
            "tlb_misses", "walk_refs", "device_model_trips", "native_instructions")
#: where the modelled time goes (the stacked bar), in drawing order
BUCKETS = ("native", "translation", "emulation", "kernel", "traps", "hypercalls", "vm_exits",
           "device_model", "isolation", "memory", "switches")
#: the layers of each column, top (application) to bottom (hardware)
LAYERS: dict[str, tuple[str, ...]] = {
    "emulation": ("app", "guest_kernel", "tcg", "qemu_dev", "host_kernel", "hardware"),
    "os_level": ("app", "isolation", "host_kernel", "hardware"),
    "paravirtualization": ("app", "guest_kernel", "xen", "dom0", "hardware"),
    "hardware_assisted": ("app", "guest_kernel", "xen", "qemu", "hardware"),
}
#: where each layer runs on the real CPU (ring, VMX root / non-root)
PRIVILEGE: dict[str, dict[str, str]] = {
    "emulation": {"app": "guest ring 3 (emulated)", "guest_kernel": "guest ring 0 (emulated)",
                  "tcg": "host ring 3", "qemu_dev": "host ring 3", "host_kernel": "host ring 0",
                  "hardware": "CPU"},
    "os_level": {"app": "ring 3", "isolation": "ring 0", "host_kernel": "ring 0",
                 "hardware": "CPU"},
    "paravirtualization": {"app": "ring 3", "guest_kernel": "ring 3 (x86-64 PV)",
                           "xen": "ring 0", "dom0": "ring 3 (PV dom0)", "hardware": "CPU"},
    "hardware_assisted": {"app": "non-root ring 3", "guest_kernel": "non-root ring 0",
                          "xen": "VMX root ring 0", "qemu": "root ring 3 (dom0)",
                          "hardware": "CPU"},
}


@dataclass(frozen=True)
class Op:
    """One guest operation of the workload: ``kind`` and its size (instructions, entries)."""

    kind: str
    count: int = 1
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.kind}
        if self.kind in ("arith", "pt_update"):
            out["count"] = self.count
        if self.kind == "syscall":
            out["name"] = self.name
        return out


@dataclass
class Hop:
    """One move of the operation through a column: from a layer to a layer, the event that
    narrates it, and the effects (mechanisms) carried out when the hop is taken."""

    src: str
    dst: str
    event: str
    data: dict[str, Any] = field(default_factory=dict)
    effects: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Column:
    """One category running the workload: its counters, its plan for the current operation,
    and the state its mechanisms keep (TCG's code cache, the pages the guest touched)."""

    category: str
    counters: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTERS, 0))
    exits_by_reason: dict[str, int] = field(default_factory=dict)
    hypercalls_by_name: dict[str, int] = field(default_factory=dict)
    time: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    plan: list[Hop] = field(default_factory=list)
    hop: int = 0
    last: Hop | None = None  # the hop taken at the last step (the animation's path)
    last_step: int = 0  # the step ``last`` was taken at
    code_cache: list[str] = field(default_factory=list)  # TCG translation blocks
    touched: int = 0  # pages the guest has faulted in
    series: list[int] = field(default_factory=list)  # cycles after each step of the run

    def busy(self) -> bool:
        return self.hop < len(self.plan)


@dataclass
class CategoriesLab:
    """The workload, which operation is in progress, the four columns, and the model's
    assumptions: the cost table and the options (HVM paging mode, the seccomp profile)."""

    workload: list[Op]
    costs: dict[str, int]
    hvm_paging: str = "ept"
    seccomp: str = "docker-default"
    index: int = -1  # the operation in progress (-1: not started)
    running: bool = False
    finished: bool = False
    steps: list[int] = field(default_factory=list)  # the lab steps of the series
    columns: dict[str, Column] = field(
        default_factory=lambda: {c: Column(c) for c in CATEGORIES})
