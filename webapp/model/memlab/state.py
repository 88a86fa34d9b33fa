"""The memory lab's state: plain, picklable dataclasses kept in ``world.labs["memory"]``.

Everything that changes lives here: the guest's page tables (in pseudo-physical terms, the
one source of truth for every mode), the PV machine view of them, the shadow tables, the
EPT, the TLB, the counters per mode, the access trace, the activity in progress (a plan of
items, one memory reference or one hypervisor action per simulation step) and the quiz.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The four ways of running the same guest: bare metal, Xen PV direct paging, HVM with
#: shadow page tables, HVM with nested paging (EPT).
MODES = ("native", "pv", "shadow", "ept")

#: Access kinds, as the translate API names them.
ACCESSES = ("read", "write", "exec")

#: One access of a trace: (virtual address, access kind, user mode?).
Request = tuple[int, str, bool]


@dataclass
class Counters:
    """What one mode cost so far (see ``costs`` for the cycles model)."""

    accesses: int = 0
    tlb_hits: int = 0
    tlb_misses: int = 0
    memory_references: int = 0
    faults: int = 0
    vm_exits: int = 0
    traps: int = 0
    hypercalls: int = 0
    cycles: int = 0

    def add(self, name: str, amount: int) -> None:
        setattr(self, name, getattr(self, name) + amount)

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


@dataclass(frozen=True)
class TlbEntry:
    """A cached leaf translation: the page (base and size) and what the leaf allowed."""

    base: int
    size: int
    frame: int
    writable: bool
    user: bool
    nx: bool
    dirty: bool
    global_: bool

    def covers(self, va: int) -> bool:
        return va & ~(self.size - 1) == self.base


@dataclass
class Tlb:
    """A fully associative TLB, least recently used first."""

    capacity: int = 8
    entries: list[TlbEntry] = field(default_factory=list)

    def find(self, va: int) -> TlbEntry | None:
        for entry in self.entries:
            if entry.covers(va):
                return entry
        return None


@dataclass(frozen=True)
class Item:
    """One step of an activity: what the learner sees (an event) and what it changes.

    ``effects`` are tuples interpreted by ``apply.apply_item``; ``counts`` add to the
    counters of the mode the activity runs in.
    """

    kind: str
    data: dict[str, Any]
    stage: str = "native"
    level: str | None = None
    address: int | None = None
    value: int | None = None
    counts: tuple[tuple[str, int], ...] = ()
    effects: tuple[tuple[Any, ...], ...] = ()
    notable: bool = False


@dataclass
class Activity:
    """What the lab is doing: a queue of requests and the plan of the current one."""

    op_id: int
    requests: list[tuple[Any, ...]]
    items: list[Item] = field(default_factory=list)
    position: int = 0
    trace_next: int | None = None
    after: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Tables:
    """The guest's page tables, entries holding pseudo-physical frame numbers (PFNs).

    ``paging`` is ``x86_64`` (512 eight-byte entries a frame) or ``x86_32`` (1024 four-byte
    entries). ``levels`` gives each table frame its level (4 = PML4 … 1 = PT; 2 = PD and
    1 = PT in 32-bit paging).
    """

    paging: str
    root: int
    frames: dict[int, tuple[int, ...]] = field(default_factory=dict)
    levels: dict[int, int] = field(default_factory=dict)


@dataclass
class FrameType:
    """Xen's ``type_info`` of one machine frame, as the lab shows it."""

    type: str  # "l1".."l4", "writable" or "none"
    count: int = 0
    pinned: bool = False
    validated: bool = False
    mappings: int = 0  # general references from leaf entries (read-only or writable)


@dataclass
class Shadow:
    """Xen's shadow page tables for the guest (entries hold machine frame numbers).

    ``of_guest`` maps a guest table (``("t", pfn)``, or ``("fl1", pfn, index)`` for the
    shadow that splinters a guest 2 MiB page) to its shadow frame; ``pool`` is the frames
    of Xen's shadow pool not yet used.
    """

    pool: list[int]
    root: int | None = None
    of_guest: dict[tuple[int, ...], int] = field(default_factory=dict)
    frames: dict[int, tuple[int, ...]] = field(default_factory=dict)
    levels: dict[int, int] = field(default_factory=dict)


@dataclass
class Ostep:
    """An OSTEP homework problem: ``multi`` (two-level, 32-byte pages) or ``linear``."""

    kind: str
    memory: tuple[int, ...] = ()
    pdbr: int = 0
    page_table: tuple[int, ...] = ()
    page_size: int = 32
    address_space: int = 1 << 15


@dataclass
class Quiz:
    """A generated problem: the access, the expected answer (secret until revealed)."""

    number: int
    va: int
    access: str
    user: bool
    mode: str
    answer_kind: str  # "address", "page_fault", "general_protection", "ept_violation", ...
    answer_address: int | None
    worked: list[dict[str, Any]]
    attempts: list[dict[str, Any]] = field(default_factory=list)
    revealed: bool = False
    solved: bool = False


@dataclass
class CompareRun:
    """The mode comparison under way: the trace run so far in ``mode`` on ``scratch``, a copy
    of the lab (the lab itself does not change); ``position`` accesses are done."""

    mode: str
    scratch: MemoryLab
    position: int = 0


@dataclass
class MemoryLab:
    """The whole lab state."""

    domid: int
    mode: str = "native"
    tables: Tables | None = None
    ostep: Ostep | None = None
    pv_frames: dict[int, tuple[int, ...]] = field(default_factory=dict)
    pv_types: dict[int, FrameType] = field(default_factory=dict)
    pinned: set[int] = field(default_factory=set)
    shadow: Shadow | None = None
    ept_root: int = 0
    ept_frames: dict[int, tuple[int, ...]] = field(default_factory=dict)
    tlb: Tlb = field(default_factory=Tlb)
    counters: dict[str, Counters] = field(default_factory=dict)
    comparison: dict[str, dict[str, int]] = field(default_factory=dict)
    compare_skipped: dict[str, dict[str, Any]] = field(default_factory=dict)
    trace: tuple[Request, ...] = ()
    trace_position: int | None = None
    activity: Activity | None = None
    walk: list[Item] = field(default_factory=list)
    walk_position: int = 0
    walk_request: Request | None = None
    log: list[dict[str, Any]] = field(default_factory=list)
    quiz: Quiz | None = None
    quizzes: int = 0
    source: str = "scenario"
    virtualizable: bool = True
    tlb_capacity: int = 8
    tables_version: int = 0  # bumped by every change to the guest's tables
    layout_version: int = 0  # bumped by those that change more than accessed/dirty bits
    compare: CompareRun | None = None
    work: int = 0  # the lab's heavy work so far, in Simulation.work units
    view_cache: dict[str, Any] = field(default_factory=dict)  # the snapshot's, per version

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the snapshot's cache (checkpoints hold state only)."""
        state = dict(self.__dict__)
        state["view_cache"] = {}
        return state

    def counters_of(self, mode: str) -> Counters:
        found = self.counters.get(mode)
        if found is None:
            found = self.counters[mode] = Counters()
        return found
