"""Full virtualization by emulation, modelled as QEMU's TCG on a host OS: every guest
instruction, the guest kernel's included, is executed by host code TCG translated (once per
block, then reused from its code cache); privileged instructions and device registers are
helpers; guest memory goes through a software TLB. Nothing reaches the real CPU's privileged
modes except QEMU's own system calls to the host kernel."""

from __future__ import annotations

from webapp.model.categories.hops import HANDLER, CodeCache, hop
from webapp.model.categories.state import CategoriesLab, Column, Hop, Op
from webapp.model.devices.emulated import isr_accesses, setup_accesses

APP, KERNEL, TCG, DEV, HOST, HW = "app", "guest_kernel", "tcg", "qemu_dev", "host_kernel", \
    "hardware"
GUEST_LEVELS = 4


def _syscall(cache: CodeCache, name: str) -> list[Hop]:
    return [hop([APP, TCG], "cat.tcg_exception", ("emulate", 1), ("helper",), instr="syscall"),
            cache.run([TCG, KERNEL], f"kernel:{name}", HANDLER["syscall"], what=name),
            hop([KERNEL, TCG, APP], "cat.tcg_return", ("emulate", 1), ("helper",),
                instr="sysret")]


def _privileged(cache: CodeCache, instr: str, *extra: tuple[str, ...]) -> list[Hop]:
    return [hop([KERNEL, TCG, KERNEL], "cat.tcg_helper", ("emulate", 1), ("helper",), *extra,
                instr=instr)]


def _page_fault(cache: CodeCache) -> list[Hop]:
    return [hop([APP, TCG, HOST, TCG], "cat.tcg_fault", ("walk", GUEST_LEVELS), ("helper",),
                ("crossing",), refs=GUEST_LEVELS),
            cache.run([TCG, KERNEL], "kernel:page_fault", HANDLER["page_fault"],
                      what="page_fault"),
            hop([KERNEL, TCG, APP], "cat.tcg_retry", ("walk", GUEST_LEVELS), ("helper",),
                ("emulate", 1), refs=GUEST_LEVELS)]


def _disk(cache: CodeCache) -> list[Hop]:
    setup, isr = len(setup_accesses(0, 8)), len(isr_accesses())
    return [*_syscall(cache, "read")[:2],
            hop([KERNEL, TCG, DEV], "cat.tcg_port_io", ("emulate", setup), ("helper", setup),
                count=setup, device="IDE"),
            hop([DEV, HOST, HW], "cat.qemu_host_io", ("crossing",), ("io",), call="preadv"),
            hop([HW, HOST, DEV, TCG, KERNEL], "cat.tcg_irq", ("emulate", isr), ("helper", isr),
                count=isr, irq=14),
            hop([KERNEL, TCG, APP], "cat.tcg_return", ("emulate", 1), ("helper",),
                instr="sysret")]


def _net(cache: CodeCache) -> list[Hop]:
    return [*_syscall(cache, "sendto")[:2],
            hop([KERNEL, TCG, DEV], "cat.tcg_port_io", ("emulate", 1), ("helper", 1), count=1,
                device="e1000"),
            hop([DEV, HOST, HW], "cat.qemu_host_io", ("crossing",), ("io",), call="write (tap)"),
            hop([HW, HOST, DEV, TCG, KERNEL], "cat.tcg_irq", ("emulate", 1), ("helper", 1),
                count=1, irq=11),
            hop([KERNEL, TCG, APP], "cat.tcg_return", ("emulate", 1), ("helper",),
                instr="sysret")]


def plan(op: Op, column: Column, lab: CategoriesLab) -> list[Hop]:
    cache = CodeCache(column)
    kind = op.kind
    if kind == "arith":
        return [cache.run([APP, TCG, HW, APP], f"app:arith:{op.count}", op.count,
                          what="arith")]
    if kind == "syscall":
        return _syscall(cache, op.name)
    if kind == "pt_update":
        return [cache.run([KERNEL, TCG, HW], f"kernel:set_pte:{op.count}", op.count,
                          what="set_pte"),
                hop([HW, TCG, KERNEL], "cat.tcg_tlb_flush", ("emulate", 1), ("helper",),
                    instr="invlpg")]
    if kind == "page_fault":
        return _page_fault(cache)
    if kind == "hlt":
        return [hop([KERNEL, TCG, HOST], "cat.tcg_hlt", ("emulate", 1), ("helper",),
                    ("crossing",), ("switch",)),
                hop([HOST, TCG, KERNEL], "cat.tcg_wake", ("switch",))]
    if kind == "write_cr3":
        return _privileged(cache, "mov cr3", ("switch",))
    if kind in ("cli", "cpuid"):
        return _privileged(cache, kind)
    if kind == "timer":
        return [hop([HW, HOST, TCG], "cat.tcg_timer", ("crossing",), ("switch",)),
                cache.run([TCG, KERNEL], "kernel:timer", HANDLER["timer"], what="timer"),
                hop([KERNEL, TCG, DEV, APP], "cat.tcg_eoi", ("emulate", 2), ("helper", 2))]
    if kind == "disk_read":
        return _disk(cache)
    return _net(cache)
