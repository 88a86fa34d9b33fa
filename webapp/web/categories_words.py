"""Every word the categories view draws in JavaScript, in the reader's language."""

from __future__ import annotations

from flask_babel import gettext as _


def layers() -> dict[str, str]:
    return {"app": _("Application"), "guest_kernel": _("Guest kernel"),
            "tcg": _("QEMU TCG"), "qemu_dev": _("QEMU devices"),
            "host_kernel": _("Host kernel"), "hardware": _("Hardware"),
            "isolation": _("seccomp, namespaces"), "xen": _("Xen"),
            "dom0": _("dom0 backends"), "qemu": _("QEMU in dom0")}


def privileges() -> dict[str, str]:
    """Where each layer runs, keyed by the snapshot's English words."""
    return {"guest ring 3 (emulated)": _("guest ring 3 (emulated)"),
            "guest ring 0 (emulated)": _("guest ring 0 (emulated)"),
            "host ring 3": _("host ring 3"), "host ring 0": _("host ring 0"), "CPU": _("CPU"),
            "ring 3": _("ring 3"), "ring 0": _("ring 0"),
            "ring 3 (x86-64 PV)": _("ring 3 (x86-64 PV)"),
            "ring 3 (PV dom0)": _("ring 3 (PV dom0)"),
            "non-root ring 3": _("non-root ring 3"), "non-root ring 0": _("non-root ring 0"),
            "VMX root ring 0": _("VMX root ring 0"), "root ring 3 (dom0)": _("root ring 3 (dom0)")}


def short() -> dict[str, str]:
    return {"emulation": _("Emulation"), "os_level": _("Container"),
            "paravirtualization": _("Xen PV"), "hardware_assisted": _("HVM")}


def categories() -> dict[str, str]:
    return {"emulation": _("Full emulation"), "os_level": _("OS-level (container)"),
            "paravirtualization": _("Para-virtualization"),
            "hardware_assisted": _("Hardware-assisted (HVM)")}


def examples() -> dict[str, str]:
    return {"emulation": _("QEMU TCG; the course: VirtualBox, Parallels"),
            "os_level": _("Docker, LXC, gVisor"), "paravirtualization": _("Xen PV"),
            "hardware_assisted": _("Xen HVM, KVM, Hyper-V, ESXi")}


def counters() -> dict[str, str]:
    return {"instructions_emulated": _("instructions emulated"), "traps": _("traps"),
            "vm_exits": _("VM exits"), "hypercalls": _("hypercalls"),
            "context_switches": _("context switches"), "kernel_crossings": _("kernel crossings"),
            "cycles": _("modelled cycles"), "translations": _("blocks translated"),
            "helper_calls": _("TCG helper calls"), "isolation_checks": _("isolation checks"),
            "tlb_misses": _("TLB misses"), "walk_refs": _("page-walk references"),
            "device_model_trips": _("trips to QEMU"),
            "native_instructions": _("native instructions")}


def buckets() -> dict[str, str]:
    return {"native": _("native execution"), "translation": _("translation"),
            "emulation": _("emulated execution"), "kernel": _("kernel crossings"),
            "traps": _("traps"), "hypercalls": _("hypercalls"), "vm_exits": _("VM exits"),
            "device_model": _("device model (QEMU)"), "isolation": _("isolation checks"),
            "memory": _("page walks"), "switches": _("context switches")}


def ops() -> dict[str, str]:
    return {"arith": _("arithmetic"), "syscall": _("system call"),
            "pt_update": _("page-table update"), "page_fault": _("page fault"),
            "cli": _("cli"), "hlt": _("hlt"), "cpuid": _("cpuid"), "write_cr3": _("write CR3"),
            "disk_read": _("disk read"), "net_send": _("network send"),
            "timer": _("timer interrupt")}


def costs() -> dict[str, str]:
    return {"native_instruction": _("native instruction"),
            "translate_instruction": _("translating one guest instruction"),
            "emulated_instruction": _("one emulated instruction"),
            "helper_call": _("TCG helper call"), "syscall": _("system call (kernel crossing)"),
            "trap": _("trap"), "hypercall": _("PV hypercall"),
            "validate_entry": _("Xen validates one page-table entry"),
            "vm_exit": _("VM exit and entry"), "device_model_trip": _("trip to QEMU and back"),
            "walk_ref": _("one page-walk reference"), "isolation_check": _("isolation check"),
            "context_switch": _("context switch")}


