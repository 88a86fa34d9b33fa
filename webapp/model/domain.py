"""Domains and vCPUs as Xen keeps them, and the states derived from them.

Xen does not store "the state" of a domain: it keeps ``is_dying``, ``controller_pause_count``,
the shutdown status and per-vCPU flags (xen/include/xen/sched.h). The one-word ``state`` the
lab shows and ``xl list``'s six flag columns are both derived from those fields, as
``getdomaininfo()`` and ``list_domains()`` derive them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import TYPE_CHECKING

from webapp.model.memory import P2MRun

if TYPE_CHECKING:
    from webapp.model.boot.state import BootRecord


class Dying(Enum):
    """``d->is_dying``."""

    ALIVE = "alive"
    DYING = "dying"
    DEAD = "dead"


class ShutdownReason(IntEnum):
    """``SHUTDOWN_*`` codes from xen/include/public/sched.h."""

    POWEROFF = 0
    REBOOT = 1
    SUSPEND = 2
    CRASH = 3
    WATCHDOG = 4
    SOFT_RESET = 5

    @property
    def word(self) -> str:
        return self.name.lower()


#: Column 5 of ``xl list``: the shutdown-reason letter, indexed by the libxl reason.
REASON_LETTERS = "-rscwS"

#: ``xl.cfg`` actions after a shutdown, and their defaults.
ON_ACTIONS = ("destroy", "restart", "preserve")
DEFAULT_ON = {"on_poweroff": "destroy", "on_reboot": "restart",
              "on_crash": "destroy", "on_watchdog": "destroy"}

#: Workloads: (chance that a running vCPU blocks, chance that a blocked vCPU wakes) per tick.
WORKLOADS = {"cpu": (0.05, 0.6), "io": (0.35, 0.35), "idle": (0.7, 0.1)}


@dataclass(frozen=True)
class DomainConfig:
    """What ``xl create`` reads from a domain's configuration file."""

    name: str
    memory_mb: int = 512
    vcpus: int = 1
    kernel: str = "/boot/vmlinuz-6.1-xen"
    cmdline: str = "root=/dev/xvda1 ro console=hvc0"
    workload: str = "io"
    on_poweroff: str = "destroy"
    on_reboot: str = "restart"
    on_crash: str = "destroy"
    on_watchdog: str = "destroy"

    def on(self, reason: ShutdownReason) -> str:
        """The configured action for a shutdown with ``reason`` (suspend is the caller's)."""
        actions = {ShutdownReason.POWEROFF: self.on_poweroff, ShutdownReason.REBOOT: self.on_reboot,
                   ShutdownReason.CRASH: self.on_crash, ShutdownReason.WATCHDOG: self.on_watchdog}
        return str(actions.get(reason, "preserve"))


@dataclass
class VCpu:
    """One virtual CPU: Xen's ``pause_flags`` and whether it is on a physical CPU."""

    vcpu_id: int
    online: bool = False  # VPF_down clear
    blocked: bool = False  # VPF_blocked
    pcpu: int | None = None  # is_running: the physical CPU it runs on
    ticks: dict[str, int] = field(default_factory=lambda: {
        "running": 0, "runnable": 0, "blocked": 0, "offline": 0})


@dataclass
class Domain:
    """Xen's ``struct domain``, reduced to what the labs show."""

    domid: int
    config: DomainConfig
    vcpus: list[VCpu]
    is_dying: Dying = Dying.ALIVE
    controller_pause_count: int = 1  # born paused (domain_create)
    shutdown_code: ShutdownReason | None = None
    is_shutting_down: bool = False
    is_shut_down: bool = False  # shutdown completed: every vCPU paused for shutdown
    creation_finished: bool = False
    p2m: list[P2MRun] = field(default_factory=list)
    nr_pages: int = 0
    store_port: int | None = None
    console_port: int | None = None
    busy: str | None = None  # the operation in flight on this domain, if any
    boot: BootRecord | None = None  # how it was built and started (the boot lab's record)

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def is_control(self) -> bool:
        return self.domid == 0

    def online_vcpus(self) -> list[VCpu]:
        return [vcpu for vcpu in self.vcpus if vcpu.online]

    def schedulable(self) -> bool:
        """Whether the scheduler may run this domain's vCPUs now."""
        return (self.is_dying is Dying.ALIVE and self.controller_pause_count == 0
                and not self.is_shutting_down)


def runstate(domain: Domain, vcpu: VCpu) -> str:
    """``RUNSTATE_*`` of a vCPU: running, runnable, blocked or offline (blocked wins)."""
    if vcpu.pcpu is not None:
        return "running"
    if vcpu.online and vcpu.blocked:
        return "blocked"
    if not vcpu.online or not domain.schedulable():
        return "offline"
    return "runnable"


def state_word(domain: Domain) -> str:
    """The one-word state the lab shows, derived from Xen's fields (documented in docs/api.md)."""
    if domain.is_dying is not Dying.ALIVE:
        return str(domain.is_dying.value)
    if domain.is_shut_down:
        return _shut_down_word(domain.shutdown_code)
    if domain.is_shutting_down:
        return "shutting_down"
    if domain.controller_pause_count > 0:
        return "paused"
    return _vcpu_word(domain)


def _shut_down_word(reason: ShutdownReason | None) -> str:
    if reason is ShutdownReason.CRASH:
        return "crashed"
    if reason is ShutdownReason.SUSPEND:
        return "suspended"
    return "shutdown"


def _vcpu_word(domain: Domain) -> str:
    online = domain.online_vcpus()
    if any(vcpu.pcpu is not None for vcpu in online):
        return "running"
    if online and all(vcpu.blocked for vcpu in online):
        return "blocked"
    return "runnable"


def dominf_flags(domain: Domain) -> dict[str, bool]:
    """The ``XEN_DOMINF_*`` bits ``getdomaininfo()`` reports (xen/common/domctl.c)."""
    online = domain.online_vcpus()
    return {
        "dying": domain.is_dying is Dying.DEAD,
        "shutdown": domain.is_shut_down,
        "paused": domain.controller_pause_count > 0,
        "blocked": bool(online) and all(vcpu.blocked for vcpu in online),
        "running": any(vcpu.pcpu is not None for vcpu in online),
    }


def xl_state(domain: Domain, flags: dict[str, bool] | None = None) -> str:
    """The six ``xl list`` State columns, as ``list_domains()`` prints them (xl_info.c), from
    the ``XEN_DOMINF_*`` bits (``flags``, when the caller has them already)."""
    flags = flags if flags is not None else dominf_flags(domain)
    reason = domain.shutdown_code if flags["shutdown"] else None
    return "".join((
        "r" if flags["running"] else "-",
        "b" if flags["blocked"] else "-",
        "p" if flags["paused"] else "-",
        "s" if flags["shutdown"] else "-",
        REASON_LETTERS[reason] if reason is not None else "-",
        "d" if flags["dying"] else "-",
    ))
