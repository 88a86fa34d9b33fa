"""The cycle model of the memory lab: model assumptions, not measurements.

Taken from virtualization-facts.md §6.3 ("suggested default cycle budgets"); the page shows
this table next to the charts so a learner can see what the modelled cycles rest on.
"""

from __future__ import annotations

#: name → (cycles, where the figure comes from, in each language). Shown as is on the page.
COSTS: dict[str, tuple[int, dict[str, str]]] = {
    "tlb_hit": (1, {"en": "§6.3: TLB hit = 1", "fr": "§6.3 : succès du TLB = 1"}),
    "memory_reference": (6, {
        "en": "§6.3: a native 4-level walk with cached entries costs 20–30, so ≈ 6 per "
              "page-table reference; a 2D walk costs its number of references × the same",
        "fr": "§6.3 : un parcours natif à 4 niveaux aux entrées en cache coûte 20 à 30, soit "
              "≈ 6 par référence à une table des pages ; un parcours bidimensionnel coûte son "
              "nombre de références × autant"}),
    "fault": (150, {"en": "§6.3: delivering an exception to the guest kernel ≈ a syscall (150)",
                    "fr": "§6.3 : remettre une exception au noyau invité ≈ un appel système "
                          "(150)"}),
    "trap": (500, {"en": "§6.3: a trap into Xen (PV #PF bounce) uses the hypercall path, "
                         "300–1,000",
                   "fr": "§6.3 : un déroutement (trap) vers Xen (renvoi d'un #PF en PV) prend "
                         "le chemin d'un hyperappel, 300 à 1 000"}),
    "hypercall": (500, {"en": "§6.3: PV hypercall 300–1,000 including validation",
                        "fr": "§6.3 : hyperappel (hypercall) PV, 300 à 1 000 validation "
                              "comprise"}),
    "vm_exit": (1000, {"en": "§6.3: VM exit round trip (hardware) = 1,000",
                       "fr": "§6.3 : aller-retour d'une sortie de VM (matériel) = 1 000"}),
}


def cycles(name: str) -> int:
    return COSTS[name][0]
