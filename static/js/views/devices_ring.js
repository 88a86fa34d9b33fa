// The shared ring: its slots coloured by state, the indices as pointers with their labels, the
// ring tabs, the legend and the index table. A pointer that advanced turns from where it was.
import { reduced } from "../motion.js";
import { $, SVG, el, svg, fmt, watched, changed, mark } from "./devices_dom.js";

const STATUS_FILL = {
  private: "url(#pat-private)", request: "url(#pat-request)", consumed: "#0072B2",
  response_private: "url(#pat-resp-private)", response: "url(#pat-response)",
};
let ringKey = null;

export function chooseRing(key) {
  ringKey = key;
}

function rings(d) {
  return d.devices.flatMap((dev) => dev.rings.map((ring) => ({ key: `${dev.kind}:${ring.name}`, dev, ring })));
}

export function renderRing(d, t, ms = 0) {
  const all = rings(d);
  if (!all.find((r) => r.key === ringKey)) ringKey = all.length ? all[0].key : null;
  $("ring-tabs").replaceChildren(...all.map((r) => el("button", {
    type: "button", class: "ghost ring-tab", "data-ring": r.key, "aria-pressed": String(r.key === ringKey),
    text: `${r.ring.name} (${r.dev.kind})`,
  })));
  const chosen = all.find((r) => r.key === ringKey);
  const picture = $("ring-svg");
  if (!chosen) {
    picture.replaceChildren(svg("text", { x: 220, y: 125, "text-anchor": "middle", class: "empty", text: t.no_ring }));
    $("ring-caption").textContent = t.no_ring;
    $("ring-indices").replaceChildren();
    return;
  }
  const ring = chosen.ring;
  drawRing(picture, ring, ms, t);
  $("ring-caption").textContent = fmt(t.ring_caption, { name: ring.name, used: ring.outstanding, size: ring.size });
  drawLegend(t);
  const cells = (names) => names.map((name) => {
    const value = String(ring[name]);
    return watched(el("td", {}, el("code", { text: name }), " ", el("b", { text: value })), `${chosen.key}-${name}`, value);
  });
  $("ring-indices").replaceChildren(
    el("tr", {}, el("th", { scope: "row", text: t.shared_page }), ...cells(["req_prod", "req_event", "rsp_prod", "rsp_event"])),
    el("tr", {}, el("th", { scope: "row", text: t.front_private }), ...cells(["req_prod_pvt", "rsp_cons"])),
    el("tr", {}, el("th", { scope: "row", text: t.back_private }), ...cells(["req_cons", "rsp_prod_pvt"])));
}

const CX = 118, CY = 125, R_OUT = 100, R_IN = 70, LABEL_X = 250;

function polar(radius, angle) {
  return [CX + radius * Math.cos(angle), CY + radius * Math.sin(angle)];
}

function angleOf(index, size) {
  return ((index % size) / size) * 2 * Math.PI - Math.PI / 2;
}

// a slot's tooltip: its number, its state in the reader's words, the request id it holds
function slotTitle(i, slot, t) {
  if (!slot) return fmt(t.slot, { n: i });
  const words = fmt(t.slot_state, { n: i, status: t[`st_${slot.status}`] || slot.status });
  return slot.id !== null ? `${words} (id ${slot.id})` : words;
}

function drawRing(picture, ring, ms, t) {
  const size = ring.size;
  const used = new Map(ring.slots.map((s) => [s.slot, s]));
  const defs = svg("defs", {},
    pattern("pat-private", "#F0E442", "cross"), pattern("pat-request", "#56B4E9", "diag"),
    pattern("pat-resp-private", "#E69F00", "cross"), pattern("pat-response", "#E69F00", "dots"));
  const slots = [];
  for (let i = 0; i < size; i++) {
    const a0 = angleOf(i, size), a1 = angleOf(i + 1, size);
    const [x0, y0] = polar(R_OUT, a0), [x1, y1] = polar(R_OUT, a1);
    const [x2, y2] = polar(R_IN, a1), [x3, y3] = polar(R_IN, a0);
    const slot = used.get(i);
    const status = slot ? slot.status : "free";
    const path = svg("path", {
      d: `M${x0},${y0} A${R_OUT},${R_OUT} 0 0 1 ${x1},${y1} L${x2},${y2} A${R_IN},${R_IN} 0 0 0 ${x3},${y3} Z`,
      class: `slot slot-${status}`, fill: STATUS_FILL[status] || "#fff", "data-slot": i,
    }, svg("title", { text: slotTitle(i, slot, t) }));
    const key = `slot-${ring.name}-${i}`;
    const value = slot ? `${status}:${slot.index}` : "free";
    if (changed(key, value)) mark(path);
    slots.push(path);
    if (size <= 32 && slot && slot.id !== null) {
      const [tx, ty] = polar((R_OUT + R_IN) / 2, (a0 + a1) / 2);
      slots.push(svg("text", { x: tx, y: ty + 4, class: "slot-id", text: String(slot.id) }));
    }
  }
  const pointers = groupPointers(ring, ms);
  picture.classList.toggle("many-slots", size > 16);
  picture.replaceChildren(defs, ...pointers.leads, ...slots, ...pointers.ticks, ...pointers.labels,
    svg("text", { x: CX, y: CY - 4, class: "ring-name", text: ring.name }),
    svg("text", { x: CX, y: CY + 14, class: "ring-size", text: `${ring.outstanding}/${size}` }));
}

