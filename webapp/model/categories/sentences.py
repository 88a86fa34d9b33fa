"""Every sentence of the categories lab, in English and French (glossary.yaml's terms)."""

from __future__ import annotations

T = dict[str, dict[str, str]]


def _t(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


#: words the model passes as sub-sentences (hops.word): a device, an interrupt
WORDS: T = {
    "cat.word.disk": _t("disk", "le disque"),
    "cat.word.nic": _t("NIC", "la carte réseau"),
    "cat.word.veth_nic": _t("veth → bridge → NIC", "veth → pont → carte réseau"),
    "cat.word.timer": _t("timer", "interruption du temporisateur"),
}

NAMES: T = {
    "cat.col.emulation": _t("Emulation (QEMU TCG)", "Émulation (QEMU TCG)"),
    "cat.col.os_level": _t("Container", "Conteneur"),
    "cat.col.paravirtualization": _t("Xen PV", "Xen PV"),
    "cat.col.hardware_assisted": _t("HVM (VT-x)", "HVM (VT-x)"),
}

RUN: T = {
    "cat.op_started": _t(
        "Operation {index} of {total}: `{op}`{detail} starts in the four columns.",
        "Opération {index} sur {total} : `{op}`{detail} commence dans les quatre colonnes."),
    "cat.finished": _t(
        "The workload is done in every column: {emulation_cycles} modelled cycles under "
        "emulation, {os_level_cycles} in the container, {paravirtualization_cycles} under Xen "
        "PV, {hardware_assisted_cycles} under HVM.",
        "La charge de travail est terminée dans chaque colonne : {emulation_cycles} cycles "
        "modélisés en émulation, {os_level_cycles} dans le conteneur, "
        "{paravirtualization_cycles} sous Xen PV, {hardware_assisted_cycles} en HVM."),
    "cat.workload_set": _t("The workload now has {total} operations: {ops}.",
                           "La charge de travail a maintenant {total} opérations : {ops}."),
    "cat.cost_set": _t(
        "Model assumption changed: {name} now costs {cycles} cycles (was {before}); the "
        "counters start again from zero.",
        "Hypothèse du modèle modifiée : {name} coûte maintenant {cycles} cycles (au lieu de "
        "{before}) ; les compteurs repartent de zéro."),
    "cat.option_set": _t("Option {name} is now {value}; the counters start again from zero.",
                         "L'option {name} vaut maintenant {value} ; les compteurs repartent "
                         "de zéro."),
}

EMULATION: T = {
    "cat.tcg_translated": _t(
        "{column}: TCG translates the block `{block}` ({count} guest instructions) into host "
        "code, keeps it in its code cache and runs it.",
        "{column} : TCG traduit le bloc `{block}` ({count} instructions de l'invité) en code "
        "hôte, le garde dans son cache de code et l'exécute."),
    "cat.tcg_cached": _t(
        "{column}: the block `{block}` is already in TCG's code cache: its {count} guest "
        "instructions run as host code, no new translation.",
        "{column} : le bloc `{block}` est déjà dans le cache de code de TCG : ses {count} "
        "instructions de l'invité s'exécutent en code hôte, sans nouvelle traduction."),
    "cat.tcg_exception": _t(
        "{column}: {instr} is a helper call: the emulated CPU switches to the guest kernel's "
        "ring 0 — the real CPU stays in QEMU, in host ring 3.",
        "{column} : {instr} est un appel d'assistant : le processeur émulé passe dans l'anneau "
        "0 du noyau invité — le vrai processeur reste dans QEMU, dans l'anneau 3 de l'hôte."),
    "cat.tcg_return": _t("{column}: {instr} is emulated too: back to the guest application.",
                         "{column} : {instr} est émulée aussi : retour à l'application "
                         "invitée."),
    "cat.tcg_helper": _t(
        "{column}: {instr} is handled by a TCG helper that changes the emulated CPU's state; "
        "nothing traps on the real CPU.",
        "{column} : {instr} est traitée par un assistant de TCG qui modifie l'état du "
        "processeur émulé ; rien n'est dérouté sur le vrai processeur."),
    "cat.tcg_fault": _t(
        "{column}: the soft TLB misses; a helper walks the guest's page tables in software "
        "({refs} references): not present. The guest RAM page is new to the host too: a page "
        "fault in the host kernel.",
        "{column} : le TLB logiciel n'a pas l'entrée ; un assistant parcourt les tables des pages "
        "de l'invité en logiciel ({refs} références) : absente. La page de RAM de l'invité est "
        "neuve pour l'hôte aussi : un défaut de page dans le noyau hôte."),
    "cat.tcg_retry": _t(
        "{column}: the access is retried: another soft TLB miss and software walk ({refs} "
        "references), found this time.",
        "{column} : l'accès est rejoué : nouvel échec du TLB logiciel et parcours logiciel "
        "({refs} références), trouvé cette fois."),
    "cat.tcg_port_io": _t(
        "{column}: the guest's driver writes {count} register(s) of the emulated {device}: each "
        "access calls QEMU's device model in the same process — no exit, but every one "
        "emulated.",
        "{column} : le pilote de l'invité écrit {count} registre(s) du {device} émulé : chaque "
        "accès appelle le modèle de périphérique de QEMU dans le même processus — pas de "
        "sortie, mais chacun émulé."),
    "cat.qemu_host_io": _t(
        "{column}: QEMU does the real I/O with a system call to the host kernel (`{call}`).",
        "{column} : QEMU fait la vraie E/S par un appel système au noyau hôte (`{call}`)."),
    "cat.tcg_irq": _t(
        "{column}: QEMU raises IRQ {irq} in the emulated interrupt controller; the guest's "
        "handler touches {count} register(s), each emulated again.",
        "{column} : QEMU lève l'IRQ {irq} dans le contrôleur d'interruptions émulé ; le "
        "gestionnaire de l'invité touche {count} registre(s), chacun émulé à nouveau."),
    "cat.tcg_tlb_flush": _t(
        "{column}: {instr}: TCG drops the page from its software TLB.",
        "{column} : {instr} : TCG retire la page de son TLB logiciel."),
    "cat.tcg_hlt": _t(
        "{column}: hlt: the vCPU thread of QEMU goes to sleep in the host kernel until an "
        "event; the host scheduler runs something else.",
        "{column} : hlt : le thread du vCPU de QEMU s'endort dans le noyau hôte jusqu'à un "
        "événement ; l'ordonnanceur de l'hôte exécute autre chose."),
    "cat.tcg_wake": _t("{column}: an event wakes QEMU's vCPU thread: the guest goes on.",
                       "{column} : un événement réveille le thread du vCPU de QEMU : l'invité "
                       "continue."),
    "cat.tcg_timer": _t(
        "{column}: the host's timer interrupt wakes QEMU's timer; it asks the vCPU to take the "
        "virtual interrupt at the next block boundary.",
        "{column} : l'interruption du temporisateur de l'hôte réveille le temporisateur de "
        "QEMU ; il demande au vCPU de prendre l'interruption virtuelle à la prochaine "
        "frontière de bloc."),
    "cat.tcg_eoi": _t(
        "{column}: the handler acknowledges the interrupt and re-arms the emulated APIC timer: "
        "two helpers into QEMU's APIC model.",
        "{column} : le gestionnaire acquitte l'interruption et réarme le temporisateur de "
        "l'APIC émulé : deux assistants vers le modèle d'APIC de QEMU."),
}

CONTAINER: T = {
    "cat.native": _t("{column}: {what} runs natively on the real CPU ({count} instructions).",
                     "{column} : {what} s'exécute nativement sur le vrai processeur ({count} "
                     "instructions)."),
    "cat.seccomp": _t(
        "{column}: the system call {name} enters the shared host kernel; seccomp runs the "
        "`{profile}` filter: {verdict}.",
        "{column} : l'appel système {name} entre dans le noyau hôte partagé ; seccomp exécute "
        "le filtre `{profile}` : {verdict}."),
    "cat.seccomp_denied": _t(
        "{column}: {name} is refused by the filter: the process gets -{errno}, the kernel "
        "never runs it.",
        "{column} : {name} est refusé par le filtre : le processus reçoit -{errno}, le noyau "
        "ne l'exécute jamais."),
    "cat.namespace": _t(
        "{column}: the host kernel serves {name} in the container's {namespace} namespace "
        "(its own view of the system).",
        "{column} : le noyau hôte sert {name} dans l'espace de noms {namespace} du conteneur "
        "(sa propre vue du système)."),
    "cat.sysret": _t("{column}: {name} returns to the application.",
                     "{column} : {name} revient à l'application."),
    "cat.host_does_it": _t(
        "{column}: no guest kernel: the shared host kernel does {what} itself, natively in "
        "ring 0.",
        "{column} : pas de noyau invité : le noyau hôte partagé fait {what} lui-même, "
        "nativement dans l'anneau 0."),
    "cat.fault_to_kernel": _t(
        "{column}: TLB miss, the hardware walks the process's page tables ({refs} "
        "references): not present, a page fault into the host kernel.",
        "{column} : échec du TLB, le matériel parcourt les tables des pages du processus "
        "({refs} références) : absente, un défaut de page vers le noyau hôte."),
    "cat.cgroup_charge": _t(
        "{column}: the cgroup's {controller} controller charges it to the container "
        "({limit}).",
        "{column} : le contrôleur {controller} du cgroup l'impute au conteneur ({limit})."),
    "cat.retry_walk": _t("{column}: the access is retried: a {refs}-reference walk, found.",
                         "{column} : l'accès est rejoué : un parcours de {refs} références, "
                         "trouvé."),
    "cat.interrupt": _t("{column}: the timer interrupt enters the host kernel directly.",
                        "{column} : l'interruption du temporisateur entre directement dans le "
                        "noyau hôte."),
    "cat.host_io": _t(
        "{column}: the host kernel's own driver does the I/O on the {device} ({limit}); the "
        "process sleeps.",
        "{column} : le pilote du noyau hôte fait l'E/S sur {device} ({limit}) ; le processus "
        "dort."),
    "cat.io_done": _t("{column}: the {device} interrupts; the host kernel wakes the process.",
                      "{column} : {device} interrompt ; le noyau hôte réveille le processus."),
}

PV: T = {
    "cat.pv_syscall": _t(
        "{column}: the system call {name} lands in Xen (ring 0), not in the guest kernel.",
        "{column} : l'appel système {name} arrive dans Xen (anneau 0), pas dans le noyau "
        "invité."),
    "cat.pv_bounce": _t(
        "{column}: Xen switches to the guest kernel's page tables and bounces to its "
        "registered entry; the handler runs natively.",
        "{column} : Xen passe aux tables des pages du noyau invité et le renvoie vers son "
        "point d'entrée enregistré ; le gestionnaire s'exécute nativement."),
    "cat.pv_iret": _t("{column}: the guest kernel returns with the iret hypercall.",
                      "{column} : le noyau invité revient par l'hyperappel iret."),
    "cat.pv_front_notify": _t(
        "{column}: {driver} grants the page, puts the request on the {ring} ring and "
        "notifies dom0: an event_channel_op hypercall.",
        "{column} : {driver} octroie la page, met la requête sur l'anneau {ring} et notifie "
        "dom0 : un hyperappel event_channel_op."),
    "cat.pv_back_map": _t(
        "{column}: Xen switches to dom0; {driver} takes the request and uses the grant "
        "({op}, a hypercall).",
        "{column} : Xen passe à dom0 ; {driver} prend la requête et utilise l'octroi "
        "({op}, un hyperappel)."),
    "cat.dom0_io": _t("{column}: dom0's real driver does the I/O on the {device}.",
                      "{column} : le vrai pilote de dom0 fait l'E/S sur {device}."),
    "cat.pv_back_done": _t(
        "{column}: {driver} removes its mapping of the grant, writes the response and "
        "notifies the guest (two hypercalls).",
        "{column} : {driver} supprime sa projection de l'octroi, écrit la réponse et notifie "
        "l'invité (deux hyperappels)."),
    "cat.pv_front_done": _t(
        "{column}: the event channel upcall runs {driver}'s handler in the guest; the system "
        "call returns with iret (a hypercall).",
        "{column} : la remontée du canal d'événements exécute le gestionnaire de {driver} "
        "dans l'invité ; l'appel système revient par iret (un hyperappel)."),
    "cat.pv_mmu_update": _t(
        "{column}: the guest's page tables are read-only to it: it asks Xen with one "
        "mmu_update hypercall for {count} entries, and Xen validates each.",
        "{column} : les tables des pages de l'invité sont en lecture seule pour lui : il "
        "demande à Xen par un hyperappel mmu_update pour {count} entrées, et Xen valide "
        "chacune."),
    "cat.pv_entries_written": _t("{column}: Xen writes the {count} checked entries and returns.",
                                 "{column} : Xen écrit les {count} entrées vérifiées et "
                                 "revient."),
    "cat.pv_fault": _t(
        "{column}: the hardware walks the guest's own tables ({refs} references, machine "
        "frames): not present; the page fault goes to Xen first.",
        "{column} : le matériel parcourt les tables de l'invité ({refs} références, cadres "
        "machine) : absente ; le défaut de page va d'abord à Xen."),
    "cat.pv_fault_bounce": _t(
        "{column}: Xen puts the address in vcpu_info's cr2 and bounces the fault to the guest "
        "kernel's handler.",
        "{column} : Xen met l'adresse dans le cr2 de vcpu_info et renvoie le défaut au "
        "gestionnaire du noyau invité."),
    "cat.pv_iret_retry": _t(
        "{column}: iret (a hypercall) back to the application; the retried access walks "
        "{refs} references and finds the page.",
        "{column} : iret (un hyperappel) vers l'application ; l'accès rejoué parcourt {refs} "
        "références et trouve la page."),
    "cat.pv_cli": _t(
        "{column}: the PV kernel never executes cli: it sets evtchn_upcall_mask in its "
        "vcpu_info, a plain write Xen reads — no trap, no hypercall.",
        "{column} : le noyau PV n'exécute jamais cli : il met evtchn_upcall_mask dans son "
        "vcpu_info, une simple écriture que Xen lit — ni déroutement, ni hyperappel."),
    "cat.pv_block": _t("{column}: the idle guest blocks with the sched_op hypercall "
                       "(SCHEDOP_block); Xen runs another vCPU.",
                       "{column} : l'invité inactif se bloque par l'hyperappel sched_op "
                       "(SCHEDOP_block) ; Xen exécute un autre vCPU."),
    "cat.pv_wake": _t("{column}: an event wakes the vCPU; Xen schedules it again.",
                      "{column} : un événement réveille le vCPU ; Xen l'ordonnance à nouveau."),
    "cat.pv_cpuid_trap": _t(
        "{column}: Linux PV issues cpuid behind Xen's forced-emulation prefix: the #UD traps "
        "to Xen.",
        "{column} : Linux PV émet cpuid derrière le préfixe d'émulation forcée de Xen : le "
        "#UD est dérouté vers Xen."),
    "cat.pv_cpuid_done": _t("{column}: Xen emulates cpuid with the domain's CPU policy.",
                            "{column} : Xen émule cpuid avec la politique CPU du domaine."),
    "cat.pv_new_baseptr": _t(
        "{column}: to switch address space the guest asks Xen (mmuext_op, "
        "MMUEXT_NEW_BASEPTR, a hypercall); Xen checks the top-level table is pinned and "
        "loads CR3.",
        "{column} : pour changer d'espace d'adressage l'invité demande à Xen (mmuext_op, "
        "MMUEXT_NEW_BASEPTR, un hyperappel) ; Xen vérifie que la table de plus haut niveau "
        "est épinglée et charge CR3."),
    "cat.pv_timer": _t("{column}: the timer interrupt goes to Xen, which marks VIRQ_TIMER "
                       "pending for the guest.",
                       "{column} : l'interruption du temporisateur va à Xen, qui marque "
                       "VIRQ_TIMER en attente pour l'invité."),
    "cat.pv_upcall": _t("{column}: Xen upcalls the guest's event callback; its timer handler "
                        "runs natively.",
                        "{column} : Xen remonte vers la fonction de rappel d'événements de "
                        "l'invité ; son gestionnaire du temporisateur s'exécute nativement."),
    "cat.pv_rearm": _t(
        "{column}: the guest re-arms its one-shot timer (vcpu_op) and returns with iret: two "
        "hypercalls.",
        "{column} : l'invité réarme son temporisateur (vcpu_op) et revient par iret : deux "
        "hyperappels."),
}

HVM: T = {
    "cat.vm_exit": _t(
        "{column}: {instr}: VM exit (reason {number}, {reason}); the CPU leaves VMX non-root "
        "for Xen in VMX root.",
        "{column} : {instr} : sortie de VM (raison {number}, {reason}) ; le processeur quitte "
        "le mode VMX non-root pour Xen en VMX root."),
    "cat.vm_entry": _t("{column}: Xen handles {why} and resumes the guest (VM entry).",
                       "{column} : Xen traite {why} et reprend l'invité (entrée en VM)."),
    "cat.hvm_syscall": _t(
        "{column}: the system call {name} enters the guest kernel directly, inside VMX "
        "non-root: no VM exit.",
        "{column} : l'appel système {name} entre directement dans le noyau invité, en VMX "
        "non-root : pas de sortie de VM."),
    "cat.hvm_pt_write": _t(
        "{column}: the guest writes {count} entries of its own page tables: ordinary memory "
        "under EPT, no VM exit; invlpg is not intercepted.",
        "{column} : l'invité écrit {count} entrées de ses propres tables des pages : de la "
        "mémoire ordinaire avec EPT, pas de sortie de VM ; invlpg n'est pas intercepté."),
    "cat.hvm_fault": _t(
        "{column}: TLB miss: a 2D walk of {refs} references (guest tables × EPT): not present "
        "in the guest's table; the page fault goes straight to the guest kernel, no VM exit.",
        "{column} : échec du TLB : un parcours 2D de {refs} références (tables de l'invité × "
        "EPT) : absente de la table de l'invité ; le défaut de page va directement au noyau "
        "invité, sans sortie de VM."),
    "cat.hvm_fault_done": _t(
        "{column}: the guest kernel maps the page natively; the retried access walks {refs} "
        "references again.",
        "{column} : le noyau invité projette la page nativement ; l'accès rejoué parcourt à "
        "nouveau {refs} références."),
    "cat.shadow_write": _t(
        "{column}: shadow paging: each of the {count} writes hits a write-protected guest page "
        "table, a VM exit (reason {number}, #PF); Xen emulates it and fixes its shadow page "
        "tables.",
        "{column} : tables des pages fantômes : chacune des {count} écritures touche une "
        "table de l'invité protégée en écriture, une sortie de VM (raison {number}, #PF) ; "
        "Xen l'émule et corrige ses tables fantômes."),
    "cat.shadow_invlpg": _t("{column}: invlpg is a VM exit too (reason {number}): Xen drops the "
                            "shadow entry.",
                            "{column} : invlpg est aussi une sortie de VM (raison {number}) : "
                            "Xen retire l'entrée fantôme."),
    "cat.shadow_fault": _t(
        "{column}: shadow paging: the page fault is a VM exit (reason {number}); Xen walks the "
        "guest's tables in software ({refs} references): a true fault.",
        "{column} : tables des pages fantômes : le défaut de page est une sortie de VM (raison "
        "{number}) ; Xen parcourt les tables de l'invité en logiciel ({refs} références) : un "
        "vrai défaut."),
    "cat.shadow_inject": _t("{column}: Xen injects the page fault; the guest's handler runs.",
                            "{column} : Xen injecte le défaut de page ; le gestionnaire de "
                            "l'invité s'exécute."),
    "cat.shadow_fill": _t(
        "{column}: the retried access misses the shadow: one more VM exit (reason {number}); "
        "Xen fills the shadow entry ({refs} references) and resumes.",
        "{column} : l'accès rejoué manque l'entrée fantôme : encore une sortie de VM (raison "
        "{number}) ; Xen remplit l'entrée fantôme ({refs} références) et reprend."),
    "cat.shadow_cr3": _t(
        "{column}: mov to CR3 is a VM exit with shadow paging (reason {number}, {reason}): Xen "
        "finds the shadow of the new tables.",
        "{column} : mov vers CR3 est une sortie de VM avec les tables fantômes (raison "
        "{number}, {reason}) : Xen trouve la table fantôme des nouvelles tables."),
    "cat.hvm_native_priv": _t(
        "{column}: {instr} runs natively in VMX non-root ring 0: the VMCS does not intercept "
        "it.",
        "{column} : {instr} s'exécute nativement en VMX non-root anneau 0 : la VMCS ne "
        "l'intercepte pas."),
    "cat.hvm_port_exits": _t(
        "{column}: the guest's driver touches {count} register(s) of the emulated {device}: "
        "each is a VM exit (reason {number}) that Xen forwards to QEMU in dom0 as an ioreq.",
        "{column} : le pilote de l'invité touche {count} registre(s) du {device} émulé : "
        "chacun est une sortie de VM (raison {number}) que Xen transmet à QEMU dans dom0 "
        "comme un ioreq."),
    "cat.hvm_irq": _t("{column}: QEMU asks Xen to raise IRQ {irq} (dm_op, a hypercall).",
                      "{column} : QEMU demande à Xen de lever l'IRQ {irq} (dm_op, un "
                      "hyperappel)."),
    "cat.hvm_isr_exits": _t(
        "{column}: Xen injects the interrupt; the handler's {count} register access(es) are VM "
        "exits (reason {number}) to QEMU again.",
        "{column} : Xen injecte l'interruption ; les {count} accès aux registres du "
        "gestionnaire sont à nouveau des sorties de VM (raison {number}) vers QEMU."),
    "cat.hvm_inject": _t("{column}: Xen injects the virtual timer interrupt at VM entry; the "
                         "handler runs natively.",
                         "{column} : Xen injecte l'interruption virtuelle du temporisateur à "
                         "l'entrée en VM ; le gestionnaire s'exécute nativement."),
    "cat.hvm_apic_exits": _t(
        "{column}: without APIC virtualization the EOI and the next deadline are x2APIC MSR "
        "writes: {count} VM exits (reason {number}).",
        "{column} : sans virtualisation de l'APIC, l'EOI et la prochaine échéance sont des "
        "écritures de MSR x2APIC : {count} sorties de VM (raison {number})."),
}

REFUSALS: T = {
    "refused.categories.no_lab": _t("This session has no categories lab.",
                                    "Cette session n'a pas de labo des catégories."),
    "refused.categories.running": _t(
        "The workload is running (operation {index} of {total}): wait until it is done, or "
        "step back before it started.",
        "La charge de travail s'exécute (opération {index} sur {total}) : attendez qu'elle "
        "se termine, ou revenez avant son début."),
    "refused.categories.full": _t("A workload holds at most {most} operations.",
                                  "Une charge de travail compte au plus {most} opérations."),
    "refused.categories.last_op": _t("A workload keeps at least one operation.",
                                     "Une charge de travail garde au moins une opération."),
}

TEMPLATES: T = {**WORDS, **NAMES, **RUN, **EMULATION, **CONTAINER, **PV, **HVM, **REFUSALS}
