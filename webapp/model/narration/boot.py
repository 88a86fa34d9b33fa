"""Narration of the boot lab (the domain builder, Xen's dom0 builder, the guest kernel's first
steps and the traditional machine), in English and French (glossary.md)."""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    # -- the toolstack makes the domain --------------------------------------------------------
    "boot.max_limits": {
        "en": "XEN_DOMCTL_max_vcpus and XEN_DOMCTL_max_mem: {domain} may have {vcpus} vCPU(s) "
              "and {memory_kb} KiB.",
        "fr": "XEN_DOMCTL_max_vcpus et XEN_DOMCTL_max_mem : {domain} aura au plus {vcpus} vCPU "
              "et {memory_kb} Kio.",
    },
    "boot.evtchns": {
        "en": "libxl allocates two unbound event channels for {domain}: port {store_port} for "
              "xenstore and port {console_port} for the console.",
        "fr": "libxl alloue deux canaux d'événements non liés pour {domain} : le port "
              "{store_port} pour xenstore et le port {console_port} pour la console.",
    },
    # -- the builder reads the kernel -----------------------------------------------------------
    "boot.load_files": {
        "en": "xc_dom_allocate, then the kernel file {kernel} ({kernel_mb} MiB loaded) and the "
              "initrd {initrd} ({initrd_bytes} bytes) as a module.",
        "fr": "xc_dom_allocate, puis le fichier noyau {kernel} ({kernel_mb} Mio chargés) et "
              "l'initrd {initrd} ({initrd_bytes} octets) comme module.",
    },
    "boot.parse_elf": {
        "en": "The domain builder parses the ELF kernel and its Xen notes: VIRT_BASE = "
              "{virt_base}, ENTRY = {entry} (startup_xen), HYPERCALL_PAGE = {hypercall_page}, "
              "GUEST_OS = {guest_os}, FEATURES = {features}.",
        "fr": "Le constructeur de domaine analyse le noyau ELF et ses notes Xen : VIRT_BASE = "
              "{virt_base}, ENTRY = {entry} (startup_xen), HYPERCALL_PAGE = {hypercall_page}, "
              "GUEST_OS = {guest_os}, FEATURES = {features}.",
    },
    # -- memory ----------------------------------------------------------------------------------
    "boot.mem_init": {
        "en": "xc_dom_mem_init: {domain} will have {nr_pages} pages. The builder's pv_p2m[] "
              "starts with every entry INVALID; it will try {extents} extent(s) of 2 MiB first.",
        "fr": "xc_dom_mem_init : {domain} aura {nr_pages} pages. Le tableau pv_p2m[] du "
              "constructeur commence avec toutes ses entrées à INVALID ; il essaiera d'abord "
              "{extents} bloc(s) de 2 Mio.",
    },
    "boot.populate_2m": {
        "en": "populate_physmap, order 9 ({calls} call(s) of up to 512 extents): Xen gives "
              "{domain} {extents} extent(s) of 2 MiB out of {wanted}, in {pieces} machine "
              "stretch(es) from frame {first_mfn}; the P2M numbers them as pseudo-physical "
              "frames 0 to {frames} − 1.",
        "fr": "populate_physmap, ordre 9 ({calls} appel(s) d'au plus 512 blocs) : Xen donne à "
              "{domain} {extents} bloc(s) de 2 Mio sur {wanted}, en {pieces} morceau(x) machine "
              "à partir du cadre {first_mfn} ; la P2M les numérote comme cadres "
              "pseudo-physiques 0 à {frames} − 1.",
    },
    "create.failed_too_small": {
        "en": "The builder cannot place the {element}: the start-of-day region needs {needed} "
              "pages but {domain} has only {nr_pages} (XC_OUT_OF_MEMORY). libxl destroys the "
              "half-built domain and its {freed} frames go back: nothing is left allocated.",
        "fr": "Le constructeur ne peut pas placer l'élément {element} : la région de démarrage "
              "demande {needed} pages mais {domain} n'en a que {nr_pages} (XC_OUT_OF_MEMORY). "
              "libxl détruit le domaine à moitié construit et ses {freed} cadres sont rendus : "
              "rien ne reste alloué.",
    },
    # -- the start-of-day region -----------------------------------------------------------------
    "boot.place_kernel": {
        "en": "The kernel image goes first: {pages} pages from pseudo-physical frame {pfn}, "
              "mapped at {vstart}–{vend} (virtual = VIRT_BASE + pfn × 4096).",
        "fr": "L'image du noyau vient en premier : {pages} pages à partir du cadre "
              "pseudo-physique {pfn}, projetées en {vstart}–{vend} (virtuelle = VIRT_BASE + "
              "pfn × 4096).",
    },
    "boot.place_initrd": {
        "en": "Then the initrd ({size} bytes, {pages} pages) at {vstart}: this will be "
              "start_info.mod_start.",
        "fr": "Puis l'initrd ({size} octets, {pages} pages) en {vstart} : ce sera "
              "start_info.mod_start.",
    },
    "boot.place_p2m": {
        "en": "Then the P2M list: one 8-byte entry per pseudo-physical frame ({size} bytes, "
              "{pages} pages) at {vstart}. This will be start_info.mfn_list.",
        "fr": "Puis la liste P2M : une entrée de 8 octets par cadre pseudo-physique ({size} "
              "octets, {pages} pages) en {vstart}. Ce sera start_info.mfn_list.",
    },
    "boot.place_start_info": {
        "en": "One page for start_info at {vstart} (pfn {pfn}): RSI will point here.",
        "fr": "Une page pour start_info en {vstart} (pfn {pfn}) : RSI pointera ici.",
    },
    "boot.place_xenstore": {
        "en": "One page for the xenstore ring at {vstart} (pfn {pfn}), cleared.",
        "fr": "Une page pour l'anneau xenstore en {vstart} (pfn {pfn}), mise à zéro.",
    },
    "boot.place_console": {
        "en": "One page for the console ring at {vstart} (pfn {pfn}), initialised.",
        "fr": "Une page pour l'anneau de la console en {vstart} (pfn {pfn}), initialisée.",
    },
    "boot.place_pagetables": {
        "en": "{nr_pt_frames} frames for the bootstrap page tables at {vstart}: enough to map "
              "the whole region up to {virt_end}, the tables themselves included.",
        "fr": "{nr_pt_frames} cadres pour les tables des pages de démarrage en {vstart} : de "
              "quoi projeter toute la région jusqu'à {virt_end}, tables comprises.",
    },
    "boot.place_stack": {
        "en": "Last, one page of boot stack at {vstart}. The region ends at {virt_end}, on a 4 MiB"
              " boundary, after {padding_kb} KiB of padding (at least 512 KiB).",
        "fr": "Enfin, une page de pile de démarrage en {vstart}. La région se termine en "
              "{virt_end}, sur une frontière de 4 Mio, après {padding_kb} Kio de marge (au moins "
              "512 Kio).",
    },
    # -- page tables, start_info, hypercall page -----------------------------------------------
    "boot.shared_info_frame": {
        "en": "getdomaininfo: Xen reports {domain}'s shared_info page, machine frame {mfn} "
              "(machine address {maddr}).",
        "fr": "getdomaininfo : Xen indique la page shared_info de {domain}, cadre machine {mfn} "
              "(adresse machine {maddr}).",
    },
    "boot.pgtables_upper": {
        "en": "setup_pgtables: L4[{l4_slot}] → L3 (MFN {l3_mfn}), L3[{l3_slot}] → L2 (MFN "
              "{l2_mfn}), the L2 → {l1_tables} L1 table(s). Entries hold machine frame numbers, "
              "not pseudo-physical ones.",
        "fr": "setup_pgtables : L4[{l4_slot}] → L3 (MFN {l3_mfn}), L3[{l3_slot}] → L2 (MFN "
              "{l2_mfn}), la L2 → {l1_tables} table(s) L1. Les entrées contiennent des numéros de "
              "cadres machine, pas pseudo-physiques.",
    },
    "boot.pgtables_l1": {
        "en": "The L1 entries map all {frames} frames of the region to their MFNs. The {readonly}"
              " entries that map the page tables themselves (from pfn {pt_pfn}) are read-only: "
              "the guest may change its page tables only through Xen.",
        "fr": "Les entrées L1 projettent les {frames} cadres de la région sur leurs MFN. Les "
              "{readonly} entrées qui projettent les tables des pages elles-mêmes (à partir du "
              "pfn {pt_pfn}) sont en lecture seule : l'invité ne peut modifier ses tables que "
              "par Xen.",
    },
    "boot.p2m_copied": {
        "en": "pv_p2m[] is copied into the guest's P2M list at {va}: {entries} entries, entry "
              "pfn holding the MFN of pfn ({runs} machine run(s)).",
        "fr": "pv_p2m[] est copié dans la liste P2M de l'invité en {va} : {entries} entrées, "
              "l'entrée pfn contenant le MFN de pfn ({runs} morceau(x) machine).",
    },
    "boot.si_magic": {
        "en": "start_info.magic = “{magic}”, nr_pages = {nr_pages}.",
        "fr": "start_info.magic = « {magic} », nr_pages = {nr_pages}.",
    },
    "boot.si_shared_info": {
        "en": "start_info.shared_info = {shared_info}: the machine address of the shared_info "
              "page (MFN << 12).",
        "fr": "start_info.shared_info = {shared_info} : l'adresse machine de la page "
              "shared_info (MFN << 12).",
    },
    "boot.si_flags": {
        "en": "start_info.flags = {flags} ({flag_names}).",
        "fr": "start_info.flags = {flags} ({flag_names}).",
    },
    "boot.si_store": {
        "en": "start_info.store_mfn = {store_mfn}, store_evtchn = {store_evtchn}: where xenbus "
              "will find xenstore.",
        "fr": "start_info.store_mfn = {store_mfn}, store_evtchn = {store_evtchn} : là où xenbus "
              "trouvera xenstore.",
    },
    "boot.si_store_dom0": {
        "en": "start_info.store_mfn = {store_mfn}, store_evtchn = {store_evtchn}: dom0 has no "
              "xenstore page — it will run xenstored itself.",
        "fr": "start_info.store_mfn = {store_mfn}, store_evtchn = {store_evtchn} : dom0 n'a pas "
              "de page xenstore — il exécutera lui-même xenstored.",
    },
    "boot.si_console": {
        "en": "start_info.console.domU.mfn = {console_domU_mfn}, evtchn = "
              "{console_domU_evtchn}.",
        "fr": "start_info.console.domU.mfn = {console_domU_mfn}, evtchn = "
              "{console_domU_evtchn}.",
    },
    "boot.si_console_dom0": {
        "en": "start_info.console.dom0.info_off = {console_dom0_info_off}, info_size = "
              "{console_dom0_info_size}: the VGA console info follows start_info in its page.",
        "fr": "start_info.console.dom0.info_off = {console_dom0_info_off}, info_size = "
              "{console_dom0_info_size} : les informations de la console VGA suivent start_info "
              "dans sa page.",
    },
    "boot.si_pt_base": {
        "en": "start_info.pt_base = {pt_base} (virtual address of the top-level table), "
              "nr_pt_frames = {nr_pt_frames}.",
        "fr": "start_info.pt_base = {pt_base} (adresse virtuelle de la table de premier niveau),"
              " nr_pt_frames = {nr_pt_frames}.",
    },
    "boot.si_mfn_list": {
        "en": "start_info.mfn_list = {mfn_list}: the virtual address of the P2M list — how the "
              "guest finds the machine frame of each of its pseudo-physical frames.",
        "fr": "start_info.mfn_list = {mfn_list} : l'adresse virtuelle de la liste P2M — c'est "
              "ainsi que l'invité trouve le cadre machine de chacun de ses cadres "
              "pseudo-physiques.",
    },
    "boot.si_module": {
        "en": "start_info.mod_start = {mod_start}, mod_len = {mod_len}: the initrd.",
        "fr": "start_info.mod_start = {mod_start}, mod_len = {mod_len} : l'initrd.",
    },
    "boot.si_module_dom0": {
        "en": "start_info.mod_start = {mod_start}, mod_len = {mod_len}: with SIF_MOD_START_PFN, "
              "mod_start is the PFN where the initrd already lies.",
        "fr": "start_info.mod_start = {mod_start}, mod_len = {mod_len} : avec "
              "SIF_MOD_START_PFN, mod_start est le PFN où se trouve déjà l'initrd.",
    },
    "boot.si_cmd_line": {
        "en": "start_info.cmd_line = “{cmd_line}”. start_info is complete: what firmware and "
              "bootloader tell a native kernel, Xen wrote in one page.",
        "fr": "start_info.cmd_line = « {cmd_line} ». start_info est complet : ce que le "
              "micrologiciel et le chargeur d'amorçage disent à un noyau natif, Xen l'a écrit "
              "dans une page.",
    },
    "boot.hypercall_page": {
        "en": "The hypercall page (pfn {pfn}, MFN {mfn}, at {va}) gets {stubs} stubs, 32 bytes "
              "apart: the guest calls hypercall_page + nr × 32.",
        "fr": "La page d'hyperappels (pfn {pfn}, MFN {mfn}, en {va}) reçoit {stubs} routines, "
              "espacées de 32 octets : l'invité appelle hypercall_page + nr × 32.",
    },
    "boot.pin_l4": {
        "en": "MMUEXT_PIN_L4_TABLE (cmd {cmd}) on MFN {mfn}: Xen validates all {tables} tables "
              "(no writable mapping of a page table, only the domain's own frames) and pins the "
              "top level.",
        "fr": "MMUEXT_PIN_L4_TABLE (cmd {cmd}) sur le MFN {mfn} : Xen valide les {tables} tables "
              "(aucune projection en écriture d'une table des pages, seulement les cadres du "
              "domaine) et épingle le premier niveau.",
    },
    "boot.shared_info_init": {
        "en": "shared_info (MFN {mfn}) is mapped and cleared; the evtchn_upcall_mask of all "
              "{slots} vcpu_info slots is set to 1: no event upcall before the guest is ready.",
        "fr": "shared_info (MFN {mfn}) est projetée et mise à zéro ; l'evtchn_upcall_mask des "
              "{slots} emplacements vcpu_info passe à 1 : aucun appel d'événement avant que "
              "l'invité soit prêt.",
    },
    "boot.vcpu_context": {
        "en": "XEN_DOMCTL_setvcpucontext for vCPU0: RIP = {rip} (entry), RSP = {rsp} (top of the "
              "boot stack), RSI = {rsi} (start_info), CR3 = {cr3}, RFLAGS = IF, flags = "
              "VGCF_in_kernel | VGCF_online.",
        "fr": "XEN_DOMCTL_setvcpucontext pour le vCPU0 : RIP = {rip} (entrée), RSP = {rsp} "
              "(sommet de la pile de démarrage), RSI = {rsi} (start_info), CR3 = {cr3}, RFLAGS = "
              "IF, flags = VGCF_in_kernel | VGCF_online.",
    },
    "boot.gnttab": {
        "en": "Grant entries seeded: 0 → console ring (MFN {console_mfn}), 1 → xenstore ring "
              "(MFN {store_mfn}), both for dom0's backends.",
        "fr": "Entrées d'octroi préparées : 0 → anneau de la console (MFN {console_mfn}), 1 → "
              "anneau xenstore (MFN {store_mfn}), pour les backends de dom0.",
    },
    "boot.xenstore_nodes": {
        "en": "libxl__build_post writes {nodes} node(s) under {path} (image/cmdline = “{cmdline}”,"
              " memory/target, control/…).",
        "fr": "libxl__build_post écrit {nodes} nœud(s) sous {path} (image/cmdline = « {cmdline} »"
              ", memory/target, control/…).",
    },
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
    # -- dom0 ----------------------------------------------------------------------------------
    "boot.dom0_create": {
        "en": "domain_create(0): Xen creates dom0 itself ({vcpus} vCPU(s), {memory_mb} MiB), the"
              " control and hardware domain. No toolstack exists yet: Xen is its builder.",
        "fr": "domain_create(0) : Xen crée lui-même dom0 ({vcpus} vCPU, {memory_mb} Mio), le "
              "domaine de contrôle et matériel. Aucune toolstack n'existe encore : Xen est son "
              "constructeur.",
    },
    "boot.dom0_layout": {
        "en": "VIRTUAL MEMORY ARRANGEMENT: dom0's start-of-day region runs from {v_start} to "
              "{v_end}, with {nr_pt_frames} page-table frames; the initrd is not in it.",
        "fr": "VIRTUAL MEMORY ARRANGEMENT : la région de démarrage de dom0 va de {v_start} à "
              "{v_end}, avec {nr_pt_frames} cadres de tables des pages ; l'initrd n'y est pas.",
    },
    "boot.dom0_alloc": {
        "en": "alloc_domheap_pages(d, order {order}): one aligned, contiguous chunk of {pages} "
              "frames from machine frame {first_mfn} covers the region — dom0's P2M starts "
              "with one long run.",
        "fr": "alloc_domheap_pages(d, ordre {order}) : un seul bloc aligné et contigu de {pages} "
              "cadres à partir du cadre machine {first_mfn} couvre la région — la P2M de dom0 "
              "commence par un long morceau.",
    },
    "boot.dom0_initrd": {
        "en": "The initrd stays where the bootloader put it: its {pages} machine frames from "
              "{mfn} become dom0's pseudo-physical frames from {pfn}.",
        "fr": "L'initrd reste là où le chargeur d'amorçage l'a mis : ses {pages} cadres machine "
              "à partir de {mfn} deviennent les cadres pseudo-physiques de dom0 à partir de "
              "{pfn}.",
    },
    "boot.dom0_memory": {
        "en": "alloc_chunk gives dom0 its remaining {frames} frames; Xen writes the P2M and the "
              "M2P: {nr_pages} pages in {runs} machine run(s).",
        "fr": "alloc_chunk donne à dom0 ses {frames} cadres restants ; Xen écrit la P2M et la "
              "M2P : {nr_pages} pages en {runs} morceau(x) machine.",
    },
    "boot.dom0_discard": {
        "en": "discard_initial_images: the {pages} frames of the kernel module (from {mfn}) go "
              "back to Xen's free heap.",
        "fr": "discard_initial_images : les {pages} cadres du module noyau (à partir de {mfn}) "
              "retournent au tas libre de Xen.",
    },
    "boot.dom0_unpause": {
        "en": "At the end of its own boot Xen unpauses dom0 "
              "(domain_unpause_by_systemcontroller): controller_pause_count 1 → 0.",
        "fr": "À la fin de son propre démarrage, Xen relance dom0 "
              "(domain_unpause_by_systemcontroller) : controller_pause_count 1 → 0.",
    },
    # -- the traditional machine ---------------------------------------------------------------
    "native.power_on": {
        "en": "Power on: the CPU starts at the reset vector 0xFFFFFFF0, in the {firmware} "
              "firmware's flash.",
        "fr": "Mise sous tension : le processeur démarre au vecteur de réinitialisation "
              "0xFFFFFFF0, dans la mémoire flash du micrologiciel {firmware}.",
    },
    "native.post": {
        "en": "{firmware} POST: it finds {cpus} CPU(s) and {memory_mb} MiB of RAM and tests them.",
        "fr": "POST du {firmware} : il trouve {cpus} processeur(s) et {memory_mb} Mio de RAM et "
              "les teste.",
    },
    "native.probe": {
        "en": "The firmware enumerates the PCI buses ({devices}) and builds the ACPI tables "
              "({acpi}).",
        "fr": "Le micrologiciel énumère les bus PCI ({devices}) et construit les tables ACPI "
              "({acpi}).",
    },
    "native.e820": {
        "en": "The memory map ({query}): {entries} entries, {usable_mb} MiB usable, with holes for"
              " the BIOS area, ACPI and devices. This information only exists because the "
              "machine just started.",
        "fr": "La carte mémoire ({query}) : {entries} entrées, {usable_mb} Mio utilisables, avec "
              "des trous pour la zone BIOS, l'ACPI et les périphériques. Cette information "
              "n'existe que parce que la machine vient de démarrer.",
    },
    "native.bootloader": {
        "en": "The {firmware} firmware loads the bootloader (GRUB) from {where}.",
        "fr": "Le micrologiciel {firmware} charge le chargeur d'amorçage (GRUB) depuis {where}.",
    },
    "native.load_kernel": {
        "en": "GRUB reads grub.cfg and loads the kernel at {kernel_at} and the initrd "
              "({initrd_bytes} bytes) high in low memory at {initrd_at}: one contiguous "
              "physical range each.",
        "fr": "GRUB lit grub.cfg et charge le noyau en {kernel_at} et l'initrd ({initrd_bytes} "
              "octets) en haut de la mémoire basse en {initrd_at} : une plage physique contiguë "
              "chacun.",
    },
    "native.boot_params": {
        "en": "GRUB fills boot_params (the “zero page”): the {entries} e820 entries, the command "
              "line “{cmdline}”, the initrd's place; then it jumps to the kernel.",
        "fr": "GRUB remplit boot_params (la « zero page ») : les {entries} entrées e820, la ligne"
              " de commande « {cmdline} », l'emplacement de l'initrd ; puis il saute dans le "
              "noyau.",
    },
    "native.decompress": {
        "en": "The kernel decompresses itself to {at} and switches to its early identity-mapped "
              "page tables.",
        "fr": "Le noyau se décompresse en {at} et passe sur ses premières tables des pages en "
              "projection identité.",
    },
    "native.memblock": {
        "en": "setup_arch reads the {entries} e820 entries from boot_params into memblock: "
              "{usable_mb} MiB of physical memory, contiguous apart from the firmware's holes.",
        "fr": "setup_arch lit les {entries} entrées e820 de boot_params dans memblock : "
              "{usable_mb} Mio de mémoire physique, contiguë à part les trous du micrologiciel.",
    },
    "native.paging": {
        "en": "The kernel maps all {usable_mb} MiB in its direct map, writing its page tables "
              "itself (no hypervisor checks them) and loading CR3 directly.",
        "fr": "Le noyau projette les {usable_mb} Mio dans sa projection directe, en écrivant "
              "lui-même ses tables des pages (aucun hyperviseur ne les vérifie) et en chargeant "
              "CR3 directement.",
    },
    "native.start_kernel": {
        "en": "start_kernel: memory allocator, interrupts (lidt, a privileged instruction that "
              "simply runs), scheduler, timers; {cpus} CPU(s) brought up.",
        "fr": "start_kernel : allocateur mémoire, interruptions (lidt, une instruction "
              "privilégiée qui s'exécute simplement), ordonnanceur, horloges ; {cpus} "
              "processeur(s) démarré(s).",
    },
    "native.drivers": {
        "en": "The drivers find the {devices} devices the firmware enumerated; the root file "
              "system {root} is mounted.",
        "fr": "Les pilotes trouvent les {devices} périphériques énumérés par le micrologiciel ; "
              "le système de fichiers racine {root} est monté.",
    },
    "native.init": {
        "en": "The kernel runs /sbin/init: systemd becomes process 1.",
        "fr": "Le noyau lance /sbin/init : systemd devient le processus 1.",
    },
    "native.running": {
        "en": "systemd reaches multi-user.target: the traditional machine is up.",
        "fr": "systemd atteint multi-user.target : la machine traditionnelle est démarrée.",
    },
    "native.load_xen": {
        "en": "GRUB loads xen.gz (multiboot2) with two modules: dom0's kernel {kernel} and initrd"
              " {initrd}, {pages} frames from machine frame {module_mfn} (initrd at {initrd_mfn}).",
        "fr": "GRUB charge xen.gz (multiboot2) avec deux modules : le noyau de dom0 {kernel} et "
              "l'initrd {initrd}, {pages} cadres à partir du cadre machine {module_mfn} (initrd "
              "en {initrd_mfn}).",
    },
    "native.multiboot": {
        "en": "GRUB hands Xen the multiboot information: the {entries}-entry memory map, the "
              "modules and Xen's command line “{cmdline}”.",
        "fr": "GRUB passe à Xen les informations multiboot : la carte mémoire de {entries} "
              "entrées, les modules et la ligne de commande de Xen « {cmdline} ».",
    },
    "native.xen_start": {
        "en": "__start_xen: Xen turns the e820 map ({usable_mb} MiB usable) into its heap, builds "
              "the M2P table and starts its scheduler on {cpus} CPU(s).",
        "fr": "__start_xen : Xen fait de la carte e820 ({usable_mb} Mio utilisables) son tas, "
              "construit la table M2P et lance son ordonnanceur sur {cpus} processeur(s).",
    },
    "native.xen_dom0": {
        "en": "Xen now builds dom0 ({memory_mb} MiB) itself, from the modules GRUB loaded.",
        "fr": "Xen construit maintenant lui-même dom0 ({memory_mb} Mio), à partir des modules "
              "chargés par GRUB.",
    },
    "native.power_off": {
        "en": "Power off: the memory map, the devices found and boot_params are gone; the next "
              "power on finds them again.",
        "fr": "Mise hors tension : la carte mémoire, les périphériques trouvés et boot_params "
              "disparaissent ; la prochaine mise sous tension les retrouvera.",
    },
    # -- refusals -----------------------------------------------------------------------------
    "refused.boot.no_toolstack": {
        "en": "There is no toolstack yet: xl runs in dom0, and dom0 has not finished booting.",
        "fr": "Il n'y a pas encore de toolstack : xl s'exécute dans dom0, et dom0 n'a pas fini "
              "de démarrer.",
    },
    "refused.boot.native_is_host": {
        "en": "In this scenario the traditional machine is the Xen host itself: it boots once, "
              "with the scenario.",
        "fr": "Dans ce scénario, la machine traditionnelle est l'hôte Xen lui-même : il démarre "
              "une fois, avec le scénario.",
    },
    "refused.boot.native_on": {
        "en": "The traditional machine is already on (step {stage}): power it off first.",
        "fr": "La machine traditionnelle est déjà allumée (étape {stage}) : éteignez-la "
              "d'abord.",
    },
    "refused.boot.native_off": {
        "en": "The traditional machine is already off.",
        "fr": "La machine traditionnelle est déjà éteinte.",
    },
    "refused.boot.native_busy": {
        "en": "The traditional machine is still booting (step {stage}): wait until it is up.",
        "fr": "La machine traditionnelle démarre encore (étape {stage}) : attendez qu'elle soit "
              "prête.",
    },
    "refused.boot.no_free_memory": {
        "en": "The host has no free memory left to scatter Xen's allocations in.",
        "fr": "L'hôte n'a plus de mémoire libre où disperser les allocations de Xen.",
    },
}

