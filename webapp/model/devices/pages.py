"""Guest pages the drivers use for rings and data buffers, and the frames behind them.

A PV guest names machine frames in its grants (GFN = MFN, read from its P2M); an HVM guest
would name its own guest frames. Pages come from a per-domain pool set aside at setup, lowest
first, so runs repeat exactly.
"""

from __future__ import annotations

from webapp.model.devices.state import DevicesLab
from webapp.model.errors import Refused
from webapp.model.host import World

POOL_START = 0x2000
POOL_PAGES = 512


def frame_of(world: World, domid: int, pfn: int) -> int:
    """The machine frame of ``domid``'s pseudo-physical frame ``pfn`` (its P2M)."""
    domain = world.host.domains.get(domid)
    for run in domain.p2m if domain else []:
        if run.pfn <= pfn < run.pfn + run.count:
            return run.mfn + (pfn - run.pfn)
    return pfn


def has_pages(lab: DevicesLab, domid: int, count: int) -> bool:
    return len(lab.free_pages.get(domid, [])) >= count


def alloc_page(lab: DevicesLab, domid: int) -> int:
    pool = lab.free_pages.get(domid, [])
    if not pool:
        raise Refused("refused.devices.no_pages", domid=domid)
    return pool.pop(0)


def free_page(lab: DevicesLab, domid: int, pfn: int) -> None:
    pool = lab.free_pages.get(domid)
    if pool is not None and pfn not in pool:
        pool.append(pfn)
        pool.sort()
