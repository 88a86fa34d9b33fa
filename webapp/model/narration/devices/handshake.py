"""Narration of the xenbus handshake and the xenstore watches that drive it (glossary.md;
code names untranslated)."""

from __future__ import annotations

XENBUS: dict[str, dict[str, str]] = {
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
              "`{features}` and watches its own node and the frontend's state.",
        "fr": "xenbus dans {back} sonde {backend_driver} : il alloue l'interface, publie "
              "`{features}` et surveille son propre nœud et l'état du frontend.",
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
        "en": "{backend_driver} (connect_ring) reads what the frontend published: `{values}`.",
        "fr": "{backend_driver} (connect_ring) lit ce que le frontend a publié : `{values}`.",
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
        "fr": "EVTCHNOP_bind_interdomain : le nouveau port {port} de {back} est relié au port non "
              "lié {remote_port} de {front} ; les deux sont maintenant interdomain. Xen marque le "
              "port {port} en attente une fois, au cas où {front} aurait déjà notifié.",
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
        "en": "xenbus in {front} probes {frontend_driver}: it reads `{node} = {value}` and "
              "watches the backend's state. It sets up nothing yet: it waits for the backend's "
              "InitWait.",
        "fr": "xenbus dans {front} sonde {frontend_driver} : il lit `{node} = {value}` et "
              "surveille l'état du backend. Il ne prépare rien encore : il attend l'InitWait du "
              "backend.",
    },
    "xenbus.front_read_backend": {
        "en": "{frontend_driver} reads what the backend offers before building its ring(s): "
              "`{values}`.",
        "fr": "{frontend_driver} lit ce que propose le backend avant de construire son ou ses "
              "anneaux : `{values}`.",
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
        "fr": "EVTCHNOP_alloc_unbound : {front} obtient le port {port}, non lié (unbound), qui "
              "attend que {back} s'y relie.",
    },
    "xenbus.front_published": {
        "en": "{frontend_driver} writes, in one transaction: `{nodes}`.",
        "fr": "{frontend_driver} écrit, en une transaction : `{nodes}`.",
    },
    "xenbus.front_disk": {
        "en": "{frontend_driver} reads sectors = {sectors}, info and sector-size, and creates the "
              "disk xvda.",
        "fr": "{frontend_driver} lit sectors = {sectors}, info et sector-size, et crée le disque "
              "xvda.",
    },
    "xenbus.front_netdev": {
        "en": "xennet_connect: {frontend_driver} registers eth0 and turns its carrier on; it "
              "posts its receive buffers next, then switches straight to Connected — netfront "
              "never uses Initialised.",
        "fr": "xennet_connect : {frontend_driver} enregistre eth0 et active sa porteuse ; il "
              "poste ensuite ses tampons de réception, puis passe directement à Connected — "
              "netfront n'utilise jamais Initialised.",
    },
}

WATCHES: dict[str, dict[str, str]] = {
    "xs.watch_fired": {
        "en": "xenstored fires {watcher}'s watch on {watched} (token `{token}`) because {path} "
              "changed: {why}",
        "fr": "xenstored déclenche la surveillance de {watcher} sur {watched} (jeton `{token}`) "
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
    "xs.why.connect_ring_net": {
        "en": "the frontend is Connected (netback ignores Initialised): {driver} will read its "
              "rings and event channel and connect.",
        "fr": "le frontend est Connected (netback ignore Initialised) : {driver} va lire ses "
              "anneaux et son canal d'événements et se connecter.",
    },
    "xs.why.initwait": {
        "en": "the backend is in InitWait: {driver} reads its limits and sets up its ring(s) now.",
        "fr": "le backend est en InitWait : {driver} lit ses limites et prépare maintenant son "
              "ou ses anneaux.",
    },
    "xs.why.notify_peers": {
        "en": "the backend is Connected too: {driver} announces the interface on the network "
              "(netdev_notify_peers); no state change.",
        "fr": "le backend est Connected lui aussi : {driver} annonce l'interface sur le réseau "
              "(netdev_notify_peers) ; pas de changement d'état.",
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
