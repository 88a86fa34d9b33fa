"""The boot lab exercises' questions and explanations
(``webapp/model/boot/exercises.py``).
"""

from __future__ import annotations

EXERCISES: dict[str, dict[str, str]] = {
    "exercise.p2m_lookup.question": {
        "en": "Which machine frame holds pseudo-physical frame {pfn} of {domain}?",
        "fr": "Quel cadre machine contient le cadre pseudo-physique {pfn} de {domain} ?",
    },
    "exercise.p2m_lookup.why": {
        "en": "The P2M run that contains it maps pseudo-physical frames {run_pfn}–{run_last} to "
              "machine frames {run_mfn}–{run_mlast}, so pfn {pfn} → MFN {mfn} ({mfn_hex}). The "
              "M2P says the reverse: m2p[{mfn}] = {pfn}.",
        "fr": "La plage contiguë de la P2M qui le contient projette les cadres pseudo-physiques "
              "{run_pfn}–{run_last} sur les cadres machine {run_mfn}–{run_mlast}, donc pfn {pfn} → "
              "MFN {mfn} ({mfn_hex}). La M2P dit l'inverse : m2p[{mfn}] = {pfn}.",
    },
    "exercise.p2m_field.question": {
        "en": "Which start_info field tells the guest where its P2M is?",
        "fr": "Quel champ de start_info indique à l'invité où se trouve sa P2M ?",
    },
    "exercise.p2m_field.why": {
        "en": "mfn_list = {mfn_list}: the virtual address of the P2M list (one entry per "
              "pseudo-physical frame, {nr_pages} entries) that the builder placed in the "
              "start-of-day region. pt_base points at the page tables, shared_info is a machine "
              "address, mod_start is the initrd.",
        "fr": "mfn_list = {mfn_list} : l'adresse virtuelle de la liste P2M (une entrée par cadre "
              "pseudo-physique, {nr_pages} entrées) que le constructeur a placée dans la région "
              "de démarrage. pt_base désigne les tables des pages, shared_info est une adresse "
              "machine, mod_start est l'initrd.",
    },
    "exercise.pt_readonly.question": {
        "en": "Why are the initial page tables mapped read-only?",
        "fr": "Pourquoi les tables des pages initiales sont-elles projetées en lecture seule ?",
    },
    "exercise.pt_readonly.validate": {
        "en": "So that every change goes through Xen, which checks it",
        "fr": "Pour que chaque modification passe par Xen, qui la vérifie",
    },
    "exercise.pt_readonly.speed": {
        "en": "Because read-only pages are faster for the TLB",
        "fr": "Parce que les pages en lecture seule sont plus rapides pour le TLB",
    },
    "exercise.pt_readonly.never": {
        "en": "Because the guest never needs to change them",
        "fr": "Parce que l'invité n'a jamais besoin de les modifier",
    },
    "exercise.pt_readonly.memory": {
        "en": "To save memory: read-only pages can be shared",
        "fr": "Pour économiser la mémoire : les pages en lecture seule peuvent être partagées",
    },
    "exercise.pt_readonly.why": {
        "en": "Their entries hold machine frame numbers: a guest that could write them could map "
              "any machine frame, another domain's or Xen's. So the L1 entries that map the "
              "{nr_pt_frames} page-table frames (from pfn {pt_pfn}) have no _PAGE_RW, Xen "
              "validates the tree when it is pinned, and a live table is changed only through "
              "Xen (mmu_update), which checks each entry. The guest does build its own tables "
              "at boot: it writes them while they are still ordinary pages, then makes them "
              "read-only and pins them — Xen validates them at the pin.",
        "fr": "Leurs entrées contiennent des numéros de cadres machine : un invité qui pourrait "
              "les écrire pourrait projeter n'importe quel cadre machine, d'un autre domaine ou de "
              "Xen. Les entrées L1 qui projettent les {nr_pt_frames} cadres de tables (à partir "
              "du pfn {pt_pfn}) n'ont donc pas _PAGE_RW, Xen valide l'arbre à son épinglage, et "
              "une table en service ne se modifie que par Xen (mmu_update), qui vérifie chaque "
              "entrée. L'invité construit bien ses propres tables au démarrage : il les écrit "
              "tant qu'elles sont des pages ordinaires, puis les projette en lecture seule et "
              "les épingle — Xen les valide à l'épinglage.",
    },
    "exercise.rsi.question": {
        "en": "When vCPU0 of {domain} runs its first instruction, what does RSI hold?",
        "fr": "Quand le vCPU0 de {domain} exécute sa première instruction, que contient RSI ?",
    },
    "exercise.rsi.why": {
        "en": "vcpu_x86_64 sets RSI = VIRT_BASE + start_info's pfn × 4096 = {rsi}, the virtual "
              "address of start_info; startup_xen hands it to xen_start_kernel. RIP = {rip} is "
              "the entry point, RSP = {rsp} the top of the boot stack.",
        "fr": "vcpu_x86_64 met RSI = VIRT_BASE + pfn de start_info × 4096 = {rsi}, l'adresse "
              "virtuelle de start_info ; startup_xen la passe à xen_start_kernel. RIP = {rip} est "
              "le point d'entrée, RSP = {rsp} le sommet de la pile de démarrage.",
    },
    "exercise.shared_info.question": {
        "en": "Which machine frame holds {domain}'s shared_info page?",
        "fr": "Quel cadre machine contient la page shared_info de {domain} ?",
    },
    "exercise.shared_info.why": {
        "en": "start_info.shared_info = {maddr} is a machine address: {maddr} >> 12 = MFN {mfn}. "
              "Xen allocated the page from its own heap when it created the domain.",
        "fr": "start_info.shared_info = {maddr} est une adresse machine : {maddr} >> 12 = MFN "
              "{mfn}. Xen a alloué la page sur son propre tas à la création du domaine.",
    },
    "exercise.not_ready": {
        "en": "{domain} is not built far enough yet to ask this: step on.",
        "fr": "{domain} n'est pas encore assez construit pour cette question : avancez.",
    },
}
