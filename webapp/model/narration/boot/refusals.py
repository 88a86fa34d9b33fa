"""Why the boot lab refuses a command.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    # -- refusals -----------------------------------------------------------------------------
    "refused.boot.no_toolstack": {
        "en": "There is no toolstack yet: xl runs in dom0, and dom0 has not finished booting.",
        "fr": "Il n'y a pas encore de toolstack : xl s'exécute dans dom0, et dom0 n'a pas fini "
              "de démarrer.",
    },
    "refused.boot.native_is_host": {
        "en": "In this scenario the traditional machine is the Xen host itself: it boots once, "
              "with the scenario.",
        "fr": "Dans ce scénario, la machine traditionnelle est l'hôte Xen lui-même : il démarre "
              "une fois, avec le scénario.",
    },
    "refused.boot.native_on": {
        "en": "The traditional machine is already on (step {stage}): power it off first.",
        "fr": "La machine traditionnelle est déjà allumée (étape {stage}) : éteignez-la "
              "d'abord.",
    },
    "refused.boot.native_off": {
        "en": "The traditional machine is already off.",
        "fr": "La machine traditionnelle est déjà éteinte.",
    },
    "refused.boot.native_busy": {
        "en": "The traditional machine is still booting (step {stage}): wait until it is up.",
        "fr": "La machine traditionnelle démarre encore (étape {stage}) : attendez qu'elle soit "
              "prête.",
    },
    "refused.boot.no_free_memory": {
        "en": "The host has no free memory left to scatter Xen's allocations in.",
        "fr": "L'hôte n'a plus de mémoire libre où disperser les allocations de Xen.",
    },
}
