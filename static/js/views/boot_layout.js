// The start-of-day virtual region, drawn as a stack of what the domain builder placed in it
// (kernel, start_info, xenstore and console rings, page tables, boot stack); a segment appears
// as it is placed, and the register that points into it (RSI → start_info, RSP → the stack,
// CR3 → the page tables) is marked on it once vCPU0's context is set.
import { appear, pulse } from "../motion.js";
import { proseNodes } from "../prose.js";
import { $, fmt, hex, html, prose, view } from "./boot_state.js";

// which register of vCPU0 points at which segment (virtualization-facts §1.5)
const POINTERS = { start_info: "rsi", stack: "rsp", pagetables: "cr3" };

export function renderLayout(ctx, dom) {
  const t = ctx.config.extra.t;
  const list = $("layout");
  const info = $("layout-info");
  const layout = dom?.layout;
  view.before = view.seen.segments;  // what the last drawing showed placed
  view.seen.segments = new Set();
  if (!layout) {
    list.replaceChildren();
    info.textContent = !dom ? t.no_domain : dom.origin === "restore" ? t.no_layout : t.no_layout_yet;
    return;
  }
  info.textContent = "";
  info.append(...proseNodes(`${layout.virt_base} – ${layout.virt_end} · ${layout.region_pages} ${t.frames}`
    + (layout.too_small ? ` · ${fmt(t.too_small, { element: t["segment_" + layout.too_small] || layout.too_small })}` : "")));
  const region = layout.segments.filter((seg) => (seg.where || "region") === "region");
  const rows = outsideRows(layout, dom, t);
  const lastSeg = region[region.length - 1];
  const kib = (BigInt(layout.virt_end) - BigInt(lastSeg.vend)) / 1024n;
  rows.push(stackRow("padding", t.padding, lastSeg.vend, `${kib} ${t.kib} → ${layout.virt_end}`, true, false, t));
  const registers = Object.fromEntries(dom.registers || []);
  for (const seg of [...region].reverse()) {
    const detail = `PFN ${hex(seg.pfn)}–${hex(seg.pfn + seg.pages - 1)} · ${seg.pages} ${t.pages_short}`
      + (seg.placed && seg.first_mfn !== null ? ` · ${t.first_mfn} ${hex(seg.first_mfn)}` : "");
    const row = stackRow(seg.name, t["segment_" + seg.name] || seg.name, seg.vstart, detail, seg.placed, !seg.writable, t);
    pointer(row, POINTERS[seg.name], registers);
    announce(row, dom, seg);
    rows.push(row);
  }
  const first = layout.segments[0];
  rows.push(stackRow("ram", t.segment_ram, layout.virt_base, `PFN 0x0–${hex(first.pfn - 1)}`, true, false, t));
  list.replaceChildren(...rows);
}

// A kernel with XEN_ELFNOTE_MOD_START_PFN and XEN_ELFNOTE_INIT_P2M: the initrd (not mapped)
// and the P2M list (mapped at p2m_base) follow the region; drawn above it, under a heading.
function outsideRows(layout, dom, t) {
  const outside = layout.segments.filter((seg) => seg.where && seg.where !== "region");
  if (!outside.length) return [];
  const rows = [prose("li", "seg seg-heading", t.outside)];
  for (const seg of [...outside].reverse()) {
    const where = seg.where === "p2m_base" ? seg.vstart : `PFN ${hex(seg.pfn)}`;
    const detail = `PFN ${hex(seg.pfn)}–${hex(seg.pfn + seg.pages - 1)} · ${seg.pages} ${t.pages_short} · ${t[seg.where] || ""}`;
    const row = stackRow(seg.name, t["segment_" + seg.name] || seg.name, where, detail, seg.placed, false, t);
    row.classList.add("outside");
    announce(row, dom, seg);
    rows.push(row);
  }
  return rows;
}

// a segment placed since the last drawing grows in
function announce(row, dom, seg) {
  const key = `${dom.id}:${seg.name}`;
  if (!seg.placed) return;
  view.seen.segments.add(key);
  if (!view.before.has(key)) appear(row, view.ms);
}

// "← RSI": vCPU0's register holds this segment's virtual address
function pointer(row, name, registers) {
  if (!name || !registers[name]) return;
  const mark = html("span", "reg-pointer", `← ${name.toUpperCase()}`);
  mark.dataset.register = name;
  row.querySelector("strong").after(" ", mark);
  const key = `${name}=${registers[name]}`;
  if (!view.registers.includes(key)) pulse(mark, view.ms);
}

function stackRow(kind, label, range, detail, placed, readOnly, t) {
  const li = html("li", `seg seg-${kind}${placed ? "" : " unplaced"}`);
  li.dataset.segment = kind;
  const swatch = html("span", `swatch sw-${kind}`);
  const where = html("code", "va", range);
  li.append(swatch, prose("strong", "", label), " ", where);
  if (readOnly) li.append(" ", html("span", "tag ro", t.read_only));
  if (!placed) li.append(" ", html("em", "muted", t.not_placed));
  if (detail) li.append(prose("span", "detail", detail));
  return li;
}

