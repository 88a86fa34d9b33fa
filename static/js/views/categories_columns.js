// The four columns: the layers of each category, the hop taken at this step drawn as a path,
// and a token that travels along it (timed by the play speed, instant when seeking).
import { el, fmt, svg } from "../dom.js";
import { travel } from "../motion.js";
import { number } from "./categories_dom.js";

const WIDTH = 240;
const HEIGHT = 300;
const TOP = 6;
const GAP = 6;
const KIND = {
  app: "app", guest_kernel: "kernel", tcg: "emu", qemu_dev: "emu", qemu: "emu",
  host_kernel: "host", isolation: "iso", xen: "xen", dom0: "dom0", hardware: "hw",
};
const MINI = ["cycles", "vm_exits", "hypercalls", "traps", "instructions_emulated", "kernel_crossings"];

function geometry(layers) {
  const h = (HEIGHT - TOP * 2 - GAP * (layers.length - 1)) / layers.length;
  return Object.fromEntries(layers.map((layer, i) => [layer.id, { y: TOP + i * (h + GAP), h }]));
}

function centre(box, index, count) {
  const x = 196 + (count > 1 ? (index % 2) * 24 : 0);
  return [x, box.y + box.h / 2];
}

function layerBox(layer, box, t, active) {
  return svg("g", { class: `cat-layer layer-${KIND[layer.id] || "hw"}${active ? " active" : ""}`, "data-layer": layer.id },
    svg("rect", { x: 4, y: box.y, width: WIDTH - 8, height: box.h, rx: 7 }),
    svg("text", { x: 11, y: box.y + box.h / 2 - 2, class: "layer-name", text: t.layers[layer.id] || layer.id }),
    svg("text", { x: 11, y: box.y + box.h / 2 + 16, class: "layer-ring", text: t.privileges[layer.privilege] || layer.privilege }));
}

export function drawColumn(figure, column, ctx, ms) {
  const t = ctx.config.extra.t;
  const hop = column.hop && column.hop.step === ctx.timeline.step ? column.hop : null;
  const boxes = geometry(column.layers);
  const dest = hop ? hop.path[hop.path.length - 1] : null;
  const svgNode = figure.querySelector("svg.cat-svg");
  const parts = column.layers.map((layer) => layerBox(layer, boxes[layer.id], t, layer.id === dest));
  let token = null;
  if (hop) {
    const points = hop.path.map((id, i) => centre(boxes[id], i, hop.path.length));
    parts.push(svg("polyline", { class: "cat-hop", points: points.map((p) => p.join(",")).join(" ") }));
    token = svg("g", { class: "cat-token" }, svg("circle", { cx: points[points.length - 1][0], cy: points[points.length - 1][1], r: 11 }),
      svg("path", { d: diamond(points[points.length - 1]) }));
    parts.push(token);
    svgNode.replaceChildren(...parts);
    travel(token, points, ms);
  } else {
    svgNode.replaceChildren(...parts);
  }
  svgNode.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  fitTexts(svgNode);
  figure.querySelector(".cat-title").textContent = t.categories[column.category];
  figure.querySelector(".cat-examples").textContent = t.examples[column.category];
  figure.querySelector(".cat-status").textContent = status(column, ctx, t, hop);
  figure.querySelector(".cat-mini").replaceChildren(...MINI.flatMap((m) => [
    el("dt", { text: t.counters[m] }), el("dd", { text: number(column.counters[m]) })]));
  figure.classList.toggle("waiting", !hop && ctx.state.categories.workload.running);
}

// A label longer than its layer is squeezed to fit (long words in some languages).
function fitTexts(svgNode) {
  const room = WIDTH - 22;
  for (const text of svgNode.querySelectorAll("text")) {
    if (text.getComputedTextLength() > room) {
      text.setAttribute("textLength", room);
      text.setAttribute("lengthAdjust", "spacingAndGlyphs");
    }
  }
}

function diamond([x, y]) {
  return `M${x} ${y - 6} L${x + 6} ${y} L${x} ${y + 6} L${x - 6} ${y} Z`;
}

function status(column, ctx, t, hop) {
  const w = ctx.state.categories.workload;
  if (w.index < 0) return t.not_started;
  const op = fmt(t.op_of, { index: w.index + 1, total: w.total });
  if (hop) {
    const done = w.finished ? ` · ${t.finished}` : "";
    return `${op} · ${fmt(t.hop_of, { hop: column.progress.hop, of: column.progress.of })}${done}`;
  }
  if (w.finished) return t.finished;
  return w.running ? `${op} · ${t.waiting}` : t.idle;
}
