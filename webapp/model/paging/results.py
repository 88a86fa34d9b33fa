"""Vocabulary and results of a page walk: frozen values, no behaviour.

Addresses are plain ``int`` here; the JSON layer (``serialize``) turns them into hex.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import ClassVar


class Level(Enum):
    """A paging-structure level; the value is the name used in JSON."""

    PML4 = "pml4"
    PDPT = "pdpt"
    PD = "pd"
    PT = "pt"


class Access(Enum):
    """The kind of memory access being translated."""

    READ = "read"
    WRITE = "write"
    EXEC = "exec"


class Stage(Enum):
    """Which walk a reference belongs to: a native walk, or one side of a 2D walk."""

    NATIVE = "native"
    GUEST = "guest"
    EPT = "ept"


class FaultReason(Enum):
    """Why a page walk stopped with a #PF."""

    NOT_PRESENT = "not_present"
    PROTECTION = "protection"
    RESERVED_BIT = "reserved_bit"


class Violation(Enum):
    """Which rights rule a protection #PF broke."""

    USER_SUPERVISOR = "user_supervisor"
    READ_ONLY = "read_only"
    NO_EXECUTE = "no_execute"
    SMEP = "smep"
    SMAP = "smap"


class EptReason(Enum):
    """Why an EPT walk stopped (exit reason 48 or 49)."""

    NOT_PRESENT = "not_present"
    PROTECTION = "protection"
    MISCONFIG = "misconfig"


class EptCause(Enum):
    """What the EPT was translating when it stopped."""

    GUEST_TABLE = "guest_table"
    DATA = "data"


@dataclass(frozen=True)
class Reference:
    """One paging-structure entry read by the walk, in walk order.

    ``gpa`` is only set in a 2D walk: for a guest reference it is the guest-physical
    address of the entry; for an EPT reference it is the guest-physical address that
    this EPT walk is translating.
    """

    level: Level
    entry_address: int
    entry: int
    stage: Stage = Stage.NATIVE
    gpa: int | None = None


@dataclass(frozen=True)
class EntryUpdate:
    """Accessed/dirty bits the processor writes back into one entry."""

    level: Level
    entry_address: int
    old: int
    new: int
    stage: Stage = Stage.NATIVE


@dataclass(frozen=True)
class Translation:
    """A successful translation: the physical address and the page that maps it."""

    pa: int
    page_size: int
    leaf_level: Level


@dataclass(frozen=True)
class PageFault:
    """#PF: ``level`` is where a not-present/reserved entry was met, or the leaf level."""

    vector: ClassVar[int] = 14
    reason: FaultReason
    level: Level
    violation: Violation | None
    error_code: int
    cr2: int


@dataclass(frozen=True)
class GeneralProtection:
    """#GP: the linear address is not canonical (bits 63:48 differ from bit 47)."""

    vector: ClassVar[int] = 13
    reason: ClassVar[str] = "non_canonical"


@dataclass(frozen=True)
class NestedTranslation:
    """A successful 2D walk: guest-physical and host-physical addresses."""

    gpa: int
    hpa: int
    page_size: int
    leaf_level: Level
    ept_page_size: int


@dataclass(frozen=True)
class EptViolation:
    """An EPT violation or misconfiguration: a VM exit, not a guest exception."""

    vector: ClassVar[None] = None
    reason: EptReason
    level: Level
    gpa: int
    access: Access
    cause: EptCause

    @property
    def kind(self) -> str:
        """``ept_misconfig`` (exit 49) or ``ept_violation`` (exit 48)."""
        return "ept_misconfig" if self.reason is EptReason.MISCONFIG else "ept_violation"

    @property
    def exit_reason(self) -> int:
        """The VMX basic exit reason number."""
        return 49 if self.reason is EptReason.MISCONFIG else 48


@dataclass(frozen=True)
class SimpleTranslation:
    """An OSTEP translation: the physical address and, for multi-level, the byte there."""

    pa: int
    value: int | None = None


@dataclass(frozen=True)
class InvalidEntry:
    """An OSTEP fault: the entry at ``level`` has its valid bit clear."""

    level: Level
    vpn: int


Outcome = (
    Translation
    | PageFault
    | GeneralProtection
    | NestedTranslation
    | EptViolation
    | SimpleTranslation
    | InvalidEntry
)


@dataclass(frozen=True)
class Walk:
    """The whole walk: references in order, the outcome, and A/D write-backs."""

    references: tuple[Reference, ...]
    outcome: Outcome
    entry_updates: tuple[EntryUpdate, ...] = ()

    @property
    def faulted(self) -> bool:
        """True when the access did not translate."""
        ok = (Translation, NestedTranslation, SimpleTranslation)
        return not isinstance(self.outcome, ok)
