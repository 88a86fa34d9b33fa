// The boot view's shared state and small helpers (DOM and SVG builders, hex, templates).
import { $, SVG } from "../dom.js";
import { proseNodes } from "../prose.js";
export { $, SVG };
export const GRID = { cols: 64, rows: 16, x: 0, y: 180, w: 640, h: 236 };
export const STRIP = { cells: 64, x: 0, y: 22, w: 640, h: 30 };
export const CELLS = GRID.cols * GRID.rows;
export const SEGMENT_COLOURS = {
  kernel: "#0072B2", initrd: "#56B4E9", p2m: "#E69F00", start_info: "#F0E442",
  xenstore: "#009E73", console: "#CC79A7", pagetables: "#D55E00", stack: "#000000",
};
export const BUSY_KINDS = ["build", "create", "restart", "restore", "build_dom0"];

// what the page shows (the selected domain, the zoom) and what it has seen (to animate news)
export const view = {
  selected: null, pinned: false, pendingName: null,
  grid: null, strip: null, gridData: null, stripData: null,
  timer: null, generation: 0, seen: { segments: new Set(), fields: new Set() },
  ms: 0, arrows: new Map(), lit: "", registers: "",
};

export function svg(tag, attrs = {}, text = "") {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

export function html(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== "") node.textContent = text;
  return node;
}

// an element holding `text` with its code names in <code> (prose.js)
export function prose(tag, className = "", text = "") {
  const node = html(tag, className);
  node.append(...proseNodes(String(text)));
  return node;
}

export const hex = (n) => "0x" + Number(n).toString(16);
export const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

export function records(state) { return state.boot?.domains || []; }
export function record(state) { return records(state).find((d) => d.name === view.selected) || null; }
