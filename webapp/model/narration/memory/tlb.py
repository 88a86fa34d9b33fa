"""Narration of the TLB: hits, misses, and what flushes it (CR3 writes, ``invlpg``, a PTE
store that leaves a stale entry).
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "mem.tlb.absent": {"en": "no entry for this page", "fr": "aucune entrée pour cette page"},
    "mem.tlb.refuses": {
        "en": "its entry does not allow this access (or its D bit is clear), so the processor "
              "walks again",
        "fr": "son entrée n'autorise pas cet accès (ou son bit D est à 0), le processeur refait "
              "donc le parcours",
    },
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
    "mem.cr3": {
        "en": "The kernel writes CR3: every non-global TLB entry is flushed; global ones stay.",
        "fr": "Le noyau écrit CR3 : toutes les entrées non globales du TLB sont vidées ; les "
              "globales restent.",
    },
    "mem.invlpg": {
        "en": "invlpg {va}: the TLB entry for that page is dropped (global or not).",
        "fr": "invlpg {va} : l'entrée du TLB pour cette page est retirée (globale ou non).",
    },
    "mem.pte_store": {
        "en": "The kernel stores {new} ({flags}) into PT entry {pfn}[{index}] for {va} (was "
              "{old}). The TLB may still hold the old translation until invlpg.",
        "fr": "Le noyau écrit {new} ({flags}) dans l'entrée PT {pfn}[{index}] pour {va} (avant "
              ": {old}). Le TLB peut garder l'ancienne traduction jusqu'à invlpg.",
    },
}
