// Small DOM helpers of the categories view, and its motion timing (Web Animations API).
const SVG = "http://www.w3.org/2000/svg";
const MANUAL_MS = 900;
const MAX_MS = 900;
const reducedQuery = window.matchMedia("(prefers-reduced-motion: reduce)");

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  setAttrs(node, attrs);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.setAttribute("class", value);
    else node.setAttribute(key, value === true ? "" : value);
  }
}

export function fmt(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : `{${key}}`));
}

export function number(value) {
  return Number(value).toLocaleString(document.documentElement.lang || "en");
}

export function reduced() {
  return reducedQuery.matches;
}

// How long this step's motion may take: 0 when reduced, after a seek or a jump of several
// steps; the play speed otherwise (a step by hand: MANUAL_MS).
let lastStep = null;
export function motionMs(ctx) {
  const step = ctx.timeline.step;
  const previous = lastStep;
  lastStep = step;
  if (reduced() || previous === null || step !== previous + 1) return 0;
  if (!ctx.timeline.playing) return MANUAL_MS;
  const speed = Number(ctx.timeline.speed || $("speed")?.value || 1);
  return Math.min(MAX_MS, Math.round(800 / Math.max(speed, 0.25)));
}

// `node` (drawn at the last point) travels through `points` at an even pace.
export function travel(node, points, ms) {
  if (!node || ms <= 0 || points.length < 2) return null;
  const [ex, ey] = points[points.length - 1];
  const lengths = [0];
  for (let i = 1; i < points.length; i++) {
    lengths.push(lengths[i - 1] + Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]));
  }
  const total = lengths[lengths.length - 1] || 1;
  return node.animate(points.map(([x, y], i) => ({
    transform: `translate(${x - ex}px, ${y - ey}px)`, offset: lengths[i] / total,
  })), { duration: ms, easing: "ease-in-out" });
}
