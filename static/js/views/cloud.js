// The cloud lab: the datacenter picture (cloud_dc.js) and its motion (cloud_motion.js), the
// live migration's phases, handshake and heatmap (cloud_migration.js), the charts
// (cloud_charts.js: rounds, power and energy; cloud_sched.js: runstates; cloud_bills.js: bills
// and SLA reports). Everything is drawn from ctx.state.cloud (docs/api-cloud.md). The forms
// (partials/cloud_forms.html) send the model's actions; a refusal is narrated by the platform.
import { duration } from "../motion.js";
import { $, el, fmt, num, size, tenantColour, currentMigration } from "./cloud_dom.js";
import { renderDatacenter } from "./cloud_dc.js";
import { renderMigration, renderHeat } from "./cloud_migration.js";
import { renderRounds, renderEnergy } from "./cloud_charts.js";
import { renderRunstates, paintSwatches } from "./cloud_sched.js";
import { renderBills } from "./cloud_bills.js";
import { animate } from "./cloud_motion.js";

export function init(ctx) {
  const bar = $("actions");
  bar.addEventListener("click", (e) => {
    const quick = e.target.closest("button.cloud-action");
    if (quick) {
      if (quick.getAttribute("aria-disabled") === "true") return;
      const body = { action: quick.dataset.action, args: JSON.parse(quick.dataset.args || "{}") };
      if (quick.dataset.target) body.target = quick.dataset.target;
      ctx.send("action", body);
      return;
    }
    const button = e.target.closest(".cloud-form button[data-action]");
    if (!button) return;
    e.preventDefault();
    send(ctx, button);
  });
  for (const form of document.querySelectorAll(".cloud-form")) {
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const button = form.querySelector("button[type=submit]");
      if (button) send(ctx, button);
    });
    for (const input of form.querySelectorAll("input")) input.addEventListener("input", () => { input.dataset.edited = "1"; });
    for (const select of form.querySelectorAll("select[name=target]")) {
      select.addEventListener("change", () => { clearEdited(form); fillForms(ctx.state.cloud, ctx.config.extra.t); });
    }
  }
  $("dc-svg").addEventListener("click", (e) => choose(ctx, e.target));
  $("dc-svg").addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(ctx, e.target); }
  });
  let width = $("dc-wrap").clientWidth;
  new ResizeObserver(() => {
    if (Math.abs($("dc-wrap").clientWidth - width) < 2 || !ctx.state.cloud) return;
    width = $("dc-wrap").clientWidth;
    renderDatacenter(ctx.state.cloud, ctx.config.extra.t);
    renderHeat(currentMigration(ctx.state.cloud), ctx.config.extra.t);
  }).observe($("dc-wrap"));
}

// A click (or Enter) on a domain or a host chooses it in the forms below.
function choose(ctx, target) {
  const chip = target.closest?.("[data-domain]");
  const host = target.closest?.("[data-host]");
  if (chip && !chip.classList.contains("chip-incoming")) {
    for (const id of ["form-migrate", "form-domain"]) {
      $(id).querySelector("select[name=target]").value = chip.dataset.domain;
      clearEdited($(id));
    }
  } else if (host) {
    $("form-host").querySelector("select[name=target]").value = host.dataset.host;
  } else return;
  fillForms(ctx.state.cloud, ctx.config.extra.t);
}

function send(ctx, button) {
  const form = button.closest("form");
  const body = { action: button.dataset.action, args: {} };
  if (button.dataset.target) body.target = form.querySelector(`[name="${button.dataset.target}"]`).value;
  for (const name of (button.dataset.fields || "").split(" ").filter(Boolean)) {
    const field = form.querySelector(`[name="${name}"]`);
    if (!field || field.value === "") continue;
    body.args[name] = field.tagName === "SELECT" ? field.value
      : field.hasAttribute("data-int") ? Math.round(Number(field.value)) : Number(field.value);
  }
  ctx.send("action", body);
  clearEdited(form);
}

function clearEdited(form) {
  for (const input of form.querySelectorAll("input")) delete input.dataset.edited;
}

// The fields show the values in force until the reader edits them.
function fillForms(cloud, t) {
  if (!cloud) return;
  const domains = new Map(cloud.domains.map((d) => [d.name, d]));
  for (const form of document.querySelectorAll(".cloud-form")) {
    const chosen = domains.get(form.querySelector("select[name=target]")?.value);
    for (const input of form.querySelectorAll("input[data-from]")) {
      if (input.dataset.edited || input === document.activeElement) continue;
      const [group, key] = input.dataset.from.split(".");
      const source = group === "domain" ? chosen : cloud[group];
      if (source && source[key] !== undefined) input.value = String(source[key]);
      if (group === "domain" && key === "cap" && chosen) input.max = String(100 * chosen.vcpus);
    }
  }
  const mig = domains.get($("form-migrate").querySelector("select[name=target]").value);
  $("migrate-memory").textContent = mig ? fmt(t.migrate_memory, { name: mig.name, memory: size(t, mig.memory_mb),
    pages: num(mig.memory_mb * 256), host: mig.host || "—", state: t[mig.state] || mig.state }) : "";
}

function renderTop(cloud, t) {
  $("cloud-clock").textContent = fmt(t.clock_line, { clock: cloud.clock, power: fmt(t.watts, { n: num(cloud.energy.power_w) }),
    energy: fmt(t.kwh, { n: num(cloud.energy.total_kwh, 3) }), on: cloud.energy.hosts_on, hosts: cloud.hosts.length });
  const key = cloud.tenants.map((x) => x.name).join();
  const legend = $("tenant-legend");
  if (legend.dataset.key === key) return;
  legend.dataset.key = key;
  legend.replaceChildren(...cloud.tenants.map((x) => el("li", {},
    el("span", { class: "swatch legend-badge", "data-colour": tenantColour(cloud, x.name), text: x.name.slice(0, 1).toUpperCase() }),
    x.name)));
  paintSwatches(legend);
}

export function render(ctx, events) {
  const cloud = ctx.state.cloud;
  if (!cloud) return;
  const t = ctx.config.extra.t;
  const ms = duration(ctx, events);
  renderTop(cloud, t);
  renderDatacenter(cloud, t);
  renderMigration(cloud, t);
  renderRounds(cloud, t);
  renderEnergy(cloud, t);
  renderRunstates(cloud, t);
  renderBills(cloud, t);
  fillForms(cloud, t);
  animate(cloud, ms);
}

export function panelsChanged(ctx) {
  const box = $("cloud-actions");
  if (!box || !window.htmx) return;
  const focused = document.activeElement?.closest?.("#cloud-actions button");
  const label = focused?.textContent;
  window.htmx.ajax("GET", `${box.getAttribute("hx-get")}?lang=${ctx.config.lang}`,
    { target: "#cloud-actions", swap: "innerHTML" }).then(() => {
    if (!label) return;
    [...box.querySelectorAll("button")].find((b) => b.textContent === label)?.focus();
  });
}
