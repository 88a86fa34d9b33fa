"""Sources of the cloud lab's sentences: xl's migration sender and receiver
(tools/xl/xl_migrate.c), libxc's save loop (tools/libs/guest/xg_sr_save.c), libxl's domain
suspend/resume and destroy, the credit scheduler (xen/common/sched/credit.c) — and the lab's
simplifications: the datacenter's placement, power, prices and service levels are the lab's
own model, not Xen's."""

from __future__ import annotations

from webapp.model.narration.sources.common import (
    LAB_ONLY,
    Entry,
    libxc,
    libxl,
    same,
    simplified,
    xen,
)

XL = "tools/xl/xl_migrate.c"
SAVE = "xg_sr_save.c"

ROUND = simplified(
    libxc(SAVE, "send_memory_live"),
    "The guest writes its writable working set in order at a steady rate, so a round of d "
    "seconds dirties min(WWS, rate × d) pages; a step shows one round, whatever its length "
    "(the datacenter's clock moves by that length).",
    "L'invité écrit son ensemble de travail en écriture dans l'ordre à débit constant : un "
    "tour de d secondes modifie min(WWS, débit × d) pages ; un pas montre un tour, quelle que "
    "soit sa durée (l'horloge du centre de données avance d'autant).")
POLICY = libxc(SAVE, "simple_precopy_policy")
DATACENTER = simplified(
    None, "The datacenter around Xen is the lab's model: placement is first fit, power is "
          "idle + (max − idle) × utilisation, prices and objectives are assumptions you can "
          "change.",
    "Le centre de données autour de Xen est le modèle du labo : placement au premier hôte "
    "qui convient, puissance = repos + (max − repos) × utilisation, prix et objectifs sont "
    "des hypothèses modifiables.")
DOWNTIME = simplified(
    libxc(SAVE, "suspend_and_send_dirty"),
    "Downtime = final dirty pages × 4 KiB ÷ bandwidth + a fixed suspend/resume overhead (an "
    "assumption you can change).",
    "Temps d'indisponibilité = pages modifiées finales × 4 Kio ÷ débit + un surcoût fixe de "
    "suspension/reprise (une hypothèse modifiable).")
RESTART = simplified(
    libxl("libxl_create.c", "libxl_domain_create_new"),
    "The lab builds the lost domain again on the first host with room; a real cloud's "
    "orchestrator (not Xen) decides where.",
    "Le labo reconstruit le domaine perdu sur le premier hôte qui a la place ; dans un vrai "
    "nuage, c'est l'orchestrateur (pas Xen) qui décide où.")
CREDIT = simplified(
    xen("xen/common/sched/credit.c", "csched_acct"),
    "The lab computes the share the credit scheduler converges to (weights, caps, unused "
    "credit redistributed) over each step rather than running its 10 ms ticks.",
    "Le labo calcule la part vers laquelle converge l'ordonnanceur à crédit (poids, plafonds, "
    "crédit inutilisé redistribué) sur chaque pas au lieu de dérouler ses ticks de 10 ms.")

SOURCES: dict[str, Entry] = {
    "cloud.migrate.premigration": xen(XL, "migrate_domain"),
    "cloud.migrate.reservation": simplified(
        xen(XL, "migrate_receive"),
        "The receiver's domain is created paused from the stream; the lab shows the memory "
        "reserved at once.",
        "Le domaine du récepteur est créé en pause depuis le flux ; le labo montre la mémoire "
        "réservée d'emblée."),
    "cloud.migrate.round": ROUND,
    "cloud.migrate.stop_threshold": POLICY,
    "cloud.migrate.stop_cap": POLICY,
    "cloud.migrate.stop_and_copy": DOWNTIME,
    "cloud.migrate.commitment": xen(XL, "migrate_domain"),
    "cloud.migrate.activated": xen(XL, "migrate_receive"),
    "cloud.migrate.rollback": libxl("libxl_domain.c", "libxl_domain_resume"),
    "cloud.migrate.lost": DATACENTER,
    **same(DATACENTER, "cloud.evacuate.planned", "cloud.consolidate.planned",
           "cloud.plan.skipped", "cloud.host.switched_off", "cloud.host.kept_on",
           "cloud.host.switched_on", "cloud.host.failed", "cloud.host.repaired",
           "cloud.restart.no_room", "cloud.set.prices", "cloud.set.power", "cloud.set.focus"),
    "cloud.restart.booting": RESTART,
    "cloud.restart.running": RESTART,
    "cloud.domain.paused": libxl("libxl_domain.c", "libxl_domain_pause"),
    "cloud.domain.unpaused": libxl("libxl_domain.c", "libxl_domain_unpause"),
    "cloud.domain.saved": libxl("libxl_domain.c", "libxl_domain_suspend"),
    "cloud.domain.restored": libxl("libxl_create.c", "libxl_domain_create_restore"),
    "cloud.set.defaults": simplified(POLICY, DOWNTIME["simplified"]["en"],
                                     DOWNTIME["simplified"]["fr"]),
    "cloud.set.sched": CREDIT,
    **same(LAB_ONLY, "refused.cloud.no_lab", "refused.cloud.domain_busy",
           "refused.cloud.domain_state", "refused.cloud.host_state", "refused.cloud.no_room",
           "refused.cloud.same_host", "refused.cloud.host_full", "refused.cloud.host_not_empty",
           "refused.cloud.nothing_down", "target.cloud.unknown_host",
           "target.cloud.unknown_domain"),
}
