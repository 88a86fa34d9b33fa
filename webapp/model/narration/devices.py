"""Narration of the devices lab, in English and French (glossary.md; code names untranslated).

Field names ending in ``_state`` are translated through ``PHASES`` (added to the shared state
vocabulary when the lab registers).
"""

from __future__ import annotations

PHASES: dict[str, dict[str, str]] = {
    "absent": {"en": "not plugged", "fr": "non branché"},
    "connecting": {"en": "connecting", "fr": "en cours de connexion"},
    "connected": {"en": "connected", "fr": "connecté"},
    "closing": {"en": "closing", "fr": "en cours de fermeture"},
    "reconnecting": {"en": "reconnecting", "fr": "en cours de reconnexion"},
}

_XENBUS: dict[str, dict[str, str]] = {
    "xenbus.toolstack_added": {
        "en": "libxl adds {device} {devid}: one xenstore transaction writes {nodes} nodes — the "
              "backend directory {back_dir} (owned by {back}, readable by {front}) and the "
              "frontend directory {front_dir} (owned by {front}, readable by {back}), both with "
              "state = 1 (Initialising).",
        "fr": "libxl ajoute {device} {devid} : une transaction xenstore écrit {nodes} nœuds — le "
              "répertoire du backend {back_dir} (propriété de {back}, lisible par {front}) et "
              "celui du frontend {front_dir} (propriété de {front}, lisible par {back}), tous "
              "deux avec state = 1 (Initialising).",
    },
    "xenbus.switched": {
        "en": "{driver} switches its state: {old} → {new} (it writes {path}; the other end's "
              "watch will fire).",
        "fr": "{driver} change d'état : {old} → {new} (il écrit {path} ; la surveillance de "
              "l'autre extrémité va se déclencher).",
    },
    "xenbus.hotplug_block": {
        "en": "libxl runs the hotplug script “block”: it finds the disk and writes {path} = "
              "fd:0 (major:minor) and physical-device-path = /dev/dm-0.",
        "fr": "libxl lance le script hotplug « block » : il trouve le disque et écrit {path} = "
              "fd:0 (majeur:mineur) et physical-device-path = /dev/dm-0.",
    },
    "xenbus.hotplug_vif": {
        "en": "libxl runs the hotplug script “vif-bridge”: it adds the guest's interface to the "
              "bridge xenbr0 and writes {path} = connected.",
        "fr": "libxl lance le script hotplug « vif-bridge » : il ajoute l'interface de l'invité au "
              "pont xenbr0 et écrit {path} = connected.",
    },
    "xenbus.back_probed": {
        "en": "xenbus in {back} probes {backend_driver}: it allocates the interface, publishes "
              "{features} and watches its own node and the frontend's state.",
        "fr": "xenbus dans {back} sonde {backend_driver} : il alloue l'interface, publie "
              "{features} et surveille son propre nœud et l'état du frontend.",
    },
    "xenbus.back_opened": {
        "en": "{backend_driver} reads physical-device and opens the real disk {physical} in "
              "{back}: the physical side is ready.",
        "fr": "{backend_driver} lit physical-device et ouvre le vrai disque {physical} dans "
              "{back} : le côté physique est prêt.",
    },
    "xenbus.back_plugged": {
        "en": "{backend_driver} sees hotplug-status = connected: the interface is on the bridge "
              "{bridge}.",
        "fr": "{backend_driver} voit hotplug-status = connected : l'interface est sur le pont "
              "{bridge}.",
    },
    "xenbus.back_read_ring": {
        "en": "{backend_driver} (connect_ring) reads what the frontend published: {values}.",
        "fr": "{backend_driver} (connect_ring) lit ce que le frontend a publié : {values}.",
    },
    "xenbus.back_mapped_ring": {
        "en": "GNTTABOP_map_grant_ref: {back} maps {front}'s {ring} ring page (grant reference "
              "{gref}), handle {handle}. Xen sets {flags} in {front}'s grant entry; BACK_RING_INIT "
              "zeroes req_cons and rsp_prod_pvt.",
        "fr": "GNTTABOP_map_grant_ref : {back} projette la page de l'anneau {ring} de {front} "
              "(référence d'octroi {gref}), handle {handle}. Xen positionne {flags} dans l'entrée "
              "d'octroi de {front} ; BACK_RING_INIT met req_cons et rsp_prod_pvt à 0.",
    },
    "xenbus.back_bound": {
        "en": "EVTCHNOP_bind_interdomain: {back}'s new port {port} is joined to {front}'s "
              "unbound port {remote_port}; both are now interdomain. Xen sets port {port} "
              "pending once, in case {front} had already signalled.",
        "fr": "EVTCHNOP_bind_interdomain : le nouveau port {port} de {back} est relié au port "
              "libre {remote_port} de {front} ; les deux sont maintenant interdomain. Xen marque "
              "le port {port} en attente une fois, au cas où {front} aurait déjà notifié.",
    },
    "xenbus.back_published": {
        "en": "{backend_driver} (connect) writes the disk's size (sectors = {sectors}, "
              "{size_gib} GiB), info, sector-size and its features.",
        "fr": "{backend_driver} (connect) écrit la taille du disque (sectors = {sectors}, "
              "{size_gib} Gio), info, sector-size et ses fonctionnalités.",
    },
    "xenbus.back_threads": {
        "en": "{backend_driver} starts its kernel threads for the TX and RX rings of {front}.",
        "fr": "{backend_driver} démarre ses threads noyau pour les anneaux TX et RX de {front}.",
    },
    "xenbus.front_probed": {
        "en": "xenbus in {front} probes {frontend_driver}: it reads {node} = {value} and "
              "watches the backend's state.",
        "fr": "xenbus dans {front} sonde {frontend_driver} : il lit {node} = {value} et "
              "surveille l'état du backend.",
    },
    "xenbus.front_ring_allocated": {
        "en": "{frontend_driver} allocates page {pfn} for the {ring} ring ({size} slots): "
              "SHARED_RING_INIT sets req_prod = rsp_prod = 0 and req_event = rsp_event = 1.",
        "fr": "{frontend_driver} alloue la page {pfn} pour l'anneau {ring} ({size} cases) : "
              "SHARED_RING_INIT met req_prod = rsp_prod = 0 et req_event = rsp_event = 1.",
    },
    "xenbus.front_granted_ring": {
        "en": "{frontend_driver} grants the {ring} ring page to {back}: grant reference {gref} "
              "= (GTF_permit_access, domid {back}, frame {frame}) (domid and frame first, the "
              "flags last).",
        "fr": "{frontend_driver} octroie la page de l'anneau {ring} à {back} : référence "
              "d'octroi {gref} = (GTF_permit_access, domid {back}, cadre {frame}) (domid et "
              "cadre d'abord, les drapeaux en dernier).",
    },
    "xenbus.front_evtchn": {
        "en": "EVTCHNOP_alloc_unbound: {front} gets port {port}, unbound, waiting for {back} to "
              "bind it.",
        "fr": "EVTCHNOP_alloc_unbound : {front} obtient le port {port}, libre (unbound), qui "
              "attend que {back} s'y relie.",
    },
    "xenbus.front_published": {
        "en": "{frontend_driver} writes, in one transaction: {nodes}.",
        "fr": "{frontend_driver} écrit, en une transaction : {nodes}.",
    },
    "xenbus.front_disk": {
        "en": "{frontend_driver} reads sectors = {sectors}, info and sector-size, and creates the "
              "disk xvda.",
        "fr": "{frontend_driver} lit sectors = {sectors}, info et sector-size, et crée le disque "
              "xvda.",
    },
    "xenbus.front_netdev": {
        "en": "{frontend_driver} reads the backend's features and registers eth0.",
        "fr": "{frontend_driver} lit les fonctionnalités du backend et enregistre eth0.",
    },
}

