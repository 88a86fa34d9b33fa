"""Helpers the boot lab's recipes share (kept free of the lifecycle package, which uses them)."""

from __future__ import annotations

from typing import Any

from webapp.model.boot.state import BootRecord
from webapp.model.domain import Domain, DomainConfig
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.host import Host
from webapp.model.memory import DOMID_XEN, MachineMemory, P2MRun, p2m_lookup
from webapp.model.operations import Context, Operation


def host_of(ctx: Context, op: Operation) -> Host:
    return ctx.world.hosts[op.host]


def domain_of(ctx: Context, op: Operation) -> Domain:
    """The domain the operation builds."""
    if op.domid is None:
        raise ValueError(f"operation {op.kind} has no domain yet")
    return host_of(ctx, op).domains[op.domid]


def record_of(domain: Domain) -> BootRecord:
    """The domain's boot record (every domain built by a recipe has one)."""
    if domain.boot is None:
        raise ValueError(f"{domain.name} has no boot record")
    return domain.boot


def config_of(op: Operation) -> DomainConfig:
    return DomainConfig(**op.args["config"])


def names(domain: Domain) -> dict[str, Any]:
    """The data every domain event carries."""
    return {"domain": domain.name, "domid": domain.domid}


def mark(record: BootRecord, step: str, ctx: Context | None = None,
         recent: tuple[tuple[int, int], ...] = ()) -> None:
    """Record that micro-step ``step`` is done (and the machine frames it just took)."""
    record.steps.append(step)
    if ctx is not None:
        record.recent, record.recent_step = recent, ctx.step


def hexa(value: int) -> str:
    """A 64-bit value as the snapshot and the narration write it."""
    return hex(value)


def mfn_lookup(p2m: list[P2MRun]) -> Any:
    """``pfn -> mfn`` through the domain's P2M."""
    return lambda pfn: p2m_lookup(p2m, pfn)


def xen_heap_frame(memory: MachineMemory, domid: int) -> int:
    """The machine frame of a domain's ``shared_info``: Xen allocates it from its own heap
    (``alloc_xenheap_page``), so the model picks a frame Xen already owns, one per domid."""
    xen = next((run for run in memory.runs if run.owner == DOMID_XEN), None)
    if xen is None:
        return 0
    return xen.start + 1 + domid % max(1, xen.count - 1) if xen.count > 1 else xen.start


def by(record: BootRecord, *others: str) -> tuple[str, ...]:
    """The actors of a builder step: the toolstack's domain builder, or Xen for dom0."""
    first = XEN if record.origin == "dom0" else TOOLSTACK
    return (first, *(actor for actor in others if actor != first))


def merged(p2m: list[P2MRun]) -> list[P2MRun]:
    """``p2m`` with runs that continue each other (PFNs and MFNs both contiguous) joined."""
    out: list[P2MRun] = []
    for run in p2m:
        last = out[-1] if out else None
        if last and last.pfn + last.count == run.pfn and last.mfn + last.count == run.mfn:
            out[-1] = P2MRun(last.pfn, last.mfn, last.count + run.count)
        else:
            out.append(run)
    return out
