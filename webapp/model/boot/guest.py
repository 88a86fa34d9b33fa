"""The guest's side of the boot: what a Linux PV kernel does with what the builder left it
(virtualization-facts.md §1.8; arch/x86/xen/xen-head.S, enlighten_pv.c, p2m.c)."""

from __future__ import annotations

from webapp.model.boot.abi import CALLBACKS, flag_names
from webapp.model.boot.builder import bring_up_vcpus
from webapp.model.boot.common import domain_of, hexa, mark, names, record_of
from webapp.model.boot.state import lab_of
from webapp.model.events import XEN, XENSTORED, guest
from webapp.model.operations import Context, Operation


def _int(record_value: int | str | None) -> int:
    return record_value if isinstance(record_value, int) else 0


def guest_entry(ctx: Context, op: Operation) -> None:
    """``startup_xen``: the stack from RSP, ``%gs``, then ``xen_start_kernel(RSI)``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    regs = record.registers
    mark(record, "guest:entry")
    ctx.emit("boot.guest_entry", (guest(domain.domid),), rip=hexa(regs.get("rip", 0)),
             rsp=hexa(regs.get("rsp", 0)), rsi=hexa(regs.get("rsi", 0)), **names(domain))


def read_start_info(ctx: Context, op: Operation) -> None:
    """``xen_start_kernel``: ``xen_start_info = si``; paravirt ops installed; the flags read."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    info = record.start_info
    flags = _int(info.get("flags"))
    record.guest["flags"] = flags
    mark(record, "guest:start_info")
    ctx.emit("boot.guest_start_info", (guest(domain.domid),), magic=str(info.get("magic", "")),
             nr_pages=_int(info.get("nr_pages")), flags=hexa(flags),
             flag_names=" | ".join(flag_names(flags)) or "0", **names(domain))


def adopt_p2m(ctx: Context, op: Operation) -> None:
    """``xen_build_dynamic_phys_to_machine``: the kernel takes ``mfn_list`` as its P2M."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    record.guest["p2m"] = len(domain.p2m)
    mark(record, "guest:p2m")
    ctx.emit("boot.guest_p2m", (guest(domain.domid),), mfn_list=hexa(_int(
        record.start_info.get("mfn_list"))), entries=domain.nr_pages, runs=len(domain.p2m),
        **names(domain))


def own_page_tables(ctx: Context, op: Operation) -> None:
    """``xen_setup_kernel_pagetable(pt_base, nr_pages)``: the kernel writes its new tables
    directly while they are ordinary writable pages, then makes them read-only
    (``update_va_mapping``) and pins them — Xen validates them at the pin —, switches to them
    (``MMUEXT_NEW_BASEPTR``) and unpins the bootstrap tables. Later updates of live tables go
    through ``mmu_update`` (errata 5)."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    record.guest["own_tables"] = True
    mark(record, "guest:pagetables")
    ctx.emit("boot.guest_pagetables", (guest(domain.domid), XEN),
             pt_base=hexa(_int(record.start_info.get("pt_base"))),
             nr_pt_frames=_int(record.start_info.get("nr_pt_frames")), **names(domain))


def map_shared_info(ctx: Context, op: Operation) -> None:
    """``HYPERVISOR_shared_info`` is mapped from the machine address in ``start_info``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    mark(record, "guest:shared_info")
    ctx.emit("boot.guest_shared_info", (guest(domain.domid), XEN),
             maddr=hexa(_int(record.start_info.get("shared_info"))), **names(domain))


def register_callbacks(ctx: Context, op: Operation) -> None:
    """``CALLBACKOP_register`` for events, failsafe and syscall; ``set_trap_table``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    record.guest["callbacks"] = [name for name, _ in CALLBACKS]
    mark(record, "guest:callbacks")
    ctx.emit("boot.guest_callbacks", (guest(domain.domid), XEN),
             callbacks=[f"{name} ({number})" for name, number in CALLBACKS], **names(domain))


def memory_map(ctx: Context, op: Operation) -> None:
    """``xen_memory_setup``, early in ``setup_arch`` (long before xenbus): dom0 asks for the
    machine's map (``XENMEM_machine_memory_map``), a domU for its own (``XENMEM_memory_map``:
    the one RAM entry libxl set with ``xc_domain_set_memmap_limit``)."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    mark(record, "guest:memory_map")
    if record.origin == "dom0":
        entries = len(lab_of(ctx.world).native.e820)
        ctx.emit("boot.guest_machine_memory_map", (guest(domain.domid), XEN), entries=entries,
                 **names(domain))
        return
    ctx.emit("boot.guest_memory_map", (guest(domain.domid), XEN),
             memory_mb=domain.config.memory_mb, **names(domain))


def connect_xenstore(ctx: Context, op: Operation) -> None:
    """xenbus connects with ``store_mfn``/``store_evtchn``; hvc uses the console ring. dom0
    has neither: it starts xenstored itself."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    info = record.start_info
    mark(record, "guest:xenstore")
    if record.origin == "dom0":
        record.guest["toolstack"] = True
        ctx.emit("boot.guest_dom0_services", (guest(domain.domid), XEN), **names(domain))
        return
    ctx.emit("boot.guest_xenbus", (guest(domain.domid), XENSTORED),
             store_mfn=_int(info.get("store_mfn")), store_evtchn=_int(info.get("store_evtchn")),
             console_mfn=_int(info.get("console.domU.mfn")),
             console_evtchn=_int(info.get("console.domU.evtchn")), **names(domain))


def guest_ready(ctx: Context, op: Operation) -> None:
    """The generic kernel start continues; the kernel finally runs ``/sbin/init``."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    mark(record, "guest:init")
    ctx.emit("boot.guest_init", (guest(domain.domid),), vcpus=len(domain.vcpus),
             cmdline=domain.config.cmdline, **names(domain))


def guest_init(ctx: Context, op: Operation) -> None:
    """The last step of a detailed boot: init starts, the other vCPUs come online."""
    guest_ready(ctx, op)
    if len(domain_of(ctx, op).vcpus) > 1:
        bring_up_vcpus(ctx, op)


#: The guest's boot after the unpause, up to (not including) init.
GUEST_STEPS = (guest_entry, read_start_info, adopt_p2m, own_page_tables, map_shared_info,
               register_callbacks, memory_map, connect_xenstore)