_WATCHES: dict[str, dict[str, str]] = {
    "xs.watch_fired": {
        "en": "xenstored fires {watcher}'s watch on {watched} (token {token}) because {path} "
              "changed: {why}",
        "fr": "xenstored déclenche la surveillance de {watcher} sur {watched} (jeton {token}) "
              "car {path} a changé : {why}",
    },
    "xs.why.new_device": {
        "en": "a new {device} device: {driver} will be probed.",
        "fr": "un nouveau périphérique {device} : {driver} va être sondé.",
    },
    "xs.why.nothing_new": {"en": "no new device.", "fr": "aucun nouveau périphérique."},
    "xs.why.gone": {"en": "the device is gone; nothing to do.",
                    "fr": "le périphérique a disparu ; rien à faire."},
    "xs.why.hotplug": {
        "en": "the backend reached InitWait, so libxl runs the hotplug script “{script}” and "
              "removes its watch.",
        "fr": "le backend a atteint InitWait : libxl lance le script hotplug « {script} » et "
              "retire sa surveillance.",
    },
    "xs.why.libxl_waits": {
        "en": "libxl reads {seen} and keeps waiting for {wanted} (new watches fire once at "
              "once).",
        "fr": "libxl lit {seen} et attend toujours {wanted} (une nouvelle surveillance se "
              "déclenche une fois tout de suite).",
    },
    "xs.why.remove": {
        "en": "the backend is Closed: libxl will remove the device.",
        "fr": "le backend est Closed : libxl va retirer le périphérique.",
    },
    "xs.why.physical_absent": {
        "en": "{node} is not written yet; nothing to do.",
        "fr": "{node} n'est pas encore écrit ; rien à faire.",
    },
    "xs.why.physical": {
        "en": "{driver} reads {node}.",
        "fr": "{driver} lit {node}.",
    },
    "xs.why.connect_ring": {
        "en": "the frontend is Initialised: {driver} will read its ring details and connect.",
        "fr": "le frontend est Initialised : {driver} va lire les détails de son anneau et se "
              "connecter.",
    },
    "xs.why.disconnect": {
        "en": "the frontend is Closed: {driver} disconnects.",
        "fr": "le frontend est Closed : {driver} se déconnecte.",
    },
    "xs.why.reconnect": {
        "en": "the frontend is back to Initialising while {driver} is Closed: it prepares to "
              "reconnect.",
        "fr": "le frontend est revenu à Initialising alors que {driver} est Closed : il se "
              "prépare à la reconnexion.",
    },
    "xs.why.back_connected": {
        "en": "the backend is Connected: {driver} will read what it published.",
        "fr": "le backend est Connected : {driver} va lire ce qu'il a publié.",
    },
    "xs.why.back_closing": {
        "en": "the backend is Closing: {driver} starts closing.",
        "fr": "le backend est Closing : {driver} commence à se fermer.",
    },
    "xs.why.front_reinit": {
        "en": "the backend is Closed: {driver} goes back to Initialising to reconnect.",
        "fr": "le backend est Closed : {driver} revient à Initialising pour se reconnecter.",
    },
    "xs.why.front_setup": {
        "en": "the backend waits in InitWait: {driver} sets up a fresh ring.",
        "fr": "le backend attend en InitWait : {driver} prépare un nouvel anneau.",
    },
    "xs.why.nothing": {
        "en": "{driver} reads {seen}; nothing to do.",
        "fr": "{driver} lit {seen} ; rien à faire.",
    },
}

