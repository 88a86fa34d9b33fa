"""Narration of the memory lab, in English and French (vocabulary of glossary.md).

Code names (``mmu_update``, ``MMUEXT_NEW_BASEPTR``, CR3, ``invlpg``, PML4…) stay untranslated.
Keys under ``mem.`` are steps, ``fault.``/``exit.``/``trap.``/``hypercall.`` are the notable
steps (timeline markers), ``memory.``/``xen.mmu.`` are refusals and sub-sentences.
"""

from __future__ import annotations

T = dict[str, dict[str, str]]

SUBSENTENCES: T = {
    "mem.access.read": {"en": "read", "fr": "lecture"},
    "mem.access.write": {"en": "write", "fr": "écriture"},
    "mem.access.exec": {"en": "instruction fetch", "fr": "lecture d'instruction"},
    "mem.mode_name.native": {"en": "native", "fr": "natif"},
    "mem.mode_name.pv": {"en": "PV", "fr": "PV"},
    "mem.mode_name.shadow": {"en": "shadow paging", "fr": "tables fantômes"},
    "mem.mode_name.ept": {"en": "nested paging (EPT)", "fr": "pagination imbriquée (EPT)"},
    "mem.size.b": {"en": "{n}-byte", "fr": "{n} octets"},
    "mem.size.kib": {"en": "{n} KiB", "fr": "{n} Kio"},
    "mem.size.mib": {"en": "{n} MiB", "fr": "{n} Mio"},
    "mem.size.gib": {"en": "{n} GiB", "fr": "{n} Gio"},
    "mem.who.user": {"en": "user mode", "fr": "mode utilisateur"},
    "mem.who.kernel": {"en": "kernel mode", "fr": "mode noyau"},
    "mem.tlb.absent": {"en": "no entry for this page", "fr": "aucune entrée pour cette page"},
    "mem.tlb.refuses": {
        "en": "its entry does not allow this access (or its D bit is clear), so the processor "
              "walks again",
        "fr": "son entrée n'autorise pas cet accès (ou son bit D est à 0), le processeur refait "
              "donc le parcours",
    },
    "mem.violation.user_supervisor": {
        "en": "a user-mode access to a supervisor page (U/S = 0 somewhere on the path)",
        "fr": "un accès en mode utilisateur à une page superviseur (U/S = 0 sur le chemin)",
    },
    "mem.violation.read_only": {
        "en": "a write to a read-only page (R/W = 0 somewhere on the path, CR0.WP = 1)",
        "fr": "une écriture dans une page en lecture seule (R/W = 0 sur le chemin, CR0.WP = 1)",
    },
    "mem.violation.no_execute": {
        "en": "an instruction fetch from a no-execute page (NX = 1 somewhere on the path)",
        "fr": "une lecture d'instruction dans une page non exécutable (NX = 1 sur le chemin)",
    },
    "mem.violation.smep": {"en": "a kernel fetch from a user page (SMEP)",
                           "fr": "une lecture d'instruction noyau dans une page utilisateur "
                                 "(SMEP)"},
    "mem.violation.smap": {"en": "a kernel data access to a user page (SMAP)",
                           "fr": "un accès noyau aux données d'une page utilisateur (SMAP)"},
    "mem.pf.not_present": {"en": "the entry is not present (P = 0)",
                           "fr": "l'entrée n'est pas présente (P = 0)"},
    "mem.pf.reserved_bit": {"en": "a reserved bit is set in the entry",
                            "fr": "un bit réservé est à 1 dans l'entrée"},
    "mem.pf.protection": {"en": "the rights refuse the access",
                          "fr": "les droits refusent l'accès"},
    "mem.ept_cause.data": {"en": "the data's guest-physical address",
                           "fr": "l'adresse physique invitée de la donnée"},
    "mem.ept_cause.table": {"en": "the guest-physical address of a guest page-table entry",
                            "fr": "l'adresse physique invitée d'une entrée de table des pages "
                                  "invitée"},
    "mem.ept_reason.not_present": {"en": "the EPT has no entry (R = W = X = 0)",
                                   "fr": "l'EPT n'a pas d'entrée (R = W = X = 0)"},
    "mem.ept_reason.protection": {"en": "the EPT entry does not allow this access",
                                  "fr": "l'entrée EPT n'autorise pas cet accès"},
    "mem.ept_reason.misconfig": {"en": "the EPT entry is misconfigured",
                                 "fr": "l'entrée EPT est mal configurée"},
    "memory.owner.free": {"en": "free memory", "fr": "la mémoire libre"},
    "memory.owner.xen": {"en": "Xen", "fr": "Xen"},
}

