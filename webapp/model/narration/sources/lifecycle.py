"""Sources of the scheduler's and the lifecycle lab's sentences (xl, libxl, libxc, Xen, Linux)."""

from __future__ import annotations

from webapp.model.narration.sources.common import (
    LAB_ONLY,
    Entry,
    libxc,
    libxl,
    linux,
    same,
    simplified,
    xen,
)

SCHED = "xen/common/sched/core.c"
DOMAIN = "xen/common/domain.c"
DOMCTL = "xen/common/domctl.c"
XL = "tools/xl/xl_vmcontrol.c"
SAVE = "tools/xl/xl_saverestore.c"

SCHEDULER = simplified(
    xen(SCHED, "schedule"),
    "The lab's scheduler gives the vCPUs turns, tick by tick; Xen's credit2 scheduler also "
    "weighs credits, runqueues and time slices.",
    "L'ordonnanceur du labo donne leur tour aux vCPU, tic après tic ; l'ordonnanceur credit2 de "
    "Xen tient aussi compte des crédits, des files d'exécution et des tranches de temps.")

SOURCES: dict[str, Entry] = {
    "sched.tick": SCHEDULER,
    "vcpu.blocked": xen(SCHED, "vcpu_block"),
    "vcpu.woken": xen(SCHED, "vcpu_wake"),
    # -- create ------------------------------------------------------------------------------
    "create.parse_config": xen("tools/xl/xl_parse.c", "parse_config_data"),
    "create.domain_created": xen(DOMAIN, "domain_create"),
    "create.build_pre": libxl("libxl_dom.c", "libxl__build_pre"),
    "create.parse_image": libxc("xg_dom_core.c", "xc_dom_parse_image"),
    "create.populate_2m": libxc("xg_dom_x86.c", "meminit_pv"),
    "create.populate_4k": libxc("xg_dom_x86.c", "meminit_pv"),
    "create.populate_4k_none": libxc("xg_dom_x86.c", "meminit_pv"),
    "create.failed_enomem": libxl("libxl_create.c", "domcreate_complete"),
    "create.failed_too_small": libxc("xg_dom_core.c", "xc_dom_alloc_segment"),
    "create.build_image": libxc("xg_dom_core.c", "xc_dom_build_image"),
    "create.boot_image": libxc("xg_dom_boot.c", "xc_dom_boot_image"),
    "create.pin_l4": libxc("xg_dom_x86.c", "bootlate_pv"),
    "create.vcpu_context": libxc("xg_dom_x86.c", "vcpu_x86_64"),
    "create.gnttab_seed": libxc("xg_dom_boot.c", "xc_dom_gnttab_init"),
    "create.introduce": xen("tools/xenstored/domain.c", "do_introduce"),
    "create.devices": libxl("libxl_create.c", "domcreate_launch_dm"),
    "create.left_paused": xen(XL, "create_domain"),
    "create.unpaused": xen(DOMAIN, "domain_unpause_by_systemcontroller"),
    "create.vcpus_up": xen(DOMAIN, "common_vcpu_op"),
    "create.restart": xen(XL, "handle_domain_death"),
    # -- shutdown, reboot, crash -----------------------------------------------------------
    "shutdown.requested": libxl("libxl_domain.c", "libxl__domain_pvcontrol"),
    "shutdown.pending": xen(XL, "main_shutdown_or_reboot"),
    "shutdown.acknowledged": linux("drivers/xen/manage.c", "shutdown_handler"),
    "shutdown.hypercall": linux("arch/x86/xen/enlighten.c", "xen_reboot"),
    "shutdown.vcpus_paused": xen(DOMAIN, "domain_shutdown"),
    "shutdown.completed": xen(DOMAIN, "__domain_finalise_shutdown"),
    "shutdown.action": xen(XL, "handle_domain_death"),
    "crash.panic": linux("arch/x86/xen/enlighten.c", "xen_panic_event"),
    "crash.watchdog": xen(SCHED, "domain_watchdog_timeout"),
    # -- destroy -----------------------------------------------------------------------------
    "destroy.paused": libxl("libxl_domain.c", "libxl__destroy_domid"),
    "destroy.devices_removed": libxl("libxl_device.c", "libxl__devices_destroy"),
    "destroy.dying": xen(DOMAIN, "domain_kill"),
    "destroy.memory_freed": xen("xen/arch/x86/domain.c", "domain_relinquish_resources"),
    "destroy.dead": xen(DOMAIN, "domain_kill"),
    "destroy.gone": xen(DOMAIN, "complete_domain_destroy"),
    # -- pause -------------------------------------------------------------------------------
    "pause.paused": xen(DOMAIN, "domain_pause_by_systemcontroller"),
    "pause.unpaused": xen(DOMAIN, "domain_unpause_by_systemcontroller"),
    "pause.still_paused": xen(DOMAIN, "domain_unpause_by_systemcontroller"),
    # -- save / restore ----------------------------------------------------------------------
    "save.header": xen(SAVE, "save_domain"),
    "save.libxl_header": libxl("libxl_stream_write.c", "libxl__stream_write_start"),
    "save.stream_headers": libxc("xg_sr_save.c", "write_headers"),
    "save.page_data": simplified(
        libxc("xg_sr_save.c", "write_batch"),
        "The lab writes the pages in four PAGE_DATA batches; libxc sends batches of up to "
        "1024 pages.",
        "Le labo écrit les pages en quatre lots PAGE_DATA ; libxc envoie des lots d'au plus "
        "1024 pages."),
    "save.complete": libxc("xg_sr_save_x86_pv.c", "x86_pv_end_of_checkpoint"),
    "restore.read": xen(SAVE, "main_restore"),
    "restore.stream_headers": libxl("libxl_stream_read.c", "stream_header_done"),
    "restore.page_data": libxc("xg_sr_restore.c", "populate_pfns"),
    "restore.resumed": libxc("xg_sr_restore_x86_pv.c", "x86_pv_stream_complete"),
    # -- refusals and errors -------------------------------------------------------------------
    **same(simplified(xen(XL, "main_unpause"),
                      "The lab refuses what would make no sense in its state machine; xl would "
                      "pass the request to Xen, which answers with an error code.",
                      "Le labo refuse ce qui n'a pas de sens dans sa machine à états ; xl "
                      "transmettrait la demande à Xen, qui répondrait par un code d'erreur."),
           "refused.state", "refused.unpause.running", "refused.unpause.blocked",
           "refused.unpause.runnable"),
    "refused.save.paused": libxl("libxl_dom_suspend.c", "suspend_common_wait_guest_timeout"),
    "refused.crash.paused": LAB_ONLY,
    "refused.control": LAB_ONLY,
    "refused.busy": LAB_ONLY,
    "refused.pause.overflow": xen(DOMAIN, "_domain_pause_by_systemcontroller"),
    "refused.create.name_in_use": libxl("libxl_create.c", "libxl__domain_make"),
    "refused.name_being_built": libxl("libxl_create.c", "libxl__domain_make"),
    **same(LAB_ONLY, "refused.save.file_busy", "refused.restore.incomplete",
           "refused.restore.name_in_use", "target.unknown_domain", "target.unknown_image",
           "command.unknown", "command.bad_arg", "scenario.bad_field", "script.refused"),
    "memory.enomem": xen("xen/common/memory.c", "populate_physmap"),
}
