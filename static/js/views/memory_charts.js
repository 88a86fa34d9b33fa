// The counters per mode as four Plotly bar charts (references, TLB, exits/traps/hypercalls,
// modelled cycles) and a text summary. While a comparison unfolds, every mode is drawn from its
// first step: the ones still to run are named "to come", so the chart never looks finished early.
import { $, MODES, MODE_COLOURS, el, fmt } from "./memory_dom.js";

let lastCharts = "";

function comparing(m) {
  return Boolean(m.activity.busy && m.activity.comparing);
}

export function renderCharts(m, t) {
  const fromCompare = Object.keys(m.comparison).length > 0 || comparing(m);
  const source = fromCompare ? m.comparison : m.counters;
  const key = JSON.stringify([source, m.compare_skipped, fromCompare, comparing(m), document.documentElement.lang]);
  if (key === lastCharts) return;
  lastCharts = key;
  $("charts-source").textContent = `— ${fromCompare ? t.from_compare : t.from_session}`;
  const pending = comparing(m) ? MODES.filter((mode) => !source[mode] && !(m.compare_skipped || {})[mode]) : [];
  const modes = MODES.filter((mode) => source[mode] || pending.includes(mode));
  summarise(m, t, source, modes, pending);
  if (window.Plotly) plot(t, source, modes);
}

function summarise(m, t, source, modes, pending) {
  const lang = document.documentElement.lang;
  const lines = modes.map((mode) => {
    if (pending.includes(mode)) return el("li", { class: "pending", text: fmt(t.compare_pending, { mode: t[mode] }) });
    const c = source[mode];
    return el("li", { text: fmt(t.summary_mode, { mode: t[mode], refs: c.memory_references, hits: c.tlb_hits,
      misses: c.tlb_misses, exits: c.vm_exits, traps: c.traps, hypercalls: c.hypercalls, cycles: c.cycles }) });
  });
  for (const [mode, why] of Object.entries(m.compare_skipped || {})) {
    lines.push(el("li", { text: fmt(t.skipped, { mode: t[mode], why: why[lang] || why.en }) }));
  }
  $("charts-summary").replaceChildren(...(lines.length ? lines : [el("li", { text: t.summary_none })]));
}

function plot(t, source, modes) {
  const names = modes.map((mode) => t[`short_${mode}`]);
  const value = (mode, field) => (source[mode] ? source[mode][field] : null);
  const label = (mode, field) => (source[mode] ? String(source[mode][field]) : t.to_come);
  const colours = modes.map((mode) => MODE_COLOURS[mode]);
  const base = (title, yTitle, extra = {}) => ({
    title: { text: wrap(title), font: { size: 13 } }, margin: { l: 56, r: 8, t: 48, b: 44 },
    font: { family: "system-ui, sans-serif", size: 11, color: "#111" },
    xaxis: { title: { text: t.axis_mode }, automargin: true },
    yaxis: { title: { text: yTitle }, rangemode: "tozero", automargin: true },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", uirevision: "memory", showlegend: false, ...extra,
  });
  const config = { displayModeBar: false, responsive: true };
  const bar = (field, target, title, yTitle) => window.Plotly.react(target, [{
    type: "bar", x: names, y: modes.map((mode) => value(mode, field)), marker: { color: colours, line: { color: "#111", width: 1 } },
    text: modes.map((mode) => label(mode, field)), textposition: "outside", cliponaxis: false, hoverinfo: "x+y",
  }], base(title, yTitle), config);
  bar("memory_references", "chart-refs", t.chart_refs, t.axis_refs);
  bar("cycles", "chart-cycles", t.chart_cycles, t.axis_cycles);
  const legend = { showlegend: true, legend: { orientation: "v", x: 1.02, y: 1, font: { size: 10 } },
    barmode: "group", margin: { l: 56, r: 96, t: 48, b: 44 } };
  const grouped = (fields, target, title) => window.Plotly.react(target, fields.map(([field, pattern, colour]) => ({
    type: "bar", name: t[field], x: names, y: modes.map((mode) => value(mode, field)),
    marker: { color: colour, pattern: { shape: pattern }, line: { color: "#111", width: 1 } },
    text: modes.map((mode) => label(mode, field)), textposition: "outside", cliponaxis: false,
  })), base(title, t.axis_count, legend), config);
  grouped([["tlb_hits", "", "#009E73"], ["tlb_misses", "/", "#D55E00"]], "chart-tlb", t.chart_tlb);
  grouped([["vm_exits", "", "#0072B2"], ["traps", "x", "#E69F00"], ["hypercalls", ".", "#CC79A7"]], "chart-exits", t.chart_exits);
}

function wrap(title) {  // two lines for a long chart title, so narrow charts keep it whole
  if (title.length <= 30) return title;
  const middle = title.lastIndexOf(" ", Math.ceil(title.length / 2) + 4);
  return middle > 0 ? `${title.slice(0, middle)}<br>${title.slice(middle + 1)}` : title;
}
