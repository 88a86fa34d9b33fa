// The cloud lab's Plotly charts (the vendored plotly-basic: bar and scatter only): pages sent
// and pages re-dirtied per round of the current migration (log scale: round 1 sends every
// page); total power and cumulative energy over time (the series arrive downsampled from the
// server); energy used per host so far, with its power now. Each chart has a text summary.
import { $, fmt, num, currentMigration } from "./cloud_dom.js";
import { stopAndCopy } from "./cloud_dc.js";

export const INK = "#111";
const drawn = new Map();  // chart id → the key of what it shows (redraw only on change)

export function layout(yTitle, extra = {}) {
  const projector = document.documentElement.classList.contains("projector");
  return {
    margin: { l: 60, r: 12, t: 12, b: 48 },
    font: { family: "system-ui, sans-serif", size: projector ? 20 : 13, color: INK },
    xaxis: { automargin: true }, yaxis: { title: { text: yTitle }, rangemode: "tozero", automargin: true },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", showlegend: true,
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" }, ...extra,
  };
}

export const CONFIG = { displayModeBar: false, responsive: true };

// Plotly.react when what the chart shows changed; false when Plotly is not there (yet).
export function react(id, key, traces, chartLayout) {
  if (!window.Plotly || !$(id)) return false;
  const full = JSON.stringify([key, document.documentElement.lang]);
  if (drawn.get(id) === full) return true;
  drawn.set(id, full);
  for (const [key, axis] of Object.entries(chartLayout)) {
    if (/^[xy]axis\d*$/.test(key) && axis.type !== "log") axis.exponentformat ??= "none";
  }
  chartLayout.separators = document.documentElement.lang === "fr" ? ",\u202f" : ".,";
  window.Plotly.react(id, traces, chartLayout, CONFIG);
  return true;
}

export function renderRounds(cloud, t) {
  const mig = currentMigration(cloud);
  const rounds = mig ? mig.rounds : [];
  const names = rounds.map((r, i) => (stopAndCopy(mig, i) ? t.stop_copy : String(r.round)));
  if (!mig || !rounds.length) $("rounds-summary").textContent = mig ? t.rounds_none : t.no_migration;
  else {
    const live = rounds.length - (stopAndCopy(mig, rounds.length - 1) ? 1 : 0);
    $("rounds-summary").textContent = fmt(t.rounds_summary, { domain: mig.domain, rounds: live,
      last: stopAndCopy(mig, rounds.length - 1) ? num(rounds[rounds.length - 1].pages_sent) : "…",
      total: num(rounds.reduce((s, r) => s + r.pages_sent, 0)), memory: num(mig.memory_pages) });
  }
  const positive = (v) => (v > 0 ? v : null);
  react("chart-rounds", [mig && mig.id, rounds, mig && mig.phase], [
    { type: "bar", name: t.sent, x: names, y: rounds.map((r) => positive(r.pages_sent)),
      marker: { color: "#0072B2", line: { color: INK, width: 1 } },
      text: rounds.map((r) => num(r.pages_sent)), textposition: "outside", cliponaxis: false },
    { type: "bar", name: t.dirtied, x: names, y: rounds.map((r) => positive(r.pages_dirtied)),
      marker: { color: "#E69F00", pattern: { shape: "/" }, line: { color: INK, width: 1 } },
      text: rounds.map((r) => num(r.pages_dirtied)), textposition: "outside", cliponaxis: false },
  ], layout(t.axis_pages, { barmode: "group", yaxis: { title: { text: t.axis_pages }, type: "log", dtick: 1, exponentformat: "none", automargin: true },
    xaxis: { title: { text: t.axis_round }, type: "category", automargin: true } }));
}

export function renderEnergy(cloud, t) {
  const s = cloud.series;
  const start = s.t.length ? s.t[0] : 0;
  const minutes = s.t.map((v) => Math.round(((v - start) / 60) * 100) / 100);
  $("energy-summary").textContent = fmt(t.energy_summary, { power: fmt(t.watts, { n: num(cloud.energy.power_w) }),
    on: cloud.energy.hosts_on, energy: fmt(t.kwh, { n: num(cloud.energy.total_kwh, 3) }) });
  const pm = cloud.power_model;
  $("power-note").textContent = fmt(t.power_note, { idle: num(pm.idle_w), max: num(pm.max_w), off: num(pm.off_w),
    low: num(cloud.koomey.share_percent_low, 1), high: num(cloud.koomey.share_percent_high, 1), year: cloud.koomey.year });
  react("chart-power", [s.t, s.power_w, s.energy_kwh], [
    { type: "scatter", mode: "lines", name: t.power_total, x: minutes, y: s.power_w, line: { color: "#D55E00", width: 3, shape: "hv" } },
    { type: "scatter", mode: "lines", name: t.energy_total, x: minutes, y: s.energy_kwh, yaxis: "y2",
      line: { color: "#0072B2", width: 3, dash: "dash" } },
  ], layout(t.axis_watts, { xaxis: { title: { text: t.axis_time }, automargin: true },
    yaxis2: { title: { text: t.axis_kwh }, overlaying: "y", side: "right", rangemode: "tozero", automargin: true },
    margin: { l: 60, r: 60, t: 12, b: 48 } }));
  const hosts = cloud.hosts.slice(0, 24);
  react("chart-hosts", [hosts.map((h) => [h.energy_wh, h.power_watts, h.state])], [
    { type: "bar", name: t.energy_host, x: hosts.map((h) => h.id), y: hosts.map((h) => h.energy_wh),
      marker: { color: hosts.map((h) => (h.state === "on" ? "#56B4E9" : "#999")),
        pattern: { shape: hosts.map((h) => (h.state === "on" ? "" : h.state === "off" ? "." : "x")) },
        line: { color: INK, width: 1 } },
      text: hosts.map((h) => `${t[h.state] || h.state} · ${fmt(t.watts, { n: num(h.power_watts) })}`),
      textposition: "auto", textfont: { color: INK }, hoverinfo: "x+y+text" },
  ], layout(t.axis_wh, { showlegend: false }));
}
