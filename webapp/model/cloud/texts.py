"""Every sentence the cloud lab says, in English and French (the project's glossary: migration à
chaud, tour de pré-copie, arrêt et copie, temps d'indisponibilité, page modifiée, ensemble de
travail en écriture, locataire, facturation, disponibilité, ordonnanceur)."""

from __future__ import annotations


def _t(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


WORDS: dict[str, dict[str, str]] = {
    "booting": _t("booting", "en cours de démarrage"),
    "on": _t("on", "allumé"), "off": _t("off", "éteint"), "failed": _t("failed", "en panne"),
    "saved": _t("saved (an image, no memory held)", "sauvegardé (une image, aucune mémoire "
                                                     "retenue)"),
}

TEMPLATES: dict[str, dict[str, str]] = {
    "cloud.migrate.premigration": _t(
        "Pre-migration: xl migrate {domain} {target} runs `ssh {target} xl migrate-receive`; "
        "the receiver answers `{banner}` while {domain} keeps running on {source}.",
        "Pré-migration : xl migrate {domain} {target} lance `ssh {target} xl migrate-receive` ; "
        "le récepteur répond `{banner}` pendant que {domain} continue de tourner sur "
        "{source}."),
    "cloud.migrate.reservation": _t(
        "Reservation: {target} reserves {memory_mb} MiB and creates the incoming domain paused; "
        "libxc turns log-dirty mode on and marks all {pages} pages dirty.",
        "Réservation : {target} réserve {memory_mb} Mio et crée le domaine entrant en pause ; "
        "libxc active le suivi des pages modifiées (log-dirty) et marque les {pages} pages "
        "comme modifiées."),
    "cloud.migrate.round": _t(
        "Pre-copy round {round}: {pages_sent} pages sent in {duration_ms} ms while {domain} "
        "runs; it dirtied {pages_dirtied} pages meanwhile.",
        "Tour de pré-copie {round} : {pages_sent} pages envoyées en {duration_ms} ms pendant "
        "que {domain} tourne ; il a modifié {pages_dirtied} pages entre-temps."),
    "cloud.migrate.stop_threshold": _t(
        "The policy stops the pre-copy: only {dirty} pages were dirty (fewer than "
        "{stop_pages}), and that last batch was still sent live.",
        "La politique arrête la pré-copie : seulement {dirty} pages modifiées (moins de "
        "{stop_pages}), et ce dernier lot a encore été envoyé à chaud."),
    "cloud.migrate.stop_cap": _t(
        "The policy stops the pre-copy after {rounds} live rounds: the pages keep being "
        "dirtied as fast as they are sent.",
        "La politique arrête la pré-copie après {rounds} tours à chaud : les pages sont "
        "modifiées aussi vite qu'elles sont envoyées."),
    "cloud.migrate.stop_and_copy": _t(
        "Stop-and-copy: {domain} is suspended; its last {pages} dirty pages and its vCPU state "
        "go over in {duration_ms} ms. Downtime: {downtime_ms} ms.",
        "Arrêt et copie : {domain} est suspendu ; ses {pages} dernières pages modifiées et "
        "l'état de ses vCPU passent en {duration_ms} ms. Temps d'indisponibilité : "
        "{downtime_ms} ms."),
    "cloud.migrate.commitment": _t(
        "Commitment: the receiver says `{ready}`; the sender renames its copy "
        "{domain}--migratedaway and answers `{go}` (the point of no return).",
        "Engagement : le récepteur dit `{ready}` ; l'émetteur renomme sa copie "
        "{domain}--migratedaway et répond `{go}` (le point de non-retour)."),
    "cloud.migrate.activated": _t(
        "Activation: {domain} is unpaused on {target} (`{report}: 0`); {source} destroys its "
        "copy. Migration successful, {downtime_ms} ms of downtime.",
        "Activation : {domain} sort de pause sur {target} (`{report}: 0`) ; {source} "
        "détruit sa copie. Migration réussie, {downtime_ms} ms de temps d'indisponibilité."),
    "cloud.migrate.rollback": _t(
        "{target} failed during the migration of {domain}: the sender renames its copy back "
        "and resumes it (“Migration failed, resuming at sender.”).",
        "{target} est tombé en panne pendant la migration de {domain} : l'émetteur redonne son "
        "nom à sa copie et la reprend (« Migration failed, resuming at sender. »)."),
    "cloud.migrate.lost": _t(
        "The source host failed during the migration of {domain}: the incomplete copy on "
        "{target} is destroyed and {domain} is lost.",
        "L'hôte source est tombé en panne pendant la migration de {domain} : la copie "
        "incomplète sur {target} est détruite et {domain} est perdu."),
    "cloud.evacuate.planned": _t(
        "Evacuation before maintenance: {moves} live migrations planned, then {hosts} is "
        "switched off.",
        "Évacuation avant maintenance : {moves} migrations à chaud prévues, puis {hosts} est "
        "éteint."),
    "cloud.consolidate.planned": _t(
        "Consolidation: {moves} live migrations planned to empty {hosts}, which are then "
        "switched off.",
        "Consolidation : {moves} migrations à chaud prévues pour vider {hosts}, qui sont "
        "ensuite éteints."),
    "cloud.plan.skipped": _t(
        "Move of {domain} to {target} skipped: the situation changed since the plan.",
        "Déplacement de {domain} vers {target} abandonné : la situation a changé depuis le "
        "plan."),
    "cloud.host.switched_off": _t("{host} is switched off: it draws no power now.",
                                  "{host} est éteint : il ne consomme plus rien."),
    "cloud.host.kept_on": _t("{host} stays on: it still holds {count} domains.",
                             "{host} reste allumé : il héberge encore {count} domaines."),
    "cloud.host.switched_on": _t("{host} is switched on and ready to host domains.",
                                 "{host} est allumé et prêt à héberger des domaines."),
    "cloud.host.failed": _t(
        "{host} failed: its {count} domains are lost with it ({domains}).",
        "{host} est tombé en panne : ses {count} domaines sont perdus avec lui ({domains})."),
    "cloud.host.repaired": _t("{host} is repaired and back on, empty.",
                              "{host} est réparé et rallumé, vide."),
    "cloud.restart.booting": _t(
        "{domain} is built again on {host} and boots from its disk ({boot_s} s): what was "
        "in its memory is lost, and the boot is still downtime.",
        "{domain} est reconstruit sur {host} et démarre depuis son disque ({boot_s} s) : le "
        "contenu de sa mémoire est perdu, et le démarrage compte encore comme temps "
        "d'indisponibilité."),
    "cloud.restart.running": _t("{domain} runs again on {host}.",
                                "{domain} tourne de nouveau sur {host}."),
    "cloud.restart.no_room": _t("No host has room to restart {domain}.",
                                "Aucun hôte n'a la place de redémarrer {domain}."),
    "cloud.domain.paused": _t(
        "{domain} is paused on {host}: it no longer runs but still holds its {memory_mb} MiB.",
        "{domain} est mis en pause sur {host} : il ne tourne plus mais garde ses "
        "{memory_mb} Mio."),
    "cloud.domain.unpaused": _t("{domain} runs again on {host}.",
                                "{domain} tourne de nouveau sur {host}."),
    "cloud.domain.saved": _t(
        "{domain} is saved to an image: its {memory_mb} MiB are released.",
        "{domain} est sauvegardé dans une image : ses {memory_mb} Mio sont libérés."),
    "cloud.domain.restored": _t("{domain} is restored on {host}.",
                                "{domain} est restauré sur {host}."),
    "cloud.set.prices": _t(
        "New price sheet: {vcpu_hour} per vCPU-hour, {gib_hour} per GiB-hour, {io_million} per "
        "million I/O, {net_gb} per GB.",
        "Nouvelle grille tarifaire : {vcpu_hour} par vCPU-heure, {gib_hour} par Gio-heure, "
        "{io_million} par million d'E/S, {net_gb} par Go."),
    "cloud.set.power": _t(
        "New power model: {idle_w} W idle, {max_w} W at full load, {off_w} W off.",
        "Nouveau modèle de puissance : {idle_w} W au repos, {max_w} W à pleine charge, "
        "{off_w} W éteint."),
    "cloud.set.defaults": _t(
        "New migration settings: {dirty_rate} pages/s dirtied in a writable working set of "
        "{wws_pages} pages, {bandwidth_mbps} Mbit/s, stop under {stop_pages} pages or after "
        "{max_rounds} rounds.",
        "Nouveaux réglages de migration : {dirty_rate} pages/s modifiées dans un ensemble de "
        "travail en écriture de {wws_pages} pages, {bandwidth_mbps} Mbit/s, arrêt sous "
        "{stop_pages} pages ou après {max_rounds} tours."),
    "cloud.set.sched": _t(
        "The credit scheduler now gives {domain} weight {weight} and cap {cap} % (0: none).",
        "L'ordonnanceur à crédit donne maintenant à {domain} le poids {weight} et le "
        "plafond {cap} % (0 : aucun)."),
    "cloud.set.focus": _t("The runstate timeline now follows {host}.",
                          "La chronologie des états d'exécution suit maintenant {host}."),
    "refused.cloud.no_lab": _t("This session has no datacenter.",
                               "Cette session n'a pas de centre de données."),
    "refused.cloud.domain_busy": _t("{domain} is busy: an operation is under way on it.",
                                    "{domain} est occupé : une opération est en cours."),
    "refused.cloud.domain_state": _t("Refused: {domain} is {state}.",
                                     "Refusé : {domain} est {state}."),
    "refused.cloud.host_state": _t("Refused: {host} is {host_state}.",
                                   "Refusé : {host} est {host_state}."),
    "refused.cloud.no_room": _t("No host that is on has {memory_mb} MiB free for {domain}.",
                                "Aucun hôte allumé n'a {memory_mb} Mio libres pour {domain}."),
    "refused.cloud.same_host": _t("{domain} already runs on {host}.",
                                  "{domain} tourne déjà sur {host}."),
    "refused.cloud.host_full": _t(
        "{host} has {free_mb} MiB free: not enough for the {memory_mb} MiB of {domain}.",
        "{host} a {free_mb} Mio libres : pas assez pour les {memory_mb} Mio de {domain}."),
    "refused.cloud.host_not_empty": _t("{host} still hosts {count} domains: evacuate it first.",
                                       "{host} héberge encore {count} domaines : évacuez-le "
                                       "d'abord."),
    "refused.cloud.nothing_down": _t("No domain is down.", "Aucun domaine n'est arrêté."),
    "target.cloud.unknown_host": _t("No host {target} (hosts: {known}).",
                                    "Aucun hôte {target} (hôtes : {known})."),
    "target.cloud.unknown_domain": _t("No domain {target} (domains: {known}).",
                                      "Aucun domaine {target} (domaines : {known})."),
}