#: The exercises' questions and explanations (``webapp/model/boot/exercises.py``).
EXERCISES: dict[str, dict[str, str]] = {
    "exercise.p2m_lookup.question": {
        "en": "Which machine frame holds pseudo-physical frame {pfn} of {domain}?",
        "fr": "Quel cadre machine contient le cadre pseudo-physique {pfn} de {domain} ?",
    },
    "exercise.p2m_lookup.why": {
        "en": "The P2M run that contains it maps pseudo-physical frames {run_pfn}–{run_last} to "
              "machine frames {run_mfn}–{run_mlast}, so pfn {pfn} → MFN {mfn} ({mfn_hex}). The "
              "M2P says the reverse: m2p[{mfn}] = {pfn}.",
        "fr": "Le morceau de P2M qui le contient projette les cadres pseudo-physiques "
              "{run_pfn}–{run_last} sur les cadres machine {run_mfn}–{run_mlast}, donc pfn {pfn} "
              "→ MFN {mfn} ({mfn_hex}). La M2P dit l'inverse : m2p[{mfn}] = {pfn}.",
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
              "validates the tree when it is pinned, and the guest changes an entry only with "
              "mmu_update, which Xen checks. It does change them: it builds its own tables at "
              "boot.",
        "fr": "Leurs entrées contiennent des numéros de cadres machine : un invité qui pourrait "
              "les écrire pourrait projeter n'importe quel cadre machine, d'un autre domaine ou de "
              "Xen. Les entrées L1 qui projettent les {nr_pt_frames} cadres de tables (à partir "
              "du pfn {pt_pfn}) n'ont donc pas _PAGE_RW, Xen valide l'arbre quand il est épinglé, "
              "et l'invité ne modifie une entrée que par mmu_update, que Xen vérifie. Il les "
              "modifie bien : il construit ses propres tables au démarrage.",
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
