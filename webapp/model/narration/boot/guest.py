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
              "{flags} = {flag_names}) and installs the paravirt ops: CR3, GDT and IDT loads "
              "and the kernel stack switch become hypercalls; cpuid runs under the "
              "forced-emulation prefix and traps to Xen; MSR accesses and CR0 writes trap and "
              "Xen emulates them; CR2 is read from vcpu_info.",
        "fr": "xen_start_kernel lit start_info (magic « {magic} », nr_pages {nr_pages}, flags "
              "{flags} = {flag_names}) et installe les opérations para-virtualisées : les "
              "chargements de CR3, de la GDT et de l'IDT et le changement de pile noyau "
              "deviennent des hyperappels ; cpuid s'exécute avec le préfixe d'émulation forcée "
              "et déroute vers Xen ; les accès aux MSR et les écritures de CR0 déroutent et Xen "
              "les émule ; CR2 se lit dans vcpu_info.",
    },
    "boot.guest_p2m": {
        "en": "xen_build_dynamic_phys_to_machine: the kernel adopts the list at mfn_list = "
              "{mfn_list} as its P2M ({entries} entries, {runs} machine run(s)). Its memory looks "
              "contiguous; the P2M says where each frame really is.",
        "fr": "xen_build_dynamic_phys_to_machine : le noyau adopte la liste en mfn_list = "
              "{mfn_list} comme sa P2M ({entries} entrées, {runs} plage(s) contiguë(s) de cadres "
              "machine). Sa mémoire paraît contiguë ; la P2M dit où est vraiment chaque cadre.",
    },
    "boot.guest_pagetables": {
        "en": "xen_setup_kernel_pagetable(pt_base = {pt_base}, {nr_pt_frames} frames): the "
              "kernel writes its new page tables directly while they are still ordinary "
              "writable pages, then makes them read-only (update_va_mapping) and pins them "
              "(MMUEXT_PIN_L4_TABLE): Xen validates the whole tree at the pin. It switches to "
              "them (MMUEXT_NEW_BASEPTR) and unpins the bootstrap tables (MMUEXT_UNPIN_TABLE). "
              "From now on, a change to a live table goes through mmu_update, batched in "
              "multicalls.",
        "fr": "xen_setup_kernel_pagetable(pt_base = {pt_base}, {nr_pt_frames} cadres) : le noyau "
              "écrit directement ses nouvelles tables des pages tant qu'elles sont encore des "
              "pages ordinaires en écriture, puis les projette en lecture seule "
              "(update_va_mapping) et les épingle (MMUEXT_PIN_L4_TABLE) : Xen valide tout "
              "l'arbre à l'épinglage. Il bascule dessus (MMUEXT_NEW_BASEPTR) et désépingle les "
              "tables de démarrage (MMUEXT_UNPIN_TABLE). Désormais, une modification d'une "
              "table en service passe par mmu_update, regroupé en multicalls.",
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
    "boot.guest_memory_map": {
        "en": "Early in setup_arch, xen_memory_setup asks Xen for {domain}'s memory map "
              "(XENMEM_memory_map): one RAM entry, the limit libxl set for this PV guest "
              "(xc_domain_set_memmap_limit: its maximum memory, {memory_mb} MiB, plus any "
              "slack). No firmware ever ran: this map is all the guest knows of “its” RAM.",
        "fr": "Tôt dans setup_arch, xen_memory_setup demande à Xen la carte mémoire de "
              "{domain} (XENMEM_memory_map) : une seule entrée RAM, la limite que libxl a "
              "fixée pour cet invité PV (xc_domain_set_memmap_limit : sa mémoire maximale, "
              "{memory_mb} Mio, plus une éventuelle marge). Aucun micrologiciel n'a tourné : "
              "cette carte est tout ce que l'invité sait de « sa » RAM.",
    },
    "boot.guest_machine_memory_map": {
        "en": "Early in setup_arch (long before xenbus), xen_memory_setup in dom0 asks Xen for "
              "the machine's real memory map (XENMEM_machine_memory_map): the firmware's "
              "{entries}-entry e820, which dom0 needs to find the devices' memory.",
        "fr": "Tôt dans setup_arch (bien avant xenbus), xen_memory_setup demande à Xen, dans "
              "dom0, la vraie carte mémoire de la machine (XENMEM_machine_memory_map) : l'e820 "
              "du micrologiciel, à {entries} entrées, dont dom0 a besoin pour trouver la mémoire "
              "des périphériques.",
    },
    "boot.guest_dom0_services": {
        "en": "dom0 starts xenstored and the toolstack: from now on, xl can create domains.",
        "fr": "dom0 lance xenstored et la toolstack : désormais, xl peut créer des domaines.",
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
        "fr": "Le tas de Xen fait {allocations} allocation(s) ({frames} cadres) dispersées dans la "
              "mémoire libre : elle forme maintenant {free_runs} plage(s) contiguë(s) séparée(s), "
              "les cadres du prochain domaine seront donc dispersés aussi.",
    },
}
