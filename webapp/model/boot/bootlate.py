"""``xc_dom_bootlate``, step 6 of ``xl create``: Xen pins the L4, ``shared_info`` is cleared,
vCPU0 gets its context and the grant table its first two entries.
"""

from __future__ import annotations

from webapp.model.boot import layout as lay
from webapp.model.boot.abi import MMUEXT_PIN_L4_TABLE, XEN_LEGACY_MAX_VCPUS
from webapp.model.boot.common import by, domain_of, hexa, mark, mfn_lookup, names, record_of
from webapp.model.boot.kernel import kernel_image
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.operations import Context, Operation

# -- 6. bootlate: pin, shared_info, vCPU0, grants ----------------------------------------------


def pin_l4(ctx: Context, op: Operation) -> None:
    """``MMUEXT_PIN_L4_TABLE``: Xen validates the whole tree and pins the top-level table."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    top = record.tables[0] if record.tables else None
    mark(record, "pin_l4")
    ctx.emit("boot.pin_l4", (TOOLSTACK, XEN), mfn=top.mfn if top else 0, cmd=MMUEXT_PIN_L4_TABLE,
             tables=len(record.tables), **names(domain))


def init_shared_info(ctx: Context, op: Operation) -> None:
    """``shared_info`` is mapped and cleared; every ``vcpu_info[i].evtchn_upcall_mask = 1``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    mark(record, "shared_info_init")
    ctx.emit("boot.shared_info_init", by(record, XEN), mfn=record.shared_info_mfn or 0,
             slots=XEN_LEGACY_MAX_VCPUS, **names(domain))


def vcpu_context(ctx: Context, op: Operation) -> None:
    """``XEN_DOMCTL_setvcpucontext`` for vCPU0: RIP, RSP, RSI, CR3, flags (§1.7)."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    domain.vcpus[0].online = True
    mark(record, "vcpu_context")
    if record.layout is None:  # a restore: the context comes from the image's vCPU record
        return
    image = kernel_image(domain.config.kernel)
    record.registers = lay.registers(record.layout, mfn_lookup(domain.p2m), image.entry)
    regs = record.registers
    ctx.emit("boot.vcpu_context", by(record, XEN), rip=hexa(regs["rip"]), rsp=hexa(regs["rsp"]),
             rsi=hexa(regs["rsi"]), cr3=hexa(regs["cr3"]), **names(domain))


def seed_grants(ctx: Context, op: Operation) -> None:
    """``xc_dom_gnttab_init``: entry 0 lets the console backend map the console ring, entry 1
    lets xenstored map the xenstore ring (both in dom0 here)."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    if record.layout is not None:
        lookup = mfn_lookup(domain.p2m)
        console, store = record.layout.segment("console"), record.layout.segment("xenstore")
        record.grants = [(0, "console", 0, lookup(console.pfn) if console else 0),
                         (1, "xenstore", 0, lookup(store.pfn) if store else 0)]
    mark(record, "gnttab")
    frames = {use: frame for _, use, _, frame in record.grants}
    ctx.emit("boot.gnttab", (TOOLSTACK, XEN), console_mfn=frames.get("console", 0),
             store_mfn=frames.get("xenstore", 0), **names(domain))
