"""Sources of the boot lab's sentences: libxc's domain builder, Xen's dom0 builder, Linux's first
steps as a PV guest, and the traditional machine booting on bare metal."""

from __future__ import annotations

from webapp.model.narration.sources.common import (
    LAB_ONLY,
    Entry,
    libxc,
    libxl,
    linux,
    same,
    sdm,
    simplified,
    xen,
)

DOM0 = "xen/arch/x86/pv/dom0_build.c"
PUBLIC = "xen/include/public/xen.h"
PV_LINUX = "arch/x86/xen/enlighten_pv.c"
FIRMWARE = ("The firmware (BIOS or UEFI) and GRUB are outside the sources the lab cites: the "
            "step is described from the Linux boot protocol, not from their code.",
            "Le micrologiciel (BIOS ou UEFI) et GRUB sont hors des sources citées par le labo : "
            "l'étape est décrite d'après le protocole de démarrage de Linux, non d'après leur "
            "code.")
BOOT_PROTOCOL = linux("Documentation/arch/x86/boot.rst", "The Linux/x86 Boot Protocol")

BUILDER: dict[str, Entry] = {
    "boot.max_limits": libxl("libxl_dom.c", "libxl__build_pre"),
    "boot.evtchns": libxl("libxl_dom.c", "libxl__build_pre"),
    "boot.load_files": libxc("xg_dom_core.c", "xc_dom_kernel_file"),
    "boot.parse_elf": libxc("xg_dom_core.c", "xc_dom_parse_image"),
    "boot.notes.modern": linux("arch/x86/xen/xen-head.S", "XEN_ELFNOTE_INIT_P2M"),
    "boot.notes.legacy": simplified(
        xen("xen/common/libelf/libelf-dominfo.c", "elf_xen_parse_note"),
        "A modelled kernel without the two notes, to compare the layouts: Linux has declared "
        "them for years.",
        "Un noyau modélisé sans les deux notes, pour comparer les organisations : Linux les "
        "déclare depuis des années."),
    "boot.mem_init": libxc("xg_dom_core.c", "xc_dom_mem_init"),
    "boot.populate_2m": libxc("xg_dom_x86.c", "meminit_pv"),
    "boot.place_kernel": libxc("xg_dom_core.c", "xc_dom_build_image"),
    "boot.place_initrd": libxc("xg_dom_core.c", "xc_dom_build_image"),
    "boot.place_initrd_unmapped": libxc("xg_dom_core.c", "xc_dom_build_image"),
    "boot.place_p2m": libxc("xg_dom_x86.c", "alloc_p2m_list_x86_64"),
    "boot.place_p2m_outside": libxc("xg_dom_x86.c", "alloc_p2m_list_x86_64"),
    "boot.place_start_info": libxc("xg_dom_x86.c", "alloc_magic_pages_pv"),
    "boot.place_xenstore": libxc("xg_dom_x86.c", "alloc_magic_pages_pv"),
    "boot.place_console": libxc("xg_dom_x86.c", "alloc_magic_pages_pv"),
    "boot.place_pagetables": libxc("xg_dom_x86.c", "alloc_pgtables_pv"),
    "boot.place_stack": libxc("xg_dom_core.c", "xc_dom_build_image"),
    "boot.shared_info_frame": libxc("xg_dom_boot.c", "xc_dom_boot_image"),
    "boot.pgtables_upper": libxc("xg_dom_x86.c", "setup_pgtables_pv"),
    "boot.pgtables_upper_p2m": libxc("xg_dom_x86.c", "setup_pgtables_pv"),
    "boot.pgtables_l1": libxc("xg_dom_x86.c", "get_pg_prot"),
    "boot.p2m_copied": libxc("xg_dom_x86.c", "setup_pgtables_x86_64"),
    "boot.hypercall_page": libxc("xg_dom_boot.c", "setup_hypercall_page"),
    "boot.pin_l4": libxc("xg_dom_x86.c", "bootlate_pv"),
    "boot.shared_info_init": libxc("xg_dom_x86.c", "shared_info_x86_64"),
    "boot.vcpu_context": libxc("xg_dom_x86.c", "vcpu_x86_64"),
    "boot.gnttab": libxc("xg_dom_boot.c", "xc_dom_gnttab_init"),
    "boot.xenstore_nodes": libxl("libxl_dom.c", "libxl__build_post"),
    "boot.fragmented": simplified(
        xen("xen/common/page_alloc.c", "alloc_domheap_pages"),
        "The lab scatters Xen's own allocations over free memory on purpose, to show how a "
        "host's memory fragments over time.",
        "Le labo disperse exprès les allocations de Xen dans la mémoire libre, pour montrer "
        "comment la mémoire d'un hôte se fragmente avec le temps."),
}

