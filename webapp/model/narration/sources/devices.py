"""Sources of the devices lab's sentences: Linux's split drivers (blkfront/blkback,
netfront/netback), xenbus, the grant table and event channels, xenstored and libxl, and QEMU for
the emulated disk."""

from __future__ import annotations

from webapp.model.narration.sources.common import (
    LAB_ONLY,
    Entry,
    libxc,
    libxl,
    linux,
    qemu,
    same,
    simplified,
    xen,
)

BF, BB = "drivers/block/xen-blkfront.c", "drivers/block/xen-blkback/blkback.c"
BBX = "drivers/block/xen-blkback/xenbus.c"
NF, NB = "drivers/net/xen-netfront.c", "drivers/net/xen-netback/netback.c"
NBX, NBR = "drivers/net/xen-netback/xenbus.c", "drivers/net/xen-netback/rx.c"
XB, XBP = "drivers/xen/xenbus/xenbus_client.c", "drivers/xen/xenbus/xenbus_probe.c"
GT = "drivers/xen/grant-table.c"
EVTCHN, GNTTAB = "xen/common/event_channel.c", "xen/common/grant_table.c"
IDE, XEN_HVM = "hw/ide/core.c", "hw/xen/xen-hvm-common.c"
SFF = "drivers/ata/libata-sff.c"

RECOVERY = simplified(
    linux(BF, "blkif_recover"),
    "Today's blkfront re-queues the interrupted requests through blk-mq after a resume; the lab "
    "re-issues them from its shadow copies, as the classic driver did.",
    "Le blkfront actuel remet les requêtes interrompues dans blk-mq après une reprise ; le labo "
    "les ré-émet depuis ses copies de suivi, comme le faisait le pilote classique.")
DISK = simplified(
    linux(BB, "end_block_io_op"),
    "The disk's latency is a number of lab steps, not a time.",
    "La latence du disque est un nombre de pas du labo, pas une durée.")
ABANDONED = simplified(
    None, "The lab drops a step whose driver is no longer connected; the real driver checks "
          "its state under a lock.",
    "Le labo abandonne une étape dont le pilote n'est plus connecté ; le vrai pilote vérifie "
    "son état sous un verrou.")

BLK: dict[str, Entry] = {
    "blk.submitted": linux(BF, "blkif_queue_rq"),
    **same(linux(BF, "blkif_queue_rw_req"), "blk.granted", "blk.filled"),
    **same(ABANDONED, "blk.fill_abandoned", "blk.recover_abandoned", "blk.interrupt_ignored",
           "net.abandoned"),
    **same(linux(BF, "blkif_queue_rq"), "blk.ring_full", "blk.queue_waits"),
    **same(linux(BF, "flush_requests"), "blk.pushed_notify", "blk.pushed_quiet"),
    **same(linux(BB, "__do_block_io_op"), "blk.consumed", "blk.nothing_to_consume",
           "blk.final_check_idle", "blk.final_check_more"),
    "blk.thread_stopped": linux(BB, "xen_blkif_schedule"),
    **same(linux(BB, "xen_blkbk_map"), "blk.mapped", "blk.map_failed"),
    "blk.unmapped": linux(BB, "xen_blkbk_unmap"),
    "blk.bio_submitted": linux(BB, "dispatch_rw_block_io"),
    "blk.disk_done": DISK,
    "blk.disk_orphan": DISK,
    "disk.busy": DISK,
    **same(linux(BB, "make_response"), "blk.responded", "blk.responses_notify",
           "blk.responses_quiet"),
    **same(linux(BF, "blkif_interrupt"), "blk.interrupt", "blk.completed",
           "blk.completed_error", "blk.front_final", "blk.front_final_more"),
    **same(linux(BF, "blkif_completion"), "blk.ended", "blk.end_deferred"),
    "blk.restarted": linux(BF, "kick_pending_request_queues"),
    "blk.failed_queue": linux(BF, "blkfront_closing"),
    **same(RECOVERY, "blk.recover", "blk.regranted", "blk.requeued"),
}

CLOSE: dict[str, Entry] = {
    "close.toolstack": libxl("libxl_device.c", "libxl__initiate_device_generic_remove"),
    "close.front_sees_closing": linux(BF, "blkfront_closing"),
    "close.front_port": linux(XB, "xenbus_free_evtchn"),
    **same(linux(GT, "gnttab_end_foreign_access"), "close.end_ring_now",
           "close.end_ring_deferred"),
    **same(linux(BF, "blkif_free"), "close.end_data_now", "close.end_data_deferred",
           "close.end_data_done"),
    "close.end_buffers": linux(NF, "xennet_disconnect_backend"),
    "close.back_disconnect": linux(BBX, "xen_blkif_disconnect"),
    "close.back_port": linux(BBX, "xen_blkif_disconnect"),
    "close.back_unmapped_ring": linux(XB, "xenbus_unmap_ring_vfree"),
    "close.deferred_ended": linux(GT, "gnttab_handle_deferred"),
    "close.removed": libxl("libxl_device.c", "device_hotplug"),
    "close.reconnect": RECOVERY,
    "devices.domain_gone": xen(EVTCHN, "evtchn_destroy"),
    "devices.dropped": LAB_ONLY,
}

