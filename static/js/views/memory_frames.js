// The walk as a picture: CR3 → PML4 → PDPT → PD → PT → page, each table a frame whose entry
// read at this step is lit, with an arrow to the table it points to; A/D bits flip in place;
// the TLB fills and is hit. Under shadow paging Xen's software walk of the guest tables is a
// second lane and the trap to Xen travels there; under PV, mmu_update travels to Xen and comes
// back accepted or refused. Drawn from the snapshot; the motion is the difference from the last.
import { appear, fly, pulse, reduced } from "../motion.js";
import { proseNodes } from "../prose.js";
import { $, FLAGS, READS, WRITE_BACKS, applied, bits, currentItem, el, levelClass, svg } from "./memory_dom.js";
import { latestValues } from "./memory_walk.js";

const MAIN = { native: "mem.read", pv: "mem.read", shadow: "mem.read_shadow", ept: "mem.read_guest" };
const ROOT = { native: "cr3", pv: "machine_cr3", shadow: "shadow_cr3", ept: "cr3" };
const SHOWN_BITS = FLAGS.filter(([name]) => ["P", "RW", "US", "A", "D", "PS", "NX"].includes(name));
let before = { arrows: new Set(), tlb: "", key: "" };

function laneKind(m) {
  return m.paging === "ostep" || m.paging === "linear" ? "mem.read_ostep" : MAIN[m.mode] || "mem.read";
}

// the reads of one lane: every level the walk will use (so the path ahead shows dashed), and
// the latest read of each level carried out so far
function lane(m, kind) {
  const levels = [];
  const done = new Map();
  m.walk.items.forEach((item, index) => {
    if (item.kind !== kind) return;
    if (!levels.includes(item.data.level)) levels.push(item.data.level);
    if (index < m.walk.position) done.set(item.data.level, item);
  });
  return { levels, done };
}

export function renderFrames(ctx, m, t, ms) {
  const box = $("walk-frames");
  const kind = laneKind(m);
  const main = lane(m, kind);
  const current = currentItem(m);
  const { latest } = latestValues(m.walk.items, m.walk.position);
  const fills = new Map(applied(m).filter((i) => i.kind === "mem.shadow_fill").map((i) => [i.data.level, i]));
  const frames = [rootFrame(m, t), ...main.levels.map((level) => tableFrame(level, main.done.get(level), latest, current, fills.get(level), t)),
    pageFrame(m, t, current)];
  $("frames-main").replaceChildren(...frames);
  const soft = m.mode === "shadow" ? lane(m, "mem.read_soft") : { levels: [] };
  $("frames-xen").hidden = !soft.levels.length;
  $("frames-xen-list").replaceChildren(...soft.levels.map((level) => tableFrame(level, soft.done.get(level), latest, current, null, t)));
  renderTlb(m, t, current);
  renderXen(m, t, current);
  box.dataset.mode = m.mode;
  requestAnimationFrame(() => arrows(m, main, soft, ms));
  moveOn(ctx, m, t, current, ms);
}

function rootFrame(m, t) {
  const name = ROOT[m.mode] && m.registers[ROOT[m.mode]] ? ROOT[m.mode] : Object.keys(m.registers)[0];
  const value = m.registers[name] || "";
  return el("div", { class: "frame root", "data-level": "root" },
    el("span", { class: "fname", text: (name || "").toUpperCase().replace("_", " ") }), el("code", { class: "val", text: value }));
}

function tableFrame(level, item, latest, current, fill, t) {
  const frame = el("div", { class: `frame table ${levelClass(level)}${item ? "" : " ahead"}`, "data-level": level });
  frame.append(el("span", { class: "fname", text: level }));
  if (!item) {
    frame.append(el("span", { class: "entry empty", text: t.not_read_yet }));
    if (fill) frame.append(filledBy(fill, t));
    if (fill && current === fill) frame.classList.add("reading");
    return frame;
  }
  const d = item.data;
  const value = latest.get(`${item.stage}|${d.address}`) || d.value;
  const lit = current === item || (WRITE_BACKS.has(current?.kind) && current.data.address === d.address)
    || (current?.kind === "mem.shadow_fill" && current === fill);
  const present = item.kind === "mem.read_ostep" || (BigInt(value) & 1n) === 1n;
  const entry = el("div", { class: `entry${lit ? " lit" : ""}${present ? "" : " absent"}`, "data-address": d.address },
    el("span", { class: "idx", text: `[${d.index}]` }), " ", el("code", { class: "val", text: value }));
  if (item.kind !== "mem.read_ostep") entry.append(bits(value, SHOWN_BITS));
  frame.append(el("code", { class: "base", text: `${t.table_at} ${d.base}` }), entry);
  if (fill) frame.append(filledBy(fill, t));
  if (lit) frame.classList.add("reading");
  return frame;
}

