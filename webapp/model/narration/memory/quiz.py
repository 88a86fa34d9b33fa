"""Narration of the OSTEP problems and the quiz.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "mem.read_ostep": {
        "en": "Reference {n}: read the {level} byte at {address} = {value} ({flags}).",
        "fr": "Référence {n} : lecture de l'octet {level} à {address} = {value} ({flags}).",
    },
    "mem.translated_ostep": {
        "en": "{va} → physical address {pa}, which holds the value {value}.",
        "fr": "{va} → adresse physique {pa}, qui contient la valeur {value}.",
    },
    "fault.ostep": {
        "en": "Fault: the {level} entry for VPN {vpn} is not valid — {va} is an invalid address.",
        "fr": "Défaut : l'entrée {level} de la VPN {vpn} n'est pas valide — {va} est une adresse "
              "invalide.",
    },
    "mem.quiz_new": {
        "en": "Problem {number}: in mode “{mode}”, where does this {how} of {va} in {who} go — "
              "which address, or which fault?",
        "fr": "Exercice {number} : en mode « {mode} », où va un accès en {how} à {va} en {who} — "
              "quelle adresse, ou quel défaut ?",
    },
    "mem.quiz_right": {"en": "Problem {number}: {given} is right.",
                       "fr": "Exercice {number} : {given} est la bonne réponse."},
    "mem.quiz_wrong": {"en": "Problem {number}: {given} is not the answer. Try again or "
                             "reveal the walk.",
                       "fr": "Exercice {number} : {given} n'est pas la réponse. Réessayez ou "
                             "affichez le parcours."},
    "mem.quiz_reveal": {"en": "Problem {number}: the worked walk is shown.",
                        "fr": "Exercice {number} : le parcours détaillé est affiché."},
}
