"""Narration of the learner's own grant and event-channel probes, and of the refusals when
they misuse them (glossary.md; code names untranslated)."""

from __future__ import annotations

#: what a granter uses a grant entry for (a sub-sentence: the grant table and the narration)
PURPOSES: dict[str, dict[str, str]] = {
    "grant.purpose.reserved": {"en": "{name} (reserved)", "fr": "{name} (réservée)"},
    "grant.purpose.ring": {"en": "{device} {ring} ring", "fr": "anneau {ring} de {device}"},
    "grant.purpose.data": {"en": "data of {request}", "fr": "données de {request}"},
    "grant.purpose.rx": {"en": "receive buffer", "fr": "tampon de réception"},
    "grant.purpose.tx": {"en": "packet {packet} to send", "fr": "paquet {packet} à émettre"},
    "grant.purpose.none": {"en": "—", "fr": "—"},
}

PROBES: dict[str, dict[str, str]] = {
    "probe.mapped": {
        "en": "Your GNTTABOP_map_grant_ref is legitimate: {mapper} maps {granter}'s grant {ref} "
              "(handle {handle}); the entry is now {flags}. It unmaps it at the next step.",
        "fr": "Votre GNTTABOP_map_grant_ref est légitime : {mapper} projette l'octroi {ref} de "
              "{granter} (handle {handle}) ; l'entrée est maintenant {flags}. Il en supprime la "
              "projection au pas suivant.",
    },
    "probe.unmapped": {
        "en": "{mapper} unmaps {granter}'s grant {ref} (handle {handle}).",
        "fr": "{mapper} supprime la projection de l'octroi {ref} de {granter} (handle {handle}).",
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
        "en": "Your `{action}` no longer applies now that its turn has come: {why}",
        "fr": "Votre `{action}` ne s'applique plus maintenant que son tour est venu : {why}",
    },
    "devices.domain_gone": {
        "en": "Domain(s) {domids} no longer exist: Xen closed their event channels (peers are "
              "unbound again) and released their grants; their devices are gone.",
        "fr": "Le(s) domaine(s) {domids} n'existent plus : Xen a fermé leurs canaux d'événements "
              "(les ports des pairs redeviennent non liés) et libéré leurs octrois ; leurs "
              "périphériques ont disparu.",
    },
}

REFUSALS: dict[str, dict[str, str]] = {
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
              "{pins} épinglage(s)). gnttab_end_foreign_access_ref échoue tant que Xen a "
              "GTF_reading ou GTF_writing : révoquer maintenant laisserait d{grantee} utiliser une "
              "page que l'invité réutilise. Le bénéficiaire doit d'abord en supprimer la "
              "projection. Rien n'a changé.",
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
        "fr": "EVTCHNOP_send sur le port {port} de d{domid} : le port est non lié (unbound) — "
              "d{remote} ne s'y est pas encore relié, personne ne peut recevoir. Xen abandonne une "
              "telle notification sans rien dire (il renvoie 0) : il ne se passe rien, rien n'a "
              "changé.",
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
              "n'est pas un port non lié en attente de d{domid}. Rien n'a changé.",
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
