"""Narration of Xen PV direct paging: the #PF bounce, the ``mmuext_op`` and ``mmu_update``
hypercalls and Xen's validation of every page-table write.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "memory.owner.free": {"en": "free memory", "fr": "la mémoire libre"},
    "memory.owner.xen": {"en": "Xen", "fr": "Xen"},
    "trap.pv_bounce": {
        "en": "The fault traps to Xen first (a PV guest's exceptions always do). Xen writes "
              "the address into vcpu_info.arch.cr2 and bounces the fault to the handler the "
              "guest registered with set_trap_table.",
        "fr": "Le défaut déroute d'abord vers Xen (c'est toujours le cas pour un invité PV). Xen "
              "écrit l'adresse dans vcpu_info.arch.cr2 et renvoie le défaut au gestionnaire "
              "que l'invité a enregistré avec set_trap_table.",
    },
    "hypercall.new_baseptr": {
        "en": "A PV guest may not write CR3: it makes the hypercall mmuext_op "
              "MMUEXT_NEW_BASEPTR. Xen takes an L4 reference, loads CR3 and flushes the "
              "non-global TLB entries.",
        "fr": "Un invité PV n'a pas le droit d'écrire CR3 : il fait l'hyperappel mmuext_op "
              "MMUEXT_NEW_BASEPTR. Xen prend une référence L4, charge CR3 et vide les entrées "
              "non globales du TLB.",
    },
    "hypercall.invlpg": {
        "en": "invlpg {va} is privileged for a PV guest: it makes the hypercall mmuext_op "
              "MMUEXT_INVLPG_LOCAL and Xen drops the TLB entry.",
        "fr": "invlpg {va} est privilégiée pour un invité PV : il fait l'hyperappel mmuext_op "
              "MMUEXT_INVLPG_LOCAL et Xen retire l'entrée du TLB.",
    },
    "hypercall.mmu_update": {
        "en": "The PV guest calls HYPERVISOR_mmu_update(ptr = {ptr}, val = {val}): "
              "MMU_NORMAL_PT_UPDATE of a page-table entry it may not write itself.",
        "fr": "L'invité PV appelle HYPERVISOR_mmu_update(ptr = {ptr}, val = {val}) : "
              "MMU_NORMAL_PT_UPDATE d'une entrée de table des pages qu'il ne peut pas écrire "
              "lui-même.",
    },
    "mem.mmu_failed": {"en": "Xen refuses the update: {why}",
                       "fr": "Xen refuse la mise à jour : {why}"},
    "mem.xen_validate_table": {
        "en": "Xen validates: frame {mfn} holding the entry is a validated {type} table of the "
              "guest; the new entry points to frame {target} (type {target_type}), which can "
              "take an {wanted} type reference.",
        "fr": "Xen valide : le cadre {mfn} qui contient l'entrée est une table {type} validée de "
              "l'invité ; la nouvelle entrée pointe vers le cadre {target} (type {target_type}), "
              "qui peut recevoir une référence de type {wanted}.",
    },
    "mem.xen_validate_rw": {
        "en": "Xen validates: frame {mfn} is a validated {type} table of the guest; frame "
              "{target} belongs to the guest and is not a page table, so it may be mapped "
              "writable (a WRITABLE type reference).",
        "fr": "Xen valide : le cadre {mfn} est une table {type} validée de l'invité ; le cadre "
              "{target} appartient à l'invité et n'est pas une table des pages, il peut donc "
              "être projeté en écriture (référence de type WRITABLE).",
    },
    "mem.xen_validate_ro": {
        "en": "Xen validates: frame {mfn} is a validated {type} table of the guest; frame "
              "{target} belongs to the guest; a read-only mapping takes no type reference.",
        "fr": "Xen valide : le cadre {mfn} est une table {type} validée de l'invité ; le cadre "
              "{target} appartient à l'invité ; une projection en lecture seule ne prend pas de "
              "référence de type.",
    },
    "mem.xen_validate_clear": {
        "en": "Xen validates: frame {mfn} is a validated {type} table of the guest and the new "
              "entry is not present: the references of the old entry will be dropped.",
        "fr": "Xen valide : le cadre {mfn} est une table {type} validée de l'invité et la "
              "nouvelle entrée n'est pas présente : les références de l'ancienne entrée seront "
              "relâchées.",
    },
    "mem.xen_pt_write": {
        "en": "Xen writes the entry ({old} → {val}) and updates the type counts. In the guest's "
              "terms: PFN {frame}, {flags}.",
        "fr": "Xen écrit l'entrée ({old} → {val}) et met à jour les compteurs de type. Du point "
              "de vue de l'invité : PFN {frame}, {flags}.",
    },
}
