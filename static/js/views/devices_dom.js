// Small DOM helpers shared by the devices views, and the "what changed flashes" memory:
// watched() marks an element whose value differs from the last drawing (not on the first one).
import { reduced } from "../motion.js";

export const SVG = "http://www.w3.org/2000/svg";
const seen = new Map();  // what each watched element showed last time
let firstDraw = true;

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

export function fmt(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : `{${key}}`));
}


// An element that flashes when what it shows is new or changed (not on the first drawing);
// under reduced motion it is outlined instead.
export function watched(node, key, value) {
  return changed(key, value) ? mark(node) : node;
}

export function changed(key, value) {
  const before = seen.get(key);
  seen.set(key, value);
  return !firstDraw && before !== value;
}

export function mark(node) {
  node.classList.add(reduced() ? "changed" : "flash");
  return node;
}

export function drawn() {
  firstDraw = false;
}
