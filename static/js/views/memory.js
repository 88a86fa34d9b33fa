// The memory lab: the address split, the walk as table frames (memory_frames.js) and as a table
// one reference per step (memory_walk.js), the outcome (memory_status.js), the 2D grid under
// EPT, the counters per mode (memory_charts.js), the trace, suggestions and P2M picture
// (memory_side.js). Everything is drawn from ctx.state.memory (the snapshot); motion comes from
// the difference with the previous step (static/js/motion.js); actions: memory_actions.js.
import { appear, duration } from "../motion.js";
import { bindActions } from "./memory_actions.js";
import { renderCharts } from "./memory_charts.js";
import { $ } from "./memory_dom.js";
import { hypercall, renderFrames } from "./memory_frames.js";
import { renderP2M, renderSuggestions, renderTrace } from "./memory_side.js";
import { renderModes, renderOutcome, renderRegisters, renderRequest } from "./memory_status.js";
import { renderGrid, renderSplit, renderWalk } from "./memory_walk.js";

export { gridTable, walkRows } from "./memory_walk.js";

export function init(ctx) {
  bindActions(ctx);
  $("grid-title").textContent = ctx.config.extra.t.grid_title;
}

export function render(ctx, events) {
  const m = ctx.state.memory;
  if (!m) return;
  const t = ctx.config.extra.t;
  const lang = ctx.config.lang;
  const ms = duration(ctx, events);
  renderModes(m, t, lang);
  renderRegisters(m);
  renderRequest(m, t);
  renderSplit(m, t);
  renderFrames(ctx, m, t, ms);
  if (m.mode === "pv") hypercall(t, events, ms);
  renderWalk(m, t, lang, ctx.reduceMotion);
  renderGrid(m, t);
  if (ms > 0) appear(document.querySelector("#grid2d-cells .cell.current"), ms);
  renderOutcome(m, t);
  renderCharts(m, t);
  renderTrace(m);
  renderSuggestions(m, t, lang);
  renderP2M(ctx.state, m, t);
}

export function panelsChanged() {}