STEPS: T = {
    "mem.tlb_hit": {
        "en": "TLB hit for {va} ({how}, {who}, mode “{mode}”): page {page} is cached, so {pa} "
              "with no memory reference at all.",
        "fr": "Succès TLB pour {va} ({how}, {who}, mode « {mode} ») : la page {page} est en "
              "cache, d'où {pa} sans aucune référence mémoire.",
    },
    "mem.tlb_miss": {
        "en": "TLB miss for {va} ({how}, {who}, mode “{mode}”): {why}.",
        "fr": "Échec TLB pour {va} ({how}, {who}, mode « {mode} ») : {why}.",
    },
    "mem.failed": {"en": "The lab cannot carry this out any more: {why}",
                   "fr": "Le labo ne peut plus exécuter cela : {why}"},
    "mem.walk_error": {"en": "The walk cannot go on: {problem}.",
                       "fr": "Le parcours ne peut pas continuer : {problem}."},
    "mem.read": {
        "en": "Reference {n}: read the {level} entry {base}[{index}] at {address} = {value} "
              "({flags}).",
        "fr": "Référence {n} : lecture de l'entrée {level} {base}[{index}] à {address} = "
              "{value} ({flags}).",
    },
    "mem.read_shadow": {
        "en": "Reference {n}: the processor reads the shadow {level} entry {base}[{index}] at "
              "{address} = {value} ({flags}).",
        "fr": "Référence {n} : le processeur lit l'entrée {level} fantôme {base}[{index}] à "
              "{address} = {value} ({flags}).",
    },
    "mem.read_guest": {
        "en": "Reference {n}: read the guest {level} entry (guest-physical {gpa}, host-physical "
              "{address}) = {value} ({flags}).",
        "fr": "Référence {n} : lecture de l'entrée {level} invitée (adresse physique invitée "
              "{gpa}, hôte {address}) = {value} ({flags}).",
    },
    "mem.read_ept": {
        "en": "Reference {n}: read the {level} entry at {address} = {value} ({flags}) to "
              "translate guest-physical {gpa}.",
        "fr": "Référence {n} : lecture de l'entrée {level} à {address} = {value} ({flags}) "
              "pour traduire l'adresse physique invitée {gpa}.",
    },
    "mem.read_soft": {
        "en": "Xen walks the guest's tables in software — reference {n}: guest {level} entry "
              "{base}[{index}] = {value} ({flags}).",
        "fr": "Xen parcourt les tables de l'invité par logiciel — référence {n} : entrée {level} "
              "invitée {base}[{index}] = {value} ({flags}).",
    },
    "mem.read_ostep": {
        "en": "Reference {n}: read the {level} byte at {address} = {value} ({flags}).",
        "fr": "Référence {n} : lecture de l'octet {level} à {address} = {value} ({flags}).",
    },
    "mem.rights_ok": {
        "en": "Rights combined over the entries used: R/W = {rw}, U/S = {us}, NX = {nx}. The "
              "{how} is allowed.",
        "fr": "Droits combinés sur les entrées utilisées : R/W = {rw}, U/S = {us}, NX = {nx}. "
              "L'accès en {how} est autorisé.",
    },
    "mem.rights_refused": {
        "en": "Rights combined over the entries used: R/W = {rw}, U/S = {us}, NX = {nx}. "
              "Refused: {violation}.",
        "fr": "Droits combinés sur les entrées utilisées : R/W = {rw}, U/S = {us}, NX = {nx}. "
              "Refusé : {violation}.",
    },
    "mem.write_back": {
        "en": "The processor sets {bits} in the {level} entry at {address}: {old} → {new}.",
        "fr": "Le processeur met {bits} à 1 dans l'entrée {level} à {address} : {old} → {new}.",
    },
    "mem.write_back_soft": {
        "en": "Xen sets {bits} in the guest's {level} entry at {address}: {old} → {new}, as "
              "the processor would have.",
        "fr": "Xen met {bits} à 1 dans l'entrée {level} de l'invité à {address} : {old} → "
              "{new}, comme l'aurait fait le processeur.",
    },
    "mem.translated": {
        "en": "{va} → {pa} (a {size} page). The translation goes into the TLB.",
        "fr": "{va} → {pa} (page de {size}). La traduction entre dans le TLB.",
    },
    "mem.translated_2d": {
        "en": "{va} → guest-physical {gpa} → host-physical {hpa} (a {size} guest page). The "
              "combined translation goes into the TLB.",
        "fr": "{va} → adresse physique invitée {gpa} → adresse physique hôte {hpa} (page "
              "invitée de {size}). La traduction combinée entre dans le TLB.",
    },
    "mem.translated_ostep": {
        "en": "{va} → physical address {pa}, which holds the value {value}.",
        "fr": "{va} → adresse physique {pa}, qui contient la valeur {value}.",
    },
    "fault.pf": {
        "en": "#PF (vector 14) at {level}: {why}. CR2 = {cr2}, error code {error_code} (P={p} "
              "W/R={wr} U/S={us} RSVD={rsvd} I/D={id}).",
        "fr": "Défaut de page #PF (vecteur 14) au niveau {level} : {why}. CR2 = {cr2}, code "
              "d'erreur {error_code} (P={p} W/R={wr} U/S={us} RSVD={rsvd} I/D={id}).",
    },
    "fault.gp": {
        "en": "#GP (vector 13): {va} is not canonical — bits 63:48 must copy bit 47. No table "
              "is read.",
        "fr": "#GP (vecteur 13) : {va} n'est pas canonique — les bits 63:48 doivent recopier le "
              "bit 47. Aucune table n'est lue.",
    },
    "fault.injected": {
        "en": "True fault: the guest's own tables refuse ({why}). Xen injects the #PF into the "
              "guest, CR2 = {cr2}, error code {error_code}.",
        "fr": "Vrai défaut : les tables de l'invité elles-mêmes refusent ({why}). Xen injecte le "
              "#PF dans l'invité, CR2 = {cr2}, code d'erreur {error_code}.",
    },
    "fault.ostep": {
        "en": "Fault: the {level} entry for VPN {vpn} is not valid — {va} is an invalid address.",
        "fr": "Défaut : l'entrée {level} de la VPN {vpn} n'est pas valide — {va} est une adresse "
              "invalide.",
    },
    "exit.ept_violation": {
        "en": "EPT violation at {level} while translating {cause} {gpa}: {why}. VM exit "
              "(reason {exit_reason}) to Xen.",
        "fr": "Violation EPT au niveau {level} en traduisant {cause} {gpa} : {why}. Sortie de VM "
              "(raison {exit_reason}) vers Xen.",
    },
    "trap.pv_bounce": {
        "en": "The fault traps to Xen first (a PV guest's exceptions always do). Xen writes "
              "the address into vcpu_info.arch.cr2 and bounces the fault to the handler the "
              "guest registered with set_trap_table.",
        "fr": "Le défaut déroute d'abord vers Xen (c'est toujours le cas pour un invité PV). Xen "
              "écrit l'adresse dans vcpu_info.arch.cr2 et renvoie le défaut au gestionnaire "
              "que l'invité a enregistré avec set_trap_table.",
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
    "hypercall.new_baseptr": {
        "en": "A PV guest may not write CR3: it makes the hypercall mmuext_op "
              "MMUEXT_NEW_BASEPTR. Xen takes an L4 reference, loads CR3 and flushes the "
              "non-global TLB entries.",
        "fr": "Un invité PV n'a pas le droit d'écrire CR3 : il fait l'hyperappel mmuext_op "
              "MMUEXT_NEW_BASEPTR. Xen prend une référence L4, charge CR3 et vide les entrées "
              "non globales du TLB.",
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
    "mem.cr3": {
        "en": "The kernel writes CR3: every non-global TLB entry is flushed; global ones stay.",
        "fr": "Le noyau écrit CR3 : toutes les entrées non globales du TLB sont vidées ; les "
              "globales restent.",
    },
    "mem.cr3_ept": {
        "en": "The guest writes CR3 with no VM exit (nested paging does not intercept it): the "
              "non-global TLB entries are flushed.",
        "fr": "L'invité écrit CR3 sans sortie de VM (la pagination imbriquée ne l'intercepte "
              "pas) : les entrées non globales du TLB sont vidées.",
    },
    "hypercall.invlpg": {
        "en": "invlpg {va} is privileged for a PV guest: it makes the hypercall mmuext_op "
              "MMUEXT_INVLPG_LOCAL and Xen drops the TLB entry.",
        "fr": "invlpg {va} est privilégiée pour un invité PV : il fait l'hyperappel mmuext_op "
              "MMUEXT_INVLPG_LOCAL et Xen retire l'entrée du TLB.",
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
    "mem.invlpg": {
        "en": "invlpg {va}: the TLB entry for that page is dropped (global or not).",
        "fr": "invlpg {va} : l'entrée du TLB pour cette page est retirée (globale ou non).",
    },
    "mem.invlpg_ept": {
        "en": "invlpg {va} runs in the guest with no VM exit: the TLB entry is dropped.",
        "fr": "invlpg {va} s'exécute dans l'invité sans sortie de VM : l'entrée du TLB est "
              "retirée.",
    },
    "mem.pte_store": {
        "en": "The kernel stores {new} ({flags}) into PT entry {pfn}[{index}] for {va} (was "
              "{old}). The TLB may still hold the old translation until invlpg.",
        "fr": "Le noyau écrit {new} ({flags}) dans l'entrée PT {pfn}[{index}] pour {va} (avant "
              ": {old}). Le TLB peut garder l'ancienne traduction jusqu'à invlpg.",
    },
    "mem.pte_store_ept": {
        "en": "The guest stores {new} ({flags}) into its PT entry {pfn}[{index}] for {va} with "
              "no VM exit: under nested paging its tables are ordinary memory. The TLB may "
              "still hold the old translation until invlpg.",
        "fr": "L'invité écrit {new} ({flags}) dans son entrée PT {pfn}[{index}] pour {va} sans "
              "sortie de VM : avec la pagination imbriquée, ses tables sont de la mémoire "
              "ordinaire. Le TLB peut garder l'ancienne traduction jusqu'à invlpg.",
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
    "mem.mode": {
        "en": "The same guest now runs in mode “{mode}” (was “{previous}”): the TLB starts "
              "cold.",
        "fr": "Le même invité tourne maintenant en mode « {mode} » (avant : « {previous} ») : "
              "le TLB repart à froid.",
    },
    "mem.trace_start": {
        "en": "Run the trace of {count} accesses in mode “{mode}”, from a cold start (TLB "
              "flushed, “{mode}” counters reset).",
        "fr": "Exécution de la trace de {count} accès en mode « {mode} », à froid (TLB vidé, "
              "compteurs « {mode} » remis à zéro).",
    },
    "mem.trace_done": {
        "en": "Trace done in mode “{mode}”: {memory_references} page-table references, "
              "{tlb_hits} TLB hits, {tlb_misses} misses, {vm_exits} VM exits, {hypercalls} "
              "hypercalls, {cycles} modelled cycles.",
        "fr": "Trace terminée en mode « {mode} » : {memory_references} références aux tables, "
              "{tlb_hits} succès TLB, {tlb_misses} échecs, {vm_exits} sorties de VM, "
              "{hypercalls} hyperappels, {cycles} cycles modélisés.",
    },
    "mem.document": {
        "en": "The document is loaded: {paging} tables and {count} address(es) to step through.",
        "fr": "Le document est chargé : tables {paging} et {count} adresse(s) à parcourir.",
    },
    "mem.compare_mode": {
        "en": "Comparison, mode “{mode}”: the trace costs {memory_references} page-table "
              "references, {vm_exits} VM exits, {traps} traps, {hypercalls} hypercalls, "
              "{cycles} modelled cycles.",
        "fr": "Comparaison, mode « {mode} » : la trace coûte {memory_references} références aux "
              "tables, {vm_exits} sorties de VM, {traps} déroutements, {hypercalls} "
              "hyperappels, {cycles} cycles modélisés.",
    },
    "mem.compare_skipped": {
        "en": "Comparison, mode “{mode}”: not run — {why}",
        "fr": "Comparaison, mode « {mode} » : non exécuté — {why}",
    },
    "mem.compare_done": {
        "en": "Comparison done: the same {count} accesses in {modes} modes; the cheapest in "
              "modelled cycles is “{cheapest}”.",
        "fr": "Comparaison terminée : les mêmes {count} accès dans {modes} modes ; le moins "
              "coûteux en cycles modélisés est « {cheapest} ».",
    },
    "mem.quiz_new": {
        "en": "Problem {number}: in mode “{mode}”, where does this {how} of {va} in {who} go — "
              "which address, or which fault?",
        "fr": "Exercice {number} : en mode « {mode} », où va un accès en {how} à {va} en {who} — "
              "quelle adresse, ou quel défaut ?",
    },
    "mem.quiz_right": {"en": "Problem {number}: {given} is right.",
                       "fr": "Exercice {number} : {given} est la bonne réponse."},
    "mem.quiz_wrong": {"en": "Problem {number}: {given} is not the answer. Try again or "
                             "reveal the walk.",
                       "fr": "Exercice {number} : {given} n'est pas la réponse. Réessayez ou "
                             "affichez le parcours."},
    "mem.quiz_reveal": {"en": "Problem {number}: the worked walk is shown.",
                        "fr": "Exercice {number} : le parcours détaillé est affiché."},
}

REFUSALS: T = {
    "memory.refused.busy": {
        "en": "The lab is still carrying out the previous command ({left} step(s) left): step "
              "forward or press play until it ends.",
        "fr": "Le labo exécute encore la commande précédente ({left} pas restant(s)) : avancez "
              "ou lancez la lecture jusqu'à la fin.",
    },
    "memory.refused.no_lab": {"en": "This session is not a memory-lab session.",
                              "fr": "Cette session n'est pas une session du labo mémoire."},
    "memory.refused.no_domain": {
        "en": "Domain {domid}, whose P2M the lab uses, no longer exists.",
        "fr": "Le domaine {domid}, dont le labo utilise la P2M, n'existe plus.",
    },
    "memory.refused.xen_memory": {"en": "Xen owns fewer than {wanted} free frames.",
                                  "fr": "Xen possède moins de {wanted} cadres libres."},
    "memory.refused.native_only": {
        "en": "Mode “{mode}” is not available here: these tables can only run natively (PV, "
              "shadow and EPT are modelled for x86-64 tables inside the guest's memory).",
        "fr": "Le mode « {mode} » n'est pas disponible ici : ces tables ne fonctionnent qu'en "
              "natif (PV, tables fantômes et EPT sont modélisés pour des tables x86-64 dans la "
              "mémoire de l'invité).",
    },
    "memory.refused.pv_conflict": {
        "en": "Xen would not validate these tables for a PV guest: {why}",
        "fr": "Xen ne validerait pas ces tables pour un invité PV : {why}",
    },
    "memory.conflict.superpage": {
        "en": "entry {pfn}[{index}] maps a large page (PSE), which a PV guest may only use with "
              "MMUEXT_MARK_SUPER.",
        "fr": "l'entrée {pfn}[{index}] projette une grande page (PSE), qu'un invité PV ne peut "
              "utiliser qu'avec MMUEXT_MARK_SUPER.",
    },
    "memory.conflict.types": {
        "en": "frame {pfn} would be both {types}: a page-table frame may never be mapped "
              "writable.",
        "fr": "le cadre {pfn} serait à la fois {types} : un cadre de table des pages ne doit "
              "jamais être projeté en écriture.",
    },
    "memory.refused.not_pv": {
        "en": "mmu_update is a PV hypercall; the guest runs in mode “{mode}”. Switch to PV.",
        "fr": "mmu_update est un hyperappel PV ; l'invité tourne en mode « {mode} ». Passez en PV.",
    },
    "memory.refused.no_trace": {"en": "This session has no access trace.",
                                "fr": "Cette session n'a pas de trace d'accès."},
    "memory.refused.ostep_only": {
        "en": "{what} needs x86 page tables; an OSTEP problem has none.",
        "fr": "{what} demande des tables des pages x86 ; un exercice OSTEP n'en a pas.",
    },
    "memory.refused.not_x86_64": {"en": "mmu_update needs x86-64 tables.",
                                  "fr": "mmu_update demande des tables x86-64."},
    "memory.refused.no_pt": {
        "en": "No PT-level entry maps {va} (a table is missing on the way, or a large page "
              "covers it): the lab edits PT entries only.",
        "fr": "Aucune entrée de niveau PT ne projette {va} (une table manque en chemin, ou une "
              "grande page la couvre) : le labo ne modifie que des entrées PT.",
    },
    "memory.refused.no_mfn": {
        "en": "The guest's P2M has no machine frame for PFN {pfn}: a PV guest cannot map it.",
        "fr": "La P2M de l'invité n'a pas de cadre machine pour la PFN {pfn} : un invité PV ne "
              "peut pas la projeter.",
    },
    "memory.refused.no_quiz": {"en": "There is no problem yet: generate one first.",
                               "fr": "Il n'y a pas encore d'exercice : générez-en un d'abord."},
    "memory.invalid": {"en": "Invalid request: {problem}.",
                       "fr": "Requête invalide : {problem}."},
    "memory.invalid_document": {"en": "The document cannot be loaded: {problem}.",
                                "fr": "Le document ne peut pas être chargé : {problem}."},
    "xen.mmu.command": {
        "en": "Xen refuses: mmu_update command {command} (ptr bits 1:0) is not modelled here; "
              "only MMU_NORMAL_PT_UPDATE (0) is.",
        "fr": "Xen refuse : la commande mmu_update {command} (bits 1:0 de ptr) n'est pas "
              "modélisée ici ; seule MMU_NORMAL_PT_UPDATE (0) l'est.",
    },
    "xen.mmu.unaligned": {"en": "Xen refuses: ptr {ptr} is not aligned on an 8-byte entry.",
                          "fr": "Xen refuse : ptr {ptr} n'est pas aligné sur une entrée de 8 "
                                "octets."},
    "xen.mmu.pt_not_owned": {
        "en": "Xen refuses: frame {mfn} that holds the entry belongs to {owner}, not to this "
              "guest.",
        "fr": "Xen refuse : le cadre {mfn} qui contient l'entrée appartient à {owner}, pas à "
              "cet invité.",
    },
    "xen.mmu.not_page_table": {
        "en": "Xen refuses: frame {mfn} is not a validated page table (type {type}, type count "
              "{count}), so it cannot be changed as one.",
        "fr": "Xen refuse : le cadre {mfn} n'est pas une table des pages validée (type {type}, "
              "compteur de type {count}), il ne peut donc pas être modifié comme tel.",
    },
    "xen.mmu.xen_slot": {
        "en": "Xen refuses: L4 slot {index} is one of Xen's own slots (256–271).",
        "fr": "Xen refuse : l'entrée L4 {index} fait partie des entrées réservées à Xen "
              "(256–271).",
    },
    "xen.mmu.not_owner": {
        "en": "Xen refuses: frame {target} belongs to {owner}, not to this guest; a guest may "
              "only map its own frames.",
        "fr": "Xen refuse : le cadre {target} appartient à {owner}, pas à cet invité ; un "
              "invité ne peut projeter que ses propres cadres.",
    },
    "xen.mmu.pt_writable": {
        "en": "Xen refuses: frame {target} is an {type} page table (type count {count}) and may "
              "not be mapped writable.",
        "fr": "Xen refuse : le cadre {target} est une table des pages {type} (compteur de type "
              "{count}) et ne doit pas être projeté en écriture.",
    },
    "xen.mmu.superpage": {
        "en": "Xen refuses: PSE (bit 7) in an L{level} entry needs MMUEXT_MARK_SUPER, which "
              "the lab does not model.",
        "fr": "Xen refuse : PSE (bit 7) dans une entrée L{level} demande MMUEXT_MARK_SUPER, que "
              "le labo ne modélise pas.",
    },
    "xen.mmu.type_conflict": {
        "en": "Xen refuses: frame {target} has type {type} (count {count}) and cannot become "
              "an {wanted} table.",
        "fr": "Xen refuse : le cadre {target} a le type {type} (compteur {count}) et ne peut "
              "pas devenir une table {wanted}.",
    },
    "memory.suggest.pt_writable": {
        "en": "Map the L1 page-table frame itself writable at {va}",
        "fr": "Projeter en écriture le cadre de table L1 lui-même en {va}",
    },
    "memory.suggest.foreign": {
        "en": "Map a frame of Domain-0 at {va}",
        "fr": "Projeter un cadre de Domain-0 en {va}",
    },
    "memory.suggest.data_page": {
        "en": "Write an “entry” inside a data page (ptr {ptr})",
        "fr": "Écrire une « entrée » dans une page de données (ptr {ptr})",
    },
    "memory.suggest.read_only": {
        "en": "Map one of the guest's own frames read-only at {va}",
        "fr": "Projeter en lecture seule un cadre de l'invité en {va}",
    },
    "memory.suggest.unmap": {
        "en": "Unmap {va} (val 0)",
        "fr": "Supprimer la projection de {va} (val 0)",
    },
}

NOTHING_CHANGED = {"en": " Nothing changed: the entry and the type counts are as before.",
                   "fr": " Rien n'a changé : l'entrée et les compteurs de type sont intacts."}
for _key, _texts in REFUSALS.items():
    if _key.startswith("xen.mmu."):
        _texts["en"] += NOTHING_CHANGED["en"]
        _texts["fr"] += NOTHING_CHANGED["fr"]

TEMPLATES: T = {**SUBSENTENCES, **STEPS, **REFUSALS}
