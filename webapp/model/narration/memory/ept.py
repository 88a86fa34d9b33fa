"""Narration of nested paging (EPT): the 2D walk's EPT references, the EPT violation (VM exit
48) and the EPT misconfiguration (VM exit 49), two different exits.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "mem.ept_cause.data": {"en": "the data's guest-physical address",
                           "fr": "l'adresse physique invitée de la donnée"},
    "mem.ept_cause.table": {"en": "the guest-physical address of a guest page-table entry",
                            "fr": "l'adresse physique invitée d'une entrée de table des pages "
                                  "invitée"},
    "mem.ept_reason.not_present": {"en": "the EPT has no entry (R = W = X = 0)",
                                   "fr": "l'EPT n'a pas d'entrée (R = W = X = 0)"},
    "mem.ept_reason.protection": {"en": "the EPT entry does not allow this access",
                                  "fr": "l'entrée EPT n'autorise pas cet accès"},
    "mem.ept_reason.misconfig": {"en": "the EPT entry is misconfigured",
                                 "fr": "l'entrée EPT est mal configurée"},
    "mem.read_ept": {
        "en": "Reference {n}: read the {level} entry at {address} = {value} ({flags}) to "
              "translate guest-physical {gpa}.",
        "fr": "Référence {n} : lecture de l'entrée {level} à {address} = {value} ({flags}) "
              "pour traduire l'adresse physique invitée {gpa}.",
    },
    "exit.ept_violation": {
        "en": "EPT violation at {level} while translating {cause} {gpa}: {why}. VM exit "
              "(reason {exit_reason}) to Xen.",
        "fr": "Violation EPT au niveau {level} en traduisant {cause} {gpa} : {why}. Sortie de VM "
              "(raison {exit_reason}) vers Xen.",
    },
    "exit.ept_misconfig": {
        "en": "EPT misconfiguration at {level} while translating {cause} {gpa}: {why} — an "
              "entry with an invalid combination (W without R, a reserved bit or memory type), "
              "not a missing or forbidding one. VM exit reason {exit_reason} (an EPT violation "
              "would be 48): Xen's ept_handle_misconfig repairs the entries it marked itself, "
              "and crashes the domain otherwise.",
        "fr": "Mauvaise configuration EPT au niveau {level} en traduisant {cause} {gpa} : {why} "
              "— une entrée dont la combinaison est invalide (W sans R, un bit ou un type "
              "mémoire réservé), non une entrée absente ou qui interdit l'accès. Sortie de VM, "
              "raison {exit_reason} (une violation EPT serait 48) : ept_handle_misconfig de Xen "
              "répare les entrées qu'il a marquées lui-même, et arrête le domaine sinon.",
    },
    "mem.cr3_ept": {
        "en": "The guest writes CR3 with no VM exit (nested paging does not intercept it): the "
              "non-global TLB entries are flushed.",
        "fr": "L'invité écrit CR3 sans sortie de VM (la pagination imbriquée ne l'intercepte "
              "pas) : les entrées non globales du TLB sont vidées.",
    },
    "mem.invlpg_ept": {
        "en": "invlpg {va} runs in the guest with no VM exit: the TLB entry is dropped.",
        "fr": "invlpg {va} s'exécute dans l'invité sans sortie de VM : l'entrée du TLB est "
              "retirée.",
    },
    "mem.pte_store_ept": {
        "en": "The guest stores {new} ({flags}) into its PT entry {pfn}[{index}] for {va} with "
              "no VM exit: under nested paging its tables are ordinary memory. The TLB may "
              "still hold the old translation until invlpg.",
        "fr": "L'invité écrit {new} ({flags}) dans son entrée PT {pfn}[{index}] pour {va} sans "
              "sortie de VM : avec la pagination imbriquée, ses tables sont de la mémoire "
              "ordinaire. Le TLB peut garder l'ancienne traduction jusqu'à invlpg.",
    },
}
