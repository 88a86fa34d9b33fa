"""Narration of event channels: notifications and upcalls (glossary.md; code names
untranslated)."""

from __future__ import annotations

EVTCHN: dict[str, dict[str, str]] = {
    "evtchn.delivered_upcall": {
        "en": "EVTCHNOP_send on {domid}'s port {port} (a hypercall): Xen sets port {peer_port} "
              "pending in {peer}'s shared_info, then the selector bit and "
              "evtchn_upcall_pending, and kicks the vCPU.",
        "fr": "EVTCHNOP_send sur le port {port} de {domid} (un hyperappel) : Xen marque le port "
              "{peer_port} en attente dans le shared_info de {peer}, puis le bit de sélection et "
              "evtchn_upcall_pending, et réveille le vCPU.",
    },
    "evtchn.delivered_pending": {
        "en": "EVTCHNOP_send on {domid}'s port {port}: Xen sets port {peer_port} pending in "
              "{peer}; an upcall is already pending there, it will see this port too.",
        "fr": "EVTCHNOP_send sur le port {port} de {domid} : Xen marque le port {peer_port} en "
              "attente chez {peer} ; une remontée (upcall) y est déjà en attente, elle verra "
              "aussi ce port.",
    },
    "evtchn.delivered_coalesced": {
        "en": "EVTCHNOP_send on {domid}'s port {port}: port {peer_port} of {peer} is already "
              "pending — notifications coalesce, an event is one bit.",
        "fr": "EVTCHNOP_send sur le port {port} de {domid} : le port {peer_port} de {peer} est "
              "déjà en attente — les notifications fusionnent, un événement est un seul bit.",
    },
    "evtchn.delivered_masked": {
        "en": "EVTCHNOP_send on {domid}'s port {port}: port {peer_port} of {peer} is masked; "
              "the bit stays pending until it is unmasked.",
        "fr": "EVTCHNOP_send sur le port {port} de {domid} : le port {peer_port} de {peer} est "
              "masqué ; le bit reste en attente jusqu'au démasquage.",
    },
    "evtchn.send_dropped": {
        "en": "EVTCHNOP_send on {domid}'s port {port}: the port is unbound (no peer is bound to it "
              "— not yet, or no longer), so Xen silently drops the notification; a peer that binds "
              "later is set pending once and looks at the ring then.",
        "fr": "EVTCHNOP_send sur le port {port} de {domid} : le port est non lié (aucun pair ne "
              "s'y est relié — pas encore, ou plus), Xen abandonne donc la notification sans rien "
              "dire ; un pair qui se relie plus tard est marqué en attente une fois et regarde "
              "alors l'anneau.",
    },
    "evtchn.send_closed": {
        "en": "{domid}'s port {port} is closed: nothing to send.",
        "fr": "Le port {port} de {domid} est fermé : rien à envoyer.",
    },
    "evtchn.upcall_empty": {
        "en": "{domid}'s vCPU runs its upcall but finds no pending port left (it was closed "
              "meanwhile): nothing to handle.",
        "fr": "Le vCPU de {domid} exécute sa remontée mais ne trouve plus aucun port en attente "
              "(il a été fermé entre-temps) : rien à traiter.",
    },
    "evtchn.upcall": {
        "en": "{domid}'s vCPU runs its upcall: it clears evtchn_upcall_pending, scans the "
              "pending bits, clears port(s) {ports} and calls {handlers}.",
        "fr": "Le vCPU de {domid} exécute sa remontée d'événements (upcall) : il efface "
              "evtchn_upcall_pending, parcourt les bits en attente, efface le(s) port(s) {ports} "
              "et appelle {handlers}.",
    },
}
