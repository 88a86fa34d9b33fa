"""Narration of a page walk: the access, each page-table reference, the rights check, the
A/D write-backs and the outcome (translation or fault).
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "mem.access.read": {"en": "read", "fr": "lecture"},
    "mem.access.write": {"en": "write", "fr": "écriture"},
    "mem.access.exec": {"en": "instruction fetch", "fr": "lecture d'instruction"},
    "mem.size.b": {"en": "{n}-byte", "fr": "{n} octets"},
    "mem.size.kib": {"en": "{n} KiB", "fr": "{n} Kio"},
    "mem.size.mib": {"en": "{n} MiB", "fr": "{n} Mio"},
    "mem.size.gib": {"en": "{n} GiB", "fr": "{n} Gio"},
    "mem.who.user": {"en": "user mode", "fr": "mode utilisateur"},
    "mem.who.kernel": {"en": "kernel mode", "fr": "mode noyau"},
    "mem.violation.user_supervisor": {
        "en": "a user-mode access to a supervisor page (U/S = 0 somewhere on the path)",
        "fr": "un accès en mode utilisateur à une page superviseur (U/S = 0 sur le chemin)",
    },
    "mem.violation.read_only": {
        "en": "a write to a read-only page (R/W = 0 somewhere on the path, CR0.WP = 1)",
        "fr": "une écriture dans une page en lecture seule (R/W = 0 sur le chemin, CR0.WP = 1)",
    },
    "mem.violation.no_execute": {
        "en": "an instruction fetch from a no-execute page (NX = 1 somewhere on the path)",
        "fr": "une lecture d'instruction dans une page non exécutable (NX = 1 sur le chemin)",
    },
    "mem.violation.smep": {"en": "a kernel fetch from a user page (SMEP)",
                           "fr": "une lecture d'instruction noyau dans une page utilisateur "
                                 "(SMEP)"},
    "mem.violation.smap": {"en": "a kernel data access to a user page (SMAP)",
                           "fr": "un accès noyau aux données d'une page utilisateur (SMAP)"},
    "mem.pf.not_present": {"en": "the entry is not present (P = 0)",
                           "fr": "l'entrée n'est pas présente (P = 0)"},
    "mem.pf.reserved_bit": {"en": "a reserved bit is set in the entry",
                            "fr": "un bit réservé est à 1 dans l'entrée"},
    "mem.pf.protection": {"en": "the rights refuse the access",
                          "fr": "les droits refusent l'accès"},
    "mem.walk_error": {"en": "The walk cannot go on: {problem}.",
                       "fr": "Le parcours ne peut pas continuer : {problem}."},
    "mem.read": {
        "en": "Reference {n}: read the {level} entry {base}[{index}] at {address} = {value} "
              "({flags}).",
        "fr": "Référence {n} : lecture de l'entrée {level} {base}[{index}] à {address} = "
              "{value} ({flags}).",
    },
    "mem.read_guest": {
        "en": "Reference {n}: read the guest {level} entry (guest-physical {gpa}, host-physical "
              "{address}) = {value} ({flags}).",
        "fr": "Référence {n} : lecture de l'entrée {level} invitée (adresse physique invitée "
              "{gpa}, hôte {address}) = {value} ({flags}).",
    },
    "mem.rights_ok": {
        "en": "Rights combined over the entries used: R/W = {rw}, U/S = {us}, NX = {nx}. The "
              "{how} is allowed.",
        "fr": "Droits combinés sur les entrées utilisées : R/W = {rw}, U/S = {us}, NX = {nx}. "
              "L'accès en {how} est autorisé.",
    },
    "mem.rights_refused": {
        "en": "Rights combined over the entries used: R/W = {rw}, U/S = {us}, NX = {nx}. "
              "Refused: {violation}.",
        "fr": "Droits combinés sur les entrées utilisées : R/W = {rw}, U/S = {us}, NX = {nx}. "
              "Refusé : {violation}.",
    },
    "mem.write_back": {
        "en": "The processor sets {bits} in the {level} entry at {address}: {old} → {new}.",
        "fr": "Le processeur met {bits} à 1 dans l'entrée {level} à {address} : {old} → {new}.",
    },
    "mem.translated": {
        "en": "{va} → {pa} (a {size} page). The translation goes into the TLB.",
        "fr": "{va} → {pa} (page de {size}). La traduction entre dans le TLB.",
    },
    "mem.translated_2d": {
        "en": "{va} → guest-physical {gpa} → host-physical {hpa} (a {size} guest page). The "
              "combined translation goes into the TLB.",
        "fr": "{va} → adresse physique invitée {gpa} → adresse physique hôte {hpa} (page "
              "invitée de {size}). La traduction combinée entre dans le TLB.",
    },
    "fault.pf": {
        "en": "#PF (vector 14) at {level}: {why}. CR2 = {cr2}, error code {error_code} (P={p} "
              "W/R={wr} U/S={us} RSVD={rsvd} I/D={id}).",
        "fr": "Défaut de page #PF (vecteur 14) au niveau {level} : {why}. CR2 = {cr2}, code "
              "d'erreur {error_code} (P={p} W/R={wr} U/S={us} RSVD={rsvd} I/D={id}).",
    },
    "fault.gp": {
        "en": "#GP (vector 13): {va} is not canonical — bits 63:48 must copy bit 47. No table "
              "is read.",
        "fr": "#GP (vecteur 13) : {va} n'est pas canonique — les bits 63:48 doivent recopier le "
              "bit 47. Aucune table n'est lue.",
    },
}