EMULATED: dict[str, Entry] = {
    "emu.submitted": linux(SFF, "ata_sff_qc_issue"),
    "emu.started": linux(SFF, "ata_sff_qc_issue"),
    **same(xen("xen/arch/x86/hvm/vmx/vmx.c", "vmx_vmexit_handler"), "emu.vm_exit_in",
           "emu.vm_exit_out"),
    "emu.ioreq_sent": xen("xen/common/ioreq.c", "ioreq_send"),
    "emu.qemu_took": qemu(XEN_HVM, "cpu_get_ioreq"),
    "emu.emulated_in": qemu(IDE, "ide_ioport_read"),
    "emu.emulated_out": qemu(IDE, "ide_ioport_write"),
    "emu.resumed": xen("xen/common/ioreq.c", "vcpu_ioreq_handle_completion"),
    **same(qemu(IDE, "ide_dma_cb"), "emu.dma_submitted", "emu.dma_done"),
    "emu.irq": xen("xen/arch/x86/hvm/dm.c", "set_isa_irq_level"),
    **same(linux(SFF, "ata_bmdma_port_intr"), "emu.waits", "emu.completed"),
}

EVENTS: dict[str, Entry] = {
    **same(xen("xen/common/event_2l.c", "evtchn_2l_set_pending"), "evtchn.delivered_upcall",
           "evtchn.delivered_pending", "evtchn.delivered_coalesced", "evtchn.delivered_masked"),
    "evtchn.send_dropped": xen(EVTCHN, "evtchn_send"),
    "evtchn.send_closed": linux("drivers/xen/events/events_base.c", "notify_remote_via_irq"),
    **same(linux("drivers/xen/events/events_2l.c", "evtchn_2l_handle_events"),
           "evtchn.upcall", "evtchn.upcall_empty"),
}

NET: dict[str, Entry] = {
    **same(linux(NF, "xennet_start_xmit"), "net.tx_granted", "net.tx_filled",
           "net.pushed_notify", "net.pushed_quiet"),
    **same(linux(NB, "xenvif_tx_build_gops"), "net.tx_consumed", "net.tx_copied",
           "net.tx_copied_mapped", "net.tx_copy_failed"),
    "net.tx_delivered": linux(NB, "xenvif_tx_submit"),
    "net.tx_unmapped": linux(NB, "xenvif_tx_dealloc_action"),
    **same(linux(NB, "make_tx_response"), "net.tx_responded_notify", "net.tx_responded_quiet"),
    "net.final_check": linux(NB, "xenvif_tx_action"),
    "net.rx_arrived": linux("drivers/net/xen-netback/interface.c", "xenvif_start_xmit"),
    "net.rx_no_buffer": linux(NBR, "xenvif_rx_ring_slots_available"),
    "net.rx_consumed": linux(NBR, "xenvif_rx_skb"),
    **same(linux(NBR, "xenvif_rx_copy_flush"), "net.rx_copied", "net.rx_copy_failed"),
    **same(linux(NBR, "xenvif_rx_action"), "net.rx_responded_notify",
           "net.rx_responded_quiet"),
    "net.interrupt": linux(NF, "xennet_interrupt"),
    "net.tx_done": linux(NF, "xennet_tx_buf_gc"),
    **same(linux(NF, "xennet_poll"), "net.rx_done", "net.rx_error"),
    **same(linux(NF, "xennet_alloc_rx_buffers"), "net.rx_granted", "net.rx_posted"),
}

