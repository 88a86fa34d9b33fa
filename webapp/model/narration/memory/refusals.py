"""Why the memory lab refuses a command, and what Xen's ``mmu_update`` validation says
when it refuses a page-table write (with suggestions).
"""

from __future__ import annotations

REFUSALS: dict[str, dict[str, str]] = {
    "memory.refused.busy": {
        "en": "The lab is still carrying out the previous command ({left} step(s) left): step "
              "forward or press play until it ends.",
        "fr": "Le labo exécute encore la commande précédente ({left} pas restant(s)) : avancez "
              "ou lancez la lecture jusqu'à la fin.",
    },
    "memory.refused.no_lab": {"en": "This session is not a memory-lab session.",
                              "fr": "Cette session n'est pas une session du labo mémoire."},
    "memory.refused.no_domain": {
        "en": "Domain {domid}, whose P2M the lab uses, no longer exists.",
        "fr": "Le domaine {domid}, dont le labo utilise la P2M, n'existe plus.",
    },
    "memory.refused.xen_memory": {"en": "Xen owns fewer than {wanted} free frames.",
                                  "fr": "Xen possède moins de {wanted} cadres libres."},
    "memory.refused.native_only": {
        "en": "Mode “{mode}” is not available here: these tables can only run natively (PV, "
              "shadow and EPT are modelled for x86-64 tables inside the guest's memory).",
        "fr": "Le mode « {mode} » n'est pas disponible ici : ces tables ne fonctionnent qu'en "
              "natif (PV, tables fantômes et EPT sont modélisés pour des tables x86-64 dans la "
              "mémoire de l'invité).",
    },
    "memory.refused.pv_conflict": {
        "en": "Xen would not validate these tables for a PV guest: {why}",
        "fr": "Xen ne validerait pas ces tables pour un invité PV : {why}",
    },
    "memory.conflict.superpage": {
        "en": "entry {pfn}[{index}] maps a large page (PSE), and a PV guest has no superpages: "
              "Xen refuses PSE in an L2 or L3 entry (L2_DISALLOW_MASK).",
        "fr": "l'entrée {pfn}[{index}] projette une grande page (PSE), et un invité PV n'a pas "
              "de grandes pages : Xen refuse PSE dans une entrée L2 ou L3 (L2_DISALLOW_MASK).",
    },
    "memory.conflict.types": {
        "en": "frame {pfn} would be both {types}: a page-table frame may never be mapped "
              "writable.",
        "fr": "le cadre {pfn} serait à la fois {types} : un cadre de table des pages ne doit "
              "jamais être projeté en écriture.",
    },
    "memory.refused.not_pv": {
        "en": "mmu_update is a PV hypercall; the guest runs in mode “{mode}”. Switch to PV.",
        "fr": "mmu_update est un hyperappel PV ; l'invité tourne en mode « {mode} ». Passez en PV.",
    },
    "memory.refused.no_trace": {"en": "This session has no access trace.",
                                "fr": "Cette session n'a pas de trace d'accès."},
    "memory.refused.ostep_only": {
        "en": "{what} needs x86 page tables; an OSTEP problem has none.",
        "fr": "{what} demande des tables des pages x86 ; un exercice OSTEP n'en a pas.",
    },
    "memory.refused.not_x86_64": {"en": "mmu_update needs x86-64 tables.",
                                  "fr": "mmu_update demande des tables x86-64."},
    "memory.refused.no_pt": {
        "en": "No PT-level entry maps {va} (a table is missing on the way, or a large page "
              "covers it): the lab edits PT entries only.",
        "fr": "Aucune entrée de niveau PT ne projette {va} (une table manque en chemin, ou une "
              "grande page la couvre) : le labo ne modifie que des entrées PT.",
    },
    "memory.refused.machphys": {
        "en": "mmu_update command 1 (MMU_MACHPHYS_UPDATE) changes the M2P entry of a frame, and "
              "the lab does not let you edit the M2P: use a page-table command (0, 2 or 3). "
              "Xen itself would accept it for one of the guest's own frames.",
        "fr": "La commande mmu_update 1 (MMU_MACHPHYS_UPDATE) modifie l'entrée M2P d'un cadre, "
              "et le labo ne permet pas de modifier la M2P : utilisez une commande de table des "
              "pages (0, 2 ou 3). Xen lui-même l'accepterait pour un cadre de l'invité.",
    },
    "memory.refused.raw_entry": {
        "en": "Frame {mfn} is a page-table frame of the lab that Xen has not validated: Xen would "
              "write these 8 bytes as data, but the lab keeps its tables in guest terms and "
              "cannot store an entry naming a machine frame outside the guest's P2M.",
        "fr": "Le cadre {mfn} est un cadre de table du labo que Xen n'a pas validé : Xen "
              "écrirait ces 8 octets comme des données, mais le labo garde ses tables du point "
              "de vue de l'invité et ne peut pas y ranger une entrée qui désigne un cadre "
              "machine hors de la P2M de l'invité.",
    },
    "memory.refused.no_mfn": {
        "en": "The guest's P2M has no machine frame for PFN {pfn}: a PV guest cannot map it.",
        "fr": "La P2M de l'invité n'a pas de cadre machine pour la PFN {pfn} : un invité PV ne "
              "peut pas la projeter.",
    },
    "memory.refused.no_quiz": {"en": "There is no problem yet: generate one first.",
                               "fr": "Il n'y a pas encore d'exercice : générez-en un d'abord."},
    "memory.invalid": {"en": "Invalid request: {problem}.",
                       "fr": "Requête invalide : {problem}."},
    "memory.invalid_document": {"en": "The document cannot be loaded: {problem}.",
                                "fr": "Le document ne peut pas être chargé : {problem}."},
    "memory.too_large.addresses": {
        "en": "The document is too large for a lab session: it has {count} addresses, and a "
              "session takes at most {limit} (a bound that keeps every step quick).",
        "fr": "Le document est trop grand pour une session du labo : il a {count} adresses, et "
              "une session en prend au plus {limit} (une limite qui garde chaque pas rapide).",
    },
    "memory.too_large.frames": {
        "en": "The document is too large for a lab session: its memory has {count} frames, and "
              "a session takes at most {limit} (a bound that keeps every step quick).",
        "fr": "Le document est trop grand pour une session du labo : sa mémoire a {count} "
              "cadres, et une session en prend au plus {limit} (une limite qui garde chaque pas "
              "rapide).",
    },
    "memory.too_large.entries": {
        "en": "The document is too large for a lab session: its page table has {count} entries "
              "(address_space / page_size), and a session takes at most {limit} (a bound that "
              "keeps every step quick).",
        "fr": "Le document est trop grand pour une session du labo : sa table des pages a "
              "{count} entrées (address_space / page_size), et une session en prend au plus "
              "{limit} (une limite qui garde chaque pas rapide).",
    },
    "xen.mmu.command": {
        "en": "Xen refuses: ptr & 7 = {command} is not an mmu_update command (0 "
              "MMU_NORMAL_PT_UPDATE, 1 MMU_MACHPHYS_UPDATE, 2 MMU_PT_UPDATE_PRESERVE_AD, 3 "
              "MMU_PT_UPDATE_NO_TRANSLATE): -ENOSYS.",
        "fr": "Xen refuse : ptr & 7 = {command} n'est pas une commande mmu_update (0 "
              "MMU_NORMAL_PT_UPDATE, 1 MMU_MACHPHYS_UPDATE, 2 MMU_PT_UPDATE_PRESERVE_AD, 3 "
              "MMU_PT_UPDATE_NO_TRANSLATE) : -ENOSYS.",
    },
    "xen.mmu.pt_not_owned": {
        "en": "Xen refuses: frame {mfn} that holds the entry belongs to {owner}, not to this "
              "guest.",
        "fr": "Xen refuse : le cadre {mfn} qui contient l'entrée appartient à {owner}, pas à "
              "cet invité.",
    },
    "xen.mmu.xen_slot": {
        "en": "Xen refuses: L4 slot {index} is one of Xen's own slots (256–271).",
        "fr": "Xen refuse : l'entrée L4 {index} fait partie des entrées réservées à Xen "
              "(256–271).",
    },
    "xen.mmu.not_owner": {
        "en": "Xen refuses: frame {target} belongs to {owner}, not to this guest; a guest may "
              "only map its own frames.",
        "fr": "Xen refuse : le cadre {target} appartient à {owner}, pas à cet invité ; un "
              "invité ne peut projeter que ses propres cadres.",
    },
    "xen.mmu.pt_writable": {
        "en": "Xen refuses: frame {target} is an {type} page table (type count {count}) and may "
              "not be mapped writable.",
        "fr": "Xen refuse : le cadre {target} est une table des pages {type} (compteur de type "
              "{count}) et ne doit pas être projeté en écriture.",
    },
    "xen.mmu.superpage": {
        "en": "Xen refuses: PSE (bit 7) is not allowed in a PV L{level} entry "
              "(L2_DISALLOW_MASK): PV superpages were removed from Xen in 2017, and "
              "MMUEXT_MARK_SUPER now returns -EOPNOTSUPP.",
        "fr": "Xen refuse : PSE (bit 7) est interdit dans une entrée L{level} d'un invité PV "
              "(L2_DISALLOW_MASK) : les grandes pages PV ont été retirées de Xen en 2017, et "
              "MMUEXT_MARK_SUPER renvoie maintenant -EOPNOTSUPP.",
    },
    "xen.mmu.bad_flags": {
        "en": "Xen refuses: {flags} may not be set in a PV L{level} entry (base_disallow_mask "
              "allows only P, RW, US, A, D, the available bits and NX).",
        "fr": "Xen refuse : {flags} ne peut pas figurer dans une entrée L{level} d'un invité PV "
              "(base_disallow_mask n'autorise que P, RW, US, A, D, les bits disponibles et NX).",
    },
    "xen.mmu.type_conflict": {
        "en": "Xen refuses: frame {target} has type {type} (count {count}) and cannot become "
              "an {wanted} table.",
        "fr": "Xen refuse : le cadre {target} a le type {type} (compteur {count}) et ne peut "
              "pas devenir une table {wanted}.",
    },
    "memory.suggest.pt_writable": {
        "en": "Map the L1 page-table frame itself writable at {va}",
        "fr": "Projeter en écriture le cadre de table L1 lui-même en {va}",
    },
    "memory.suggest.foreign": {
        "en": "Map a frame of Domain-0 at {va}",
        "fr": "Projeter un cadre de Domain-0 en {va}",
    },
    "memory.suggest.data_page": {
        "en": "Write 8 bytes inside a data page (ptr {ptr}): not a page table, so a plain write",
        "fr": "Écrire 8 octets dans une page de données (ptr {ptr}) : pas une table des pages, "
              "donc une simple écriture",
    },
    "memory.suggest.superpage": {
        "en": "Put a 2 MiB superpage (PSE) in an L2 entry (ptr {ptr})",
        "fr": "Placer une grande page de 2 Mio (PSE) dans une entrée L2 (ptr {ptr})",
    },
    "memory.suggest.read_only": {
        "en": "Map one of the guest's own frames read-only at {va}",
        "fr": "Projeter en lecture seule un cadre de l'invité en {va}",
    },
    "memory.suggest.unmap": {
        "en": "Unmap {va} (val 0)",
        "fr": "Supprimer la projection de {va} (val 0)",
    },
}

NOTHING_CHANGED = {"en": " Nothing changed: the entry and the type counts are as before.",
                   "fr": " Rien n'a changé : l'entrée et les compteurs de type sont intacts."}
for _key, _texts in REFUSALS.items():
    if _key.startswith("xen.mmu."):
        _texts["en"] += NOTHING_CHANGED["en"]
        _texts["fr"] += NOTHING_CHANGED["fr"]
