"""Narration of the network path: netfront, netback, the TX and RX rings (glossary.md; code
names untranslated)."""

from __future__ import annotations

NET: dict[str, dict[str, str]] = {
    "net.abandoned": {
        "en": "{driver} is no longer connected: this step of its work is dropped.",
        "fr": "{driver} n'est plus connecté : cette étape de son travail est abandonnée.",
    },
    "net.tx_granted": {
        "en": "The guest sends packet {pid} ({size} bytes): netfront grants its page (frame "
              "{frame}) to dom0 read-only: grant reference {gref}.",
        "fr": "L'invité envoie le paquet {pid} ({size} octets) : netfront octroie sa page "
              "(cadre {frame}) à dom0 en lecture seule : référence d'octroi {gref}.",
    },
    "net.tx_filled": {
        "en": "netfront puts a TX request (id {id}, gref, offset 0, size) for {pid} in slot "
              "{slot}; req_prod_pvt = {req_prod_pvt}.",
        "fr": "netfront place une requête TX (id {id}, gref, offset 0, size) pour {pid} dans la "
              "case {slot} ; req_prod_pvt = {req_prod_pvt}.",
    },
    "net.pushed_notify": {
        "en": "Push on the {ring} ring: req_prod {old} → {new}; req_event = {event} lies in "
              "({old}, {new}], netfront notifies dom0.",
        "fr": "Push sur l'anneau {ring} : req_prod {old} → {new} ; req_event = {event} est dans "
              "({old}, {new}], netfront notifie dom0.",
    },
    "net.pushed_quiet": {
        "en": "Push on the {ring} ring: req_prod {old} → {new}; req_event = {event} is not in "
              "({old}, {new}], no notification.",
        "fr": "Push sur l'anneau {ring} : req_prod {old} → {new} ; req_event = {event} n'est "
              "pas dans ({old}, {new}], pas de notification.",
    },
    "net.tx_consumed": {
        "en": "netback copies TX request {id} ({pid}) from slot {slot}; req_cons = {req_cons}.",
        "fr": "netback copie la requête TX {id} ({pid}) de la case {slot} ; req_cons = "
              "{req_cons}.",
    },
    "net.tx_copied": {
        "en": "GNTTABOP_copy (one hypercall): {pid} is small ({size} bytes, no more than "
              "XEN_NETBACK_TX_COPY_LEN = 128), so Xen copies all of it out of the guest's page "
              "(grant {gref}) into a dom0 buffer.",
        "fr": "GNTTABOP_copy (un hyperappel) : {pid} est petit ({size} octets, pas plus que "
              "XEN_NETBACK_TX_COPY_LEN = 128), Xen le copie donc en entier depuis la page de "
              "l'invité (octroi {gref}) vers un tampon de dom0.",
    },
    "net.tx_copied_mapped": {
        "en": "netback has Xen copy only the first {copied} bytes of {pid} (XEN_NETBACK_TX_COPY_"
              "LEN: the headers, into the packet's linear area) with GNTTABOP_copy, and "
              "grant-maps the guest's page for the other {mapped} bytes (GNTTABOP_map_grant_ref,"
              " read-only, handle {handle}): two grant operations, and the payload is not "
              "copied.",
        "fr": "netback fait copier par Xen seulement les {copied} premiers octets de {pid} "
              "(XEN_NETBACK_TX_COPY_LEN : les en-têtes, dans la zone linéaire du paquet) avec "
              "GNTTABOP_copy, et projette la page de l'invité par octroi pour les {mapped} autres "
              "octets (GNTTABOP_map_grant_ref, lecture seule, handle {handle}) : deux "
              "opérations d'octroi, et les données utiles ne sont pas copiées.",
    },
    "net.tx_unmapped": {
        "en": "The packet has left: netback's dealloc work unmaps grant {gref} "
              "(GNTTABOP_unmap_grant_ref, handle {handle}); only then does it answer the guest.",
        "fr": "Le paquet est parti : le travail de libération de netback supprime la "
              "projection de l'octroi {gref} (GNTTABOP_unmap_grant_ref, handle {handle}) ; "
              "c'est seulement ensuite qu'il répond à l'invité.",
    },
    "net.tx_copy_failed": {
        "en": "GNTTABOP_copy fails for {pid}: grant {gref} ({size} bytes) is no longer granted "
              "to dom0.",
        "fr": "GNTTABOP_copy échoue pour {pid} : l'octroi {gref} ({size} octets) n'est plus "
              "accordé à dom0.",
    },
    "net.tx_delivered": {
        "en": "netback hands {pid} ({size} bytes) to the bridge xenbr0; the physical NIC sends "
              "it.",
        "fr": "netback confie {pid} ({size} octets) au pont xenbr0 ; la carte réseau physique "
              "l'envoie.",
    },
    "net.tx_responded_notify": {
        "en": "TX response (id {id}, NETIF_RSP_OKAY) in slot {slot}; rsp_prod {old} → {new}, "
              "rsp_event = {event} in ({old}, {new}]: netback notifies.",
        "fr": "Réponse TX (id {id}, NETIF_RSP_OKAY) dans la case {slot} ; rsp_prod {old} → "
              "{new}, rsp_event = {event} dans ({old}, {new}] : netback notifie.",
    },
    "net.tx_responded_quiet": {
        "en": "TX response (id {id}, NETIF_RSP_OKAY) in slot {slot}; rsp_prod {old} → {new}, "
              "rsp_event = {event} not in ({old}, {new}]: no notification.",
        "fr": "Réponse TX (id {id}, NETIF_RSP_OKAY) dans la case {slot} ; rsp_prod {old} → "
              "{new}, rsp_event = {event} hors de ({old}, {new}] : pas de notification.",
    },
    "net.final_check": {
        "en": "netback's final check on the {ring} ring: req_event = {req_event}.",
        "fr": "Vérification finale de netback sur l'anneau {ring} : req_event = {req_event}.",
    },
    "net.rx_arrived": {
        "en": "Packet {pid} ({size} bytes) for the guest arrives on eth0; the bridge hands it "
              "to netback ({queued} waiting).",
        "fr": "Le paquet {pid} ({size} octets) pour l'invité arrive sur eth0 ; le pont le "
              "confie à netback ({queued} en attente).",
    },
    "net.rx_no_buffer": {
        "en": "No RX buffer posted by the guest: {queued} packet(s) wait in netback; req_event = "
              "{req_event} asks for a notification when the guest posts one.",
        "fr": "Aucun tampon RX posté par l'invité : {queued} paquet(s) attendent dans netback ; "
              "req_event = {req_event} demande une notification quand l'invité en postera un.",
    },
    "net.rx_consumed": {
        "en": "netback takes the RX buffer the guest posted in slot {slot} (id {id}, grant "
              "{gref}) for {pid}.",
        "fr": "netback prend le tampon RX que l'invité a posté dans la case {slot} (id {id}, "
              "octroi {gref}) pour {pid}.",
    },
    "net.rx_copied": {
        "en": "GNTTABOP_copy (one hypercall): Xen copies the {size} bytes of {pid} into the "
              "guest's buffer (grant {gref}). No page changes owner: this is the grant copy on "
              "receive.",
        "fr": "GNTTABOP_copy (un hyperappel) : Xen copie les {size} octets de {pid} dans le "
              "tampon de l'invité (octroi {gref}). Aucune page ne change de propriétaire : c'est "
              "la copie par octroi à la réception.",
    },
    "net.rx_copy_failed": {
        "en": "GNTTABOP_copy fails for {pid}: the buffer's grant {gref} is gone ({size} bytes "
              "dropped).",
        "fr": "GNTTABOP_copy échoue pour {pid} : l'octroi {gref} du tampon n'existe plus "
              "({size} octets perdus).",
    },
    "net.rx_responded_notify": {
        "en": "RX response (id {id}, status {status}) in slot {slot}; rsp_prod {old} → {new}, "
              "rsp_event = {event} in ({old}, {new}]: netback notifies.",
        "fr": "Réponse RX (id {id}, status {status}) dans la case {slot} ; rsp_prod {old} → "
              "{new}, rsp_event = {event} dans ({old}, {new}] : netback notifie.",
    },
    "net.rx_responded_quiet": {
        "en": "RX response (id {id}, status {status}) in slot {slot}; rsp_prod {old} → {new}, "
              "rsp_event = {event} not in ({old}, {new}]: no notification.",
        "fr": "Réponse RX (id {id}, status {status}) dans la case {slot} ; rsp_prod {old} → "
              "{new}, rsp_event = {event} hors de ({old}, {new}] : pas de notification.",
    },
    "net.interrupt": {
        "en": "xennet_interrupt: {tx} TX completion(s) and {rx} received packet(s) to handle.",
        "fr": "xennet_interrupt : {tx} fin(s) d'émission et {rx} paquet(s) reçu(s) à traiter.",
    },
    "net.tx_done": {
        "en": "{pid} is sent: netfront ends access to grant {gref} and frees the packet; "
              "rsp_event = {rsp_event}.",
        "fr": "{pid} est envoyé : netfront met fin à l'accès à l'octroi {gref} et libère le "
              "paquet ; rsp_event = {rsp_event}.",
    },
    "net.rx_done": {
        "en": "netfront receives {pid} ({size} bytes): it ends access to grant {gref} and passes "
              "the data up the network stack; rsp_event = {rsp_event}.",
        "fr": "netfront reçoit {pid} ({size} octets) : il met fin à l'accès à l'octroi {gref} et "
              "remonte les données vers la pile réseau ; rsp_event = {rsp_event}.",
    },
    "net.rx_error": {
        "en": "netfront gets an error for {pid} (status {size}); it ends access to grant {gref}; "
              "rsp_event = {rsp_event}.",
        "fr": "netfront reçoit une erreur pour {pid} (status {size}) ; il met fin à l'accès à "
              "l'octroi {gref} ; rsp_event = {rsp_event}.",
    },
    "net.rx_granted": {
        "en": "netfront grants an empty page (frame {frame}) to dom0, writable, as a receive "
              "buffer: grant reference {gref}.",
        "fr": "netfront octroie une page vide (cadre {frame}) à dom0, en écriture, comme tampon "
              "de réception : référence d'octroi {gref}.",
    },
    "net.rx_posted": {
        "en": "netfront posts RX request (id {id}, gref {gref}) in slot {slot}; req_prod_pvt = "
              "{req_prod_pvt}.",
        "fr": "netfront poste la requête RX (id {id}, gref {gref}) dans la case {slot} ; "
              "req_prod_pvt = {req_prod_pvt}.",
    },
}
