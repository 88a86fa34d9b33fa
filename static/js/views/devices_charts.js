// The PV-vs-emulated comparison: the counters table and the two Plotly charts.
import { $, el, fmt, watched } from "./devices_dom.js";

const PATH_COLOURS = { blk: "#009E73", emulated: "#D55E00" };
const METRICS = ["vm_exits", "context_switches", "hypercalls", "notifications"];
let lastCharts = "";

const SHOWN = ["requests", "completed", "vm_exits", "context_switches", "hypercalls", "notifications",
  "suppressed", "upcalls", "grant_ops", "device_model_trips", "syscalls", "cycles"];

export function renderCounters(d, t) {
  const paths = ["blk", "net", "emulated"];
  const head = el("tr", {}, el("th", { scope: "col" }), ...paths.map((p) => el("th", { scope: "col", text: t[`path_${p}`] })));
  const rows = SHOWN.map((metric) => el("tr", {}, el("th", { scope: "row", text: t[metric === "requests" ? "requests_n" : metric] }),
    ...paths.map((p) => {
      const value = d.counters[p][metric].toLocaleString(document.documentElement.lang);
      return watched(el("td", { text: value }), `ct-${p}-${metric}`, value);
    })));
  $("counters").replaceChildren(head, ...rows);
}

export function renderCharts(d, t) {
  const done = ["blk", "emulated"].filter((p) => d.counters[p].completed > 0);
  const paths = ["blk", "emulated"];
  const key = JSON.stringify([done, paths.map((p) => d.per_read[p]), document.documentElement.lang]);
  if (key === lastCharts) return;
  lastCharts = key;
  const lang = document.documentElement.lang;
  const number = (v) => Number(v).toLocaleString(lang, { maximumFractionDigits: 1 });
  $("chart-summary").replaceChildren(...(done.length ? done.map((p) => el("li", {
    text: fmt(t.summary, { path: t[`path_${p}`], reads: d.counters[p].completed,
      ...Object.fromEntries([...METRICS, "cycles"].map((m) => [m, number(d.per_read[p][m])])) }),
  })) : [el("li", { text: t.summary_none })]));
  if (!window.Plotly) return;
  const names = paths.map((p) => t[`path_${p}`]);
  const base = (yTitle, extra = {}) => ({
    margin: { l: 64, r: 8, t: 16, b: 44 },
    font: { family: "system-ui, sans-serif", size: 11, color: "#111" },
    xaxis: { title: { text: "" }, automargin: true },
    yaxis: { title: { text: yTitle }, rangemode: "tozero", automargin: true },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", uirevision: "devices", showlegend: false, ...extra,
  });
  const config = { displayModeBar: false, responsive: true };
  const metricNames = METRICS.map((m) => t[m]);
  window.Plotly.react("chart-counts", paths.map((p, i) => ({
    type: "bar", name: t[`path_${p}`], x: metricNames, y: METRICS.map((m) => d.per_read[p][m]),
    marker: { color: PATH_COLOURS[p], pattern: { shape: i ? "/" : "" }, line: { color: "#111", width: 1 } },
    text: METRICS.map((m) => number(d.per_read[p][m])), textposition: "outside", cliponaxis: false,
  })), base(t.axis_count, { barmode: "group", showlegend: true,
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom", font: { size: 10 } },
    margin: { l: 64, r: 8, t: 36, b: 44 } }), config);
  window.Plotly.react("chart-cycles", [{
    type: "bar", x: names, y: paths.map((p) => (d.per_read[p].cycles > 0 ? d.per_read[p].cycles : null)),
    marker: { color: paths.map((p) => PATH_COLOURS[p]), pattern: { shape: paths.map((p) => (p === "blk" ? "" : "/")) },
      line: { color: "#111", width: 1 } },
    text: paths.map((p) => (d.per_read[p].cycles > 0 ? number(d.per_read[p].cycles) : "")), textposition: "outside", cliponaxis: false, hoverinfo: "x+y",
  }], base(t.axis_cycles, { yaxis: { title: { text: t.axis_cycles }, type: "log", automargin: true } }), config);
}
