// The devices picture moves with each step's events: a request travels from blkfront into its
// ring slot, the notification crosses to dom0 through Xen over the event channel, blkback
// takes the request, maps the grant, the disk answers, the response returns and the slot
// frees; netfront/netback likewise; on the emulated path each VM exit bounces through Xen to
// QEMU and back. Chips fly in #dev-motion, a layer over the picture that takes no input.
import { fly, pulse } from "../motion.js";

const $ = (selector) => document.querySelector(selector);
const SIDE = { d0: "#dev-dom0", d1: "#dev-guest" };
const card = (name) => $(`[data-card="${name}"]`);
const grants = () => $("#grants tr[data-ref]:last-of-type") || $("#grants");
const xen = () => $("#xen-bar");

// The slot of the ring the event is about, if that ring is the one shown; else the ring.
function slot(ringName, number) {
  const svg = $("#ring-svg");
  const shown = $(".ring-tab[aria-pressed='true']")?.dataset.ring || "";
  const here = ringName === null || shown.endsWith(`:${ringName}`) || shown.startsWith(`${ringName}:`);
  return (here && number !== undefined && svg.querySelector(`.slot[data-slot="${number}"]`)) || svg;
}

const side = (domid) => $(SIDE[domid] || (domid === "d0" ? "#dev-dom0" : "#dev-guest"));

// kind → (data, t) → [from (element or elements), to, label, class] | "pulse" target
const FLIGHTS = {
  "blk.granted": (e, t) => [card("blkfront"), grants(), t.fly_grant, "grant"],
  "blk.filled": (e) => [card("blkfront"), slot("vbd", e.slot), e.rid, "request"],
  "evtchn.delivered_upcall": (e, t) => [[side(e.domid), xen()], side(e.domid === "d0" ? "d1" : "d0"),
    `${t.fly_event} ${e.port}`, "notify"],
  "evtchn.send_dropped": (e, t) => [side(e.domid), xen(), `${t.fly_event} ${e.port}`, "notify"],
  "blk.consumed": (e) => [slot("vbd", e.slot), card("blkback"), e.rid, "request"],
  "blk.mapped": (e, t) => [grants(), card("blkback"), t.fly_map, "grant"],
  "blk.bio_submitted": (e, t) => [card("blkback"), card("disk"), t.fly_io, "request"],
  "blk.disk_done": (e, t) => [card("disk"), card("blkback"), t.fly_io_done, "response"],
  "blk.unmapped": (e, t) => [card("blkback"), grants(), t.fly_unmap, "grant"],
  "blk.responded": (e, t) => [card("blkback"), slot("vbd", e.slot), t.fly_response, "response"],
  "blk.ended": (e) => [slot("vbd", e.slot), card("blkfront"), e.rid, "response"],
  "net.rx_granted": (e, t) => [card("netfront"), grants(), t.fly_grant, "grant"],
  "net.tx_granted": (e, t) => [card("netfront"), grants(), t.fly_grant, "grant"],
  "net.rx_posted": (e, t) => [card("netfront"), slot("rx", e.slot), t.fly_buffer, "request"],
  "net.tx_filled": (e, t) => [card("netfront"), slot("tx", e.slot), t.fly_packet, "request"],
  "net.tx_consumed": (e, t) => [slot("tx", e.slot), card("netback"), t.fly_packet, "request"],
  "net.rx_consumed": (e, t) => [slot("rx", e.slot), card("netback"), t.fly_buffer, "request"],
  "net.tx_copied_mapped": (e, t) => [grants(), card("netback"), t.fly_map, "grant"],
  "net.rx_copied": (e, t) => [card("netback"), grants(), t.fly_packet, "response"],
  "net.tx_responded_notify": (e, t) => [card("netback"), slot("tx", e.slot), t.fly_response, "response"],
  "net.rx_responded_notify": (e, t) => [card("netback"), slot("rx", e.slot), t.fly_response, "response"],
  "emu.vm_exit_out": (e, t) => [card("hvm"), xen(), `${t.fly_exit} ${e.port}`, "exit"],
  "emu.vm_exit_in": (e, t) => [card("hvm"), xen(), `${t.fly_exit} ${e.port}`, "exit"],
  "emu.ioreq_sent": (e) => [xen(), card("qemu"), `ioreq ${e.port}`, "exit"],
  "emu.resumed": (e, t) => [[card("qemu"), xen()], card("hvm"), t.fly_resume, "response"],
  "emu.dma_submitted": (e, t) => [card("qemu"), card("disk"), t.fly_io, "request"],
  "emu.dma_done": (e, t) => [card("disk"), card("qemu"), t.fly_io_done, "response"],
  "emu.irq": (e, t) => [[card("qemu"), xen()], card("hvm"), t.fly_irq, "notify"],
};

const PULSES = {
  "evtchn.upcall": (e) => side(e.domid), "disk.busy": () => card("disk"),
  "emu.qemu_took": () => card("qemu"), "blk.completed": () => card("reads"),
  "net.tx_delivered": () => card("netback"), "net.rx_arrived": () => card("netback"),
  "net.tx_done": () => card("netfront"), "net.rx_done": () => card("netfront"),
};

export function animate(events, t, ms) {
  if (ms <= 0) return;
  const layer = document.getElementById("dev-motion");
  for (const event of events) {
    const flight = FLIGHTS[event.kind]?.(event.data || {}, t);
    if (flight) fly(layer, flight[0], flight[1], String(flight[2] ?? ""), ms, flight[3]);
    const target = PULSES[event.kind]?.(event.data || {});
    if (target) pulse(target, ms);
  }
}
