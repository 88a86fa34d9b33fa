// The workload strip, the isolation panel ("what if this component is compromised") and the
// chooser, which asks GET /api/v1/categories/choose (docs/api-categories.md).
import { $, el, fmt } from "../dom.js";
import { number } from "./categories_dom.js";

let isoCategory = "os_level";
let isoComponent = null;

export function renderWorkload(ctx) {
  const t = ctx.config.extra.t;
  const w = ctx.state.categories.workload;
  const editable = ctx.config.mode === "driver" && !w.running;
  $("cat-workload").replaceChildren(...w.ops.map((op, i) => {
    const state = i < w.index || (w.finished && i === w.index) ? "done" : i === w.index ? "now" : "later";
    const detail = op.op === "syscall" ? ` ${op.name}` : op.count > 1 ? ` ×${op.count}` : "";
    return el("li", { class: `cat-op op-${state}`, "aria-current": state === "now" ? "step" : null },
      el("span", { class: "cat-op-index", text: `${i + 1}` }), `${t.ops[op.op] || op.op}${detail}`,
      state === "done" ? el("span", { class: "cat-op-done", "aria-hidden": "true", text: " ✓" }) : null,
      editable && w.ops.length > 1 ? el("button", { type: "button", class: "cat-remove", "data-index": i,
        "aria-label": `${t.remove} ${i + 1}`, text: "×" }) : null);
  }));
}

export function initWorkload(ctx) {
  $("cat-workload").addEventListener("click", (e) => {
    const button = e.target.closest("button.cat-remove");
    if (button) ctx.send("action", { action: "remove_op", args: { index: Number(button.dataset.index) } });
  });
}

export function renderIsolation(ctx) {
  const t = ctx.config.extra.t;
  const c = ctx.state.categories;
  const tabs = c.columns.map((col) => el("button", { type: "button", class: "cat-iso-tab", "data-category": col.category,
    "aria-pressed": String(col.category === isoCategory), text: t.categories[col.category] }));
  $("cat-iso-tabs").replaceChildren(...tabs);
  const iso = c.isolation[isoCategory];
  const layers = c.columns.find((col) => col.category === isoCategory).layers.map((l) => l.id);
  const components = Object.keys(iso.reach).filter((id) => layers.includes(id));
  if (!components.includes(isoComponent)) isoComponent = null;
  const reached = new Set(isoComponent ? iso.reach[isoComponent] : []);
  $("cat-iso-body").replaceChildren(
    el("p", {}, el("strong", { text: `${t.shared}: ` }), iso.shared.map((id) => t.layers[id]).join(", ")),
    el("p", {}, el("strong", { text: `${t.surface}: ` }), iso.surface.map((id) => t.isolation[id]).join("; ")),
    el("p", { class: "small", text: t.compromise }),
    el("div", { class: "cat-iso-components", role: "group", "aria-label": t.compromise },
      ...components.map((id) => el("button", { type: "button", class: "cat-iso-component", "data-component": id,
        "aria-pressed": String(id === isoComponent), text: t.layers[id] }))),
    isoComponent ? el("p", { text: fmt(t.reach, { component: t.layers[isoComponent] }) }) : null,
    el("ul", { class: "cat-assets" }, ...c.assets.map((asset) => el("li", {
      class: reached.has(asset) ? "reached" : "safe", "data-asset": asset },
    el("span", { class: "mark", "aria-hidden": "true", text: reached.has(asset) ? "⚠" : "○" }),
    ` ${t.isolation[asset]}`, el("span", { class: "visually-hidden", text: reached.has(asset) ? " ⚠" : "" })))));
}

export function initIsolation(ctx) {
  $("cat-isolation").addEventListener("click", (e) => {
    const tab = e.target.closest("button.cat-iso-tab");
    const part = e.target.closest("button.cat-iso-component");
    if (tab) { isoCategory = tab.dataset.category; isoComponent = null; }
    else if (part) isoComponent = isoComponent === part.dataset.component ? null : part.dataset.component;
    else return;
    renderIsolation(ctx);
    $("cat-isolation").querySelector(tab ? `[data-category="${isoCategory}"]` : `[data-component="${part.dataset.component}"]`)?.focus();
  });
}

export function initChooser(ctx) {
  const t = ctx.config.extra.t.chooser;
  for (const legend of document.querySelectorAll("#cat-chooser legend[data-question]")) {
    legend.textContent = t[`q_${legend.dataset.question}`];
  }
  for (const span of document.querySelectorAll("#cat-chooser span[data-answer]")) span.textContent = t[span.dataset.answer];
  $("cat-chooser-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const query = new URLSearchParams(new FormData(e.target));
    query.set("session", ctx.config.session);
    try {
      const response = await fetch(`/api/v1/categories/choose?${query}`, { headers: { Accept: "application/json" } });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error?.message || response.statusText);
      showChoice(ctx, body);
    } catch (error) {
      ctx.status(String(error.message || error), true);
    }
  });
}

function showChoice(ctx, body) {
  const t = ctx.config.extra.t;
  const c = t.chooser;
  const best = body.recommended.map((cat) => t.categories[cat]).join(", ");
  $("cat-chooser-result").replaceChildren(
    el("p", { class: "cat-recommended" }, el("strong", { text: `${c.recommended}: ` }), best || c.none_fits),
    el("ol", { class: "cat-ranking" }, ...body.ranking.map((row) => el("li", {
      class: row.excluded ? "excluded" : body.recommended.includes(row.category) ? "best" : "", "data-category": row.category },
    el("strong", { text: t.categories[row.category] }),
    ` — ${row.excluded ? c.excluded : `${c.score} ${row.score}`}`,
    el("ul", {}, ...row.reasons.map((r) => el("li", { text:
      `${r.effect === "excludes" ? "✗" : r.effect > 0 ? `+${r.effect}` : r.effect} ${c[`r_${r.reason}`]} (${c[`c_${r.criterion}`]})` }))),
    el("p", { class: "small" }, `${c.tools}: ${row.tools.join(", ")}`),
    el("p", { class: "small" }, row.evidence.length ? `${c.evidence}: ${row.evidence.map((e) =>
      `${t.counters[e.metric]} ${number(e.value)}`).join(", ")}` : c.no_evidence)))));
}
