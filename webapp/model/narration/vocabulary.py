"""Words the narration translates: domain states, actions and shutdown reasons (see glossary)."""

from __future__ import annotations

STATES: dict[str, dict[str, str]] = {
    "running": {"en": "running", "fr": "en cours d'exécution"},
    "runnable": {"en": "runnable (waiting for a CPU)", "fr": "prêt (attend un processeur)"},
    "blocked": {"en": "blocked", "fr": "bloqué"},
    "paused": {"en": "paused", "fr": "en pause"},
    "shutting_down": {"en": "shutting down", "fr": "en cours d'arrêt"},
    "shutdown": {"en": "shut down", "fr": "arrêté"},
    "crashed": {"en": "crashed", "fr": "planté"},
    "suspended": {"en": "suspended", "fr": "suspendu"},
    "dying": {"en": "dying", "fr": "en cours de destruction"},
    "dead": {"en": "dead", "fr": "détruit"},
    "control": {"en": "the control domain", "fr": "le domaine de contrôle"},
    "busy": {"en": "busy with another operation", "fr": "occupé par une autre opération"},
    "incomplete": {"en": "still being written", "fr": "en cours d'écriture"},
    "restoring": {"en": "being restored", "fr": "en cours de restauration"},
}

RUNSTATES: dict[str, dict[str, str]] = {
    "offline": {"en": "offline", "fr": "hors ligne"},
}

ACTIONS: dict[str, dict[str, str]] = {
    "create": {"en": "create", "fr": "créer"},
    "boot": {"en": "boot", "fr": "démarrer"},
    "pause": {"en": "pause", "fr": "mettre en pause"},
    "unpause": {"en": "unpause", "fr": "reprendre"},
    "shutdown": {"en": "shut down", "fr": "arrêter"},
    "reboot": {"en": "reboot", "fr": "redémarrer"},
    "crash": {"en": "inject a crash", "fr": "provoquer un plantage"},
    "watchdog": {"en": "let the watchdog fire", "fr": "laisser le chien de garde expirer"},
    "save": {"en": "save", "fr": "sauvegarder"},
    "restore": {"en": "restore", "fr": "restaurer"},
    "destroy": {"en": "destroy", "fr": "détruire"},
    "restart": {"en": "restart", "fr": "redémarrer"},
    "preserve": {"en": "preserve", "fr": "conserver"},
}

REASONS: dict[str, dict[str, str]] = {
    "poweroff": {"en": "poweroff", "fr": "extinction (poweroff)"},
    "reboot": {"en": "reboot", "fr": "redémarrage (reboot)"},
    "suspend": {"en": "suspend", "fr": "suspension (suspend)"},
    "crash": {"en": "crash", "fr": "plantage (crash)"},
    "watchdog": {"en": "watchdog", "fr": "chien de garde (watchdog)"},
    "soft_reset": {"en": "soft reset", "fr": "réinitialisation douce (soft_reset)"},
}
