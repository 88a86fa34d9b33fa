"""Short labels, in words, for the timeline's markers (the events the model calls notable).

A marker knows only its events' kinds; the page shows the event's narration when it has it and
otherwise this label (``label()``), falling back on the kind's family (``crash.*``: a crash).
"""

from __future__ import annotations

Texts = dict[str, str]


def _t(en: str, fr: str) -> Texts:
    return {"en": en, "fr": fr}


LABELS: dict[str, Texts] = {
    # lifecycle
    "pause.paused": _t("paused", "mis en pause"),
    "pause.still_paused": _t("still paused (count > 0)", "toujours en pause (compteur > 0)"),
    "pause.unpaused": _t("unpaused", "sorti de pause"),
    "shutdown.completed": _t("shut down", "arrêté"),
    "shutdown.action": _t("xl applies on_poweroff / on_reboot / on_crash",
                          "xl applique on_poweroff / on_reboot / on_crash"),
    "crash.panic": _t("guest kernel panic", "arrêt fatal du noyau invité (panic)"),
    "crash.watchdog": _t("watchdog expired", "chien de garde expiré"),
    "destroy.dying": _t("being destroyed", "en cours de destruction"),
    "destroy.gone": _t("domain gone", "domaine disparu"),
    "create.domain_created": _t("domain created", "domaine créé"),
    "create.unpaused": _t("new domain runs", "le nouveau domaine démarre"),
    "create.left_paused": _t("new domain left paused", "nouveau domaine laissé en pause"),
    "create.restart": _t("restarted as a new domain", "redémarré en nouveau domaine"),
    "create.failed_enomem": _t("build failed: out of memory", "construction ratée : mémoire "
                               "insuffisante"),
    "create.failed_too_small": _t("build failed: too little memory for the kernel",
                                  "construction ratée : trop peu de mémoire pour le noyau"),
    "save.complete": _t("image saved", "image sauvegardée"),
    "restore.read": _t("restore starts", "début de la restauration"),
    "script.refused": _t("scripted action refused", "action du scénario refusée"),
    # boot
    "native.power_on": _t("power on", "mise sous tension"),
    "native.power_off": _t("power off", "mise hors tension"),
    "native.xen_start": _t("Xen starts", "Xen démarre"),
    "native.running": _t("the PC's kernel runs", "le noyau du PC tourne"),
    "boot.dom0_create": _t("Xen builds dom0", "Xen construit dom0"),
    "boot.dom0_unpause": _t("dom0 starts", "dom0 démarre"),
    "boot.fragmented": _t("free memory fragmented", "mémoire libre fragmentée"),
    # memory
    "fault.pf": _t("page fault (#PF)", "défaut de page (#PF)"),
    "fault.gp": _t("general protection fault (#GP)", "faute de protection générale (#GP)"),
    "fault.ostep": _t("invalid entry (OSTEP)", "entrée invalide (OSTEP)"),
    "fault.injected": _t("fault injected into the guest", "défaut injecté dans l'invité"),
    "exit.shadow_pf": _t("VM exit: shadow page fault", "sortie de VM : défaut de page fantôme"),
    "exit.pt_write": _t("VM exit: page-table write", "sortie de VM : écriture dans une table"),
    "exit.cr3": _t("VM exit: CR3 write", "sortie de VM : écriture de CR3"),
    "exit.invlpg": _t("VM exit: invlpg", "sortie de VM : invlpg"),
    "exit.ept_violation": _t("EPT violation", "violation EPT"),
    "exit.mmio": _t("VM exit: device memory (MMIO)", "sortie de VM : mémoire de périphérique"),
    "hypercall.mmu_update": _t("hypercall mmu_update", "hyperappel mmu_update"),
    "hypercall.invlpg": _t("hypercall invlpg", "hyperappel invlpg"),
    "hypercall.new_baseptr": _t("hypercall new_baseptr (CR3)", "hyperappel new_baseptr (CR3)"),
    "trap.pv_bounce": _t("Xen bounces the fault to the guest", "Xen renvoie le défaut à "
                         "l'invité"),
    # devices
    "xenbus.toolstack_added": _t("toolstack writes the device", "la toolstack écrit le "
                                 "périphérique"),
    "xenbus.switched": _t("XenbusState changes", "XenbusState change"),
    "blk.submitted": _t("reads submitted", "lectures soumises"),
    "blk.ring_full": _t("ring full", "anneau plein"),
    "blk.pushed_notify": _t("requests pushed, notified", "requêtes publiées, notifiées"),
    "blk.pushed_quiet": _t("requests pushed, no notification", "requêtes publiées, sans "
                           "notification"),
    "blk.completed": _t("read completed", "lecture terminée"),
    "blk.completed_error": _t("read failed", "lecture en erreur"),
    "blk.restarted": _t("queue restarted", "file redémarrée"),
    "blk.recover": _t("requests replayed after reconnecting", "requêtes rejouées après "
                      "reconnexion"),
    "net.tx_granted": _t("packet to send", "paquet à envoyer"),
    "net.tx_done": _t("packet sent", "paquet envoyé"),
    "net.rx_arrived": _t("packet arrives", "un paquet arrive"),
    "net.rx_done": _t("packet received", "paquet reçu"),
    "net.rx_error": _t("packet dropped", "paquet perdu"),
    "emu.submitted": _t("emulated reads submitted", "lectures émulées soumises"),
    "emu.completed": _t("emulated read completed", "lecture émulée terminée"),
    "close.toolstack": _t("device being closed", "fermeture du périphérique"),
    "close.removed": _t("device removed", "périphérique retiré"),
    "close.reconnect": _t("frontend reconnects", "le frontal se reconnecte"),
    "devices.domain_gone": _t("a domain with devices is gone", "un domaine à périphériques a "
                              "disparu"),
    "devices.dropped": _t("device work dropped", "travail du périphérique abandonné"),
    # categories
    "cat.op_started": _t("next guest operation", "opération suivante de l'invité"),
    "cat.finished": _t("workload done in the four columns", "charge de travail terminée "
                       "dans les quatre colonnes"),
    "cat.cost_set": _t("cost assumption changed", "hypothèse de coût modifiée"),
    "cat.option_set": _t("option changed", "option modifiée"),
    # cloud
    "cloud.migrate.premigration": _t("live migration starts", "début de la migration à chaud"),
    "cloud.migrate.reservation": _t("room reserved on the target", "place réservée sur la cible"),
    "cloud.migrate.round": _t("pre-copy round", "tour de pré-copie"),
    "cloud.migrate.stop_and_copy": _t("stop-and-copy", "arrêt et copie"),
    "cloud.migrate.commitment": _t("commitment", "engagement"),
    "cloud.migrate.activated": _t("domain runs on the target", "le domaine tourne sur la cible"),
    "cloud.migrate.rollback": _t("migration rolled back", "migration annulée"),
    "cloud.migrate.lost": _t("domain lost mid-migration", "domaine perdu en pleine migration"),
    "cloud.evacuate.planned": _t("evacuation planned", "évacuation prévue"),
    "cloud.consolidate.planned": _t("consolidation planned", "consolidation prévue"),
    "cloud.host.switched_off": _t("host switched off", "hôte éteint"),
    "cloud.host.switched_on": _t("host switched on", "hôte allumé"),
    "cloud.host.failed": _t("host failure", "panne d'hôte"),
    "cloud.host.repaired": _t("host repaired", "hôte réparé"),
    "cloud.restart.running": _t("domain restarted", "domaine redémarré"),
    "cloud.restart.no_room": _t("no room to restart", "pas de place pour redémarrer"),
}