PROBES: dict[str, Entry] = {
    "probe.mapped": xen(GNTTAB, "map_grant_ref"),
    "probe.unmapped": xen(GNTTAB, "unmap_common"),
    "probe.ended": linux(GT, "gnttab_end_foreign_access_ref"),
    # what each grant entry is for (a sub-sentence of the grant table)
    "grant.purpose.reserved": libxc("xg_dom_boot.c", "xc_dom_gnttab_seed"),
    "grant.purpose.ring": linux(XB, "xenbus_setup_ring"),
    "grant.purpose.data": linux(BF, "blkif_setup_rw_req_grant"),
    "grant.purpose.rx": linux(NF, "xennet_alloc_rx_buffers"),
    "grant.purpose.tx": linux(NF, "xennet_tx_setup_grant"),
    "grant.purpose.none": LAB_ONLY,
    "probe.sent": xen(EVTCHN, "evtchn_send"),
    "probe.xs_written": xen("tools/xenstored/core.c", "do_write"),
    **same(xen(GNTTAB, "map_grant_ref"), "refused.devices.grant_bad_domain",
           "refused.devices.grant_bad_ref", "refused.devices.grant_ended",
           "refused.devices.grant_never", "refused.devices.grant_other_domain",
           "refused.devices.grant_readonly"),
    "refused.devices.grant_bad_handle": xen(GNTTAB, "unmap_common"),
    **same(linux(GT, "gnttab_end_foreign_access_ref"), "refused.devices.end_in_use",
           "refused.devices.end_not_granted"),
    "refused.devices.evtchn_bind": xen(EVTCHN, "evtchn_bind_interdomain"),
    **same(xen(EVTCHN, "evtchn_send"), "refused.devices.evtchn_closed",
           "refused.devices.evtchn_not_interdomain", "refused.devices.evtchn_unbound"),
    "refused.devices.xs_eacces": xen("tools/xenstored/core.c", "do_write"),
    "refused.devices.ring_full": simplified(
        xen("xen/include/public/io/ring.h", "RING_FULL"),
        "A driver waits when its ring is full; the lab refuses the extra push instead.",
        "Un pilote attend quand son anneau est plein ; le labo refuse plutôt le push en trop."),
    **same(LAB_ONLY, "refused.devices.already", "refused.devices.domain_gone",
           "refused.devices.end_ring_owned", "refused.devices.grant_table_full",
           "refused.devices.no_hvm", "refused.devices.no_lab", "refused.devices.no_pages",
           "refused.devices.not_connected", "refused.devices.xs_protocol_node"),
}

XENBUS: dict[str, Entry] = {
    "xenbus.toolstack_added": libxl("libxl_device.c", "libxl__device_generic_add"),
    "xenbus.switched": linux(XB, "xenbus_switch_state"),
    "xenbus.hotplug_block": xen("tools/hotplug/Linux/block", "write_dev"),
    "xenbus.hotplug_vif": xen("tools/hotplug/Linux/vif-bridge", "success"),
    **same(linux(XBP, "xenbus_dev_probe"), "xenbus.back_probed", "xenbus.front_probed"),
    "xenbus.back_opened": linux(BBX, "backend_changed"),
    "xenbus.back_plugged": linux(NBX, "hotplug_status_changed"),
    "xenbus.back_read_ring": linux(BBX, "connect_ring"),
    "xenbus.back_mapped_ring": linux(XB, "xenbus_map_ring_valloc"),
    "xenbus.back_bound": xen(EVTCHN, "evtchn_bind_interdomain"),
    "xenbus.back_published": linux(BBX, "connect"),
    "xenbus.back_threads": linux("drivers/net/xen-netback/interface.c",
                                 "xenvif_connect_data"),
    "xenbus.front_read_backend": linux(BF, "talk_to_blkback"),
    **same(linux(XB, "xenbus_setup_ring"), "xenbus.front_ring_allocated",
           "xenbus.front_granted_ring"),
    "xenbus.front_evtchn": linux(XB, "xenbus_alloc_evtchn"),
    "xenbus.front_published": linux(BF, "talk_to_blkback"),
    "xenbus.front_disk": linux(BF, "blkfront_connect"),
    "xenbus.front_netdev": linux(NF, "xennet_connect"),
}

WATCHES: dict[str, Entry] = {
    "xs.watch_fired": xen("tools/xenstored/watch.c", "fire_watches"),
    **same(linux(XBP, "xenbus_dev_changed"), "xs.why.new_device", "xs.why.nothing_new"),
    "xs.why.gone": ABANDONED,
    **same(libxl("libxl_device.c", "device_backend_callback"), "xs.why.hotplug",
           "xs.why.libxl_waits", "xs.why.remove"),
    **same(linux(BBX, "backend_changed"), "xs.why.physical", "xs.why.physical_absent"),
    **same(linux(BBX, "frontend_changed"), "xs.why.connect_ring", "xs.why.disconnect",
           "xs.why.reconnect"),
    "xs.why.connect_ring_net": linux(NBX, "frontend_changed"),
    **same(linux(BF, "blkback_changed"), "xs.why.back_connected", "xs.why.back_closing",
           "xs.why.initwait", "xs.why.front_setup"),
    "xs.why.front_reinit": RECOVERY,
    "xs.why.notify_peers": linux(NF, "netback_changed"),
    "xs.why.nothing": linux(XBP, "xenbus_otherend_changed"),
}

SOURCES: dict[str, Entry] = {**BLK, **CLOSE, **EMULATED, **EVENTS, **NET, **PROBES, **XENBUS,
                             **WATCHES}