def isolation() -> dict[str, str]:
    return {"own_app": _("its own application"), "own_kernel": _("its own guest kernel"),
            "device_model": _("the device model / backends"),
            "other_units": _("the other isolation units"), "host": _("the host or dom0"),
            "hypervisor": _("the hypervisor"),
            "emulated_cpu": _("the emulated CPU (TCG)"),
            "emulated_devices": _("emulated devices (QEMU)"),
            "syscalls": _("the whole system-call interface of the shared kernel"),
            "namespaces_cgroups": _("namespaces, cgroups, seccomp filters"),
            "hypercalls": _("about 40 hypercalls"),
            "backends": _("split-driver backends and xenstore in dom0"),
            "vm_exits": _("VM-exit handlers in Xen")}


def chooser() -> dict[str, str]:
    return {
        "q_foreign_arch": _("Must it run code for another CPU architecture?"),
        "q_other_kernel": _("Does it need a different OS kernel than the host's?"),
        "q_unmodified_os": _("Must it run an unmodified OS such as Windows?"),
        "q_has_vtx": _("Does the host CPU have VT-x or AMD-V?"),
        "q_strong_isolation": _("Do you need strong isolation between tenants?"),
        "q_density": _("Do fast startup and density matter most?"),
        "q_container_toolchain": _("Do you already build container images (Dockerfile, "
                                   "registry, CI)?"),
        "yes": _("yes"), "no": _("no"), "unknown": _("don't know"),
        "r_only_emulation_runs_another_isa": _("only an emulator runs another instruction set"),
        "r_same_isa_needed": _("runs guest code on the host's own CPU: same architecture only"),
        "r_shares_host_kernel": _("containers share the host's kernel"),
        "r_own_kernel": _("each unit boots its own kernel"),
        "r_same_kernel_is_enough": _("the host kernel is enough: no kernel to boot"),
        "r_pv_needs_modified_kernel": _("para-virtualization needs a modified guest kernel"),
        "r_runs_unmodified": _("runs an unmodified OS"),
        "r_vtx_available": _("the CPU does the hard part (VM exits instead of translation)"),
        "r_needs_vtx": _("needs VT-x or AMD-V"),
        "r_pv_without_vtx": _("Xen PV needs no hardware assist"),
        "r_emulation_without_vtx": _("emulation needs no hardware assist"),
        "r_shared_kernel_weaker": _("a kernel bug reaches every container (gVisor narrows it)"),
        "r_hypervisor_boundary": _("the boundary is a small hypervisor"),
        "r_isolation_enough": _("namespaces and cgroups are enough here"),
        "r_no_kernel_to_boot": _("no kernel to boot, native speed, high density"),
        "r_emulation_slow": _("every instruction emulated: slow"),
        "r_toolchain_exists": _("your toolchain already builds the isolation unit"),
        "r_image_toolchain": _("VM images and their tools fit"),
        "c_constraints": _("functional and hardware constraints"),
        "c_toolchain": _("toolchain"), "excluded": _("ruled out"),
        "recommended": _("Recommended"), "score": _("score"), "tools": _("Open-source tools"),
        "evidence": _("Measured in this session"),
        "no_evidence": _("Run a workload to see the counters that support it."),
        "none_fits": _("No category fits every answer: relax one constraint."),
    }


def misc() -> dict[str, str]:
    return {"waiting": _("done, waiting for the others"), "idle": _("idle"),
            "op_of": _("operation {index} of {total}"), "not_started": _("not started"),
            "finished": _("finished"), "hop_of": _("hop {hop} of {of}"),
            "chart_time": _("Where the time goes (modelled cycles)"),
            "chart_cumulative": _("Cumulative modelled cycles, step by step"),
            "axis_cycles": _("modelled cycles"), "axis_step": _("step"),
            "axis_category": _("category"),
            "summary": _("{category}: {cycles} modelled cycles, {vm_exits} VM exits, "
                         "{hypercalls} hypercalls, {traps} traps, {emulated} instructions "
                         "emulated."),
            "remove": _("Remove"), "exits_by_reason": _("VM exits by reason"),
            "hypercalls_by_name": _("hypercalls by name"), "none": _("none"),
            "shared": _("Shared by every unit"), "surface": _("Attack surface"),
            "reach": _("An attacker who holds {component} reaches:"),
            "compromise": _("What if this is compromised?"), "basis_63": _("facts §6.3"),
            "basis_assumption": _("lab assumption"),
            "refs_per_miss": _("memory references per TLB miss")}


def translations() -> dict[str, object]:
    return {"layers": layers(), "privileges": privileges(), "short": short(),
            "categories": categories(), "examples": examples(),
            "counters": counters(), "buckets": buckets(), "ops": ops(), "costs": costs(),
            "isolation": isolation(), "chooser": chooser(), **misc()}
