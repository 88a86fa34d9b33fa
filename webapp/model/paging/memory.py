"""Physical memory as the walkers see it: 4 KiB frames of page-table entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from webapp.model.paging.errors import MissingFrameError

FRAME_SHIFT = 12
FRAME_SIZE = 1 << FRAME_SHIFT


@dataclass(frozen=True)
class PhysicalMemory:
    """Frames that hold paging structures, keyed by frame number.

    Each frame is a sequence of ``FRAME_SIZE // entry_bytes`` entries (512 eight-byte
    entries for x86-64 and EPT, 1024 four-byte entries for 32-bit paging). Frames that
    hold only data need not be present: a walk never reads them.
    """

    frames: Mapping[int, Sequence[int]] = field(default_factory=dict)
    entry_bytes: int = 8
    space: str = "physical"

    @classmethod
    def of(
        cls, frames: Mapping[int, Sequence[int]], entry_bytes: int = 8, space: str = "physical"
    ) -> PhysicalMemory:
        """Build a memory from a mapping, copied so that later edits cannot leak in."""
        return cls(MappingProxyType(dict(frames)), entry_bytes, space)

    @property
    def entries_per_frame(self) -> int:
        """How many entries one 4 KiB frame holds."""
        return FRAME_SIZE // self.entry_bytes

    def has_frame(self, frame: int) -> bool:
        """True when the frame was provided."""
        return frame in self.frames

    def read(self, address: int) -> int:
        """The entry stored at a physical byte address (aligned to the entry size)."""
        frame = address >> FRAME_SHIFT
        if frame not in self.frames:
            raise MissingFrameError(frame, self.space)
        return self.frames[frame][(address % FRAME_SIZE) // self.entry_bytes]