function filledBy(fill, t) {
  return el("span", { class: "filled-by", text: `${t.filled_by_xen} [${fill.data.index}] ${fill.data.value}` });
}

function pageFrame(m, t, current) {
  const end = [...applied(m)].reverse().find((i) => ["mem.translated", "mem.translated_2d", "mem.translated_ostep", "mem.tlb_hit"].includes(i.kind) || i.kind.startsWith("fault.") || i.kind.startsWith("exit.ept") || i.kind === "exit.mmio");
  const frame = el("div", { class: `frame page${end ? "" : " ahead"}`, "data-level": "page" }, el("span", { class: "fname", text: t.page }));
  if (!end) return frame;
  const address = end.data.hpa || end.data.pa;
  frame.append(address ? el("code", { class: "val", text: address }) : el("strong", { class: "fault-mark", text: t.no_page }));
  if (end === current) frame.classList.add("reading");
  return frame;
}

function renderTlb(m, t, current) {
  const hit = current?.kind === "mem.tlb_hit" ? current.data.page || m.tlb.entries[0]?.page : null;
  const slots = [];
  for (let i = 0; i < m.tlb.capacity; i++) {
    const e = m.tlb.entries[i];
    slots.push(e ? el("li", { class: `slot${hit === e.page || (hit && i === 0) ? " hit" : ""}`, "data-page": e.page, title: `${e.page} → ${e.frame}` },
      el("code", { text: e.page }), " → ", el("code", { text: e.frame }))
      : el("li", { class: "slot free", text: "—" }));
  }
  $("frames-tlb-list").replaceChildren(...slots);
  $("frames-tlb").classList.toggle("miss", current?.kind === "mem.tlb_miss");
  $("frames-tlb-state").textContent = current?.kind === "mem.tlb_miss" ? t.tlb_miss_now : current?.kind === "mem.tlb_hit" ? t.tlb_hit_now : "";
}

function renderXen(m, t, current) {
  const xen = $("frames-xen-box");
  xen.hidden = m.mode !== "shadow" && m.mode !== "pv";
  const inXen = current && (current.stage === "xen" || current.kind === "mem.read_soft" || current.kind === "mem.write_back_soft");
  xen.classList.toggle("active", Boolean(inXen));
  const state = $("frames-xen-state");
  if (m.mode === "shadow") state.textContent = inXen ? t.xen_shadow_busy : t.xen_idle;
  if (m.mode === "pv" && !state.textContent) state.replaceChildren(...proseNodes(t.xen_pv_idle));
}

// --- arrows: from each entry read to the table it points to -----------------------------------
function arrows(m, main, soft, ms) {
  const layer = $("frames-arrows");
  const box = $("walk-frames").getBoundingClientRect();
  layer.setAttribute("viewBox", `0 0 ${box.width} ${box.height}`);
  const lines = [];
  const now = new Set();
  const chain = [...$("frames-main").children];
  chain.slice(0, -1).forEach((from, i) => {
    const to = chain[i + 1];
    const reached = i === 0 ? main.done.size > 0 : from.querySelector(".entry:not(.empty):not(.absent)");
    if (!reached) return;
    const source = from.querySelector(".entry") || from;
    const key = `${m.walk.request?.va}|${m.mode}|${i}`;
    now.add(key);
    lines.push(arrow(source, to, box, !before.arrows.has(key) ? ms : 0));
  });
  $("frames-arrow-paths").replaceChildren(...lines);
  before.arrows = now;
  void soft;
}

