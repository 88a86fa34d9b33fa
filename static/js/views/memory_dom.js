// The memory view's shared words: element builders, templates and the x86 names it draws.
// `$`, `el` and `fmt` are the shared ones (../dom.js); `svg(tag, attrs, text)` is the view's own.
import { $, SVG, el, fmt } from "../dom.js";
export { $, el, fmt };

export const MODES = ["native", "pv", "shadow", "ept"];
export const MODE_COLOURS = { native: "#444444", pv: "#E69F00", shadow: "#CC79A7", ept: "#56B4E9" };
// the bits of a page-table entry (Intel SDM vol. 3 §4.5) and of an EPT entry (§29.3.2)
export const FLAGS = [["P", 0n], ["RW", 1n], ["US", 2n], ["PWT", 3n], ["PCD", 4n], ["A", 5n], ["D", 6n],
  ["PS", 7n], ["G", 8n], ["NX", 63n]];
export const EPT_FLAGS = [["R", 0n], ["W", 1n], ["X", 2n], ["PS", 7n]];
export const FIELD_CLASS = { sign: "f-sign", PML4: "f-pml4", PDPT: "f-pdpt", PD: "f-pd", PT: "f-pt",
  offset: "f-offset", VPN: "f-vpn" };
export const READS = new Set(["mem.read", "mem.read_guest", "mem.read_ept", "mem.read_soft",
  "mem.read_shadow", "mem.read_ostep"]);
export const WRITE_BACKS = new Set(["mem.write_back", "mem.write_back_soft"]);
export const OUTCOMES = new Set(["mem.tlb_hit", "mem.translated", "mem.translated_2d",
  "mem.translated_ostep", "fault.pf", "fault.gp", "fault.injected", "fault.ostep",
  "exit.ept_violation", "exit.ept_misconfig", "exit.mmio", "mem.shadow_emulate", "mem.walk_error", "mem.shadow_full"]);

export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function levelClass(level) {
  const name = String(level || "").replace(/^EPT /, "").toLowerCase();
  return ["pml4", "pdpt", "pd", "pt"].includes(name) ? `l-${name}` : "l-other";
}

// an entry's bits as small boxes, on (filled) or off (dotted); `changed` marks the ones that flip
export function bits(hex, table, changed = 0n) {
  const span = el("span", { class: "bits" });
  let value = 0n;
  try { value = BigInt(hex); } catch { return span; }
  for (const [name, bit] of table) {
    const on = (value >> bit) & 1n;
    const flip = (changed >> bit) & 1n;
    span.append(el("span", { class: `bit ${on ? "on" : "off"}${flip ? " flip" : ""}`, title: `${name}=${on}`, "data-bit": name },
      name, el("span", { class: "visually-hidden", text: `=${on}` })));
  }
  return span;
}

export function applied(m) {
  return m.walk.items.slice(0, m.walk.position);
}

export function currentItem(m) {
  const position = m.walk.position;
  return position > 0 ? m.walk.items[position - 1] : null;
}
