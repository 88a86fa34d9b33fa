// The two Plotly charts (where the time goes, cumulative cost over the steps) and the
// counters table with its text summary.
import { $, el, fmt } from "../dom.js";
import { number } from "./categories_dom.js";

const COLOURS = { emulation: "#D55E00", os_level: "#009E73", paravirtualization: "#E69F00", hardware_assisted: "#0072B2" };
const DASH = { emulation: "solid", os_level: "dot", paravirtualization: "dash", hardware_assisted: "dashdot" };
const SYMBOL = { emulation: "circle", os_level: "square", paravirtualization: "diamond", hardware_assisted: "triangle-up" };
const BUCKET_COLOURS = ["#999999", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#E69F00", "#0072B2",
  "#882255", "#009E73", "#000000", "#BBBBBB"];
const PATTERNS = ["", "/", "\\", "x", "-", "|", "+", ".", "", "/", "x"];
const SHOWN = ["instructions_emulated", "translations", "helper_calls", "traps", "vm_exits", "hypercalls",
  "device_model_trips", "context_switches", "kernel_crossings", "isolation_checks", "tlb_misses", "walk_refs",
  "native_instructions", "cycles"];
let lastKey = "";

export function renderCounters(c, t) {
  const head = el("tr", {}, el("th", { scope: "col", text: "" }),
    ...c.columns.map((col) => el("th", { scope: "col", text: t.short[col.category] })));
  const rows = SHOWN.map((m) => el("tr", { class: m === "cycles" ? "total" : "" }, el("th", { scope: "row", text: t.counters[m] }),
    ...c.columns.map((col) => el("td", { text: number(col.counters[m]) }))));
  rows.splice(SHOWN.indexOf("walk_refs") + 1, 0, el("tr", {}, el("th", { scope: "row", text: t.refs_per_miss }),
    ...c.columns.map((col) => el("td", { text: col.counters.tlb_misses ? number(col.counters.walk_refs / col.counters.tlb_misses) : "—" }))));
  $("cat-counters").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
  $("cat-breakdown").replaceChildren(...c.columns.map((col) => el("p", { class: "small" },
    el("strong", { text: `${t.categories[col.category]} — ` }),
    `${t.exits_by_reason}${colon()}`, ...pairs(col.exits_by_reason, t),
    `; ${t.hypercalls_by_name}${colon()}`, ...pairs(col.hypercalls_by_name, t))));
}

// "label: value", with French typography's space before the colon
function colon() {
  return document.documentElement.lang === "fr" ? "\u00a0: " : ": ";
}

// exit reasons and hypercall names are code names: each in a <code>, its count beside it
function pairs(object, t) {
  const items = Object.entries(object);
  if (!items.length) return [t.none];
  return items.flatMap(([k, v], i) => [...(i ? [", "] : []), el("code", { text: k }), ` ×${v}`]);
}

function layout(t, yTitle, extra = {}) {
  return {
    margin: { l: 60, r: 6, t: 8, b: 36 }, font: { family: "system-ui, sans-serif", size: 12, color: "#111" },
    yaxis: { title: { text: yTitle }, rangemode: "tozero", automargin: true }, xaxis: { automargin: true },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", uirevision: "categories", showlegend: true,
    legend: { orientation: "h", x: 0, y: -0.25, font: { size: 11 } }, ...extra,
  };
}

export function renderCharts(c, t) {
  const key = JSON.stringify([c.columns.map((col) => [col.time, col.series]), c.steps, document.documentElement.lang]);
  if (key === lastKey) return;
  lastKey = key;
  $("cat-summary").replaceChildren(...c.columns.map((col) => el("li", { text: fmt(t.summary, {
    category: t.categories[col.category], cycles: number(col.counters.cycles), vm_exits: number(col.counters.vm_exits),
    hypercalls: number(col.counters.hypercalls), traps: number(col.counters.traps),
    emulated: number(col.counters.instructions_emulated) }) })));
  if (!window.Plotly) return;
  const config = { displayModeBar: false, responsive: true };
  const names = c.columns.map((col) => t.short[col.category]);
  const buckets = Object.keys(c.columns[0].time).filter((b) => c.columns.some((col) => col.time[b] > 0));
  window.Plotly.react("chart-time", buckets.map((b) => {
    const i = Object.keys(t.buckets).indexOf(b);
    return { type: "bar", name: t.buckets[b], x: names, y: c.columns.map((col) => col.time[b]),
      marker: { color: BUCKET_COLOURS[i % BUCKET_COLOURS.length], pattern: { shape: PATTERNS[i % PATTERNS.length] },
        line: { color: "#111", width: 1 } }, hovertemplate: `%{x}<br>${t.buckets[b]}: %{y}<extra></extra>` };
  }), layout(t, t.axis_cycles, { barmode: "stack", height: 380, xaxis: { automargin: true, tickangle: 0 } }), config);
  window.Plotly.react("chart-cumulative", c.columns.map((col) => ({
    type: "scatter", mode: "lines+markers", name: t.short[col.category], x: c.steps, y: col.series,
    line: { color: COLOURS[col.category], dash: DASH[col.category], width: 3 },
    marker: { symbol: SYMBOL[col.category], size: 7 },
  })), layout(t, t.axis_cycles, { height: 300, xaxis: { title: { text: t.axis_step }, automargin: true } }), config);
}
