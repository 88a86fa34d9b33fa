"""The boot lab's state: plain, picklable dataclasses.

What belongs to one domain (its start-of-day layout, ``start_info`` as filled so far, vCPU0's
registers, its bootstrap page tables) lives on the domain, ``Domain.boot``, so the lifecycle lab,
this lab and the memory lab read the same thing. The traditional machine booting beside it and
the last failed build live in ``world.labs["boot"]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from webapp.model.boot.abi import PAGE_SHIFT, PAGE_SIZE

if TYPE_CHECKING:
    from webapp.model.host import World

#: Where a domain's boot record comes from.
ORIGINS = ("xl", "dom0", "restore", "prebuilt")


@dataclass(frozen=True)
class Segment:
    """One element the builder places: ``pages`` pseudo-physical frames from ``pfn``, mapped at
    ``vstart``; ``size`` bytes of content (the initrd's length, the P2M's entries).

    ``where``: ``region`` (in the start-of-day region), ``unmapped`` (after it, mapped by no
    table: the initrd of a kernel with ``XEN_ELFNOTE_MOD_START_PFN``) or ``p2m_base`` (the P2M
    list and the tables that map it at ``XEN_ELFNOTE_INIT_P2M``'s address)."""

    name: str
    pfn: int
    pages: int
    vstart: int
    size: int
    writable: bool = True
    where: str = "region"

    @property
    def end_pfn(self) -> int:
        return self.pfn + self.pages

    @property
    def vend(self) -> int:
        return self.vstart + self.pages * PAGE_SIZE


@dataclass(frozen=True)
class Layout:
    """The start-of-day virtual region as planned from the ELF notes and the memory size."""

    virt_base: int
    segments: tuple[Segment, ...]
    virt_end: int  # exclusive, on a 4 MiB boundary
    nr_pt_frames: int
    too_small: str | None = None  # the first element that does not fit in nr_pages
    modern: bool = False  # the kernel has XEN_ELFNOTE_MOD_START_PFN and XEN_ELFNOTE_INIT_P2M

    @property
    def region_pages(self) -> int:
        return (self.virt_end - self.virt_base) >> PAGE_SHIFT

    def in_region(self) -> tuple[Segment, ...]:
        return tuple(seg for seg in self.segments if seg.where == "region")

    def segment(self, name: str) -> Segment | None:
        return next((seg for seg in self.segments if seg.name == name), None)

    def va_of(self, pfn: int) -> int:
        """The virtual address pseudo-physical frame ``pfn`` has in the region (1:1 mapping)."""
        return self.virt_base + (pfn << PAGE_SHIFT)


@dataclass(frozen=True)
class TableFrame:
    """One bootstrap page-table frame: its level (4 = top), where it is, which slots it fills."""

    level: int
    pfn: int
    mfn: int
    first_slot: int
    slots: int


@dataclass
class BootRecord:
    """How one domain was built and started (virtualization-facts.md §1.4–1.8).

    ``steps`` names every micro-step done, in order; the other fields hold what those steps
    produced, with the real values of the model (frame numbers, addresses, ports).
    """

    origin: str
    kernel: str
    cmdline: str
    steps: list[str] = field(default_factory=list)
    layout: Layout | None = None
    placed: int = 0  # how many of layout.segments the builder has placed
    shared_info_mfn: int | None = None
    tables: list[TableFrame] = field(default_factory=list)
    start_info: dict[str, int | str] = field(default_factory=dict)
    registers: dict[str, int] = field(default_factory=dict)
    grants: list[tuple[int, str, int, int]] = field(default_factory=list)  # ref, use, domid, mfn
    guest: dict[str, Any] = field(default_factory=dict)  # what the guest kernel did so far
    recent: tuple[tuple[int, int], ...] = ()  # machine frames (first, count) just allocated
    recent_step: int = -1

    def did(self, step: str) -> bool:
        return step in self.steps

    def placed_segments(self) -> tuple[Segment, ...]:
        return self.layout.segments[: self.placed] if self.layout else ()


@dataclass(frozen=True)
class E820Entry:
    """One entry of the firmware's memory map (type 1 usable, 2 reserved, 3 ACPI data)."""

    start: int
    size: int
    kind: int


@dataclass
class NativeMachine:
    """A traditional machine (no hypervisor): firmware, bootloader, kernel, init.

    ``profile`` is ``linux`` (it boots Linux) or ``xen`` (it is the Xen host: the bootloader
    loads Xen, which builds dom0 itself)."""

    profile: str = "linux"
    firmware: str = "BIOS"
    memory_mb: int = 1024
    cpus: int = 2
    cmdline: str = "root=/dev/sda1 ro quiet"
    steps: list[str] = field(default_factory=list)
    e820: list[E820Entry] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)
    boot_params: dict[str, int | str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    pending: bool = False  # a power-on is queued (``boot_both`` starts it one step later)

    def booted(self) -> bool:
        """Whether it was powered on (and not powered off since)."""
        return bool(self.steps) or self.pending


@dataclass
class BootLab:
    """``world.labs["boot"]``: the traditional machine and what the last failure left."""

    native: NativeMachine = field(default_factory=NativeMachine)
    failure: dict[str, Any] | None = None
    recent: tuple[tuple[int, int], ...] = ()  # machine frames Xen just took (fragmentation)
    recent_step: int = -1


def lab_of(world: World) -> BootLab:
    """The boot lab's state (a scenario of another lab gets the defaults the first time)."""
    lab = world.labs.get("boot")
    if not isinstance(lab, BootLab):
        lab = BootLab()
        world.labs["boot"] = lab
    return lab


def peek_lab(world: World) -> BootLab:
    """The boot lab's state without creating it (for validation and snapshots)."""
    lab = world.labs.get("boot")
    return lab if isinstance(lab, BootLab) else BootLab()
