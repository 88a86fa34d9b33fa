"""Sources of the categories lab's sentences: QEMU's TCG and device models for emulation,
Linux's seccomp, namespaces and cgroups for containers, Xen and Linux PV for
para-virtualization, Xen's VMX code and the Intel SDM for hardware-assisted virtualization."""

from __future__ import annotations

from webapp.model.narration.sources.common import (
    LAB_ONLY,
    Entry,
    linux,
    qemu,
    same,
    sdm,
    simplified,
    xen,
)

COSTS = simplified(None, "The lab's own counters; modelled cycles are assumptions (facts §6.3), "
                         "not measurements.",
                   "Compteurs propres au labo ; les cycles modélisés sont des hypothèses "
                   "(faits §6.3), pas des mesures.")
NATIVE = simplified(None, "Native execution: the model charges one cycle per instruction.",
                    "Exécution native : le modèle compte un cycle par instruction.")
HANDLER = ("The guest kernel's handler is a fixed number of instructions in the model.",
           "Le gestionnaire du noyau invité est un nombre fixe d'instructions dans le modèle.")
TCG = "accel/tcg"
BLKF, BLKB = "drivers/block/xen-blkfront.c", "drivers/block/xen-blkback/blkback.c"
SHADOW = "xen/arch/x86/mm/shadow/multi.c"
EPT = sdm("Vol. 3C §29.3", "The Extended Page Table Mechanism (EPT)")
IOREQ = simplified(xen("xen/common/ioreq.c", "ioreq_send"),
                   "Each access is one exit and one trip to QEMU; the lab takes them in one step.",
                   "Chaque accès est une sortie et un aller-retour vers QEMU ; le labo les "
                   "prend en un pas.")

EMULATION: dict[str, Entry] = {
    "cat.tcg_translated": simplified(qemu(f"{TCG}/translate-all.c", "tb_gen_code"), *HANDLER),
    "cat.tcg_cached": qemu(f"{TCG}/cpu-exec.c", "tb_lookup"),
    "cat.tcg_exception": qemu("target/i386/tcg/seg_helper.c", "do_interrupt_all"),
    "cat.tcg_return": qemu("target/i386/tcg/seg_helper.c", "helper_iret_protected"),
    "cat.tcg_helper": simplified(
        qemu("target/i386/tcg/misc_helper.c", "helper_cpuid"),
        "cpuid's helper shown; cli and mov to CR3 go through their own helpers the same way.",
        "L'assistant de cpuid est montré ; cli et mov vers CR3 passent par leurs propres "
        "assistants de la même façon."),
    "cat.tcg_fault": simplified(
        qemu(f"{TCG}/cputlb.c", "tlb_fill"),
        "The host page fault is taken on the guest's first touch of a page of its RAM.",
        "Le défaut de page de l'hôte a lieu au premier accès de l'invité à une page de sa "
        "RAM."),
    "cat.tcg_retry": qemu(f"{TCG}/cputlb.c", "tlb_set_page"),
    "cat.tcg_port_io": qemu("hw/ide/core.c", "ide_ioport_write"),
    "cat.qemu_host_io": qemu("block/file-posix.c", "handle_aiocb_rw"),
    "cat.tcg_irq": qemu("hw/ide/core.c", "ide_set_irq"),
    "cat.tcg_tlb_flush": qemu(f"{TCG}/cputlb.c", "tlb_flush_page"),
    **same(qemu(f"{TCG}/cpu-exec.c", "cpu_handle_halt"), "cat.tcg_hlt", "cat.tcg_wake"),
    "cat.tcg_timer": qemu("util/qemu-timer.c", "timerlist_run_timers"),
    "cat.tcg_eoi": simplified(qemu("hw/intc/apic.c", "apic_mem_write"),
                              "Two helper calls stand for the EOI and the timer's new count.",
                              "Deux appels d'assistant représentent l'EOI et le nouveau "
                              "compte du temporisateur."),
}

CONTAINER: dict[str, Entry] = {
    "cat.native": NATIVE,
    "cat.seccomp": linux("kernel/seccomp.c", "__secure_computing"),
    "cat.seccomp_denied": simplified(
        linux("kernel/seccomp.c", "__seccomp_filter"),
        "Docker's default profile answers EPERM for mount when the container lacks "
        "CAP_SYS_ADMIN; the lab keeps only that rule.",
        "Le profil par défaut de Docker répond EPERM à mount quand le conteneur n'a pas "
        "CAP_SYS_ADMIN ; le labo ne garde que cette règle."),
    "cat.namespace": simplified(
        linux("kernel/sys.c", "SYSCALL_DEFINE0(getpid)"),
        "One check stands for the namespace lookup of any call (getpid in the pid namespace, "
        "uname in the uts one, a path in the mount one).",
        "Une vérification représente la consultation de l'espace de noms de tout appel "
        "(getpid dans celui des pid, uname dans celui d'uts, un chemin dans celui des "
        "montages)."),
    "cat.sysret": linux("arch/x86/entry/entry_64.S", "entry_SYSCALL_64"),
    "cat.host_does_it": simplified(
        linux("arch/x86/mm/tlb.c", "switch_mm_irqs_off"),
        "A container has no kernel of its own: the lab charges this operation to the host "
        "kernel, natively.",
        "Un conteneur n'a pas de noyau à lui : le labo impute cette opération au noyau hôte, "
        "nativement."),
    "cat.fault_to_kernel": linux("arch/x86/mm/fault.c", "exc_page_fault"),
    "cat.cgroup_charge": simplified(
        linux("mm/memcontrol.c", "charge_memcg"),
        "One check per charge; the cpu controller's cpu.max accounting is "
        "account_cfs_rq_runtime in kernel/sched/fair.c.",
        "Une vérification par imputation ; la comptabilité cpu.max du contrôleur cpu est "
        "account_cfs_rq_runtime dans kernel/sched/fair.c."),
    "cat.retry_walk": sdm("Vol. 3A §4.5", "4-Level Paging and 5-Level Paging"),
    "cat.interrupt": linux("arch/x86/kernel/apic/apic.c", "sysvec_apic_timer_interrupt"),
    "cat.host_io": simplified(linux("block/blk-throttle.c", "blk_throtl_bio"), *HANDLER),
    "cat.io_done": linux("block/blk-mq.c", "blk_mq_complete_request"),
}