_CLOSE: dict[str, dict[str, str]] = {
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
              "redevient libre (unbound).",
    },
    "close.end_ring_now": {
        "en": "{frontend_driver} ends access to the {ring} ring (grant {gref}): nobody maps it, "
              "the flags go to 0 and the page is freed.",
        "fr": "{frontend_driver} met fin à l'accès à l'anneau {ring} (octroi {gref}) : personne "
              "ne le projette, les drapeaux passent à 0 et la page est libérée.",
    },
    "close.end_ring_deferred": {
        "en": "{frontend_driver} ends access to the {ring} ring (grant {gref}), but {back} still "
              "maps it (GTF_reading/GTF_writing set): Linux defers the end and keeps the page "
              "until it is unmapped.",
        "fr": "{frontend_driver} met fin à l'accès à l'anneau {ring} (octroi {gref}), mais {back} "
              "le projette encore (GTF_reading/GTF_writing positionnés) : Linux diffère la fin et "
              "garde la page jusqu'à ce qu'elle soit dé-projetée.",
    },
    "close.end_data_now": {
        "en": "In-flight request {rid} (id {id}): its grant {gref} is ended now; the shadow copy "
              "keeps the request for later.",
        "fr": "Requête en vol {rid} (id {id}) : son octroi {gref} prend fin maintenant ; la "
              "copie fantôme (shadow) garde la requête pour plus tard.",
    },
    "close.end_data_deferred": {
        "en": "In-flight request {rid} (id {id}): {back} still maps its grant {gref}, so the end "
              "is deferred; the shadow copy keeps the request for later.",
        "fr": "Requête en vol {rid} (id {id}) : {back} projette encore son octroi {gref}, la fin "
              "est donc différée ; la copie fantôme (shadow) garde la requête pour plus tard.",
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
              "{handle}); Xen clears GTF_reading/GTF_writing in {front}'s entry.",
        "fr": "GNTTABOP_unmap_grant_ref : {back} dé-projette l'anneau {ring} (octroi {gref}, "
              "handle {handle}) ; Xen efface GTF_reading/GTF_writing dans l'entrée de {front}.",
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
              "{queued} en file ; il garde leurs copies fantômes pour les ré-émettre.",
    },
}

