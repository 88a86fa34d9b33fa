// The devices lab: dom0 and the guest side by side; the shared ring (slots and labelled
// indices), Xen between them, the xenstore tree, the grant table and the event channels; the
// PV-vs-emulated charts. Everything is drawn from ctx.state.devices (the snapshot section),
// then each step's events move across the picture. Pictures: devices_sides.js, devices_ring.js,
// devices_tables.js, devices_charts.js; motion: devices_motion.js (timing from ../motion.js).
import { duration } from "../motion.js";
import { $, drawn } from "./devices_dom.js";
import { renderDom0, renderGuest } from "./devices_sides.js";
import { renderRing, chooseRing } from "./devices_ring.js";
import { renderXenstore, renderGrants, renderChannels } from "./devices_tables.js";
import { renderCounters, renderCharts } from "./devices_charts.js";
import { animate } from "./devices_motion.js";

export function init(ctx) {
  const bar = $("actions");
  bar.addEventListener("click", (e) => {
    const button = e.target.closest("button.dev-action");
    if (!button || button.dataset.unavailable === "true") return;  // no arguments to send
    ctx.send("action", { action: button.dataset.action, args: JSON.parse(button.dataset.args || "{}") });
  });
  $("ring-tabs").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-ring]");
    if (!button) return;
    chooseRing(button.dataset.ring);
    renderRing(ctx.state.devices, ctx.config.extra.t);
  });
}

export function render(ctx, events) {
  const d = ctx.state.devices;
  if (!d) return;
  const t = ctx.config.extra.t;
  const ms = duration(ctx, events);
  renderDom0(d, t);
  renderGuest(d, t);
  renderRing(d, t, ms);
  renderXenstore(d, t);
  renderGrants(d, t);
  renderChannels(d, t);
  renderCounters(d, t);
  renderCharts(d, t);
  drawn();
  animate(events, t, ms);
}

export function panelsChanged(ctx) {
  const box = $("devices-actions");
  if (!box || !window.htmx) return;
  const focused = document.activeElement?.closest?.("#devices-actions button");
  const label = focused?.textContent;
  window.htmx.ajax("GET", `${box.getAttribute("hx-get")}?lang=${ctx.config.lang}`,
    { target: "#devices-actions", swap: "innerHTML" }).then(() => {
    if (!label) return;
    [...box.querySelectorAll("button")].find((b) => b.textContent === label)?.focus();
  });
}
