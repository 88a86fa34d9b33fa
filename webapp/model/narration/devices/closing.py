"""Narration of closing a device and reconnecting it (glossary.md; code names untranslated)."""

from __future__ import annotations

CLOSE: dict[str, dict[str, str]] = {
    "close.toolstack": {
        "en": "libxl unplugs {device} {devid}: one transaction writes online = 0 and {path} = 5 "
              "(Closing); libxl will wait for Closed.",
        "fr": "libxl débranche {device} {devid} : une transaction écrit online = 0 et {path} = 5 "
              "(Closing) ; libxl attendra Closed.",
    },
    "close.front_sees_closing": {
        "en": "{frontend_driver} sees the backend Closing and stops its queue: {in_flight} "
              "request(s) on the ring will be allowed to finish, {queued} still queued will "
              "fail.",
        "fr": "{frontend_driver} voit le backend en Closing et arrête sa file : {in_flight} "
              "requête(s) sur l'anneau pourront se terminer, {queued} encore en file vont "
              "échouer.",
    },
    "close.front_port": {
        "en": "EVTCHNOP_close: {front} closes its port {port}; {back}'s port {back_port} goes back "
              "to unbound.",
        "fr": "EVTCHNOP_close : {front} ferme son port {port} ; le port {back_port} de {back} "
              "redevient non lié (unbound).",
    },
    "close.end_ring_now": {
        "en": "{frontend_driver} ends access to the {ring} ring (grant {gref}): nobody maps it, "
              "the flags go to 0 and the page is freed.",
        "fr": "{frontend_driver} met fin à l'accès à l'anneau {ring} (octroi {gref}) : personne "
              "ne le projette, les drapeaux passent à 0 et la page est libérée.",
    },
    "close.end_ring_deferred": {
        "en": "{frontend_driver} ends access to the {ring} ring (grant {gref}), but {back} still "
              "maps it (`GTF_reading`/`GTF_writing` set): Linux defers the end and keeps the page "
              "until it is unmapped.",
        "fr": "{frontend_driver} met fin à l'accès à l'anneau {ring} (octroi {gref}), mais {back} "
              "le projette encore (`GTF_reading`/`GTF_writing` positionnés) : Linux diffère la fin "
              "et garde la page jusqu'à ce que {back} en supprime la projection.",
    },
    "close.end_data_now": {
        "en": "In-flight request {rid} (id {id}): its grant {gref} is ended now; the shadow copy "
              "keeps the request for later.",
        "fr": "Requête en vol {rid} (id {id}) : son octroi {gref} prend fin maintenant ; la copie "
              "de suivi (shadow) garde la requête pour plus tard.",
    },
    "close.end_data_deferred": {
        "en": "In-flight request {rid} (id {id}): {back} still maps its grant {gref}, so the end "
              "is deferred; the shadow copy keeps the request for later.",
        "fr": "Requête en vol {rid} (id {id}) : {back} projette encore son octroi {gref}, la fin "
              "est donc différée ; la copie de suivi (shadow) garde la requête pour plus tard.",
    },
    "close.end_data_done": {
        "en": "{rid} completed meanwhile: its grant was already ended, nothing to re-issue.",
        "fr": "{rid} s'est terminée entre-temps : son octroi a déjà pris fin, rien à "
              "ré-émettre.",
    },
    "close.end_buffers": {
        "en": "{frontend_driver} releases {count} buffer(s) and ends access to their grants.",
        "fr": "{frontend_driver} libère {count} tampon(s) et met fin à l'accès à leurs octrois.",
    },
    "close.back_disconnect": {
        "en": "{backend_driver} (xen_blkif_disconnect) stops its thread; it waits for the "
              "{in_flight} disk I/O(s) it has started, which write into {front}'s pages.",
        "fr": "{backend_driver} (xen_blkif_disconnect) arrête son thread ; il attend les "
              "{in_flight} E/S disque déjà lancées, qui écrivent dans les pages de {front}.",
    },
    "close.back_port": {
        "en": "EVTCHNOP_close: {back} closes its port {port}.",
        "fr": "EVTCHNOP_close : {back} ferme son port {port}.",
    },
    "close.back_unmapped_ring": {
        "en": "GNTTABOP_unmap_grant_ref: {back} unmaps the {ring} ring (grant {gref}, handle "
              "{handle}); Xen clears `GTF_reading`/`GTF_writing` in {front}'s entry.",
        "fr": "GNTTABOP_unmap_grant_ref : {back} supprime la projection de l'anneau {ring} (octroi "
              "{gref}, handle {handle}) ; Xen efface `GTF_reading`/`GTF_writing` dans l'entrée de "
              "{front}.",
    },
    "close.deferred_ended": {
        "en": "The deferred end succeeds now that nobody maps it: {domid}'s grant {gref} goes to "
              "0 (GTF_invalid).",
        "fr": "La fin différée réussit maintenant que personne ne la projette : l'octroi {gref} "
              "de {domid} passe à 0 (GTF_invalid).",
    },
    "close.removed": {
        "en": "libxl runs the hotplug script “remove” and deletes both directories ({nodes} "
              "nodes): {device} {devid} is gone.",
        "fr": "libxl lance le script hotplug « remove » et supprime les deux répertoires "
              "({nodes} nœuds) : {device} {devid} n'existe plus.",
    },
    "close.reconnect": {
        "en": "{front} is resumed (as after a save/restore): {frontend_driver} drops its "
              "connection at once, with {in_flight} request(s) in flight and {queued} queued; it "
              "keeps their shadow copies to re-issue them.",
        "fr": "{front} reprend (comme après une sauvegarde/restauration) : {frontend_driver} "
              "abandonne sa connexion tout de suite, avec {in_flight} requête(s) en vol et "
              "{queued} en file ; il garde leurs copies de suivi pour les ré-émettre.",
    },
}
