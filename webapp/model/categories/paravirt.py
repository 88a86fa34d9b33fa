"""Para-virtualization, modelled as a 64-bit Xen PV guest: the guest kernel is modified and
deprivileged (ring 3 on x86-64); it asks Xen with hypercalls (``mmu_update``, ``mmuext_op``,
``sched_op``, ``iret``...) for what it may not do; its devices are split drivers whose backends
run in dom0 (grant tables, event channels, a shared ring)."""

from __future__ import annotations

from webapp.model.categories.hops import HANDLER, hop, word
from webapp.model.categories.state import CategoriesLab, Column, Hop, Op

APP, KERNEL, XEN, DOM0, HW = "app", "guest_kernel", "xen", "dom0", "hardware"
LEVELS = 4


def _syscall(name: str) -> list[Hop]:
    return [hop([APP, XEN], "cat.pv_syscall", ("crossing",), name=name),
            hop([XEN, KERNEL], "cat.pv_bounce", ("native", HANDLER["syscall"]), name=name),
            hop([KERNEL, XEN, APP], "cat.pv_iret", ("hypercall", "iret"))]


def _disk() -> list[Hop]:
    return [*_syscall("read")[:2],
            hop([KERNEL, XEN], "cat.pv_front_notify", ("hypercall", "event_channel_op"),
                driver="blkfront", ring="blkif"),
            hop([XEN, DOM0], "cat.pv_back_map", ("switch",), ("hypercall", "grant_table_op"),
                driver="blkback", op="GNTTABOP_map_grant_ref"),
            hop([DOM0, HW, DOM0], "cat.dom0_io", ("crossing",), ("io",), device=word("disk")),
            hop([DOM0, XEN], "cat.pv_back_done", ("hypercall", "grant_table_op"),
                ("hypercall", "event_channel_op"), driver="blkback"),
            hop([XEN, KERNEL, APP], "cat.pv_front_done", ("switch",), ("hypercall", "iret"),
                driver="blkfront")]


def _net() -> list[Hop]:
    return [*_syscall("sendto")[:2],
            hop([KERNEL, XEN], "cat.pv_front_notify", ("hypercall", "event_channel_op"),
                driver="netfront", ring="tx"),
            hop([XEN, DOM0], "cat.pv_back_map", ("switch",), ("hypercall", "grant_table_op"),
                driver="netback", op="GNTTABOP_copy"),
            hop([DOM0, HW, DOM0], "cat.dom0_io", ("io",), device=word("nic")),
            hop([DOM0, XEN, KERNEL, APP], "cat.pv_front_done", ("hypercall", "event_channel_op"),
                ("switch",), ("hypercall", "iret"), driver="netfront")]


def plan(op: Op, column: Column, lab: CategoriesLab) -> list[Hop]:
    kind = op.kind
    if kind == "arith":
        return [hop([APP, HW, APP], "cat.native", ("native", op.count), count=op.count,
                    what="arith")]
    if kind == "syscall":
        return _syscall(op.name)
    if kind == "pt_update":
        return [hop([KERNEL, XEN], "cat.pv_mmu_update", ("hypercall", "mmu_update"),
                    ("validate", op.count), count=op.count),
                hop([XEN, HW, KERNEL], "cat.pv_entries_written", ("native", op.count),
                    count=op.count)]
    if kind == "page_fault":
        return [hop([APP, HW, XEN], "cat.pv_fault", ("walk", LEVELS), ("trap",), refs=LEVELS),
                hop([XEN, KERNEL], "cat.pv_fault_bounce", ("native", HANDLER["page_fault"])),
                hop([KERNEL, XEN], "cat.pv_mmu_update", ("hypercall", "mmu_update"),
                    ("validate", 1), count=1),
                hop([XEN, HW, APP], "cat.pv_iret_retry", ("hypercall", "iret"),
                    ("walk", LEVELS), refs=LEVELS)]
    if kind == "cli":
        return [hop([KERNEL, HW, KERNEL], "cat.pv_cli", ("native", 1))]
    if kind == "hlt":
        return [hop([KERNEL, XEN], "cat.pv_block", ("hypercall", "sched_op"), ("switch",)),
                hop([XEN, KERNEL], "cat.pv_wake", ("switch",))]
    if kind == "cpuid":
        return [hop([KERNEL, XEN], "cat.pv_cpuid_trap", ("trap",)),
                hop([XEN, KERNEL], "cat.pv_cpuid_done", ("native", 1))]
    if kind == "write_cr3":
        return [hop([KERNEL, XEN, KERNEL], "cat.pv_new_baseptr", ("hypercall", "mmuext_op"),
                    ("switch",))]
    if kind == "timer":
        return [hop([HW, XEN], "cat.pv_timer", ("native", 1)),
                hop([XEN, KERNEL], "cat.pv_upcall", ("native", HANDLER["timer"])),
                hop([KERNEL, XEN, APP], "cat.pv_rearm", ("hypercall", "vcpu_op"),
                    ("hypercall", "iret"))]
    if kind == "disk_read":
        return _disk()
    return _net()
