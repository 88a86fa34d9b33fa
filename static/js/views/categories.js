// The categories lab: the same workload in four columns, in lockstep. Everything is drawn from
// ctx.state.categories (the snapshot section, docs/api-categories.md).
import { $ } from "../dom.js";
import { duration } from "../motion.js";
import { drawColumn } from "./categories_columns.js";
import { renderCharts, renderCounters } from "./categories_charts.js";
import { initChooser, initIsolation, initWorkload, renderIsolation, renderWorkload } from "./categories_panels.js";

export function init(ctx) {
  const bar = $("actions");
  bar.addEventListener("click", (e) => {
    const button = e.target.closest("button.cat-action, button.cat-cost-set");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    if (button.dataset.cost) {
      const value = Number($(`cost-${button.dataset.cost}`).value);
      ctx.send("action", { action: "set_cost", args: { name: button.dataset.cost, cycles: value } });
      return;
    }
    ctx.send("action", { action: button.dataset.action, args: JSON.parse(button.dataset.args || "{}") });
  });
  bar.addEventListener("submit", (e) => {
    const form = e.target.closest("#cat-compose");
    if (!form) return;
    e.preventDefault();
    if (form.querySelector(".cat-add").getAttribute("aria-disabled") === "true") return;
    ctx.send("action", { action: "add_op", args: composed(form) });
  });
  bar.addEventListener("change", (e) => {
    if (e.target.id === "cat-op") showFields(e.target.form);
  });
  initWorkload(ctx);
  initIsolation(ctx);
  initChooser(ctx);
  showFields($("cat-compose"));
}

function composed(form) {
  const op = form.elements.op.value;
  const args = { op };
  if (op === "arith" || op === "pt_update") args.count = Number(form.elements.count.value);
  if (op === "syscall") args.name = form.elements.name.value;
  return args;
}

function showFields(form) {
  if (!form) return;
  const op = form.elements.op.value;
  form.elements.count.closest("label").hidden = !(op === "arith" || op === "pt_update");
  form.elements.name.closest("label").hidden = op !== "syscall";
}

export function render(ctx) {
  const c = ctx.state.categories;
  if (!c) return;
  // the motion of this step follows its hops (none on a seek, a jump or under reduced motion)
  const ms = duration(ctx, c.columns.map((col) => col.hop).filter((hop) => hop && hop.step === ctx.timeline.step));
  for (const column of c.columns) {
    const figure = document.querySelector(`.cat-column[data-category="${column.category}"]`);
    if (figure) drawColumn(figure, column, ctx, ms);
  }
  renderWorkload(ctx);
  renderCounters(c, ctx.config.extra.t);
  renderCharts(c, ctx.config.extra.t);
  renderIsolation(ctx);
  const add = document.querySelector("#cat-compose .cat-add");
  if (add) add.setAttribute("aria-disabled", String(c.workload.running));
}

let actionsKey = null;

// The actions partial is drawn again only when what it shows changed (not at every step).
export function panelsChanged(ctx) {
  const box = $("categories-actions");
  const c = ctx.state.categories;
  if (!box || !window.htmx || !c) return;
  const key = JSON.stringify([c.workload.running, c.workload.ops, c.costs, c.options, ctx.config.mode]);
  if (key === actionsKey) return;
  const first = actionsKey === null;
  actionsKey = key;
  if (first) return;
  const focused = document.activeElement?.closest?.("#categories-actions button, #categories-actions input, #categories-actions select");
  const selector = focused?.id ? `#${focused.id}` : focused?.dataset?.cost ? `[data-cost="${focused.dataset.cost}"]` : null;
  const label = focused?.textContent;
  window.htmx.ajax("GET", `${box.dataset.url}?lang=${ctx.config.lang}`,
    { target: "#categories-actions", swap: "innerHTML" }).then(() => {
    if (!focused) return;
    const again = (selector && box.querySelector(selector)) || [...box.querySelectorAll("button")].find((b) => b.textContent === label);
    again?.focus();
  });
}