function arrow(from, to, box, ms) {
  const a = from.getBoundingClientRect();
  const b = to.getBoundingClientRect();
  const sameRow = b.left > a.right - 4 && b.top < a.bottom;
  const [x1, y1] = sameRow ? [a.right - box.left, a.top + a.height / 2 - box.top] : [a.left + a.width / 2 - box.left, a.bottom - box.top];
  const [x2, y2] = sameRow ? [b.left - box.left - 2, b.top + Math.min(b.height / 2, 30) - box.top] : [b.left + b.width / 2 - box.left, b.top - box.top - 4];
  const path = svg("path", { d: `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`, class: "walk-arrow", "marker-end": "url(#walk-arrowhead)" });
  if (ms > 0 && !reduced()) {
    requestAnimationFrame(() => {
      const length = path.getTotalLength();
      path.animate([{ strokeDasharray: `${length}`, strokeDashoffset: length }, { strokeDasharray: `${length}`, strokeDashoffset: 0 }], { duration: ms, easing: "ease-out" });
    });
  }
  return path;
}

// --- the motion of this step --------------------------------------------------------------------
function moveOn(ctx, m, t, current, ms) {
  const tlbKey = m.tlb.entries.map((e) => e.page).join(",");
  const tlbChanged = tlbKey !== before.tlb && m.tlb.entries.length > 0;
  before.tlb = tlbKey;
  if (ms <= 0) return;
  const lit = document.querySelector("#walk-frames .entry.lit");
  if (lit && READS.has(current?.kind)) pulse(lit, ms);
  document.querySelectorAll("#walk-frames .entry.lit .bit").forEach((bit) => flipIfChanged(bit, current, ms));
  if (tlbChanged) appear(document.querySelector("#frames-tlb-list .slot"), ms);
  if (current?.kind === "mem.tlb_hit") fly($("frames-layer"), $("frames-tlb"), document.querySelector("#frames-main .frame.page"), t.tlb_hit_now, ms, "hit");
  if (current?.kind === "exit.shadow_pf") fly($("frames-layer"), document.querySelector("#frames-main .frame.table") || $("frames-main"), $("frames-xen-box"), t.trap_to_xen, ms, "trap");
  if (current?.kind === "mem.vm_entry") fly($("frames-layer"), $("frames-xen-box"), document.querySelector("#frames-main .frame.root"), t.vm_entry, ms, "entry");
  if (current?.kind === "mem.shadow_fill") appear(document.querySelector(`#frames-main .frame[data-level="${current.data.level}"] .filled-by`), ms);
  void ctx;
}

function flipIfChanged(bit, current, ms) {
  if (!WRITE_BACKS.has(current?.kind)) return;
  const changed = BigInt(current.data.new) ^ BigInt(current.data.old);
  const position = FLAGS.find(([name]) => name === bit.dataset.bit)?.[1];
  if (position === undefined || !((changed >> position) & 1n)) return;
  bit.classList.add("flip");
  bit.animate([{ transform: "rotateX(90deg)" }, { transform: "none" }], { duration: ms, easing: "ease-out" });
}

// --- PV: the mmu_update hypercall travels to Xen, which accepts it or refuses it ----------------
export function hypercall(t, events, ms) {
  const kinds = events.map((e) => e.kind);
  if (kinds.includes("hypercall.mmu_update")) {
    verdict(t.xen_validating, "");
    fly($("frames-layer"), $("frames-main").firstElementChild, $("frames-xen-box"), "mmu_update", ms, "hypercall");
  }
  if (kinds.some((k) => k.startsWith("mem.xen_validate"))) verdict(t.xen_validating, "");
  if (kinds.includes("mem.xen_pt_write")) {
    verdict(`✓ ${t.xen_accepts}`, "accepted");
    fly($("frames-layer"), $("frames-xen-box"), document.querySelector("#frames-main .frame.table:last-of-type") || $("frames-main"), "✓", ms, "accepted");
  }
}

export function refused(t, why) {
  verdict(`✗ ${t.xen_refuses}`, "refused");
  $("frames-xen-state").title = why;
  const box = $("frames-xen-box");
  box.hidden = false;
  if (!reduced()) pulse(box, 400);
}

function verdict(text, kind) {
  const state = $("frames-xen-state");
  state.textContent = text;
  state.className = `xen-state ${kind}`;
}
