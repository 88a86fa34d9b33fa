"""Narration of dom0's boot: Xen is its builder (``dom0_construct_pv``).
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    # -- dom0 ----------------------------------------------------------------------------------
    "boot.dom0_create": {
        "en": "domain_create(0): Xen creates dom0 itself ({vcpus} vCPU(s), {memory_mb} MiB), the"
              " control and hardware domain. No toolstack exists yet: Xen is its builder.",
        "fr": "domain_create(0) : Xen crée lui-même dom0 ({vcpus} vCPU, {memory_mb} Mio), "
              "domaine de contrôle et domaine matériel. Aucune toolstack n'existe encore : Xen "
              "est son constructeur.",
    },
    "boot.dom0_layout": {
        "en": "`VIRTUAL MEMORY ARRANGEMENT`: dom0's start-of-day region runs from {v_start} to "
              "{v_end}, with {nr_pt_frames} page-table frames. The kernel declares "
              "XEN_ELFNOTE_MOD_START_PFN and XEN_ELFNOTE_INIT_P2M: neither the initrd nor the "
              "P2M list is in it.",
        "fr": "`VIRTUAL MEMORY ARRANGEMENT` : la région de démarrage de dom0 va de {v_start} à "
              "{v_end}, avec {nr_pt_frames} cadres de tables des pages. Le noyau déclare "
              "XEN_ELFNOTE_MOD_START_PFN et XEN_ELFNOTE_INIT_P2M : ni l'initrd ni la liste P2M "
              "n'y sont.",
    },
    "boot.dom0_layout_inside": {
        "en": "`VIRTUAL MEMORY ARRANGEMENT`: dom0's start-of-day region runs from {v_start} to "
              "{v_end}, with {nr_pt_frames} page-table frames. This kernel has no "
              "MOD_START_PFN or INIT_P2M note: the initrd and the P2M list are inside it.",
        "fr": "`VIRTUAL MEMORY ARRANGEMENT` : la région de démarrage de dom0 va de {v_start} à "
              "{v_end}, avec {nr_pt_frames} cadres de tables des pages. Ce noyau n'a pas de note "
              "MOD_START_PFN ni INIT_P2M : l'initrd et la liste P2M y sont.",
    },
    "boot.dom0_alloc": {
        "en": "alloc_domheap_pages(d, order {order}): one aligned, contiguous chunk of {pages} "
              "frames from machine frame {first_mfn} covers the region — dom0's P2M starts "
              "with one long run.",
        "fr": "alloc_domheap_pages(d, ordre {order}) : un seul bloc aligné et contigu de {pages} "
              "cadres à partir du cadre machine {first_mfn} couvre la région — la P2M de dom0 "
              "commence par une longue plage contiguë.",
    },
    "boot.dom0_initrd": {
        "en": "The initrd stays where the bootloader put it: its {pages} machine frames from "
              "{mfn} become dom0's pseudo-physical frames from {pfn}, after the chunk and mapped "
              "by no table; start_info.mod_start will be {pfn} (SIF_MOD_START_PFN).",
        "fr": "L'initrd reste là où le chargeur d'amorçage l'a mis : ses {pages} cadres machine "
              "à partir de {mfn} deviennent les cadres pseudo-physiques de dom0 à partir de "
              "{pfn}, après le bloc, projetés par aucune table ; start_info.mod_start vaudra "
              "{pfn} (SIF_MOD_START_PFN).",
    },
    "boot.dom0_initrd_mapped": {
        "en": "The initrd stays where the bootloader put it, but it is mapped inside the region "
              "at {va}: its {pages} machine frames from {mfn} become dom0's pseudo-physical "
              "frames {pfn}…, in the middle of the chunk's.",
        "fr": "L'initrd reste là où le chargeur d'amorçage l'a mis, mais il est projeté dans la "
              "région en {va} : ses {pages} cadres machine à partir de {mfn} deviennent les "
              "cadres pseudo-physiques {pfn}… de dom0, au milieu de ceux du bloc.",
    },
    "boot.dom0_p2m": {
        "en": "setup_pv_physmap: {frames} frames from pfn {pfn} hold dom0's P2M list ({entries} "
              "entries) and the tables that map it at {va} (XEN_ELFNOTE_INIT_P2M), outside the "
              "region; aligned 2 MiB stretches are superpages that only Xen may map. These are "
              "first_p2m_pfn and nr_p2m_frames.",
        "fr": "setup_pv_physmap : {frames} cadres à partir du pfn {pfn} contiennent la liste P2M "
              "de dom0 ({entries} entrées) et les tables qui la projettent en {va} "
              "(XEN_ELFNOTE_INIT_P2M), hors de la région ; les tronçons alignés de 2 Mio sont des "
              "grandes pages que seul Xen peut projeter. Ce sont first_p2m_pfn et "
              "nr_p2m_frames.",
    },
    "boot.dom0_p2m_inside": {
        "en": "No XEN_ELFNOTE_INIT_P2M: dom0's P2M list lives inside the region, at {va}; Xen "
              "still writes first_p2m_pfn = {first_p2m_pfn}, with nr_p2m_frames = 0.",
        "fr": "Pas de XEN_ELFNOTE_INIT_P2M : la liste P2M de dom0 est dans la région, en {va} ; "
              "Xen écrit tout de même first_p2m_pfn = {first_p2m_pfn}, avec nr_p2m_frames = 0.",
    },
    "boot.dom0_memory": {
        "en": "alloc_chunk gives dom0 its remaining {frames} frames; Xen writes the P2M and the "
              "M2P: {nr_pages} pages in {runs} machine run(s).",
        "fr": "alloc_chunk donne à dom0 ses {frames} cadres restants ; Xen écrit la P2M et la M2P "
              ": {nr_pages} pages en {runs} plage(s) contiguë(s) de cadres machine.",
    },
    "boot.dom0_discard": {
        "en": "free_boot_modules: the {pages} frames of the kernel module (from {mfn}) go "
              "back to Xen's free heap.",
        "fr": "free_boot_modules : les {pages} cadres du module noyau (à partir de {mfn}) "
              "retournent au tas libre de Xen.",
    },
    "boot.dom0_unpause": {
        "en": "At the end of its own boot Xen unpauses dom0 "
              "(domain_unpause_by_systemcontroller): controller_pause_count 1 → 0.",
        "fr": "À la fin de son propre démarrage, Xen sort dom0 de pause "
              "(domain_unpause_by_systemcontroller) : controller_pause_count 1 → 0.",
    },
}
