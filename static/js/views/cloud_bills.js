// Monitoring and billing: each tenant's bill as stacked bars (one colour and pattern per price
// line), the bill line by line (quantity × price = amount) with a check that it matches the
// domains' meters ("my bill must correspond to my use"), and the SLA report per tenant:
// availability against its objective, violations, downtime, the latest violations.
import { $, el, fmt, num, money, tenantColour } from "./cloud_dom.js";
import { INK, layout, react } from "./cloud_charts.js";
import { paintSwatches } from "./cloud_sched.js";

const LINES = [["vcpu_hour", "#009E73", ""], ["gib_hour", "#56B4E9", "/"], ["io_million", "#E69F00", "."], ["net_gb", "#CC79A7", "x"]];
const USAGE = { vcpu_hour: (m) => m.cpu_s / 3600, gib_hour: (m) => m.mem_gib_s / 3600,
  io_million: (m) => m.io_ops / 1e6, net_gb: (m) => m.net_gb };

export function renderBills(cloud, t) {
  const tenants = cloud.tenants;
  react("chart-bills", [tenants.map((x) => x.bill)], LINES.map(([line, colour, shape]) => ({
    type: "bar", name: t[line], x: tenants.map((x) => x.name), y: tenants.map((x) => x.bill.lines[line].amount),
    marker: { color: colour, pattern: { shape }, line: { color: INK, width: 1 } },
  })), layout(t.axis_euro, { barmode: "stack" }));
  $("bill-summary").replaceChildren(...tenants.map((x) => el("li", { "data-tenant": x.name, text: fmt(t.bill_summary, {
    tenant: x.name, total: money(t, x.bill.total), availability: fmt(t.percent, { n: num(x.sla.availability, 3) }),
    objective: fmt(t.percent, { n: num(x.sla.objectives.availability, 2) }), violations: num(x.sla.violations) }) })));
  $("bills").replaceChildren(...tenants.map((x) => bill(cloud, t, x)));
  renderSla(cloud, t);
  paintSwatches($("bills"));
}

function bill(cloud, t, tenant) {
  const metered = metering(cloud, tenant.name);
  const ok = LINES.every(([line]) => close(metered[line], tenant.bill.lines[line].quantity)
    && close(tenant.bill.lines[line].quantity * tenant.bill.lines[line].price, tenant.bill.lines[line].amount))
    && close(LINES.reduce((s, [line]) => s + tenant.bill.lines[line].amount, 0), tenant.bill.total);
  const head = el("tr", {}, ...[t.col_line, t.col_quantity, t.col_price, t.col_amount].map((text) => el("th", { scope: "col", text })));
  const rows = LINES.map(([line]) => {
    const l = tenant.bill.lines[line];
    return el("tr", { "data-line": line }, el("th", { scope: "row", text: t[line] }), el("td", { text: num(l.quantity, 4) }),
      el("td", { text: money(t, l.price) }), el("td", { text: money(t, l.amount) }));
  });
  const total = el("tr", { class: "total" }, el("th", { scope: "row", text: t.col_total }), el("td"), el("td"),
    el("td", { class: "bill-total", text: money(t, tenant.bill.total) }));
  return el("section", { class: "bill", "data-tenant": tenant.name },
    el("h3", {}, el("span", { class: "swatch", "data-colour": tenantColour(cloud, tenant.name) }), tenant.name),
    el("table", { class: "cloud-table bill-table" }, el("thead", {}, head), el("tbody", {}, ...rows, total)),
    el("p", { class: `bill-check ${ok ? "ok" : "bad"}`, text: ok ? t.bill_check_ok : t.bill_check_bad }));
}

function metering(cloud, tenant) {
  const sums = Object.fromEntries(LINES.map(([line]) => [line, 0]));
  for (const d of cloud.domains) {
    if (d.tenant !== tenant) continue;
    for (const [line] of LINES) sums[line] += USAGE[line](d.meter);
  }
  return sums;
}

// Equal to the snapshot's rounding (the meters are rounded to 4 places, the bill's lines to 6).
function close(a, b) {
  return Math.abs(a - b) <= 1e-3 + 1e-4 * Math.abs(b);
}

function renderSla(cloud, t) {
  $("sla-table").replaceChildren(...cloud.tenants.map((x) => {
    const s = x.sla;
    const ok = s.met && s.violations === 0;  // no objective broken so far
    const recent = s.recent.slice(-3).map((v) => `${v.domain} ${t[`v_${v.kind}`] || v.kind}`).join(", ");
    return el("li", { "data-tenant": x.name, class: ok ? "met" : "broken" },
      el("strong", {}, el("span", { class: "swatch", "data-colour": tenantColour(cloud, x.name) }), x.name, " "),
      el("strong", { class: "sla-status", text: ok ? t.met : t.broken }), el("br"),
      el("span", { class: "sla-availability", text: `${t.sla_availability} ${fmt(t.availability_of, {
        now: fmt(t.percent, { n: num(s.availability, 3) }), objective: fmt(t.percent, { n: num(s.objectives.availability, 2) }),
        cut: fmt(t.ms, { n: num(s.objectives.interruption_ms) }) })}` }), el("br"),
      el("span", { class: "sla-violations", text: `${t.sla_violations} ${num(s.violations)}` }), " · ",
      el("span", { text: `${t.sla_downtime} ${fmt(t.seconds, { n: num(s.downtime_s, 2) })}` }),
      recent ? el("br") : null, recent ? el("small", { text: fmt(t.violation_kinds, { list: recent }) }) : null);
  }));
  paintSwatches($("sla-table"));
}