function pattern(id, colour, kind) {
  const shape = {
    diag: svg("path", { d: "M0,6 L6,0", stroke: "#111", "stroke-width": 1 }),
    cross: svg("path", { d: "M0,0 L6,6 M6,0 L0,6", stroke: "#555", "stroke-width": 0.7 }),
    dots: svg("circle", { cx: 3, cy: 3, r: 1.3, fill: "#111" }),
  }[kind];
  return svg("pattern", { id, width: 6, height: 6, patternUnits: "userSpaceOnUse" },
    svg("rect", { width: 6, height: 6, fill: colour }), shape);
}

// Indices at the same position share one label (one line per index); labels are stacked in a
// column on the right, each joined to its pointer by a dashed lead (shared indices outside the
// ring, private inside). A pointer whose index moved turns from its old place to its new one.
const GROUPS = [
  { names: ["req_prod", "rsp_prod", "req_event", "rsp_event"], radius: R_OUT, tip: R_OUT + 16, cls: "ptr-shared" },
  { names: ["req_prod_pvt", "rsp_cons"], radius: R_IN, tip: R_IN - 12, cls: "ptr-front" },
  { names: ["req_cons", "rsp_prod_pvt"], radius: R_IN, tip: R_IN - 12, cls: "ptr-back" },
];
let lastIndices = null;

function groupPointers(ring, ms) {
  const ticks = [], wanted = [];
  for (const group of GROUPS) {
    const byPos = new Map();
    for (const name of group.names) {
      const pos = ring[name] % ring.size;
      byPos.set(pos, [...(byPos.get(pos) || []), name]);
    }
    for (const [pos, names] of byPos) {
      const angle = angleOf(pos, ring.size);
      const [x0, y0] = polar(group.radius, angle);
      const [x1, y1] = polar(group.tip, angle);
      const tick = svg("line", { x1: x0, y1: y0, x2: x1, y2: y1, class: `ptr ${group.cls}`, "data-names": names.join(" ") });
      turn(tick, names, ring, ms);
      ticks.push(tick);
      wanted.push({ x1, y1, names, cls: group.cls });
    }
  }
  lastIndices = { name: ring.name, ...Object.fromEntries(GROUPS.flatMap((g) => g.names).map((n) => [n, ring[n]])) };
  return { ...labelColumn(wanted, ring), ticks };
}

function turn(tick, names, ring, ms) {
  if (ms <= 0 || reduced() || !lastIndices || lastIndices.name !== ring.name) return;
  const moved = names.filter((n) => lastIndices[n] !== ring[n]);
  if (!moved.length) return;
  let steps = (lastIndices[moved[0]] - ring[moved[0]]) % ring.size;
  if (steps > ring.size / 2) steps -= ring.size;
  if (steps < -ring.size / 2) steps += ring.size;
  tick.style.transformOrigin = `${CX}px ${CY}px`;
  tick.animate([{ transform: `rotate(${(steps * 360) / ring.size}deg)` }, { transform: "none" }],
    { duration: ms, easing: "ease-in-out" });
}

function labelColumn(wanted, ring) {
  const leads = [], labels = [];
  const line = document.documentElement.classList.contains("projector") ? 17 : 12.5;
  const lines = wanted.reduce((n, item) => n + item.names.length, 0);
  wanted.sort((a, b) => a.y1 - b.y1);
  let y = 12, left = lines;
  for (const item of wanted) {
    y = Math.max(y, Math.min(item.y1 + 4, 248 - line * (left - 1)));
    leads.push(svg("line", { x1: item.x1, y1: item.y1, x2: LABEL_X - 4, y2: y - 4, class: `ptr-lead ${item.cls}` }));
    labels.push(svg("text", { x: LABEL_X, y, class: `ptr-label ${item.cls}` }, ...item.names.map((n, i) => svg("tspan",
      { x: LABEL_X, dy: i ? line : 0, "data-code": "", text: `${n}=${ring[n]}` }))));
    y += line * item.names.length;
    left -= item.names.length;
  }
  return { leads, labels };
}

function drawLegend(t) {
  const items = ["private", "request", "consumed", "response_private", "response", "free"];
  $("ring-legend").replaceChildren(...items.map((status) => el("li", {},
    swatch(status), t[`st_${status}`])));
}

function swatch(status) {
  const box = document.createElementNS(SVG, "svg");
  box.setAttribute("viewBox", "0 0 12 12");
  box.setAttribute("aria-hidden", "true");
  box.append(svg("rect", { width: 12, height: 12,
    fill: STATUS_FILL[status] || "#fff", stroke: "#111", "stroke-width": 1 }));
  return box;
}
