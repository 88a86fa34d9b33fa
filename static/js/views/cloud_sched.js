// The credit scheduler on the followed host: its vCPUs' runstates over the last steps as a
// Plotly timeline (one band per domain, stacked bars of running / runnable / blocked / offline
// vCPUs — a CPU-hungry domain shows runnable time when the host is short of pCPUs, a cap keeps
// it waiting), and a table of every domain's weight, cap and CPU share now.
import { $, el, fmt, num, tenantColour } from "./cloud_dom.js";
import { INK, layout, react } from "./cloud_charts.js";

const STATES = [["running", "#009E73", ""], ["runnable", "#E69F00", "/"], ["blocked", "#56B4E9", "."], ["offline", "#999999", "x"]];
const MAX_BANDS = 8;

export function renderRunstates(cloud, t) {
  const steps = cloud.timeline.steps;
  const names = [];
  for (const step of steps) for (const row of step.rows) if (!names.includes(row.d)) names.push(row.d);
  const shown = names.slice(0, MAX_BANDS);
  $("runstate-summary").textContent = steps.length ? fmt(t.runstate_summary, { host: cloud.timeline.host }) : t.runstate_none;
  const x = steps.map((_, i) => i + 1);
  const hover = steps.map((s) => clock(s.t));
  const vcpus = new Map(cloud.domains.map((d) => [d.name, d.vcpus]));
  const traces = [];
  const bands = Math.max(1, shown.length);
  const extra = {};
  shown.forEach((name, i) => {
    const axis = i === 0 ? "y" : `y${i + 1}`;
    const key = i === 0 ? "yaxis" : `yaxis${i + 1}`;
    const top = 1 - i / bands, bottom = 1 - (i + 1) / bands;
    extra[key] = { domain: [bottom + 0.02, top - 0.02], range: [0, vcpus.get(name) || 1], automargin: true,
      title: { text: name, standoff: 4 }, tickmode: "linear", dtick: 1, fixedrange: true };
    for (const [state, colour, shape] of STATES) {
      traces.push({ type: "bar", name: t[state], legendgroup: state, showlegend: i === 0, yaxis: axis,
        x, y: steps.map((s) => s.rows.find((r) => r.d === name)?.[state] ?? 0), hovertext: hover,
        hovertemplate: `${name} · %{hovertext}: %{y:.2f} ${t[state]}<extra></extra>`,
        marker: { color: colour, pattern: { shape }, line: { color: INK, width: 0.5 } } });
    }
  });
  const height = Math.max(180, 90 * bands + 80);
  $("chart-runstates").style.height = `${height}px`;
  react("chart-runstates", [cloud.timeline], traces, layout(t.axis_vcpus, { barmode: "stack", bargap: 0.05, height,
    xaxis: { title: { text: t.axis_steps }, automargin: true }, ...extra, margin: { l: 70, r: 12, t: 12, b: 48 } }));
  renderSched(cloud, t);
}

function clock(seconds) {
  const s = Math.floor(seconds) % 86400;
  const pad = (v) => String(v).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

function renderSched(cloud, t) {
  const head = el("tr", {}, ...[t.col_domain, t.col_weight, t.col_cap, t.col_share, t.col_latency]
    .map((text) => el("th", { scope: "col", text })));
  const rows = cloud.domains.slice(0, 40).map((d) => el("tr", { class: d.host === cloud.timeline.host ? "followed" : "" },
    el("th", { scope: "row", title: `${d.tenant} · ${d.host || "—"}` },
      el("span", { class: "swatch", "data-colour": tenantColour(cloud, d.tenant) }), d.name),
    el("td", { text: num(d.weight) }),
    el("td", { text: d.cap ? fmt(t.percent, { n: num(d.cap) }) : t.no_cap }),
    el("td", { text: num(d.cpu_share, 2) }), el("td", { text: fmt(t.ms, { n: num(d.latency_ms, 1) }) })));
  $("sched-table").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
  paintSwatches($("sched-table"));
}

// Swatches take their colour from data-colour (no style attribute in the markup: strict CSP).
export function paintSwatches(root) {
  for (const s of root.querySelectorAll(".swatch[data-colour]")) s.style.background = s.dataset.colour;
}
