"""Narration of shadow paging: the exits to Xen, its software walk of the guest's tables,
the shadow fill, and what the guest's CR3, ``invlpg`` and PTE writes cost.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "mem.read_shadow": {
        "en": "Reference {n}: the processor reads the shadow {level} entry {base}[{index}] at "
              "{address} = {value} ({flags}).",
        "fr": "Référence {n} : le processeur lit l'entrée {level} fantôme {base}[{index}] à "
              "{address} = {value} ({flags}).",
    },
    "mem.read_soft": {
        "en": "Xen walks the guest's tables in software — reference {n}: guest {level} entry "
              "{base}[{index}] = {value} ({flags}).",
        "fr": "Xen parcourt les tables de l'invité par logiciel — référence {n} : entrée {level} "
              "invitée {base}[{index}] = {value} ({flags}).",
    },
    "mem.write_back_soft": {
        "en": "Xen sets {bits} in the guest's {level} entry at {address}: {old} → {new}, as "
              "the processor would have.",
        "fr": "Xen met {bits} à 1 dans l'entrée {level} de l'invité à {address} : {old} → "
              "{new}, comme l'aurait fait le processeur.",
    },
    "fault.injected": {
        "en": "True fault: the guest's own tables refuse ({why}). Xen injects the #PF into the "
              "guest, CR2 = {cr2}, error code {error_code}.",
        "fr": "Vrai défaut : les tables de l'invité elles-mêmes refusent ({why}). Xen injecte le "
              "#PF dans l'invité, CR2 = {cr2}, code d'erreur {error_code}.",
    },
    "exit.shadow_pf": {
        "en": "The shadow tables refuse ({why}): the #PF is intercepted — VM exit (reason 0) to "
              "Xen, which must find out whether the guest's own tables allow {va}.",
        "fr": "Les tables fantômes refusent ({why}) : le #PF est intercepté — sortie de VM "
              "(raison 0) vers Xen, qui doit vérifier si les tables de l'invité autorisent "
              "{va}.",
    },
    "exit.mmio": {
        "en": "Guest-physical {gpa} has no machine frame in the P2M: it is not RAM. Xen would "
              "emulate it as device memory (MMIO); the access stops here.",
        "fr": "L'adresse physique invitée {gpa} n'a pas de cadre machine dans la P2M : ce n'est "
              "pas de la RAM. Xen l'émulerait comme mémoire de périphérique (MMIO) ; l'accès "
              "s'arrête ici.",
    },
    "mem.shadow_emulate": {
        "en": "The guest writes to its own page-table page (PFN {pfn}, machine frame {mfn}), "
              "which every shadow maps read-only: Xen emulates the write and resyncs the "
              "shadow of that page.",
        "fr": "L'invité écrit dans sa propre page de table des pages (PFN {pfn}, cadre machine "
              "{mfn}), que toute table fantôme projette en lecture seule : Xen émule l'écriture "
              "et resynchronise la table fantôme de cette page.",
    },
    "mem.shadow_full": {
        "en": "Xen's shadow pool is exhausted: the lab stops this access.",
        "fr": "La réserve de tables fantômes de Xen est épuisée : le labo arrête cet accès.",
    },
    "mem.shadow_fill": {
        "en": "Xen fills the shadow {level} entry {smfn}[{index}] = {value} ({flags}): guest "
              "tables composed with the P2M.",
        "fr": "Xen remplit l'entrée {level} fantôme {smfn}[{index}] = {value} ({flags}) : tables "
              "de l'invité composées avec la P2M.",
    },
    "mem.shadow_same": {
        "en": "The shadow is already in step with the guest's tables.",
        "fr": "La table fantôme est déjà à jour avec les tables de l'invité.",
    },
    "mem.vm_entry": {
        "en": "VM entry: the guest retries the access on the updated shadow.",
        "fr": "Entrée en VM : l'invité refait l'accès sur la table fantôme mise à jour.",
    },
    "exit.cr3": {
        "en": "The guest writes CR3: under shadow paging that exits to Xen (VM exit, reason "
              "{exit_reason}, CR access).",
        "fr": "L'invité écrit CR3 : avec les tables fantômes, cela sort vers Xen (sortie de VM, "
              "raison {exit_reason}, accès à un registre de contrôle).",
    },
    "mem.shadow_cr3": {
        "en": "Xen finds the shadow of the guest's L4 ({smfn}), loads it into the real CR3 and "
              "flushes the non-global TLB entries.",
        "fr": "Xen retrouve la table fantôme du L4 de l'invité ({smfn}), la charge dans le vrai "
              "CR3 et vide les entrées non globales du TLB.",
    },
    "exit.invlpg": {
        "en": "invlpg {va} exits to Xen under shadow paging (VM exit, reason {exit_reason}).",
        "fr": "invlpg {va} sort vers Xen avec les tables fantômes (sortie de VM, raison "
              "{exit_reason}).",
    },
    "mem.shadow_invlpg": {
        "en": "Xen drops the shadow entry that maps {va} and the TLB entry; the next access "
              "refills the shadow from the guest's tables.",
        "fr": "Xen supprime l'entrée fantôme qui projette {va} et l'entrée du TLB ; le prochain "
              "accès remplira de nouveau la table fantôme depuis les tables de l'invité.",
    },
    "mem.shadow_invlpg_none": {
        "en": "No shadow entry maps {va}; Xen drops the TLB entry.",
        "fr": "Aucune entrée fantôme ne projette {va} ; Xen retire l'entrée du TLB.",
    },
    "exit.pt_write": {
        "en": "The guest stores into its page-table page {pfn}, which its shadow maps "
              "read-only: #PF, VM exit (reason {exit_reason}) to Xen.",
        "fr": "L'invité écrit dans sa page de table des pages {pfn}, projetée en lecture seule "
              "par la table fantôme : #PF, sortie de VM (raison {exit_reason}) vers Xen.",
    },
    "mem.shadow_emulate_pte": {
        "en": "Xen emulates the store: guest PT entry {pfn}[{index}] = {new} ({flags}), was "
              "{old}.",
        "fr": "Xen émule l'écriture : entrée PT invitée {pfn}[{index}] = {new} ({flags}), "
              "avant : {old}.",
    },
    "mem.shadow_unshadowed": {
        "en": "That guest table has no shadow yet: nothing to resync.",
        "fr": "Cette table de l'invité n'a pas encore de table fantôme : rien à resynchroniser.",
    },
    "mem.shadow_resync": {
        "en": "Xen resyncs the shadow: shadow entry {smfn}[{index}] = {shadow}, and flushes "
              "the TLB so the old translation cannot be used.",
        "fr": "Xen resynchronise la table fantôme : entrée fantôme {smfn}[{index}] = {shadow}, "
              "et vide le TLB pour que l'ancienne traduction ne serve plus.",
    },
}