_EVTCHN: dict[str, dict[str, str]] = {
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
        "en": "EVTCHNOP_send on {domid}'s port {port}: the port is unbound (its peer closed), "
              "so Xen silently drops the notification.",
        "fr": "EVTCHNOP_send sur le port {port} de {domid} : le port est libre (son pair l'a "
              "fermé), Xen abandonne la notification sans rien dire.",
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

_BLK: dict[str, dict[str, str]] = {
    "blk.submitted": {
        "en": "The guest's block layer asks blkfront for {count} read(s) ({rids}) of {sectors} "
              "sectors from sector {first_sector}; {queued} request(s) in blkfront's queue.",
        "fr": "La couche bloc de l'invité demande à blkfront {count} lecture(s) ({rids}) de "
              "{sectors} secteurs à partir du secteur {first_sector} ; {queued} requête(s) dans "
              "la file de blkfront.",
    },
    "blk.granted": {
        "en": "blkfront takes {rid}: {free} free slot(s), so not RING_FULL; shadow id {id}. It "
              "grants the data page {pfn} (frame {frame}) to dom0 writable — the backend will "
              "write into it: grant reference {gref}.",
        "fr": "blkfront prend {rid} : {free} case(s) libre(s), donc pas RING_FULL ; id fantôme "
              "{id}. Il octroie la page de données {pfn} (cadre {frame}) à dom0 en écriture — le "
              "backend va y écrire : référence d'octroi {gref}.",
    },
    "blk.filled": {
        "en": "blkfront fills slot {slot}: (id {id}, BLKIF_OP_READ, sector {sector}, 1 segment "
              "= gref {gref}) and keeps a shadow copy; req_prod_pvt = {req_prod_pvt} (private: "
              "req_prod is still {req_prod}).",
        "fr": "blkfront remplit la case {slot} : (id {id}, BLKIF_OP_READ, secteur {sector}, 1 "
              "segment = gref {gref}) et garde une copie fantôme ; req_prod_pvt = "
              "{req_prod_pvt} (privé : req_prod vaut toujours {req_prod}).",
    },
    "blk.fill_abandoned": {
        "en": "blkfront is {phase_state} now: it does not put {rid} on the ring; it ends the "
              "grant {gref} it had just made and leaves the read in its queue.",
        "fr": "blkfront est maintenant {phase_state} : il ne place pas {rid} sur l'anneau ; il "
              "met fin à l'octroi {gref} qu'il venait de faire et laisse la lecture dans sa file.",
    },
    "blk.ring_full": {
        "en": "RING_FULL: {outstanding} requests of {size} are on the ring without a consumed "
              "response. blkfront stops its queue (blk_stop_queue); {queued} read(s) wait for "
              "responses to free slots.",
        "fr": "RING_FULL : {outstanding} requêtes sur {size} sont sur l'anneau sans réponse "
              "consommée. blkfront arrête sa file (blk_stop_queue) ; {queued} lecture(s) "
              "attendent que des réponses libèrent des cases.",
    },
    "blk.queue_waits": {
        "en": "do_blkif_request stops: {queued} request(s) wait ({free} free slot(s)).",
        "fr": "do_blkif_request s'arrête : {queued} requête(s) attendent ({free} case(s) "
              "libre(s)).",
    },
    "blk.pushed_notify": {
        "en": "RING_PUSH_REQUESTS_AND_CHECK_NOTIFY: req_prod {old} → {new} ({count} request(s)). "
              "req_event = {event} lies in ({old}, {new}], so blkfront notifies dom0.",
        "fr": "RING_PUSH_REQUESTS_AND_CHECK_NOTIFY : req_prod {old} → {new} ({count} "
              "requête(s)). req_event = {event} est dans ({old}, {new}], blkfront notifie donc "
              "dom0.",
    },
    "blk.pushed_quiet": {
        "en": "RING_PUSH_REQUESTS_AND_CHECK_NOTIFY: req_prod {old} → {new} ({count} request(s)). "
              "req_event = {event} is not in ({old}, {new}]: blkback has not asked to be "
              "woken, no notification — it will see them when it re-checks the ring.",
        "fr": "RING_PUSH_REQUESTS_AND_CHECK_NOTIFY : req_prod {old} → {new} ({count} "
              "requête(s)). req_event = {event} n'est pas dans ({old}, {new}] : blkback n'a pas "
              "demandé à être réveillé, pas de notification — il les verra en revérifiant "
              "l'anneau.",
    },
    "blk.consumed": {
        "en": "blkback's thread reads req_prod (rp = {rp}) and copies the request in slot {slot} "
              "(id {id}, {rid}) into private memory before checking it; req_cons = {req_cons}.",
        "fr": "Le thread de blkback lit req_prod (rp = {rp}) et copie la requête de la case "
              "{slot} (id {id}, {rid}) en mémoire privée avant de la vérifier ; req_cons = "
              "{req_cons}.",
    },
    "blk.nothing_to_consume": {
        "en": "blkback's thread wakes: req_cons = {req_cons} = req_prod = {req_prod}, no new "
              "request; it sleeps again.",
        "fr": "Le thread de blkback se réveille : req_cons = {req_cons} = req_prod = "
              "{req_prod}, aucune nouvelle requête ; il se rendort.",
    },
    "blk.thread_stopped": {
        "en": "blkback's thread is stopped: it consumes nothing more.",
        "fr": "Le thread de blkback est arrêté : il ne consomme plus rien.",
    },
    "blk.mapped": {
        "en": "GNTTABOP_map_grant_ref (one hypercall): dom0 maps grant {gref} for request {id}, "
              "handle {handle}. Xen checked GTF_permit_access and domid = dom0, then set {flags} "
              "({pins} pin).",
        "fr": "GNTTABOP_map_grant_ref (un hyperappel) : dom0 projette l'octroi {gref} pour la "
              "requête {id}, handle {handle}. Xen a vérifié GTF_permit_access et domid = dom0, "
              "puis positionné {flags} ({pins} épingle).",
    },
    "blk.map_failed": {
        "en": "GNTTABOP_map_grant_ref fails for request {id} with {status}: the guest no longer "
              "grants page {gref} to dom0. blkback answers BLKIF_RSP_ERROR.",
        "fr": "GNTTABOP_map_grant_ref échoue pour la requête {id} avec {status} : l'invité "
              "n'octroie plus la page {gref} à dom0. blkback répond BLKIF_RSP_ERROR.",
    },
    "blk.bio_submitted": {
        "en": "blkback builds a bio for sector {sector} ({sectors} sectors) on the mapped page "
              "and calls submit_bio(READ): the real driver queues it on {disk} ({depth} in the "
              "disk's queue).",
        "fr": "blkback construit un bio pour le secteur {sector} ({sectors} secteurs) sur la "
              "page projetée et appelle submit_bio(READ) : le vrai pilote le met en file sur "
              "{disk} ({depth} dans la file du disque).",
    },
    "blk.disk_done": {
        "en": "{disk} has read sector {sector}: the DMA put the data straight into {front}'s "
              "page (zero copy). The disk interrupts dom0; end_block_io_op runs for request "
              "{id}.",
        "fr": "{disk} a lu le secteur {sector} : le DMA a placé les données directement dans la "
              "page de {front} (zéro copie). Le disque interrompt dom0 ; end_block_io_op "
              "s'exécute pour la requête {id}.",
    },
    "blk.disk_orphan": {
        "en": "The disk completes sector {sector}, but nobody waits for it any more.",
        "fr": "Le disque termine le secteur {sector}, mais plus personne ne l'attend.",
    },
    "blk.unmapped": {
        "en": "GNTTABOP_unmap_grant_ref (one hypercall): dom0 unmaps grant {gref} (handle "
              "{handle}); Xen clears the status bits — the entry is now {flags} — and flushes "
              "the TLB.",
        "fr": "GNTTABOP_unmap_grant_ref (un hyperappel) : dom0 dé-projette l'octroi {gref} "
              "(handle {handle}) ; Xen efface les bits d'état — l'entrée est maintenant {flags} "
              "— et vide le TLB.",
    },
    "blk.responded": {
        "en": "make_response: (id {id}, BLKIF_OP_READ, {status}) written in slot {slot}; "
              "rsp_prod_pvt = {rsp_prod_pvt} (rsp_prod still {rsp_prod}).",
        "fr": "make_response : (id {id}, BLKIF_OP_READ, {status}) écrit dans la case {slot} ; "
              "rsp_prod_pvt = {rsp_prod_pvt} (rsp_prod vaut toujours {rsp_prod}).",
    },
    "blk.responses_notify": {
        "en": "RING_PUSH_RESPONSES_AND_CHECK_NOTIFY: rsp_prod {old} → {new}; rsp_event = "
              "{event} lies in ({old}, {new}], so blkback notifies the guest.",
        "fr": "RING_PUSH_RESPONSES_AND_CHECK_NOTIFY : rsp_prod {old} → {new} ; rsp_event = "
              "{event} est dans ({old}, {new}], blkback notifie donc l'invité.",
    },
    "blk.responses_quiet": {
        "en": "RING_PUSH_RESPONSES_AND_CHECK_NOTIFY: rsp_prod {old} → {new}; rsp_event = "
              "{event} is not in ({old}, {new}]: the guest is already handling responses, no "
              "notification.",
        "fr": "RING_PUSH_RESPONSES_AND_CHECK_NOTIFY : rsp_prod {old} → {new} ; rsp_event = "
              "{event} n'est pas dans ({old}, {new}] : l'invité traite déjà des réponses, pas de "
              "notification.",
    },
    "blk.final_check_idle": {
        "en": "Every consumed request is answered: RING_FINAL_CHECK_FOR_REQUESTS sets req_event "
              "= req_cons + 1 = {req_event} and looks again: req_prod = {req_prod}, nothing new. "
              "The next push will notify.",
        "fr": "Chaque requête consommée a sa réponse : RING_FINAL_CHECK_FOR_REQUESTS met "
              "req_event = req_cons + 1 = {req_event} et regarde à nouveau : req_prod = "
              "{req_prod}, rien de nouveau. Le prochain push notifiera.",
    },
    "blk.final_check_more": {
        "en": "RING_FINAL_CHECK_FOR_REQUESTS: req_event = {req_event}, but requests arrived "
              "meanwhile (req_prod = {req_prod} > req_cons = {req_cons}): blkback keeps going "
              "without waiting for a notification.",
        "fr": "RING_FINAL_CHECK_FOR_REQUESTS : req_event = {req_event}, mais des requêtes sont "
              "arrivées entre-temps (req_prod = {req_prod} > req_cons = {req_cons}) : blkback "
              "continue sans attendre de notification.",
    },
    "blk.interrupt": {
        "en": "blkif_interrupt reads rsp_prod = {rsp_prod} (rsp_cons = {rsp_cons}): {count} "
              "response(s) to handle.",
        "fr": "blkif_interrupt lit rsp_prod = {rsp_prod} (rsp_cons = {rsp_cons}) : {count} "
              "réponse(s) à traiter.",
    },
    "blk.interrupt_ignored": {
        "en": "blkif_interrupt: blkfront is {phase_state}, not connected; it ignores the event.",
        "fr": "blkif_interrupt : blkfront est {phase_state}, pas connecté ; il ignore "
              "l'événement.",
    },
    "blk.ended": {
        "en": "blkfront reads the response in slot {slot} (id {id}, {rid}) and ends access to "
              "grant {gref}: dom0 has unmapped it, so the flags go to 0.",
        "fr": "blkfront lit la réponse de la case {slot} (id {id}, {rid}) et met fin à l'accès "
              "à l'octroi {gref} : dom0 l'a dé-projeté, les drapeaux passent donc à 0.",
    },
    "blk.end_deferred": {
        "en": "blkfront reads the response in slot {slot} (id {id}, {rid}); grant {gref} is still "
              "mapped by someone, so ending it is deferred.",
        "fr": "blkfront lit la réponse de la case {slot} (id {id}, {rid}) ; l'octroi {gref} est "
              "encore projeté par quelqu'un, sa fin est donc différée.",
    },
    "blk.completed": {
        "en": "blkfront returns id {id} to its free list and completes {rid}: the read succeeded. "
              "{left} request(s) still on the ring.",
        "fr": "blkfront rend l'id {id} à sa liste libre et termine {rid} : la lecture a réussi. "
              "{left} requête(s) encore sur l'anneau.",
    },
    "blk.completed_error": {
        "en": "blkfront returns id {id} and completes {rid} with -EIO (BLKIF_RSP_ERROR). {left} "
              "request(s) still on the ring.",
        "fr": "blkfront rend l'id {id} et termine {rid} avec -EIO (BLKIF_RSP_ERROR). {left} "
              "requête(s) encore sur l'anneau.",
    },
    "blk.front_final": {
        "en": "rsp_cons = {rsp_cons}; rsp_event = {rsp_event}, so the next response will "
              "notify ({outstanding} request(s) outstanding).",
        "fr": "rsp_cons = {rsp_cons} ; rsp_event = {rsp_event}, la prochaine réponse notifiera "
              "donc ({outstanding} requête(s) en cours).",
    },
    "blk.front_final_more": {
        "en": "rsp_cons = {rsp_cons}, but more responses arrived meanwhile (rsp_prod = "
              "{rsp_prod}): RING_FINAL_CHECK_FOR_RESPONSES does not re-arm rsp_event (still "
              "{rsp_event}) and blkfront loops — while it is busy, blkback needs not notify it.",
        "fr": "rsp_cons = {rsp_cons}, mais d'autres réponses sont arrivées entre-temps (rsp_prod "
              "= {rsp_prod}) : RING_FINAL_CHECK_FOR_RESPONSES ne réarme pas rsp_event (toujours "
              "{rsp_event}) et blkfront recommence — tant qu'il est occupé, blkback n'a pas "
              "besoin de le notifier.",
    },
    "blk.restarted": {
        "en": "{free} slot(s) are free again: blkfront restarts its stopped queue "
              "(kick_pending_request_queues); {queued} read(s) were waiting.",
        "fr": "{free} case(s) de nouveau libre(s) : blkfront relance sa file arrêtée "
              "(kick_pending_request_queues) ; {queued} lecture(s) attendaient.",
    },
    "blk.failed_queue": {
        "en": "The reads that are not on the ring fail with -EIO: {rids}.",
        "fr": "Les lectures qui ne sont pas sur l'anneau échouent avec -EIO : {rids}.",
    },
    "blk.recover": {
        "en": "blkif_recover: {count} request(s) were in flight ({rids}); each goes on the new "
              "ring again from its shadow copy, with a fresh grant.",
        "fr": "blkif_recover : {count} requête(s) étaient en vol ({rids}) ; chacune repart sur "
              "le nouvel anneau depuis sa copie fantôme, avec un nouvel octroi.",
    },
    "blk.recover_abandoned": {
        "en": "blkfront is {phase_state} again: this step is dropped; the next recovery starts "
              "over from the shadow copies.",
        "fr": "blkfront est de nouveau {phase_state} : cette étape est abandonnée ; la prochaine "
              "reprise repartira des copies fantômes.",
    },
    "blk.regranted": {
        "en": "Fresh grant for {rid} (id {id}): reference {gref} replaces {old}, which belonged "
              "to the old connection.",
        "fr": "Nouvel octroi pour {rid} (id {id}) : la référence {gref} remplace {old}, qui "
              "appartenait à l'ancienne connexion.",
    },
    "blk.requeued": {
        "en": "The shadow copy of {rid} (id {id}) goes into slot {slot} of the new ring; "
              "req_prod_pvt = {req_prod_pvt}.",
        "fr": "La copie fantôme de {rid} (id {id}) va dans la case {slot} du nouvel anneau ; "
              "req_prod_pvt = {req_prod_pvt}.",
    },
    "disk.busy": {
        "en": "Nothing to run: {disk} is still reading sector {sector} ({ticks} step(s) left).",
        "fr": "Rien à exécuter : {disk} lit encore le secteur {sector} (encore {ticks} pas).",
    },
}

_NET: dict[str, dict[str, str]] = {
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
        "en": "GNTTABOP_copy (one hypercall): Xen copies the {size} bytes of {pid} out of the "
              "guest's page (grant {gref}) into a dom0 buffer.",
        "fr": "GNTTABOP_copy (un hyperappel) : Xen copie les {size} octets de {pid} depuis la "
              "page de l'invité (octroi {gref}) vers un tampon de dom0.",
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

_EMU: dict[str, dict[str, str]] = {
    "emu.submitted": {
        "en": "The HVM guest's block layer asks its IDE driver (ata_piix) for {count} read(s): "
              "{rids}. No PV driver here: the disk is an emulated controller.",
        "fr": "La couche bloc de l'invité HVM demande {count} lecture(s) à son pilote IDE "
              "(ata_piix) : {rids}. Pas de pilote PV ici : le disque est un contrôleur émulé.",
    },
    "emu.started": {
        "en": "ata_piix starts {rid} at sector {sector}: {accesses} register accesses to program "
              "a READ DMA.",
        "fr": "ata_piix démarre {rid} au secteur {sector} : {accesses} accès aux registres pour "
              "programmer un READ DMA.",
    },
    "emu.vm_exit_out": {
        "en": "The guest executes `{instruction}` ({register} ← {value}): I/O ports are "
              "intercepted, so the CPU leaves the guest — VM exit, reason {exit_reason} "
              "(IO_INSTRUCTION).",
        "fr": "L'invité exécute `{instruction}` ({register} ← {value}) : les ports d'E/S sont "
              "interceptés, le processeur quitte l'invité — sortie de VM, raison {exit_reason} "
              "(IO_INSTRUCTION).",
    },
    "emu.vm_exit_in": {
        "en": "The guest executes `{instruction}` to read {register}: I/O ports are intercepted, "
              "so the CPU leaves the guest — VM exit, reason {exit_reason} (IO_INSTRUCTION).",
        "fr": "L'invité exécute `{instruction}` pour lire {register} : les ports d'E/S sont "
              "interceptés, le processeur quitte l'invité — sortie de VM, raison {exit_reason} "
              "(IO_INSTRUCTION).",
    },
    "emu.ioreq_sent": {
        "en": "Xen has no emulator for port {port}: it fills the ioreq (IOREQ_TYPE_PIO, "
              "{size} byte(s), STATE_IOREQ_READY) and notifies QEMU's event channel (dom0 port "
              "{evtchn_port}).",
        "fr": "Xen n'a pas d'émulateur pour le port {port} : il remplit l'ioreq "
              "(IOREQ_TYPE_PIO, {size} octet(s), STATE_IOREQ_READY) et notifie le canal "
              "d'événements de QEMU (port {evtchn_port} de dom0).",
    },
    "emu.qemu_took": {
        "en": "dom0's vCPU is scheduled and its upcall wakes QEMU (a process): it takes the ioreq "
              "for {port} (STATE_IOREQ_INPROCESS).",
        "fr": "Le vCPU de dom0 est ordonnancé et sa remontée réveille QEMU (un processus) : il "
              "prend l'ioreq pour {port} (STATE_IOREQ_INPROCESS).",
    },
    "emu.emulated_out": {
        "en": "QEMU emulates the write: the IDE model's {register} register = {result}. It sets "
              "STATE_IORESP_READY and notifies Xen (a hypercall).",
        "fr": "QEMU émule l'écriture : le registre {register} du modèle IDE = {result}. Il "
              "positionne STATE_IORESP_READY et notifie Xen (un hyperappel).",
    },
    "emu.emulated_in": {
        "en": "QEMU emulates the read of {register}: it returns {result}, sets "
              "STATE_IORESP_READY and notifies Xen (a hypercall).",
        "fr": "QEMU émule la lecture de {register} : il renvoie {result}, positionne "
              "STATE_IORESP_READY et notifie Xen (un hyperappel).",
    },
    "emu.resumed": {
        "en": "Xen completes `{instruction}` and re-enters the guest (VM entry); {left} access(es) "
              "left in this phase.",
        "fr": "Xen termine `{instruction}` et rentre dans l'invité (entrée en VM) ; encore "
              "{left} accès dans cette phase.",
    },
    "emu.waits": {
        "en": "The guest's driver now waits for IRQ {irq}.",
        "fr": "Le pilote de l'invité attend maintenant l'IRQ {irq}.",
    },
    "emu.dma_submitted": {
        "en": "The bus master was started: QEMU reads the disk image for {rid} (sector {sector}) "
              "with preadv — a system call into dom0's kernel, served by {disk}.",
        "fr": "Le bus master est démarré : QEMU lit l'image disque pour {rid} (secteur {sector}) "
              "avec preadv — un appel système dans le noyau de dom0, servi par {disk}.",
    },
    "emu.dma_done": {
        "en": "QEMU's read of sector {sector} completes: it copies the data into the guest's "
              "memory through its map cache and sets the bus master's interrupt bit ({rid}).",
        "fr": "La lecture du secteur {sector} par QEMU se termine : il copie les données dans "
              "la mémoire de l'invité via son cache de projection et positionne le bit "
              "d'interruption du bus master ({rid}).",
    },
    "emu.irq": {
        "en": "QEMU raises IRQ {irq} (XEN_DMOP_set_isa_irq_level, a hypercall); Xen injects it "
              "at the next VM entry and the guest's handler starts: {accesses} more accesses.",
        "fr": "QEMU lève l'IRQ {irq} (XEN_DMOP_set_isa_irq_level, un hyperappel) ; Xen "
              "l'injecte à la prochaine entrée en VM et le gestionnaire de l'invité démarre : "
              "encore {accesses} accès.",
    },
    "emu.completed": {
        "en": "The emulated read {rid} is complete ({left} more waiting).",
        "fr": "La lecture émulée {rid} est terminée ({left} autre(s) en attente).",
    },
}

_PROBES: dict[str, dict[str, str]] = {
    "probe.mapped": {
        "en": "Your GNTTABOP_map_grant_ref is legitimate: {mapper} maps {granter}'s grant {ref} "
              "(handle {handle}); the entry is now {flags}. It unmaps it at the next step.",
        "fr": "Votre GNTTABOP_map_grant_ref est légitime : {mapper} projette l'octroi {ref} de "
              "{granter} (handle {handle}) ; l'entrée est maintenant {flags}. Il la dé-projette "
              "au pas suivant.",
    },
    "probe.unmapped": {
        "en": "{mapper} unmaps {granter}'s grant {ref} (handle {handle}).",
        "fr": "{mapper} dé-projette l'octroi {ref} de {granter} (handle {handle}).",
    },
    "probe.ended": {
        "en": "{domid} ends access to its grant {ref} ({purpose}): nobody mapped it, so it is "
              "allowed. Whoever relied on it will find it gone.",
        "fr": "{domid} met fin à l'accès à son octroi {ref} ({purpose}) : personne ne le "
              "projetait, c'est donc permis. Qui comptait dessus le trouvera disparu.",
    },
    "probe.sent": {
        "en": "Your EVTCHNOP_send on {domid}'s port {port} is legitimate: {peer}'s port "
              "{peer_port} becomes pending — a notification with no work behind it.",
        "fr": "Votre EVTCHNOP_send sur le port {port} de {domid} est légitime : le port "
              "{peer_port} de {peer} passe en attente — une notification sans travail derrière.",
    },
    "probe.xs_written": {
        "en": "{domid} may write there: {path} = {value}. Every watch on it fires.",
        "fr": "{domid} a le droit d'y écrire : {path} = {value}. Chaque surveillance dessus se "
              "déclenche.",
    },
    "devices.dropped": {
        "en": "Your “{action}” no longer applies now that its turn has come: {why}",
        "fr": "Votre « {action} » ne s'applique plus maintenant que son tour est venu : {why}",
    },
    "devices.domain_gone": {
        "en": "Domain(s) {domids} no longer exist: Xen closed their event channels (peers are "
              "unbound again) and released their grants; their devices are gone.",
        "fr": "Le(s) domaine(s) {domids} n'existent plus : Xen a fermé leurs canaux d'événements "
              "(les pairs redeviennent libres) et libéré leurs octrois ; leurs périphériques ont "
              "disparu.",
    },
}

_REFUSALS: dict[str, dict[str, str]] = {
    "refused.devices.grant_never": {
        "en": "Xen refuses GNTTABOP_map_grant_ref with {gntst}: d{granter} never granted "
              "reference {ref} (its entry is GTF_invalid). A grant reference is a capability "
              "only the granter can create. Nothing changed.",
        "fr": "Xen refuse GNTTABOP_map_grant_ref avec {gntst} : d{granter} n'a jamais octroyé "
              "la référence {ref} (son entrée est GTF_invalid). Une référence d'octroi est une "
              "capacité que seul le donneur peut créer. Rien n'a changé.",
    },
    "refused.devices.grant_ended": {
        "en": "Xen refuses GNTTABOP_map_grant_ref with {gntst}: d{granter} ended access to "
              "reference {ref} (flags back to GTF_invalid; the entry still names d{grantee}). "
              "An ended grant is no longer a right. Nothing changed.",
        "fr": "Xen refuse GNTTABOP_map_grant_ref avec {gntst} : d{granter} a mis fin à l'accès "
              "à la référence {ref} (drapeaux revenus à GTF_invalid ; l'entrée nomme encore "
              "d{grantee}). Un octroi terminé n'est plus un droit. Rien n'a changé.",
    },
    "refused.devices.grant_other_domain": {
        "en": "Xen refuses GNTTABOP_map_grant_ref with {gntst}: d{granter}'s reference {ref} is "
              "granted to d{grantee}, not to d{mapper} (entry.domid ≠ the mapping domain). "
              "Nothing changed.",
        "fr": "Xen refuse GNTTABOP_map_grant_ref avec {gntst} : la référence {ref} de "
              "d{granter} est octroyée à d{grantee}, pas à d{mapper} (entry.domid ≠ le domaine "
              "qui projette). Rien n'a changé.",
    },
    "refused.devices.grant_readonly": {
        "en": "Xen refuses GNTTABOP_map_grant_ref with {gntst}: d{granter}'s reference {ref} is "
              "GTF_readonly and d{mapper} asked for a writable mapping. Nothing changed.",
        "fr": "Xen refuse GNTTABOP_map_grant_ref avec {gntst} : la référence {ref} de "
              "d{granter} est GTF_readonly et d{mapper} demande une projection en écriture. "
              "Rien n'a changé.",
    },
    "refused.devices.grant_bad_ref": {
        "en": "Xen refuses GNTTABOP_map_grant_ref with {gntst}: reference {ref} is outside "
              "d{granter}'s table ({limit} entries). Nothing changed.",
        "fr": "Xen refuse GNTTABOP_map_grant_ref avec {gntst} : la référence {ref} est hors de "
              "la table de d{granter} ({limit} entrées). Rien n'a changé.",
    },
    "refused.devices.grant_bad_domain": {
        "en": "Xen refuses GNTTABOP_map_grant_ref with {gntst}: d{granter} has no grant table "
              "here (reference {ref}). Nothing changed.",
        "fr": "Xen refuse GNTTABOP_map_grant_ref avec {gntst} : d{granter} n'a pas de table "
              "d'octroi ici (référence {ref}). Rien n'a changé.",
    },
    "refused.devices.grant_bad_handle": {
        "en": "Xen refuses GNTTABOP_unmap_grant_ref with {gntst}: d{mapper} has no mapping "
              "with handle {handle}. Nothing changed.",
        "fr": "Xen refuse GNTTABOP_unmap_grant_ref avec {gntst} : d{mapper} n'a aucune "
              "projection de handle {handle}. Rien n'a changé.",
    },
    "refused.devices.end_in_use": {
        "en": "Refused: d{domid}'s grant {ref} is still mapped by d{grantee} ({flags}, {pins} "
              "pin(s)). gnttab_end_foreign_access_ref fails while Xen has GTF_reading or "
              "GTF_writing set: revoking now would let d{grantee} keep using a page the guest "
              "reuses. The grantee must unmap first. Nothing changed.",
        "fr": "Refusé : l'octroi {ref} de d{domid} est encore projeté par d{grantee} ({flags}, "
              "{pins} épingle(s)). gnttab_end_foreign_access_ref échoue tant que Xen a "
              "GTF_reading ou GTF_writing : révoquer maintenant laisserait d{grantee} utiliser "
              "une page que l'invité réutilise. Le bénéficiaire doit d'abord dé-projeter. Rien "
              "n'a changé.",
    },
    "refused.devices.end_not_granted": {
        "en": "Refused: d{domid}'s reference {ref} is not granted (GTF_invalid): there is no "
              "access to end. Nothing changed.",
        "fr": "Refusé : la référence {ref} de d{domid} n'est pas octroyée (GTF_invalid) : il n'y "
              "a aucun accès à terminer. Rien n'a changé.",
    },
    "refused.devices.end_ring_owned": {
        "en": "Refused by the lab: grant {ref} holds the {ring} ring of d{domid}'s {device}; the "
              "lab will not pull it from under the driver (it ends when the device closes). "
              "Nothing changed.",
        "fr": "Refusé par le labo : l'octroi {ref} porte l'anneau {ring} du {device} de "
              "d{domid} ; le labo ne le retire pas sous les pieds du pilote (il prend fin à la "
              "fermeture du périphérique). Rien n'a changé.",
    },
    "refused.devices.evtchn_unbound": {
        "en": "EVTCHNOP_send on d{domid}'s port {port}: the port is unbound — d{remote} has not "
              "bound to it yet, so nobody can receive. Xen silently drops such a notification "
              "(it returns 0): nothing happens, nothing changed.",
        "fr": "EVTCHNOP_send sur le port {port} de d{domid} : le port est libre (unbound) — "
              "d{remote} ne s'y est pas encore relié, personne ne peut recevoir. Xen abandonne "
              "une telle notification sans rien dire (il renvoie 0) : il ne se passe rien, rien "
              "n'a changé.",
    },
    "refused.devices.evtchn_closed": {
        "en": "Xen refuses EVTCHNOP_send with {errno}: d{domid} has no port {port}. Nothing "
              "changed.",
        "fr": "Xen refuse EVTCHNOP_send avec {errno} : d{domid} n'a pas de port {port}. Rien n'a "
              "changé.",
    },
    "refused.devices.evtchn_not_interdomain": {
        "en": "Xen refuses EVTCHNOP_send with {errno}: d{domid}'s port {port} is bound to {kind}, "
              "which only Xen raises. Nothing changed.",
        "fr": "Xen refuse EVTCHNOP_send avec {errno} : le port {port} de d{domid} est lié à "
              "{kind}, que seul Xen déclenche. Rien n'a changé.",
    },
    "refused.devices.evtchn_bind": {
        "en": "Xen refuses EVTCHNOP_bind_interdomain with {errno}: d{remote}'s port {port} is not "
              "an unbound port waiting for d{domid}. Nothing changed.",
        "fr": "Xen refuse EVTCHNOP_bind_interdomain avec {errno} : le port {port} de d{remote} "
              "n'est pas un port libre en attente de d{domid}. Rien n'a changé.",
    },
    "refused.devices.xs_eacces": {
        "en": "xenstored refuses the write with EACCES: {domid} may not write {path}. Its "
              "permissions are {perms} — owner {owner}, then what each domain may do (r read, "
              "w write, b both, n none). Nothing changed.",
        "fr": "xenstored refuse l'écriture avec EACCES : {domid} n'a pas le droit d'écrire "
              "{path}. Ses permissions sont {perms} — propriétaire {owner}, puis ce que chaque "
              "domaine peut faire (r lire, w écrire, b les deux, n rien). Rien n'a changé.",
    },
    "refused.devices.xs_protocol_node": {
        "en": "Refused by the lab: {path} is a protocol node ({node}) the drivers rely on; "
              "xenstored would accept the write, but the lab does not let you forge it. Nothing "
              "changed.",
        "fr": "Refusé par le labo : {path} est un nœud du protocole ({node}) dont les pilotes "
              "dépendent ; xenstored accepterait l'écriture, mais le labo ne vous laisse pas le "
              "falsifier. Rien n'a changé.",
    },
    "refused.devices.ring_full": {
        "en": "Refused: the ring is full — req_prod_pvt − rsp_cons = {req_prod_pvt} − {rsp_cons} "
              "= {size}, every slot holds a request without a consumed response. The next slot "
              "({slot}) still holds request id {id}; writing there would destroy it. blkfront "
              "stops its queue instead and waits for responses. Nothing changed.",
        "fr": "Refusé : l'anneau est plein — req_prod_pvt − rsp_cons = {req_prod_pvt} − "
              "{rsp_cons} = {size}, chaque case contient une requête sans réponse consommée. La "
              "case suivante ({slot}) contient encore la requête d'id {id} ; y écrire la "
              "détruirait. blkfront arrête plutôt sa file et attend des réponses. Rien n'a "
              "changé.",
    },
    "refused.devices.not_connected": {
        "en": "Refused: the {device} device is {phase_state}. Connect it first, or wait for the "
              "current operation to end.",
        "fr": "Refusé : le périphérique {device} est {phase_state}. Connectez-le d'abord, ou "
              "attendez la fin de l'opération en cours.",
    },
    "refused.devices.already": {
        "en": "Refused: the {device} device already exists ({phase_state}).",
        "fr": "Refusé : le périphérique {device} existe déjà ({phase_state}).",
    },
    "refused.devices.domain_gone": {
        "en": "Refused: domain {domid} no longer exists.",
        "fr": "Refusé : le domaine {domid} n'existe plus.",
    },
    "refused.devices.no_pages": {
        "en": "Refused: d{domid} has no free buffer page left in the lab's pool.",
        "fr": "Refusé : d{domid} n'a plus de page tampon libre dans la réserve du labo.",
    },
    "refused.devices.grant_table_full": {
        "en": "Refused: every entry of d{domid}'s grant table ({size}) is in use.",
        "fr": "Refusé : toutes les entrées de la table d'octroi de d{domid} ({size}) sont "
              "utilisées.",
    },
    "refused.devices.no_hvm": {
        "en": "Refused: this scenario has no HVM guest with an emulated disk.",
        "fr": "Refusé : ce scénario n'a pas d'invité HVM avec un disque émulé.",
    },
    "refused.devices.no_lab": {
        "en": "Refused: this is not a devices scenario.",
        "fr": "Refusé : ce n'est pas un scénario du labo des périphériques.",
    },
}

TEMPLATES: dict[str, dict[str, str]] = {**_XENBUS, **_WATCHES, **_CLOSE, **_EVTCHN, **_BLK,
                                        **_NET, **_EMU, **_PROBES, **_REFUSALS}