START_INFO: dict[str, Entry] = {
    **same(libxc("xg_dom_x86.c", "start_info_x86_64"), "boot.si_magic", "boot.si_shared_info",
           "boot.si_flags", "boot.si_store", "boot.si_console", "boot.si_pt_base",
           "boot.si_mfn_list", "boot.si_mfn_list_p2m", "boot.si_module", "boot.si_module_pfn",
           "boot.si_cmd_line"),
    **same(xen(DOM0, "dom0_construct_pv"), "boot.si_store_dom0", "boot.si_console_dom0",
           "boot.si_module_dom0"),
}

DOM0_BUILD: dict[str, Entry] = {
    "boot.dom0_create": xen("xen/common/domain.c", "domain_create"),
    "boot.dom0_layout": xen(DOM0, "dom0_construct_pv"),
    "boot.dom0_layout_inside": xen(DOM0, "dom0_construct_pv"),
    "boot.dom0_alloc": xen(DOM0, "dom0_construct_pv"),
    "boot.dom0_initrd": xen(DOM0, "dom0_construct_pv"),
    "boot.dom0_initrd_mapped": xen(DOM0, "dom0_construct_pv"),
    "boot.dom0_p2m": xen(DOM0, "setup_pv_physmap"),
    "boot.dom0_p2m_inside": xen(DOM0, "dom0_construct_pv"),
    "boot.dom0_memory": xen(DOM0, "alloc_chunk"),
    "boot.dom0_discard": simplified(
        xen("xen/arch/x86/setup.c", "free_boot_modules"),
        "Xen frees the boot modules while it builds dom0, before it fills start_info; the lab "
        "shows it at the end.",
        "Xen libère les modules de démarrage pendant la construction de dom0, avant de remplir "
        "start_info ; le labo le montre à la fin."),
    "boot.dom0_unpause": xen("xen/arch/x86/setup.c", "init_done"),
}

GUEST: dict[str, Entry] = {
    "boot.guest_entry": linux("arch/x86/xen/xen-head.S", "startup_xen"),
    "boot.guest_start_info": linux(PV_LINUX, "xen_start_kernel"),
    "boot.guest_p2m": linux("arch/x86/xen/p2m.c", "xen_build_dynamic_phys_to_machine"),
    "boot.guest_pagetables": linux("arch/x86/xen/mmu_pv.c", "xen_setup_kernel_pagetable"),
    "boot.guest_shared_info": linux(PV_LINUX, "xen_setup_shared_info"),
    "boot.guest_callbacks": linux("arch/x86/xen/setup.c", "xen_pvmmu_arch_setup"),
    "boot.guest_memory_map": linux("arch/x86/xen/setup.c", "xen_memory_setup"),
    "boot.guest_machine_memory_map": linux("arch/x86/xen/setup.c", "xen_memory_setup"),
    "boot.guest_xenbus": linux("drivers/xen/xenbus/xenbus_probe.c", "xenbus_init"),
    "boot.guest_dom0_services": xen("tools/xenstored/core.c", "main"),
    "boot.guest_init": linux("init/main.c", "kernel_init"),
}

