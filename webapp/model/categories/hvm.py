"""Hardware-assisted virtualization, modelled as a Xen HVM guest on VT-x: the unmodified guest
kernel runs in VMX non-root ring 0; what the VMCS intercepts (``cpuid`` always, ``hlt``,
I/O ports, external interrupts, APIC MSR writes, device MMIO through an EPT violation) is a VM
exit into Xen in VMX root, and an access to an emulated device goes on to QEMU in dom0.
Memory is virtualized by EPT (a 2D walk on a TLB miss, page-table writes need no exit) or, as
on first-generation VT-x, by shadow page tables (``hvm_paging: shadow``)."""

from __future__ import annotations

from webapp.model.categories.hops import HANDLER, Effect, hop, times, word
from webapp.model.categories.state import CategoriesLab, Column, Hop, Op
from webapp.model.devices.emulated import isr_accesses, setup_accesses

APP, KERNEL, XEN, QEMU, HW = "app", "guest_kernel", "xen", "qemu", "hardware"
GUEST_LEVELS = EPT_LEVELS = 4


def two_d_refs(guest: int, nested: int) -> int:
    """Page-table references of a 2D walk with no paging-structure cache (facts §2.4):
    every guest level's pointer and the final address go through a nested walk."""
    return (guest + 1) * (nested + 1) - 1


def _exit(path: list[str], reason: str, number: int, *more: Effect,
          event: str = "cat.vm_exit", **data: object) -> Hop:
    return hop(path, event, ("vm_exit", reason), *more, reason=reason, number=number, **data)


def _syscall(name: str) -> list[Hop]:
    return [hop([APP, KERNEL], "cat.hvm_syscall", ("crossing",), ("native", HANDLER["syscall"]),
                name=name),
            hop([KERNEL, APP], "cat.sysret", name=name)]


def _memory(op: Op, lab: CategoriesLab) -> list[Hop]:
    refs = two_d_refs(GUEST_LEVELS, EPT_LEVELS)
    if lab.hvm_paging == "ept" and op.kind == "pt_update":
        return [hop([KERNEL, HW, KERNEL], "cat.hvm_pt_write", ("native", op.count + 1),
                    count=op.count)]
    if lab.hvm_paging == "ept":
        return [hop([APP, HW, KERNEL], "cat.hvm_fault", ("walk", refs), ("trap",), refs=refs),
                hop([KERNEL, HW, APP], "cat.hvm_fault_done", ("native", HANDLER["page_fault"]),
                    ("walk", refs), refs=refs)]
    if op.kind == "pt_update":
        return [_exit([KERNEL, XEN], "EXCEPTION_NMI", 0,
                      *times(op.count - 1, ("vm_exit", "EXCEPTION_NMI")),
                      event="cat.shadow_write", count=op.count),
                _exit([XEN, KERNEL], "INVLPG", 14, event="cat.shadow_invlpg")]
    return [_exit([APP, HW, XEN], "EXCEPTION_NMI", 0, ("walk", GUEST_LEVELS),
                  event="cat.shadow_fault", refs=GUEST_LEVELS),
            hop([XEN, KERNEL], "cat.shadow_inject", ("native", HANDLER["page_fault"])),
            _exit([KERNEL, XEN], "EXCEPTION_NMI", 0, event="cat.shadow_write", count=1),
            _exit([XEN, HW, APP], "EXCEPTION_NMI", 0, ("walk", GUEST_LEVELS),
                  event="cat.shadow_fill", refs=GUEST_LEVELS)]


def _device(accesses: int, reason: str, number: int) -> list[Effect]:
    return times(accesses, ("vm_exit", reason), ("device_model",))


def _disk() -> list[Hop]:
    setup, isr = len(setup_accesses(0, 8)), len(isr_accesses())
    return [_syscall("read")[0],
            hop([KERNEL, XEN, QEMU], "cat.hvm_port_exits", *_device(setup, "IO_INSTRUCTION", 30),
                count=setup, reason="IO_INSTRUCTION", number=30, device="IDE"),
            hop([QEMU, HW], "cat.qemu_host_io", ("crossing",), ("io",), call="preadv"),
            hop([HW, QEMU, XEN], "cat.hvm_irq", ("hypercall", "dm_op"), irq=14),
            hop([XEN, KERNEL], "cat.hvm_isr_exits", *_device(isr, "IO_INSTRUCTION", 30),
                count=isr, reason="IO_INSTRUCTION", number=30, device="IDE"),
            _syscall("read")[1]]


def _net() -> list[Hop]:
    return [_syscall("sendto")[0],
            hop([KERNEL, XEN, QEMU], "cat.hvm_port_exits", *_device(1, "EPT_VIOLATION", 48),
                count=1, reason="EPT_VIOLATION", number=48, device="e1000"),
            hop([QEMU, HW], "cat.qemu_host_io", ("crossing",), ("io",), call="write (tap)"),
            hop([HW, QEMU, XEN], "cat.hvm_irq", ("hypercall", "dm_op"), irq=11),
            hop([XEN, KERNEL], "cat.hvm_isr_exits", *_device(1, "EPT_VIOLATION", 48),
                count=1, reason="EPT_VIOLATION", number=48, device="e1000"),
            _syscall("sendto")[1]]


def plan(op: Op, column: Column, lab: CategoriesLab) -> list[Hop]:
    kind = op.kind
    if kind == "arith":
        return [hop([APP, HW, APP], "cat.native", ("native", op.count), count=op.count,
                    what="arith")]
    if kind == "syscall":
        return _syscall(op.name)
    if kind in ("pt_update", "page_fault"):
        return _memory(op, lab)
    if kind == "cli":
        return [hop([KERNEL, HW, KERNEL], "cat.hvm_native_priv", ("native", 1), instr="cli")]
    if kind == "write_cr3" and lab.hvm_paging == "ept":
        return [hop([KERNEL, HW, KERNEL], "cat.hvm_native_priv", ("native", 1), ("switch",),
                    instr="mov cr3")]
    if kind == "write_cr3":
        return [_exit([KERNEL, XEN, KERNEL], "CR_ACCESS", 28, ("switch",),
                      event="cat.shadow_cr3")]
    if kind == "hlt":
        return [_exit([KERNEL, XEN], "HLT", 12, ("switch",), instr="hlt"),
                hop([XEN, KERNEL], "cat.vm_entry", ("switch",), why="hlt")]
    if kind == "cpuid":
        return [_exit([KERNEL, XEN], "CPUID", 10, instr="cpuid"),
                hop([XEN, KERNEL], "cat.vm_entry", ("native", 1), why="cpuid")]
    if kind == "timer":
        return [_exit([HW, XEN], "EXTERNAL_INTERRUPT", 1, instr=word("timer")),
                hop([XEN, KERNEL], "cat.hvm_inject", ("native", HANDLER["timer"])),
                hop([KERNEL, XEN, APP], "cat.hvm_apic_exits", ("vm_exit", "MSR_WRITE"),
                    ("vm_exit", "MSR_WRITE"), reason="MSR_WRITE", number=32, count=2)]
    if kind == "disk_read":
        return _disk()
    return _net()
