"""Narration of the lab's own commands: the modes, traces, documents and comparisons.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "mem.mode_name.native": {"en": "native", "fr": "natif"},
    "mem.mode_name.pv": {"en": "PV", "fr": "PV"},
    "mem.mode_name.shadow": {"en": "shadow paging", "fr": "tables fantômes"},
    "mem.mode_name.ept": {"en": "nested paging (EPT)", "fr": "pagination imbriquée (EPT)"},
    "mem.failed": {"en": "The lab cannot carry this out any more: {why}",
                   "fr": "Le labo ne peut plus exécuter cela : {why}"},
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
    "mem.compare_progress": {
        "en": "Comparison, mode “{mode}”: {done} of the {count} accesses run so far; the rest "
              "follows at the next steps.",
        "fr": "Comparaison, mode « {mode} » : {done} des {count} accès exécutés pour l'instant ; "
              "la suite aux pas suivants.",
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
}
