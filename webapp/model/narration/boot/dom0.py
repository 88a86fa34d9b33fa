"""Narration of dom0's boot: Xen is its builder (``dom0_construct_pv``).
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
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
}
