"""Narration of ``xl create`` building a PV domain: the toolstack makes the domain, the
domain builder reads the kernel, populates memory, lays out the start-of-day region, writes
the page tables and the hypercall page, then bootlate and the xenstore nodes.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    # -- the toolstack makes the domain --------------------------------------------------------
    "boot.max_limits": {
        "en": "XEN_DOMCTL_max_vcpus and XEN_DOMCTL_max_mem: {domain} may have {vcpus} vCPU(s) "
              "and {memory_kb} KiB.",
        "fr": "XEN_DOMCTL_max_vcpus et XEN_DOMCTL_max_mem : {domain} aura un nombre maximal de "
              "vCPU de {vcpus} et au plus {memory_kb} Kio.",
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
              "GUEST_OS = {guest_os}, `FEATURES` = {features}; {notes}",
        "fr": "Le constructeur de domaine analyse le noyau ELF et ses notes Xen : VIRT_BASE = "
              "{virt_base}, ENTRY = {entry} (startup_xen), HYPERCALL_PAGE = {hypercall_page}, "
              "GUEST_OS = {guest_os}, `FEATURES` = {features} ; {notes}",
    },
    "boot.notes.modern": {
        "en": "MOD_START_PFN = 1 and INIT_P2M = {p2m_base}: the initrd will go after the mapped "
              "region and the P2M list will be mapped at {p2m_base}, outside it.",
        "fr": "MOD_START_PFN = 1 et INIT_P2M = {p2m_base} : l'initrd ira après la région "
              "projetée et la liste P2M sera projetée en {p2m_base}, hors de la région.",
    },
    "boot.notes.legacy": {
        "en": "no MOD_START_PFN or INIT_P2M note (an older kernel): the initrd and the P2M list "
              "will lie inside the start-of-day region.",
        "fr": "pas de note MOD_START_PFN ni INIT_P2M (un noyau plus ancien) : l'initrd et la "
              "liste P2M seront dans la région de démarrage.",
    },
    # -- memory ----------------------------------------------------------------------------------
    "boot.mem_init": {
        "en": "xc_dom_mem_init: {domain} will have {nr_pages} pages. The builder's pv_p2m[] "
              "starts with every entry `INVALID`; it will try {extents} extent(s) of 2 MiB first.",
        "fr": "xc_dom_mem_init : {domain} aura {nr_pages} pages. Le tableau pv_p2m[] du "
              "constructeur commence avec toutes ses entrées à `INVALID` ; il essaiera d'abord "
              "{extents} bloc(s) de 2 Mio.",
    },
    "boot.populate_2m": {
        "en": "populate_physmap, order 9 ({calls} call(s) of up to 512 extents): Xen gives "
              "{domain} {extents} extent(s) of 2 MiB out of {wanted}, in {pieces} machine "
              "stretch(es) from frame {first_mfn}; the P2M numbers them as pseudo-physical "
              "frames 0 to {frames} − 1.",
        "fr": "populate_physmap, ordre 9 ({calls} appel(s) d'au plus 512 blocs) : Xen donne à "
              "{domain} {extents} bloc(s) de 2 Mio sur {wanted}, en {pieces} plage(s) contiguë(s) "
              "de cadres machine à partir du cadre {first_mfn} ; la P2M les numérote comme cadres "
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
    "boot.place_initrd_unmapped": {
        "en": "The region is padded to its end ({virt_end}); then the initrd ({size} bytes, "
              "{pages} whole pages) goes after it, from pfn {pfn}, mapped by no table: the "
              "kernel declared XEN_ELFNOTE_MOD_START_PFN, so start_info.mod_start will be this "
              "PFN (SIF_MOD_START_PFN) and mod_len {pages} × 4096.",
        "fr": "La région est complétée jusqu'à sa fin ({virt_end}) ; puis l'initrd ({size} "
              "octets, {pages} pages entières) vient après elle, à partir du pfn {pfn}, projeté "
              "par aucune table : le noyau a déclaré XEN_ELFNOTE_MOD_START_PFN, "
              "start_info.mod_start sera donc ce PFN (SIF_MOD_START_PFN) et mod_len {pages} × "
              "4096.",
    },
    "boot.place_p2m_outside": {
        "en": "Then the P2M list ({size} bytes, {list_pages} pages) and the {tables} page-table "
              "frame(s) that map it at p2m_base = {vstart} (XEN_ELFNOTE_INIT_P2M), outside the "
              "region: {pages} frames from pfn {pfn}, which will be start_info.first_p2m_pfn and "
              "nr_p2m_frames; mfn_list will be {vstart}.",
        "fr": "Puis la liste P2M ({size} octets, {list_pages} pages) et le ou les {tables} "
              "cadre(s) de tables des pages qui la projettent en p2m_base = {vstart} "
              "(XEN_ELFNOTE_INIT_P2M), hors de la région : {pages} cadres à partir du pfn "
              "{pfn}, qui seront start_info.first_p2m_pfn et nr_p2m_frames ; mfn_list vaudra "
              "{vstart}.",
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
    "boot.pgtables_upper_p2m": {
        "en": "setup_pgtables: L4[{l4_slot}] → L3 (MFN {l3_mfn}), L3[{l3_slot}] → L2 (MFN "
              "{l2_mfn}), the L2 → {l1_tables} L1 table(s) for the region; and L4[{p2m_slot}] "
              "→ the P2M list's own L3 (MFN {p2m_l3_mfn}), {p2m_tables} table(s) in all, to map "
              "it at {p2m_base}. Entries hold machine frame numbers, not pseudo-physical ones.",
        "fr": "setup_pgtables : L4[{l4_slot}] → L3 (MFN {l3_mfn}), L3[{l3_slot}] → L2 (MFN "
              "{l2_mfn}), la L2 → {l1_tables} table(s) L1 pour la région ; et L4[{p2m_slot}] → "
              "la L3 propre à la liste P2M (MFN {p2m_l3_mfn}), {p2m_tables} table(s) en tout, "
              "pour la projeter en {p2m_base}. Les entrées contiennent des numéros de cadres "
              "machine, pas pseudo-physiques.",
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
              "l'entrée pfn contenant le MFN de pfn ({runs} plage(s) contiguë(s) de cadres "
              "machine).",
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
              "domaine) et épingle la table de plus haut niveau (L4).",
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
              " `memory/target`, `control/…`).",
        "fr": "libxl__build_post écrit {nodes} nœud(s) sous {path} (image/cmdline = « {cmdline} »"
              ", `memory/target`, `control/…`).",
    },
}
