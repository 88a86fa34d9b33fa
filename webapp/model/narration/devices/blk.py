"""Narration of a disk read through blkfront, the shared ring and blkback (glossary.md; code
names untranslated)."""

from __future__ import annotations

BLK: dict[str, dict[str, str]] = {
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
        "fr": "blkfront prend {rid} : {free} case(s) libre(s), donc pas RING_FULL ; id de suivi "
              "{id}. Il octroie la page de données {pfn} (cadre {frame}) à dom0 en écriture — le "
              "backend va y écrire : référence d'octroi {gref}.",
    },
    "blk.filled": {
        "en": "blkfront fills slot {slot}: (id {id}, BLKIF_OP_READ, sector {sector}, 1 segment "
              "= gref {gref}) and keeps a shadow copy; req_prod_pvt = {req_prod_pvt} (private: "
              "req_prod is still {req_prod}).",
        "fr": "blkfront remplit la case {slot} : (id {id}, BLKIF_OP_READ, secteur {sector}, 1 "
              "segment = gref {gref}) et garde une copie de suivi ; req_prod_pvt = {req_prod_pvt} "
              "(privé : req_prod vaut toujours {req_prod}).",
    },
    "blk.fill_abandoned": {
        "en": "blkfront is {phase_state} now: it does not put {rid} on the ring; it ends the "
              "grant {gref} it had just made and leaves the read in its queue.",
        "fr": "blkfront est maintenant {phase_state} : il ne place pas {rid} sur l'anneau ; il "
              "met fin à l'octroi {gref} qu'il venait de faire et laisse la lecture dans sa file.",
    },
    "blk.ring_full": {
        "en": "RING_FULL: {outstanding} requests of {size} are on the ring without a consumed "
              "response. blkif_queue_rq stops the hardware queue (blk_mq_stop_hw_queue) and "
              "returns BLK_STS_DEV_RESOURCE; {queued} read(s) wait for responses to free "
              "slots. (Before blk-mq: do_blkif_request and blk_stop_queue.)",
        "fr": "RING_FULL : {outstanding} requêtes sur {size} sont sur l'anneau sans réponse "
              "consommée. blkif_queue_rq arrête la file matérielle (blk_mq_stop_hw_queue) et "
              "renvoie BLK_STS_DEV_RESOURCE ; {queued} lecture(s) attendent que des réponses "
              "libèrent des cases. (Avant blk-mq : do_blkif_request et blk_stop_queue.)",
    },
    "blk.queue_waits": {
        "en": "blk-mq stops calling blkif_queue_rq: {queued} request(s) wait ({free} free "
              "slot(s)).",
        "fr": "blk-mq cesse d'appeler blkif_queue_rq : {queued} requête(s) attendent ({free} "
              "case(s) libre(s)).",
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
              "puis positionné {flags} ({pins} épinglage).",
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
        "fr": "GNTTABOP_unmap_grant_ref (un hyperappel) : dom0 supprime la projection de l'octroi "
              "{gref} (handle {handle}) ; Xen efface les bits d'état — l'entrée est maintenant "
              "{flags} — et vide le TLB.",
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
        "fr": "blkfront lit la réponse de la case {slot} (id {id}, {rid}) et met fin à l'accès à "
              "l'octroi {gref} : dom0 en a supprimé la projection, les drapeaux passent donc à 0.",
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
              "{rsp_event}) and blkfront loops — while it is busy, blkback need not notify it.",
        "fr": "rsp_cons = {rsp_cons}, mais d'autres réponses sont arrivées entre-temps (rsp_prod "
              "= {rsp_prod}) : RING_FINAL_CHECK_FOR_RESPONSES ne réarme pas rsp_event (toujours "
              "{rsp_event}) et blkfront recommence — tant qu'il est occupé, blkback n'a pas "
              "besoin de le notifier.",
    },
    "blk.restarted": {
        "en": "{free} slot(s) are free again: kick_pending_request_queues restarts the "
              "stopped hardware queue (blk_mq_start_stopped_hw_queues); {queued} read(s) were "
              "waiting.",
        "fr": "{free} case(s) de nouveau libre(s) : kick_pending_request_queues redémarre la "
              "file matérielle arrêtée (blk_mq_start_stopped_hw_queues) ; {queued} lecture(s) "
              "attendaient.",
    },
    "blk.failed_queue": {
        "en": "The reads that are not on the ring fail with -EIO: {rids}.",
        "fr": "Les lectures qui ne sont pas sur l'anneau échouent avec -EIO : {rids}.",
    },
    "blk.recover": {
        "en": "blkif_recover: {count} request(s) were in flight ({rids}); each goes on the new "
              "ring again from its shadow copy, with a fresh grant.",
        "fr": "blkif_recover : {count} requête(s) étaient en vol ({rids}) ; chacune repart sur le "
              "nouvel anneau depuis sa copie de suivi, avec un nouvel octroi.",
    },
    "blk.recover_abandoned": {
        "en": "blkfront is {phase_state} again: this step is dropped; the next recovery starts "
              "over from the shadow copies.",
        "fr": "blkfront est de nouveau {phase_state} : cette étape est abandonnée ; la prochaine "
              "reprise repartira des copies de suivi.",
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
        "fr": "La copie de suivi de {rid} (id {id}) va dans la case {slot} du nouvel anneau ; "
              "req_prod_pvt = {req_prod_pvt}.",
    },
    "disk.busy": {
        "en": "Nothing to run: {disk} is still reading sector {sector} ({ticks} step(s) left).",
        "fr": "Rien à exécuter : {disk} lit encore le secteur {sector} (encore {ticks} pas).",
    },
}
