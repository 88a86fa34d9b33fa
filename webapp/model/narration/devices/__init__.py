"""Narration of the devices lab, in English and French (glossary.md; code names untranslated).

One module per concept of the lab; ``TEMPLATES`` merges them for registration. Field names
ending in ``_state`` are translated through ``PHASES`` (added to the shared state vocabulary
when the lab registers).
"""

from __future__ import annotations

from webapp.model.narration.devices.blk import BLK
from webapp.model.narration.devices.closing import CLOSE
from webapp.model.narration.devices.emulated import EMU
from webapp.model.narration.devices.evtchn import EVTCHN
from webapp.model.narration.devices.handshake import WATCHES, XENBUS
from webapp.model.narration.devices.misuse import PROBES, PURPOSES, REFUSALS
from webapp.model.narration.devices.net import NET

__all__ = ["PHASES", "TEMPLATES"]

PHASES: dict[str, dict[str, str]] = {
    "absent": {"en": "not plugged", "fr": "non branché"},
    "connecting": {"en": "connecting", "fr": "en cours de connexion"},
    "connected": {"en": "connected", "fr": "connecté"},
    "closing": {"en": "closing", "fr": "en cours de fermeture"},
    "reconnecting": {"en": "reconnecting", "fr": "en cours de reconnexion"},
}

TEMPLATES: dict[str, dict[str, str]] = {**XENBUS, **WATCHES, **CLOSE, **EVTCHN, **BLK, **NET,
                                        **EMU, **PROBES, **PURPOSES, **REFUSALS}
