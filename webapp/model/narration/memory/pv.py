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
        "en": "The PV kernel loads CR3 with the hypercall mmuext_op MMUEXT_NEW_BASEPTR (what "
              "Linux does; a mov to CR3 would trap to Xen, which would emulate it through the "
              "same new_guest_cr3). Xen takes an L4 type reference, loads CR3 and flushes the "
              "non-global TLB entries.",
        "fr": "Le noyau PV charge CR3 par l'hyperappel mmuext_op MMUEXT_NEW_BASEPTR (c'est ce "
              "que fait Linux ; un mov vers CR3 serait dérouté vers Xen, qui l'émulerait par le "
              "même new_guest_cr3). Xen prend une référence de type L4, charge CR3 et vide les "
              "entrées non globales du TLB.",
    },
    "hypercall.invlpg": {
        "en": "invlpg is a privileged instruction and a 64-bit PV kernel runs in ring 3: to "
              "drop {va}, Linux makes the hypercall mmuext_op MMUEXT_INVLPG_LOCAL and Xen "
              "removes the TLB entry.",
        "fr": "invlpg est une instruction privilégiée et un noyau PV 64 bits tourne en anneau "
              "3 : pour retirer {va}, Linux fait l'hyperappel mmuext_op MMUEXT_INVLPG_LOCAL et "
              "Xen retire l'entrée du TLB.",
    },
    "hypercall.mmu_update": {
        "en": "The PV guest calls HYPERVISOR_mmu_update(ptr = {ptr}, val = {val}): command "
              "ptr & 7 = {command} ({command_name}). Its live page tables are mapped read-only, "
              "so it asks Xen to write the entry.",
        "fr": "L'invité PV appelle HYPERVISOR_mmu_update(ptr = {ptr}, val = {val}) : commande "
              "ptr & 7 = {command} ({command_name}). Ses tables des pages en service sont "
              "projetées en lecture seule, il demande donc à Xen d'écrire l'entrée.",
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
    "mem.xen_data_write": {
        "en": "Frame {mfn} (pfn {pfn}, type {type}) is not a validated page table, so Xen does "
              "not check the value as an entry: it takes a PGT_writable_page type reference, "
              "writes the 8 bytes at index {index} with paging_write_guest_entry and drops the "
              "reference. Accepted — to the MMU this is just data.",
        "fr": "Le cadre {mfn} (pfn {pfn}, type {type}) n'est pas une table des pages validée : "
              "Xen ne vérifie donc pas la valeur comme une entrée. Il prend une référence de "
              "type PGT_writable_page, écrit les 8 octets à l'indice {index} avec "
              "paging_write_guest_entry et relâche la référence. Accepté — pour la MMU, ce ne "
              "sont que des données.",
    },
    "mem.xen_data_write_table": {
        "en": "Frame {mfn} (pfn {pfn}) once was a page table but has no {type} type reference "
              "left, so it is not validated: Xen writes the 8 bytes at index {index} as plain "
              "data (PGT_writable_page). If the frame is used as a table again, Xen will "
              "validate it then.",
        "fr": "Le cadre {mfn} (pfn {pfn}) a été une table des pages mais n'a plus de référence "
              "de type {type} : il n'est pas validé, Xen écrit donc les 8 octets à l'indice "
              "{index} comme de simples données (PGT_writable_page). Si le cadre redevient une "
              "table, Xen le validera à ce moment-là.",
    },
    "mem.xen_pt_write": {
        "en": "Xen writes the entry ({old} → {val}) and updates the type counts. In the guest's "
              "terms: PFN {frame}, {flags}.",
        "fr": "Xen écrit l'entrée ({old} → {val}) et met à jour les compteurs de type. Du point "
              "de vue de l'invité : PFN {frame}, {flags}.",
    },
}
