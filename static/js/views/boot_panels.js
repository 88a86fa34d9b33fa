// start_info, drawn as the page it lives in (its PFN, MFN and virtual address) and filled field
// by field as the builder writes it; vCPU0's registers, RSI pointing at that page; the e820 map
// and boot_params of the traditional machine.
import { appear, travel } from "../motion.js";
import { proseNodes } from "../prose.js";
import { $, hex, html, prose, view } from "./boot_state.js";

export function renderStartInfo(ctx, dom) {
  const t = ctx.config.extra.t;
  const meanings = ctx.config.extra.meanings;
  const body = document.querySelector("#start-info tbody");
  const rows = dom?.start_info || [];
  const filled = rows.filter((row) => row.filled).length;
  const before = view.seen.fields;
  view.seen.fields = new Set();
  $("si-count").textContent = dom ? `${filled}/${rows.length}` : "";
  $("si-page").replaceChildren(...proseNodes(pageText(dom, t)));
  body.replaceChildren(...rows.map((row) => {
    const tr = html("tr", row.filled ? "filled" : "unfilled");
    tr.dataset.field = row.field;
    const th = html("th");
    th.scope = "row";
    th.append(html("code", "", row.field), prose("span", "meaning", meanings[row.field] || ""));
    let value = row.filled ? String(row.value) : t.unfilled;
    if (row.flags && row.flags.length) value += ` (${row.flags.join(" | ")})`;
    const code = html("code", "value", value);
    const td = html("td");
    td.append(code);
    tr.append(th, td);
    const key = `${dom.id}:${row.field}`;
    if (row.filled) view.seen.fields.add(key);
    if (row.filled && !before.has(key)) written(tr, code);
    return tr;
  }));
}

// the value is written into its field: it slides in from the page's left edge
function written(tr, code) {
  tr.classList.add("just-filled");
  appear(tr, view.ms);
  travel(code, [[-60, 0], [0, 0]], view.ms);
}

function pageText(dom, t) {
  const seg = dom?.layout?.segments.find((s) => s.name === "start_info");
  if (!seg || !seg.placed) return dom ? t.si_not_placed : "";
  const mfn = seg.first_mfn !== null ? ` · MFN ${hex(seg.first_mfn)}` : "";
  return `${t.si_page} PFN ${hex(seg.pfn)}${mfn} · ${seg.vstart}`;
}

export function renderRegisters(ctx, dom) {
  const t = ctx.config.extra.t;
  const body = document.querySelector("#registers tbody");
  const regs = dom?.registers?.length ? dom.registers
    : ["rip", "rsp", "rsi", "rflags", "cr3"].map((name) => [name, t.unfilled]);
  const before = view.registers;
  body.replaceChildren(...regs.map(([name, value]) => {
    const tr = html("tr");
    tr.dataset.register = name;
    const th = prose("th", "", name.toUpperCase());
    th.scope = "row";
    const td = html("td");
    td.append(html("code", "", value));
    if (name === "rsi" && dom?.registers?.length) td.append(prose("span", "points-to", `→ ${t.segment_start_info}`));
    tr.append(th, td);
    if (dom?.registers?.length && !before.includes(`${name}=${value}`)) appear(tr, view.ms);
    return tr;
  }));
  view.registers = (dom?.registers || []).map(([name, value]) => `${name}=${value}`).join(",");
  $("vcpu-flags").replaceChildren(...proseNodes(dom?.vcpu_flags?.length ? `flags = ${dom.vcpu_flags.join(" | ")}` : ""));
}

export function renderE820(ctx, native) {
  const t = ctx.config.extra.t;
  const body = document.querySelector("#e820 tbody");
  body.replaceChildren(...(native?.e820 || []).map(([start, end, kind]) => {
    const tr = html("tr", `e820-${kind}`);
    for (const text of [start, end, t[`e820_${kind}`] || kind]) tr.append(html("td", "", text));
    return tr;
  }));
  const params = $("boot-params");
  const entries = Object.entries(native?.boot_params || {});
  if (native?.memblock_mb) entries.push([`memblock (${t.mib})`, native.memblock_mb]);
  params.replaceChildren(...entries.flatMap(([key, value]) => [prose("dt", "", key), prose("dd", "", String(value))]));
}
