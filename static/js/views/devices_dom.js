// Small DOM helpers shared by the devices views, and the "what changed flashes" memory:
// watched() marks an element whose value differs from the last drawing (not on the first one).
import { $, el, fmt, svg, SVG } from "../dom.js";
export { $, el, fmt, svg, SVG };
import { reduced } from "../motion.js";

const seen = new Map();  // what each watched element showed last time
let firstDraw = true;

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