NATIVE: dict[str, Entry] = {
    "native.power_on": sdm("Vol. 3A, Processor Management and Initialization",
                           "First Instruction Executed"),
    "native.post": simplified(None, *FIRMWARE),
    "native.probe": simplified(None, *FIRMWARE),
    "native.firmware_of.bios": simplified(None, *FIRMWARE),
    "native.firmware_of.uefi": simplified(None, *FIRMWARE),
    "native.e820": linux("arch/x86/boot/memory.c", "detect_memory_e820"),
    "native.bootloader": simplified(BOOT_PROTOCOL, *FIRMWARE),
    "native.load_kernel": simplified(BOOT_PROTOCOL, *FIRMWARE),
    "native.boot_params": linux("arch/x86/include/uapi/asm/bootparam.h", "boot_params"),
    "native.decompress": linux("arch/x86/boot/compressed/misc.c", "extract_kernel"),
    "native.memblock": linux("arch/x86/kernel/e820.c", "e820__memblock_setup"),
    "native.paging": linux("arch/x86/mm/init.c", "init_mem_mapping"),
    "native.start_kernel": linux("init/main.c", "start_kernel"),
    "native.drivers": linux("init/do_mounts.c", "prepare_namespace"),
    "native.init": linux("init/main.c", "kernel_init"),
    "native.running": simplified(None, "systemd and its targets are user space, outside the "
                                       "sources the lab cites.",
                                 "systemd et ses cibles sont en espace utilisateur, hors des "
                                 "sources citées par le labo."),
    "native.load_xen": simplified(xen("xen/arch/x86/boot/head.S", "multiboot2_header"),
                                  *FIRMWARE),
    "native.multiboot": xen("xen/arch/x86/setup.c", "multiboot_fill_boot_info"),
    "native.xen_start": xen("xen/arch/x86/setup.c", "__start_xen"),
    "native.xen_dom0": xen(DOM0, "dom0_construct_pv"),
    "native.power_off": LAB_ONLY,
}

EXERCISES: dict[str, Entry] = {
    "exercise.p2m_lookup.question": linux("arch/x86/include/asm/xen/page.h", "__pfn_to_mfn"),
    "exercise.p2m_lookup.why": linux("arch/x86/include/asm/xen/page.h", "__pfn_to_mfn"),
    "exercise.p2m_field.question": xen(PUBLIC, "start_info"),
    "exercise.p2m_field.why": xen(PUBLIC, "start_info"),
    **same(xen("xen/arch/x86/mm.c", "mod_l1_entry"), "exercise.pt_readonly.question",
           "exercise.pt_readonly.why", "exercise.pt_readonly.validate",
           "exercise.pt_readonly.speed", "exercise.pt_readonly.never",
           "exercise.pt_readonly.memory"),
    "exercise.rsi.question": libxc("xg_dom_x86.c", "vcpu_x86_64"),
    "exercise.rsi.why": libxc("xg_dom_x86.c", "vcpu_x86_64"),
    "exercise.shared_info.question": libxc("xg_dom_x86.c", "start_info_x86_64"),
    "exercise.shared_info.why": libxc("xg_dom_x86.c", "start_info_x86_64"),
    "exercise.not_ready": LAB_ONLY,
}

REFUSALS: dict[str, Entry] = {
    "refused.boot.no_toolstack": simplified(
        xen("xen/arch/x86/setup.c", "__start_xen"),
        "There is no toolstack before dom0 runs: the lab says it as a refusal.",
        "Il n'y a pas de toolstack avant que dom0 tourne : le labo le dit comme un refus."),
    **same(LAB_ONLY, "refused.boot.native_is_host", "refused.boot.native_on",
           "refused.boot.native_off", "refused.boot.native_busy",
           "refused.boot.no_free_memory"),
}

SOURCES: dict[str, Entry] = {**BUILDER, **START_INFO, **DOM0_BUILD, **GUEST, **NATIVE,
                             **EXERCISES, **REFUSALS}
