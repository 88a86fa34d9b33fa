// Small helpers shared by the cloud views: DOM and SVG builders, templates, numbers in the
// page's language (French: 1 234,5), units, and the tenants' colours (Okabe–Ito, each tenant
// also marked by its initial, so colour is never the only cue).
import { $, el, fmt, svg, SVG } from "../dom.js";
export { $, el, fmt, svg, SVG };

export function num(value, digits = 0) {
  return Number(value).toLocaleString(document.documentElement.lang || "en",
    { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

// A size in MiB shown as MiB or GiB (Mio / Gio in French, from the translations).
export function size(t, mb) {
  return mb >= 1024 ? fmt(t.gib, { n: num(mb / 1024, 1) }) : fmt(t.mib, { n: num(mb) });
}

export function money(t, euros) {
  const digits = euros >= 1 ? 2 : 4;
  return fmt(t.euro, { n: Number(euros).toLocaleString(document.documentElement.lang || "en",
    { minimumFractionDigits: digits, maximumFractionDigits: digits }) });
}

const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#F0E442", "#D55E00"];

export function tenantColour(cloud, name) {
  const index = cloud.tenants.findIndex((t) => t.name === name);
  return PALETTE[(index < 0 ? 0 : index) % PALETTE.length];
}

// The current migration: the newest one still moving, else the newest one.
export function currentMigration(cloud) {
  const all = cloud.migrations || [];
  const moving = all.filter((m) => m.phase !== "done" && m.phase !== "aborted");
  return moving.length ? moving[moving.length - 1] : all[all.length - 1] || null;
}

// The font size (CSS px) a picture's text is drawn at: the picture lays out in these units.
export function fontPx(node) {
  return parseFloat(getComputedStyle(node).fontSize) || 16;
}
