// The walk as text: the address split into its index fields, the walk table (one memory
// reference per row, A/D bits flipping), and the 2D grid under EPT. walkRows and gridTable also
// draw the exercises' worked walks (static/js/exercises_show.js, through memory.js).
import { $, EPT_FLAGS, FIELD_CLASS, FLAGS, READS, WRITE_BACKS, bits, currentItem, el, levelClass } from "./memory_dom.js";

let lastWalkKey = "";

export function renderSplit(m, t) {
  const current = currentItem(m);
  const reading = current && READS.has(current.kind) && current.stage !== "ept" ? current.level : null;
  $("va-split").replaceChildren(...m.walk.fields.map((field) => {
    const label = field.name === "sign" ? t.sign : field.name === "offset" ? t.offset : field.name;
    return el("div", { class: `field ${FIELD_CLASS[field.name] || "f-offset"}${reading === field.name ? " current" : ""}`,
      "aria-label": `${label} ${field.hi}:${field.lo} = ${field.value}` },
    el("span", { class: "fname", text: label }),
    el("span", { class: "fbits", text: field.bits }),
    el("span", { class: "fmeta", text: `${field.hi}:${field.lo} = ${field.value}` }));
  }));
}

export function stageTag(stage, t) {
  const names = { guest: t.guest, ept: t.ept_side, native: t.hardware, shadow: t.shadow_side,
    xen: t.xen, tlb: t.tlb, check: t.check, hypercall: t.hypercall };
  return el("span", { class: `tag s-${stage}`, text: names[stage] || stage });
}

export function renderWalk(m, t, lang, reduceMotion) {
  const body = $("walk-body");
  const items = m.walk.items;
  const position = m.walk.position;
  const key = `${m.walk.request?.va}|${items.length}|${position}|${lang}`;
  if (key === lastWalkKey) return;
  lastWalkKey = key;
  body.replaceChildren(...walkRows(items, position, t, lang, reduceMotion));
  const now = body.querySelector("tr.current");
  const box = $("walk-scroll");
  if (now) {  // scroll the walk's own box only, never the page
    const head = box.querySelector("thead")?.offsetHeight || 0;
    if (now.offsetTop + now.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = now.offsetTop + now.offsetHeight - box.clientHeight;
    } else if (now.offsetTop - head < box.scrollTop) box.scrollTop = now.offsetTop - head;
  }
  if (!items.length) body.replaceChildren(el("tr", {}, el("td", { colspan: "8", class: "text muted", text: t.no_walk })));
}

// the latest value of every entry after the write-backs applied so far, and the last write-back
export function latestValues(items, position) {
  const latest = new Map();
  let flipped = null;
  items.slice(0, position).forEach((item, index) => {
    if (!WRITE_BACKS.has(item.kind)) return;
    latest.set(`${item.stage}|${item.data.address}`, item.data.new);
    if (index === position - 1) flipped = item;
  });
  return { latest, flipped };
}

// The walk table's rows for the first `position` items (the exercises' worked answers too).
export function walkRows(items, position, t, lang, reduceMotion) {
  const { latest, flipped } = latestValues(items, position);
  return items.slice(0, position).map((item, index) => {
    const current = index === position - 1;
    const row = el("tr", { class: current ? "current" : null, "data-kind": item.kind });
    row.append(el("td", { text: String(item.n) }), el("td", {}, stageTag(item.stage, t)));
    if (READS.has(item.kind)) row.append(...readCells(item, latest, flipped, reduceMotion));
    else row.append(el("td", { class: "text", colspan: "6", text: item.text[lang] || item.text.en }));
    return row;
  });
}

function readCells(item, latest, flipped, reduceMotion) {
  const d = item.data;
  const newer = latest.get(`${item.stage}|${d.address}`);
  const value = newer || d.value;
  let changed = 0n;
  if (newer && flipped && flipped.data.address === d.address && !reduceMotion) changed = BigInt(newer) ^ BigInt(d.value);
  const table = item.kind === "mem.read_ept" ? EPT_FLAGS : FLAGS;
  return [
    el("td", {}, el("span", { class: `lvl ${levelClass(d.level)}`, text: d.level })),
    el("td", { text: d.base }),
    el("td", {}, el("span", { class: `idx ${levelClass(d.level)}`, text: String(d.index) })),
    el("td", {}, d.address, d.gpa && item.kind === "mem.read_guest" ? el("small", { class: "gpa", text: ` g ${d.gpa}` }) : null),
    el("td", { class: newer && newer !== d.value ? "changed" : null, text: value }),
    el("td", {}, item.kind === "mem.read_ostep" ? document.createTextNode(d.flags) : bits(value, table, changed)),
  ];
}

export function renderGrid(m, t) {
  const items = m.walk.items.slice(0, m.walk.position);
  const show = m.mode === "ept" && m.walk.items.some((i) => i.kind === "mem.read_ept");
  $("grid2d").hidden = !show;
  if (show) $("grid2d-cells").replaceChildren(gridTable(items, t, "grid-title"));
}

// The 2D grid of a walk's items: each guest reference under the EPT walk that located it.
export function gridTable(items, t, labelledBy) {
  const heads = ["", "gCR3 → PML4", "PML4e → PDPT", "PDPTe → PD", "PDe → PT", `PTe → ${t.grid_data}`];
  const rows = ["EPT PML4", "EPT PDPT", "EPT PD", "EPT PT", t.grid_guest_row];
  const grid = rows.map(() => heads.slice(1).map(() => null));
  let column = 0;
  const last = items[items.length - 1];
  for (const item of items) {
    if (item.kind === "mem.read_ept") {
      const row = ["EPT PML4", "EPT PDPT", "EPT PD", "EPT PT"].indexOf(item.data.level);
      if (row >= 0 && column < 5) grid[row][column] = item;
    } else if (item.kind === "mem.read_guest") {
      if (column < 5) grid[4][column] = item;
      column += 1;
    }
  }
  const table = el("table", { class: "grid2d-table", "aria-labelledby": labelledBy });
  table.append(el("thead", {}, el("tr", {}, ...heads.map((head) => el("th", { scope: "col", text: head })))));
  const body = el("tbody");
  rows.forEach((name, r) => {
    const row = el("tr", {}, el("th", { scope: "row", text: name }));
    grid[r].forEach((item) => row.append(gridCell(item, item === last, t)));
    body.append(row);
  });
  table.append(body);
  return table;
}

function gridCell(item, current, t) {
  if (!item) return el("td", { class: "cell", text: "" });
  const guest = item.kind === "mem.read_guest";
  const label = `${t.order} ${item.data.n}: ${guest ? t.guest : t.ept_side} ${item.data.level} ${item.data.value}`;
  return el("td", { class: `cell ${guest ? "guest" : "ept"}${current ? " current" : ""}`, title: label },
    el("span", { class: "order", text: String(item.data.n) }), " ",
    el("span", { class: "kind", text: guest ? t.guest : t.ept_side }));
}
