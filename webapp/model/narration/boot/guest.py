"""Narration of the guest kernel's first steps (``xen_start_kernel`` and what follows).
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    # -- the guest kernel --------------------------------------------------------------------
    "boot.guest_entry": {
        "en": "vCPU0 of {domain} runs for the first time at RIP = {rip}: startup_xen sets its "
              "stack from RSP = {rsp} and calls xen_start_kernel with RSI = {rsi}.",
        "fr": "Le vCPU0 de {domain} s'exécute pour la première fois en RIP = {rip} : startup_xen "
              "prend sa pile en RSP = {rsp} et appelle xen_start_kernel avec RSI = {rsi}.",
    },
    "boot.guest_start_info": {
        "en": "xen_start_kernel reads start_info (magic “{magic}”, nr_pages {nr_pages}, flags "
              "{flags} = {flag_names}) and installs the paravirt ops: CPUID, CR and MSR "
              "accesses, GDT/IDT loads become hypercalls.",
        "fr": "xen_start_kernel lit start_info (magic « {magic} », nr_pages {nr_pages}, flags "
              "{flags} = {flag_names}) et installe les opérations para-virtualisées : CPUID, "
              "accès aux CR et MSR, chargements de GDT/IDT deviennent des hyperappels.",
    },
    "boot.guest_p2m": {
        "en": "xen_build_dynamic_phys_to_machine: the kernel adopts the list at mfn_list = "
              "{mfn_list} as its P2M ({entries} entries, {runs} machine run(s)). Its memory looks "
              "contiguous; the P2M says where each frame really is.",
        "fr": "xen_build_dynamic_phys_to_machine : le noyau adopte la liste en mfn_list = "
              "{mfn_list} comme sa P2M ({entries} entrées, {runs} morceau(x) machine). Sa mémoire "
              "paraît contiguë ; la P2M dit où est vraiment chaque cadre.",
    },
    "boot.guest_pagetables": {
        "en": "xen_setup_kernel_pagetable(pt_base = {pt_base}, {nr_pt_frames} frames): the "
              "kernel builds its own page tables from the bootstrap ones, every write an "
              "mmu_update Xen checks; it pins the new top level and unpins the old "
              "(MMUEXT_UNPIN_TABLE).",
        "fr": "xen_setup_kernel_pagetable(pt_base = {pt_base}, {nr_pt_frames} cadres) : le noyau "
              "construit ses propres tables des pages à partir de celles de démarrage, chaque "
              "écriture étant un mmu_update vérifié par Xen ; il épingle le nouveau premier "
              "niveau et désépingle l'ancien (MMUEXT_UNPIN_TABLE).",
    },
    "boot.guest_shared_info": {
        "en": "The kernel maps shared_info from the machine address in start_info ({maddr}) "
              "with update_va_mapping.",
        "fr": "Le noyau projette shared_info depuis l'adresse machine de start_info ({maddr}) "
              "avec update_va_mapping.",
    },
    "boot.guest_callbacks": {
        "en": "CALLBACKOP_register: {callbacks}; set_trap_table loads its exception handlers "
              "through Xen.",
        "fr": "CALLBACKOP_register : {callbacks} ; set_trap_table charge ses gestionnaires "
              "d'exceptions par Xen.",
    },
    "boot.guest_xenbus": {
        "en": "xenbus connects to xenstore through store_mfn {store_mfn} and event channel "
              "{store_evtchn}; the console uses MFN {console_mfn} and channel {console_evtchn}. "
              "The PV frontends can now probe.",
        "fr": "xenbus se connecte à xenstore par store_mfn {store_mfn} et le canal d'événements "
              "{store_evtchn} ; la console utilise le MFN {console_mfn} et le canal "
              "{console_evtchn}. Les frontends PV peuvent maintenant se présenter.",
    },
    "boot.guest_dom0_services": {
        "en": "dom0 asks Xen for the machine's real memory map (XENMEM_machine_memory_map), "
              "starts xenstored and the toolstack: from now on, xl can create domains.",
        "fr": "dom0 demande à Xen la vraie carte mémoire de la machine "
              "(XENMEM_machine_memory_map), lance xenstored et la toolstack : désormais, xl peut "
              "créer des domaines.",
    },
    "boot.guest_init": {
        "en": "The kernel of {domain} finishes its generic start ({vcpus} vCPU(s), command line "
              "“{cmdline}”) and runs /sbin/init — from here on, it boots like any Linux.",
        "fr": "Le noyau de {domain} termine son démarrage générique ({vcpus} vCPU, ligne de "
              "commande « {cmdline} ») et lance /sbin/init — à partir d'ici, il démarre comme "
              "n'importe quel Linux.",
    },
    "boot.fragmented": {
        "en": "Xen's heap makes {allocations} allocation(s) ({frames} frames) scattered over "
              "free memory: the free memory is now {free_runs} separate stretch(es), so the next "
              "domain's frames will be scattered too.",
        "fr": "Le tas de Xen fait {allocations} allocation(s) ({frames} cadres) dispersées dans "
              "la mémoire libre : elle forme maintenant {free_runs} morceau(x) séparé(s), les "
              "cadres du prochain domaine seront donc dispersés aussi.",
    },
}
