"""Sources of the memory lab's sentences: the Intel SDM for the page walk and the TLB, Xen's
mm.c for PV direct paging, its shadow code, EPT and VMX for HVM guests."""

from __future__ import annotations

from webapp.model.narration.sources.common import (
    LAB_ONLY,
    Entry,
    linux,
    same,
    sdm,
    simplified,
    xen,
)

MM, MULTI = "xen/arch/x86/mm.c", "xen/arch/x86/mm/shadow/multi.c"
VMX, WALK = "xen/arch/x86/hvm/vmx/vmx.c", "xen/arch/x86/mm/guest_walk.c"
PAGING = "Vol. 3A, ch. 4 Paging"
WALK_SDM = sdm(PAGING, "4-Level Paging (§4.5)")
RIGHTS_SDM = sdm(PAGING, "Access Rights (§4.6)")
PF_SDM = sdm(PAGING, "Page-Fault Exceptions (§4.7)")
AD_SDM = sdm(PAGING, "Accessed and Dirty Flags (§4.8)")
TLB_SDM = sdm(PAGING, "Caching Translation Information (§4.10)")
EPT_SDM = sdm("Vol. 3C, VMX Support for Address Translation", "EPT Translation Mechanism")
EPT_EXITS = sdm("Vol. 3C, VMX Support for Address Translation",
                "EPT Misconfigurations and EPT Violations")
OSTEP = simplified(
    None, "An OSTEP homework problem (paging-multilevel-translate): a teaching format, not "
          "x86 hardware.",
    "Un exercice d'OSTEP (paging-multilevel-translate) : un format d'enseignement, pas du "
    "matériel x86.")
WORD = simplified(
    None, "A word the lab's sentences are built from, not a step of its own.",
    "Un mot dont se composent les phrases du labo, pas une étape en soi.")
TABLES = simplified(
    xen(MM, "mod_l1_entry"),
    "The lab derives the type counts from its tables; Xen keeps them in each frame's "
    "type_info, changed by get_page_type and put_page_type.",
    "Le labo déduit les compteurs de type de ses tables ; Xen les garde dans le type_info de "
    "chaque cadre, modifié par get_page_type et put_page_type.")

WALKS: dict[str, Entry] = {
    "mem.read": WALK_SDM,
    "mem.read_guest": EPT_SDM,
    "mem.read_ept": EPT_SDM,
    "mem.read_shadow": WALK_SDM,
    "mem.read_soft": xen(WALK, "guest_walk_tables"),
    "mem.write_back": AD_SDM,
    "mem.write_back_soft": xen(WALK, "set_ad_bits"),
    **same(RIGHTS_SDM, "mem.rights_ok", "mem.rights_refused", "mem.violation.no_execute",
           "mem.violation.read_only", "mem.violation.smap", "mem.violation.smep",
           "mem.violation.user_supervisor"),
    **same(PF_SDM, "fault.pf", "mem.pf.not_present", "mem.pf.protection",
           "mem.pf.reserved_bit"),
    "fault.gp": sdm(PAGING, "Linear-Address Width and Canonicality"),
    **same(TLB_SDM, "mem.tlb_hit", "mem.tlb_miss", "mem.tlb.absent", "mem.tlb.refuses",
           "mem.cr3", "mem.invlpg", "mem.translated"),
    "mem.translated_2d": EPT_SDM,
    "mem.pte_store": TLB_SDM,
    **same(OSTEP, "fault.ostep", "mem.read_ostep", "mem.translated_ostep"),
    "mem.walk_error": LAB_ONLY,
}

PV: dict[str, Entry] = {
    "trap.pv_bounce": xen("xen/arch/x86/pv/traps.c", "pv_inject_event"),
    "hypercall.new_baseptr": xen(MM, "new_guest_cr3"),
    "hypercall.invlpg": xen(MM, "do_mmuext_op"),
    "hypercall.mmu_update": xen(MM, "do_mmu_update"),
    "mem.mmu_failed": xen(MM, "do_mmu_update"),
    **same(xen(MM, "mod_l1_entry"), "mem.xen_validate_rw", "mem.xen_validate_ro"),
    "mem.xen_validate_table": xen(MM, "get_page_from_l2e"),
    "mem.xen_validate_clear": xen(MM, "put_page_from_l1e"),
    "mem.xen_pt_write": TABLES,
    **same(xen(MM, "paging_write_guest_entry"), "mem.xen_data_write",
           "mem.xen_data_write_table"),
    "xen.mmu.command": xen(MM, "do_mmu_update"),
    "xen.mmu.pt_not_owned": xen(MM, "do_mmu_update"),
    "xen.mmu.xen_slot": xen(MM, "mod_l4_entry"),
    "xen.mmu.not_owner": xen(MM, "get_page_from_l1e"),
    "xen.mmu.pt_writable": xen(MM, "get_page_from_l1e"),
    "xen.mmu.superpage": xen(MM, "mod_l2_entry"),
    "xen.mmu.bad_flags": xen(MM, "mod_l2_entry"),
    "xen.mmu.type_conflict": xen(MM, "get_page_type"),
    "memory.conflict.superpage": xen(MM, "mod_l2_entry"),
    "memory.conflict.types": xen(MM, "get_page_type"),
    "memory.owner.free": WORD,
    "memory.owner.xen": WORD,
}

