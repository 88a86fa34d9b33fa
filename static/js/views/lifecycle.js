// The lifecycle lab: select a domain, act on it, draw the diagram and the host strip.
// Pictures: lifecycle_draw.js (the diagram), lifecycle_tokens.js (the tokens' travels),
// lifecycle_host.js (pCPUs, vCPUs, memory); timing from ../motion.js.
import { duration } from "../motion.js";
import { renderDiagram } from "./lifecycle_draw.js";
import { before, after } from "./lifecycle_tokens.js";
import { renderHost } from "./lifecycle_host.js";

let selected = null;

export function init(ctx) {
  selected = document.getElementById("selected-domain")?.dataset.domain || null;
  document.addEventListener("click", (e) => {
    const picker = e.target.closest("[data-select-domain], button.select-domain");
    if (picker) select(ctx, picker.dataset.domain || picker.dataset.selectDomain);
  });
  const bar = document.getElementById("actions");
  bar.addEventListener("click", (e) => {
    const button = e.target.closest("button.action");
    if (button) ctx.send("action", { action: button.dataset.action, target: selected || button.dataset.target });
  });
  bar.addEventListener("submit", (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    if (e.target.id === "restore-form") {
      ctx.send("action", { action: "restore", target: form.get("file") });
      return;
    }
    ctx.send("action", { action: "create", args: createArgs(form) });
  });
}

function createArgs(form) {
  const args = { name: form.get("name"), memory_mb: Number(form.get("memory_mb")),
    vcpus: Number(form.get("vcpus")), on_crash: form.get("on_crash") };
  if (form.get("paused")) args.paused = true;
  return args;
}

function select(ctx, name) {
  selected = name;
  renderDiagram(ctx, selected);
  refreshActions(ctx);
}

function refreshActions(ctx) {
  const bar = document.getElementById("actions");
  const url = `${bar.dataset.url}?domain=${encodeURIComponent(selected || "")}&lang=${ctx.config.lang}`;
  const focused = document.activeElement?.dataset?.action;
  window.htmx.ajax("GET", url, { target: "#actions", swap: "innerHTML" }).then(() => {
    if (focused) bar.querySelector(`[data-action="${focused}"]`)?.focus();
  });
}

export function render(ctx, events) {
  const ms = duration(ctx, events);
  const was = before();
  renderDiagram(ctx, selected);
  after(was, ms);
  renderHost(ctx, ms);
}

export function panelsChanged(ctx) {
  refreshActions(ctx);
}