PV: dict[str, Entry] = {
    "cat.pv_syscall": xen("xen/arch/x86/x86_64/entry.S", "lstar_enter"),
    "cat.pv_bounce": xen("xen/arch/x86/x86_64/entry.S", "create_bounce_frame"),
    **same(xen("xen/arch/x86/pv/iret.c", "do_iret"), "cat.pv_iret", "cat.pv_iret_retry"),
    "cat.pv_front_notify": simplified(
        linux(BLKF, "flush_requests"),
        "blkfront's path shown; netfront grants and notifies the same way "
        "(xennet_start_xmit).",
        "Le chemin de blkfront est montré ; netfront octroie et notifie de la même façon "
        "(xennet_start_xmit)."),
    "cat.pv_back_map": linux(BLKB, "xen_blkbk_map"),
    "cat.dom0_io": linux(BLKB, "dispatch_rw_block_io"),
    "cat.pv_back_done": linux(BLKB, "make_response"),
    "cat.pv_front_done": linux(BLKF, "blkif_interrupt"),
    **same(xen("xen/arch/x86/mm.c", "do_mmu_update"), "cat.pv_mmu_update",
           "cat.pv_entries_written"),
    "cat.pv_fault": xen("xen/arch/x86/traps.c", "do_page_fault"),
    "cat.pv_fault_bounce": xen("xen/arch/x86/pv/traps.c", "pv_inject_event"),
    "cat.pv_cli": linux("arch/x86/xen/xen-asm.S", "xen_irq_disable_direct"),
    "cat.pv_block": linux("arch/x86/xen/irq.c", "xen_safe_halt"),
    "cat.pv_wake": xen("xen/common/sched/core.c", "vcpu_unblock"),
    **same(xen("xen/arch/x86/pv/emul-inv-op.c", "emulate_forced_invalid_op"),
           "cat.pv_cpuid_trap", "cat.pv_cpuid_done"),
    "cat.pv_new_baseptr": xen("xen/arch/x86/mm.c", "new_guest_cr3"),
    "cat.pv_timer": xen("xen/common/sched/core.c", "vcpu_singleshot_timer_fn"),
    "cat.pv_upcall": linux("drivers/xen/events/events_base.c", "__xen_evtchn_do_upcall"),
    "cat.pv_rearm": linux("arch/x86/xen/time.c", "xen_vcpuop_set_next_event"),
}

HVM: dict[str, Entry] = {
    "cat.vm_exit": xen("xen/arch/x86/hvm/vmx/vmx.c", "vmx_vmexit_handler"),
    "cat.vm_entry": xen("xen/arch/x86/hvm/vmx/entry.S", "vmx_asm_do_vmentry"),
    "cat.hvm_syscall": sdm("Vol. 3C §26.1", "Instructions That Cause VM Exits"),
    "cat.hvm_native_priv": sdm("Vol. 3C §25.6", "VM-Execution Control Fields"),
    **same(EPT, "cat.hvm_pt_write", "cat.hvm_fault", "cat.hvm_fault_done"),
    **same(xen(SHADOW, "sh_page_fault"), "cat.shadow_write", "cat.shadow_fault",
           "cat.shadow_inject", "cat.shadow_fill"),
    "cat.shadow_invlpg": xen(SHADOW, "sh_invlpg"),
    "cat.shadow_cr3": xen(SHADOW, "sh_update_cr3"),
    **same(IOREQ, "cat.hvm_port_exits", "cat.hvm_isr_exits"),
    "cat.hvm_irq": xen("xen/arch/x86/hvm/dm.c", "dm_op"),
    "cat.hvm_inject": xen("xen/arch/x86/hvm/vmx/intr.c", "vmx_intr_assist"),
    "cat.hvm_apic_exits": simplified(
        xen("xen/arch/x86/hvm/vlapic.c", "guest_wrmsr_x2apic"),
        "Without APICv or posted interrupts; with them these writes need no exit.",
        "Sans APICv ni interruptions postées ; avec eux ces écritures ne sortent pas."),
}

LAB: dict[str, Entry] = {
    **same(LAB_ONLY, "cat.col.emulation", "cat.col.os_level", "cat.col.paravirtualization",
           "cat.col.hardware_assisted", "cat.op_started", "cat.workload_set",
           "refused.categories.no_lab", "refused.categories.running", "refused.categories.full",
           "refused.categories.last_op",
           # words the sentences above put in the reader's language (sub-sentences)
           "cat.word.disk", "cat.word.nic", "cat.word.timer", "cat.word.veth_nic"),
    **same(COSTS, "cat.finished", "cat.cost_set", "cat.option_set"),
}

SOURCES: dict[str, Entry] = {**EMULATION, **CONTAINER, **PV, **HVM, **LAB}
