// The boot lab: the two pipelines (boot_pipeline.js), the memory view — a domain's
// pseudo-physical frames over the host's machine frames, bucketed by the server and zoomable
// (boot_memview.js, boot_zoom.js) — the start-of-day region (boot_layout.js), start_info,
// vCPU0's registers and the firmware's e820 map (boot_panels.js). Motion follows the step's
// difference (static/js/motion.js): nothing moves on a seek, a jump or with reduced motion.
import { duration } from "../motion.js";
import { renderLayout } from "./boot_layout.js";
import { scheduleFetch } from "./boot_memview.js";
import { renderE820, renderRegisters, renderStartInfo } from "./boot_panels.js";
import { autoSelect, renderFailure, renderNative, renderPicker, renderXen } from "./boot_pipeline.js";
import { $, record, view } from "./boot_state.js";
import { clickSvg, hideHover, hover, zoomGrid, zoomStrip } from "./boot_zoom.js";

function select(ctx, name, pinned = true) {
  view.selected = name;
  view.pinned = pinned;
  view.strip = null;
  render(ctx, []);
}

export function init(ctx) {
  const extra = ctx.config.extra;
  if (extra.selected) { view.selected = extra.selected; view.pinned = true; }
  $("boot-domain").addEventListener("change", (e) => select(ctx, e.target.value));
  document.addEventListener("click", (e) => {
    const pick = e.target.closest("button.pick-domain");
    if (pick) select(ctx, pick.dataset.domain);
  });
  const form = $("build-form");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const action = e.submitter?.dataset.action || "build";
    const args = { name: data.get("name"), memory_mb: Number(data.get("memory_mb")),
      vcpus: Number(data.get("vcpus")), cmdline: data.get("cmdline"),
      ...(data.get("kernel") ? { kernel: data.get("kernel") } : {}) };
    view.pinned = false;
    view.pendingName = args.name;
    ctx.send("action", { action, args });
  });
  document.querySelectorAll("button.boot-action").forEach((button) => {
    button.addEventListener("click", () => ctx.send("action", { action: button.dataset.action }));
  });
  document.querySelectorAll("[data-strip]").forEach((b) => b.addEventListener("click", () => zoomStrip(ctx, b.dataset.strip)));
  document.querySelectorAll("[data-grid]").forEach((b) => b.addEventListener("click", () => zoomGrid(ctx, b.dataset.grid)));
  const svgNode = $("memview");
  svgNode.addEventListener("mousemove", (e) => hover(ctx, e));
  svgNode.addEventListener("mouseleave", () => hideHover());
  svgNode.addEventListener("click", (e) => clickSvg(ctx, e));
  pairChips();
}

// a Xen stage and its traditional counterpart light up together on hover or focus
function pairChips() {
  document.querySelectorAll("#xen-chips .chip").forEach((chip) => {
    const pair = () => document.querySelector(`#native-chips [data-chip="${chip.dataset.counterpart}"]`);
    for (const on of ["mouseenter", "focus"]) chip.addEventListener(on, () => pair()?.classList.add("paired"));
    for (const off of ["mouseleave", "blur"]) chip.addEventListener(off, () => pair()?.classList.remove("paired"));
  });
}

export function render(ctx, events) {
  const state = ctx.state;
  view.ms = duration(ctx, events);
  autoSelect(state);
  renderPicker(ctx, state);
  const dom = record(state);
  renderFailure(ctx, state);
  renderNative(ctx, state.boot?.native);
  renderXen(ctx, view.pinned || !view.pendingName ? dom : null);
  renderLayout(ctx, dom);
  renderStartInfo(ctx, dom);
  renderRegisters(ctx, dom);
  renderE820(ctx, state.boot?.native);
  scheduleFetch(ctx, events.length > 0, view.ms);
}

export function panelsChanged() { /* the domains panel is an htmx partial */ }