SHADOW: dict[str, Entry] = {
    "exit.shadow_pf": xen(MULTI, "sh_page_fault"),
    "fault.injected": xen("xen/arch/x86/hvm/hvm.c", "hvm_inject_page_fault"),
    "mem.shadow_fill": xen(MULTI, "l1e_propagate_from_guest"),
    "mem.vm_entry": xen(VMX, "vmx_vmenter_helper"),
    "exit.cr3": xen(VMX, "vmx_vmexit_handler"),
    "mem.shadow_cr3": xen(MULTI, "sh_update_cr3"),
    "exit.invlpg": xen(VMX, "vmx_vmexit_handler"),
    **same(xen(MULTI, "sh_invlpg"), "mem.shadow_invlpg", "mem.shadow_invlpg_none"),
    "exit.pt_write": xen(MULTI, "sh_page_fault"),
    **same(xen("xen/arch/x86/mm/shadow/hvm.c", "hvm_emulate_write"), "mem.shadow_emulate",
           "mem.shadow_emulate_pte"),
    **same(xen(MULTI, "sh_map_and_validate_gl1e"), "mem.shadow_resync", "mem.shadow_same",
           "mem.shadow_unshadowed"),
    "mem.shadow_full": simplified(
        xen("xen/arch/x86/mm/shadow/common.c", "shadow_prealloc"),
        "Xen would recycle shadows to make room; the lab's small pool stops the access.",
        "Xen recyclerait des tables fantômes pour faire de la place ; la petite réserve du labo "
        "arrête l'accès."),
}

EPT: dict[str, Entry] = {
    "exit.ept_violation": EPT_EXITS,
    "exit.ept_misconfig": xen("xen/arch/x86/mm/p2m-ept.c", "ept_handle_misconfig"),
    **same(EPT_EXITS, "mem.ept_reason.not_present", "mem.ept_reason.protection",
           "mem.ept_reason.misconfig", "mem.ept_cause.data", "mem.ept_cause.table"),
    "exit.mmio": xen("xen/arch/x86/hvm/hvm.c", "hvm_hap_nested_page_fault"),
    "mem.cr3_ept": EPT_SDM,
    "mem.invlpg_ept": EPT_SDM,
    "mem.pte_store_ept": EPT_SDM,
}

LAB: dict[str, Entry] = {
    **same(WORD, "mem.access.exec", "mem.access.read", "mem.access.write", "mem.who.kernel",
           "mem.who.user", "mem.size.b", "mem.size.kib", "mem.size.mib", "mem.size.gib",
           "mem.mode_name.native", "mem.mode_name.pv", "mem.mode_name.shadow",
           "mem.mode_name.ept"),
    **same(LAB_ONLY, "mem.compare_done", "mem.compare_mode", "mem.compare_progress",
           "mem.compare_skipped", "mem.document", "mem.failed", "mem.mode", "mem.quiz_new",
           "mem.quiz_reveal", "mem.quiz_right", "mem.quiz_wrong", "mem.trace_done",
           "mem.trace_start", "memory.invalid", "memory.invalid_document",
           "memory.refused.busy", "memory.refused.machphys", "memory.refused.native_only",
           "memory.refused.no_domain", "memory.refused.no_lab", "memory.refused.no_pt",
           "memory.refused.no_quiz", "memory.refused.no_trace", "memory.refused.not_pv",
           "memory.refused.not_x86_64", "memory.refused.ostep_only",
           "memory.refused.raw_entry", "memory.refused.xen_memory",
           "memory.too_large.addresses", "memory.too_large.entries", "memory.too_large.frames"),
    "memory.refused.no_mfn": linux("arch/x86/xen/mmu_pv.c", "pte_pfn_to_mfn"),
    "memory.refused.pv_conflict": xen(MM, "get_page_type"),
    "memory.suggest.pt_writable": xen(MM, "get_page_from_l1e"),
    "memory.suggest.foreign": xen(MM, "get_page_from_l1e"),
    "memory.suggest.superpage": xen(MM, "mod_l2_entry"),
    "memory.suggest.data_page": xen(MM, "do_mmu_update"),
    "memory.suggest.read_only": xen(MM, "mod_l1_entry"),
    "memory.suggest.unmap": xen(MM, "put_page_from_l1e"),
}

SOURCES: dict[str, Entry] = {**WALKS, **PV, **SHADOW, **EPT, **LAB}
