"""Narration of the scheduler and the lifecycle lab, in English and French (save and restore
in ``lifecycle_save.py``)."""

from __future__ import annotations

from webapp.model.narration.lifecycle_save import TEMPLATES as SAVE_RESTORE

TEMPLATES: dict[str, dict[str, str]] = {
    # -- scheduler ---------------------------------------------------------------------------
    "sched.tick": {
        "en": "Scheduler tick on {host}: {ran}; {idle} physical CPU(s) idle.",
        "fr": "Tic de l'ordonnanceur sur {host} : {ran} ; {idle} processeur(s) physique(s) "
              "inactif(s).",
    },
    "vcpu.blocked": {
        "en": "{vcpu} has nothing to do and blocks (SCHEDOP_block) until an event arrives.",
        "fr": "{vcpu} n'a plus rien à faire et se bloque (SCHEDOP_block) jusqu'à l'arrivée "
              "d'un événement.",
    },
    "vcpu.woken": {
        "en": "An event arrives for {vcpu}: Xen wakes it and it becomes runnable.",
        "fr": "Un événement arrive pour {vcpu} : Xen le réveille, il redevient prêt.",
    },
    "script.refused": {
        "en": "The scenario's scripted action “{action}” was refused: {why}",
        "fr": "L'action « {action} » prévue par le scénario a été refusée : {why}",
    },
    # -- create ------------------------------------------------------------------------------
    "create.parse_config": {
        "en": "`xl create` parses the configuration of {domain} ({memory_mb} MiB, {vcpus} vCPU, "
              "kernel {kernel}) and calls libxl_domain_create_new().",
        "fr": "`xl create` lit la configuration de {domain} ({memory_mb} Mio, {vcpus} vCPU, "
              "noyau {kernel}) et appelle libxl_domain_create_new().",
    },
    "create.domain_created": {
        "en": "XEN_DOMCTL_createdomain: Xen creates domain {domid} ({domain}). It is born paused: "
              "controller_pause_count = 1, so nothing runs until the toolstack unpauses it.",
        "fr": "XEN_DOMCTL_createdomain : Xen crée le domaine {domid} ({domain}). Il naît en pause "
              ": controller_pause_count = 1, rien ne s'exécute avant que la toolstack le sorte de "
              "pause.",
    },
    "create.build_pre": {
        "en": "Before building, libxl sets max vCPUs ({vcpus}) and max memory ({memory_kb} KiB), "
              "and allocates two unbound event channels: xenstore port {store_port} and console "
              "port {console_port}.",
        "fr": "Avant la construction, libxl fixe le nombre maximal de vCPU ({vcpus}) et la "
              "mémoire maximale ({memory_kb} Kio), puis alloue deux canaux d'événements non liés : "
              "port xenstore "
              "{store_port} et port console {console_port}.",
    },
    "create.parse_image": {
        "en": "The domain builder parses the kernel ELF {kernel} and its Xen notes (entry point, "
              "virtual base, hypercall page).",
        "fr": "Le constructeur de domaine analyse le noyau ELF {kernel} et ses notes Xen (point "
              "d'entrée, base virtuelle, page d'hyperappels).",
    },
    "create.populate_2m": {
        "en": "populate_physmap, order 9: Xen hands {domain} {extents} extent(s) of 2 MiB "
              "({frames} frames). The P2M records each machine frame for its pseudo-physical "
              "frame.",
        "fr": "populate_physmap, ordre 9 : Xen donne à {domain} {extents} bloc(s) de 2 Mio "
              "({frames} cadres). La P2M note le cadre machine de chaque cadre pseudo-physique.",
    },
    "create.populate_4k": {
        "en": "The remaining {frames} frames come as 4 KiB pages, wherever the allocator finds "
              "them: {domain} now has {nr_pages} pages in {runs} machine run(s) — contiguous "
              "pseudo-physical frames, scattered machine frames.",
        "fr": "Les {frames} cadres restants arrivent en pages de 4 Kio, là où l'allocateur les "
              "trouve : {domain} a maintenant {nr_pages} pages en {runs} plage(s) contiguë(s) "
              "machine — "
              "cadres pseudo-physiques contigus, cadres machine dispersés.",
    },
    "create.populate_4k_none": {
        "en": "No frame is left for 4 KiB pages: the 2 MiB extents cover all of {domain}'s "
              "memory, {nr_pages} pages in {runs} machine run(s).",
        "fr": "Il ne reste aucun cadre pour des pages de 4 Kio : les blocs de 2 Mio couvrent "
              "toute la mémoire de {domain}, {nr_pages} pages en {runs} plage(s) contiguë(s) "
              "machine.",
    },
    "create.failed_enomem": {
        "en": "populate_physmap fails with -ENOMEM: {domain} needs {wanted} more frames but only "
              "{free} are free. libxl destroys the half-built domain and {freed} frames go back "
              "to the free heap: nothing is left allocated.",
        "fr": "populate_physmap échoue avec -ENOMEM : {domain} a besoin de {wanted} cadres de "
              "plus mais seuls {free} sont libres. libxl détruit le domaine à moitié construit et "
              "{freed} cadres retournent au tas libre : rien ne reste alloué.",
    },
    "create.build_image": {
        "en": "The builder places the kernel, the P2M list, start_info, the xenstore and console "
              "pages, the initial page tables and the boot stack in {domain}'s start-of-day "
              "region.",
        "fr": "Le constructeur place le noyau, la liste P2M, start_info, les pages xenstore et "
              "console, les tables des pages initiales et la pile de démarrage dans la région "
              "de démarrage de {domain}.",
    },
    "create.boot_image": {
        "en": "The initial page tables are filled with machine frame numbers and mapped read-only;"
              " start_info is filled in (nr_pages = {nr_pages}, store_mfn, console, pt_base, "
              "mfn_list); the hypercall page is written.",
        "fr": "Les tables des pages initiales reçoivent des numéros de cadres machine et sont "
              "en lecture seule ; start_info est rempli (nr_pages = {nr_pages}, store_mfn, "
              "console, pt_base, mfn_list) ; la page d'hyperappels est écrite.",
    },
    "create.pin_l4": {
        "en": "MMUEXT_PIN_L4_TABLE: Xen validates and pins {domain}'s top-level page table; "
              "shared_info is mapped with every event upcall masked.",
        "fr": "MMUEXT_PIN_L4_TABLE : Xen valide et épingle la table de plus haut niveau (L4) "
              "de {domain} ; shared_info est projetée, tous les appels d'événements masqués.",
    },
    "create.vcpu_context": {
        "en": "XEN_DOMCTL_setvcpucontext: vCPU0 of {domain} gets RIP = kernel entry, RSP = boot "
              "stack, RSI = start_info, and comes online.",
        "fr": "XEN_DOMCTL_setvcpucontext : le vCPU0 de {domain} reçoit RIP = entrée du noyau, "
              "RSP = pile de démarrage, RSI = start_info, et passe en ligne.",
    },
    "create.gnttab_seed": {
        "en": "Grant entries 0 (console) and 1 (xenstore) are seeded so dom0's backends can map "
              "those pages of {domain}.",
        "fr": "Les entrées d'octroi 0 (console) et 1 (xenstore) sont préparées pour que les "
              "backends de dom0 projettent ces pages de {domain}.",
    },
    "create.introduce": {
        "en": "libxl writes {domain}'s nodes under {path} and calls xs_introduce_domain: "
              "xenstored maps its ring and binds port {store_port} (@introduceDomain fires).",
        "fr": "libxl écrit les nœuds de {domain} sous {path} et appelle xs_introduce_domain : "
              "xenstored projette son anneau et lie le port {store_port} (@introduceDomain).",
    },
    "create.devices": {
        "en": "libxl writes the frontend and backend xenstore directories of {domain}'s disk "
              "(vbd 51712) and network card (vif 0); both start in XenbusStateInitialising.",
        "fr": "libxl écrit les répertoires xenstore frontend et backend du disque (vbd 51712) et "
              "de la carte réseau (vif 0) de {domain} ; tous commencent en "
              "XenbusStateInitialising.",
    },
    "create.left_paused": {
        "en": "`xl create -p`: {domain} is built but left paused (controller_pause_count = 1).",
        "fr": "`xl create -p` : {domain} est construit mais laissé en pause "
              "(controller_pause_count = 1).",
    },
    "create.unpaused": {
        "en": "XEN_DOMCTL_unpausedomain: controller_pause_count drops 1 → 0, which Xen takes as "
              "“creation finished”. vCPU0 of {domain} is runnable.",
        "fr": "XEN_DOMCTL_unpausedomain : controller_pause_count passe de 1 à 0, ce que Xen "
              "interprète comme « création terminée ». Le vCPU0 de {domain} est prêt.",
    },
    "create.vcpus_up": {
        "en": "The guest kernel of {domain} brings its {count} other vCPU(s) online with "
              "VCPUOP_up.",
        "fr": "Le noyau invité de {domain} met ses {count} autre(s) vCPU en ligne avec "
              "VCPUOP_up.",
    },
    "create.restart": {
        "en": "{setting} = restart: xl creates a new domain for {domain} from the same "
              "configuration (it gets a new domid).",
        "fr": "{setting} = restart : xl crée un nouveau domaine pour {domain} avec la même "
              "configuration (il reçoit un nouveau domid).",
    },
    # -- shutdown, reboot, crash -----------------------------------------------------------
    "shutdown.requested": {
        "en": "The toolstack writes “{value}” to {path}: a polite request the guest must "
              "answer.",
        "fr": "La toolstack écrit « {value} » dans {path} : une demande polie à laquelle "
              "l'invité doit répondre.",
    },
    "shutdown.pending": {
        "en": "{domain} is paused: its vCPUs do not run, so the guest's xenbus watch on {path} "
              "cannot fire yet. xl shutdown (without -w) does not wait: “{value}” stays in "
              "xenstore, and the guest will answer as soon as it is unpaused.",
        "fr": "{domain} est en pause : ses vCPU ne s'exécutent pas, la surveillance xenbus de "
              "l'invité sur {path} ne peut donc pas encore se déclencher. xl shutdown (sans -w) "
              "n'attend pas : « {value} » reste dans xenstore, et l'invité répondra dès qu'il "
              "sortira de pause.",
    },
    "shutdown.acknowledged": {
        "en": "The guest's xenbus watch on {path} fires; {domain} acknowledges by writing the "
              "empty string.",
        "fr": "La surveillance xenbus de l'invité sur {path} se déclenche ; {domain} accuse "
              "réception en écrivant la chaîne vide.",
    },
    "shutdown.hypercall": {
        "en": "{domain} stops its services and calls SCHEDOP_shutdown({sched_reason} = {code}).",
        "fr": "{domain} arrête ses services et appelle SCHEDOP_shutdown({sched_reason} = {code}).",
    },
    "shutdown.vcpus_paused": {
        "en": "domain_shutdown(): Xen records the reason ({reason}) and pauses every vCPU of "
              "{domain}.",
        "fr": "domain_shutdown() : Xen note la raison ({reason}) et met en pause chaque vCPU de "
              "{domain}.",
    },
    "shutdown.completed": {
        "en": "The last vCPU of {domain} has stopped: the shutdown ({reason}) is complete. Xen "
              "raises VIRQ_DOM_EXC to dom0.",
        "fr": "Le dernier vCPU de {domain} s'est arrêté : l'arrêt ({reason}) est terminé. Xen "
              "lève VIRQ_DOM_EXC vers dom0.",
    },
    "shutdown.action": {
        "en": "xenstored fires @releaseDomain; xl's background process reads the reason "
              "({reason}) and applies {setting} = {on_action}.",
        "fr": "xenstored déclenche @releaseDomain ; le processus xl en arrière-plan lit la "
              "raison ({reason}) et applique {setting} = {on_action}.",
    },
    "crash.panic": {
        "en": "The kernel of {domain} panics; its panic handler calls "
              "SCHEDOP_shutdown(SHUTDOWN_crash).",
        "fr": "Le noyau de {domain} s'arrête sur une erreur fatale (panic) ; son gestionnaire "
              "de panic appelle SCHEDOP_shutdown(SHUTDOWN_crash).",
    },
    "crash.watchdog": {
        "en": "{domain} stopped kicking its watchdog (SCHEDOP_watchdog): the timer expires and "
              "Xen shuts the domain down with SHUTDOWN_watchdog.",
        "fr": "{domain} ne réarme plus son chien de garde (SCHEDOP_watchdog) : le temporisateur "
              "expire et Xen arrête le domaine avec SHUTDOWN_watchdog.",
    },
    # -- destroy -----------------------------------------------------------------------------
    "destroy.paused": {
        "en": "`xl destroy` first pauses {domain} (controller_pause_count = {count}).",
        "fr": "`xl destroy` met d'abord {domain} en pause (controller_pause_count = {count}).",
    },
    "destroy.devices_removed": {
        "en": "libxl tears down {domain}'s backends and removes {nodes} xenstore node(s).",
        "fr": "libxl démonte les backends de {domain} et supprime {nodes} nœud(s) xenstore.",
    },
    "destroy.dying": {
        "en": "XEN_DOMCTL_destroydomain → domain_kill(): {domain} is dying; its event channels "
              "and grant table are torn down.",
        "fr": "XEN_DOMCTL_destroydomain → domain_kill() : {domain} est en cours de destruction ;"
              " ses canaux d'événements et sa table d'octroi sont supprimés.",
    },
    "destroy.memory_freed": {
        "en": "Xen relinquishes {domain}'s memory: {frames} frames return to the free heap "
              "({free} free now).",
        "fr": "Xen récupère la mémoire de {domain} : {frames} cadres retournent au tas libre "
              "({free} libres maintenant).",
    },
    "destroy.dead": {
        "en": "{domain} is dead (DOMDYING_dead, `xl list` shows d): domain_kill sends "
              "VIRQ_DOM_EXC to dom0, once, now that the teardown is finished.",
        "fr": "{domain} est détruit (DOMDYING_dead, `xl list` affiche d) : domain_kill envoie "
              "VIRQ_DOM_EXC à dom0, une seule fois, maintenant que le démontage est terminé.",
    },
    "destroy.gone": {
        "en": "The last reference to domain {domid} is dropped: {domain} leaves `xl list`.",
        "fr": "La dernière référence au domaine {domid} disparaît : {domain} quitte `xl list`.",
    },
    # -- pause ---------------------------------------------------------------------------------
    "pause.paused": {
        "en": "XEN_DOMCTL_pausedomain: {domain}'s controller_pause_count rises to {count}; its "
              "vCPUs leave the physical CPUs but it keeps all its memory.",
        "fr": "XEN_DOMCTL_pausedomain : le controller_pause_count de {domain} monte à {count} ; "
              "ses vCPU quittent les processeurs physiques mais il garde toute sa mémoire.",
    },
    "pause.unpaused": {
        "en": "XEN_DOMCTL_unpausedomain: {domain}'s count drops to 0; its vCPUs may run again.",
        "fr": "XEN_DOMCTL_unpausedomain : le compteur de {domain} tombe à 0 ; ses vCPU peuvent "
              "de nouveau s'exécuter.",
    },
    "pause.still_paused": {
        "en": "XEN_DOMCTL_unpausedomain: {domain}'s count drops to {count}, not 0 — it was "
              "paused more than once, so it stays paused.",
        "fr": "XEN_DOMCTL_unpausedomain : le compteur de {domain} tombe à {count}, pas à 0 — il "
              "a été mis en pause plusieurs fois, il reste donc en pause.",
    },
    # -- refusals and errors -------------------------------------------------------------------
    "refused.state": {
        "en": "{domain} is {state}: it cannot {action} now. Allowed now: {allowed}.",
        "fr": "{domain} est {state} : impossible de {action} maintenant. Actions possibles : "
              "{allowed}.",
    },
    "refused.unpause.running": {
        "en": "{domain} is {state}: its controller_pause_count is already 0, there is nothing to "
              "unpause. Allowed now: {allowed}.",
        "fr": "{domain} est {state} : son controller_pause_count vaut déjà 0, il n'y a rien à "
              "reprendre. Actions possibles : {allowed}.",
    },
    "refused.save.paused": {
        "en": "{domain} is paused: saving asks the guest to suspend itself, which it cannot do "
              "while paused. Unpause it first. Allowed now: {allowed}.",
        "fr": "{domain} est en pause : la sauvegarde demande à l'invité de se suspendre, ce "
              "qu'il ne peut pas faire en pause. Reprenez-le d'abord. Actions possibles : "
              "{allowed}.",
    },
    "refused.control": {
        "en": "{domain} is the control domain (dom0): it runs the toolstack and cannot {action} "
              "itself.",
        "fr": "{domain} est le domaine de contrôle (dom0) : il exécute la toolstack et ne peut "
              "pas se {action}.",
    },
    "refused.busy": {
        "en": "{domain} is busy with “{busy_action}”: wait until it finishes before you {action} "
              "it.",
        "fr": "{domain} est occupé par « {busy_action} » : attendez la fin avant de {action}.",
    },
    "refused.pause.overflow": {
        "en": "{domain}'s controller_pause_count is already {count}, the maximum: Xen answers "
              "-EOVERFLOW.",
        "fr": "Le controller_pause_count de {domain} vaut déjà {count}, le maximum : Xen répond "
              "-EOVERFLOW.",
    },
    "refused.create.name_in_use": {
        "en": "A domain named {domain} already exists: libxl refuses a second one. Choose "
              "another name.",
        "fr": "Un domaine nommé {domain} existe déjà : libxl en refuse un second. Choisissez un "
              "autre nom.",
    },
    "refused.name_being_built": {
        "en": "A domain named {domain} is already being built: libxl refuses a second one. "
              "Choose another name, or wait and destroy it first.",
        "fr": "Un domaine nommé {domain} est déjà en cours de construction : libxl en refuse un "
              "second. Choisissez un autre nom, ou attendez puis détruisez-le d'abord.",
    },
    "refused.save.file_busy": {
        "en": "{file} is {state}: another `xl save` is writing it. Choose another file name.",
        "fr": "{file} est {state} : un autre `xl save` est en train de l'écrire. Choisissez un "
              "autre nom de fichier.",
    },
    "refused.restore.incomplete": {
        "en": "{file} is {state}: it cannot be restored until `xl save` has written END.",
        "fr": "{file} est {state} : impossible de le restaurer avant que `xl save` ait écrit "
              "END.",
    },
    "refused.restore.name_in_use": {
        "en": "{file} holds {domain}, and a domain with that name is running: destroy it first.",
        "fr": "{file} contient {domain}, et un domaine de ce nom existe : détruisez-le d'abord.",
    },
    "memory.enomem": {
        "en": "Out of memory: {wanted} frames wanted, {free} free (-ENOMEM).",
        "fr": "Mémoire insuffisante : {wanted} cadres demandés, {free} libres (-ENOMEM).",
    },
    "target.unknown_domain": {
        "en": "There is no domain “{target}”. Domains: {known}.",
        "fr": "Il n'y a pas de domaine « {target} ». Domaines : {known}.",
    },
    "target.unknown_image": {
        "en": "There is no saved image “{target}”. Images: {known}.",
        "fr": "Il n'y a pas d'image sauvegardée « {target} ». Images : {known}.",
    },
    "command.unknown": {
        "en": "Unknown action “{action}”. Actions: {known}.",
        "fr": "Action inconnue « {action} ». Actions : {known}.",
    },
    "command.bad_arg": {
        "en": "Invalid argument {field}: {problem}.",
        "fr": "Argument {field} invalide : {problem}.",
    },
    "scenario.bad_field": {
        "en": "Scenario field {field}: {problem}.",
        "fr": "Champ {field} du scénario : {problem}.",
    },
}

for _state in ("blocked", "runnable"):
    TEMPLATES[f"refused.unpause.{_state}"] = TEMPLATES["refused.unpause.running"]
TEMPLATES["refused.crash.paused"] = TEMPLATES["refused.save.paused"] | {
    "en": "{domain} is paused: its vCPUs do not run, so its kernel cannot panic. Allowed now: "
          "{allowed}.",
    "fr": "{domain} est en pause : ses vCPU ne s'exécutent pas, son noyau ne peut donc pas "
          "s'arrêter sur une erreur fatale (panic). Actions possibles : {allowed}.",
}

TEMPLATES.update(SAVE_RESTORE)

#: sentences said another way when a count is zero: key → (field, the zero sentence's key)
WHEN_ZERO: dict[str, tuple[str, str]] = {
    "create.populate_4k": ("frames", "create.populate_4k_none"),
}