#: the family of a kind (``crash`` of ``crash.panic``), for a kind with no label of its own
FAMILIES: dict[str, Texts] = {
    "pause": _t("pause", "pause"), "shutdown": _t("shutdown", "arrêt"),
    "crash": _t("crash", "plantage"), "destroy": _t("destroy", "destruction"),
    "create": _t("domain creation", "création de domaine"), "save": _t("save", "sauvegarde"),
    "restore": _t("restore", "restauration"), "native": _t("the PC boots", "démarrage du PC"),
    "boot": _t("domain boot", "démarrage du domaine"), "mem": _t("memory access",
                                                             "accès mémoire"),
    "fault": _t("fault", "défaut"), "exit": _t("VM exit", "sortie de VM"),
    "hypercall": _t("hypercall", "hyperappel"), "trap": _t("trap", "déroutement"),
    "xenbus": _t("xenbus handshake", "poignée de main xenbus"), "blk": _t("PV disk",
                                                                        "disque PV"),
    "net": _t("PV network", "réseau PV"), "emu": _t("emulated disk", "disque émulé"),
    "close": _t("device closing", "fermeture de périphérique"),
    "devices": _t("devices", "périphériques"), "script": _t("scenario", "scénario"),
}
OTHER = _t("notable event", "événement notable")


def label(kind: str) -> Texts:
    """Words for an event kind, in every language."""
    return dict(LABELS.get(kind) or FAMILIES.get(kind.split(".")[0]) or OTHER)
