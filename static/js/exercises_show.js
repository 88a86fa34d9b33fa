// What a problem shows besides its sentence (the page tables of a translation, the P2M runs, the
// start-of-day layout, registers) and its worked answer: the steps, and a view drawn by the lab's
// own code where there is one (the memory lab's walk table and 2D grid), else a table.
import { $, el } from "./dom.js";

const words = (value, lang) => (value && typeof value === "object" ? value[lang] || value.en : String(value ?? "—"));

export function table(columns, rows, lang, highlight = null, caption = null) {
  const head = el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { scope: "col", text: words(c, lang) }))));
  const body = el("tbody", {}, ...rows.map((row, i) => el("tr", { class: i === highlight ? "hot" : null },
    ...row.map((cell) => el("td", { text: words(cell, lang) })))));
  return el("table", { class: "ex-table" }, caption ? el("caption", { text: caption }) : null, head, body);
}

function frames(memory, label, t, lang) {
  return Object.entries(memory).map(([frame, entries]) => {
    const used = entries.map((entry, index) => [String(index), entry]).filter(([, entry]) => entry !== "0x0");
    const name = `${label} 0x${Number(frame).toString(16)} (${t.entries})`;
    return table([t.index, t.entry], used, lang, null, name);
  });
}

function documentView(question, ex) {
  const { t, lang } = ex;
  const doc = question.document;
  const parts = [el("p", { class: "mono" }, `CR3 = ${doc.root}`, doc.ept ? ` · EPTP = ${doc.ept.root}` : "")];
  parts.push(el("div", { class: "ex-frames" }, ...frames(doc.memory, t.memory_frames, t, lang)));
  if (doc.ept) parts.push(el("div", { class: "ex-frames" }, ...frames(doc.ept.memory, t.ept_frames, t, lang)));
  if (question.p2m) parts.push(table(["PFN", "MFN"], question.p2m.map((r) => [r.pfn, r.mfn]), lang, null, t.p2m));
  return parts;
}

function dataView(data, ex) {
  const { t, lang } = ex;
  const parts = [];
  if (data.registers) parts.push(el("p", { class: "mono" }, Object.entries(data.registers).map(([k, v]) => `${k.toUpperCase()} = ${v}`).join(" · ")));
  if (data.virt_base) parts.push(el("p", { class: "mono" }, `${t.virt_base} = ${data.virt_base}`,
    data.first_pfn !== undefined ? ` · ${t.first_pfn} = ${data.first_pfn}` : ""));
  if (data.runs) {
    parts.push(el("div", { class: "ex-scroll" }, table([t.first_pfn, t.first_mfn, t.count],
      data.runs.map((r) => r.map(String)), lang, null, t.runs)));
  }
  if (data.layout) {
    const keys = ["pfn", "pages", "vstart"].filter((k) => data.layout[0]?.[k] !== undefined);
    const heads = { pfn: t.first_pfn, pages: t.pages, vstart: t.vstart };
    parts.push(table([t.segment, ...keys.map((k) => heads[k])],
      data.layout.map((row) => [row.label, ...keys.map((k) => String(row[k]))]), lang, null, t.layout));
  }
  return parts;
}

export function showData(box, question, ex) {
  const parts = question.document ? documentView(question, ex) : dataView(question.data || {}, ex);
  box.replaceChildren(...parts);
}

function answerText(answer, question, ex) {
  if (Array.isArray(answer)) {
    const labels = Object.fromEntries((question.form.items || []).map((i) => [i.value, words(i.label, ex.lang)]));
    return answer.map((value, i) => `${i + 1}. ${labels[value] || value}`).join("  ");
  }
  if (answer && typeof answer === "object") {
    if (answer.pa) return answer.pa;
    if (answer.fault) return `${ex.t.faults[answer.fault.kind] || answer.fault.kind} · ${answer.fault.level || "—"} · ${ex.t.reasons[answer.fault.reason] || answer.fault.reason}`;
    return `${answer.state} ${answer.flags || ""}`.trim();
  }
  const choice = (question.form.choices || []).find((c) => c.value === answer);
  return choice ? words(choice.label, ex.lang) : String(answer);
}

async function walkView(view, ex) {
  const memory = await import("./views/memory.js");
  const t = ex.ctx.config.extra.t;
  const lang = ex.lang;
  const head = ["#", t.side, t.level, t.table_base, t.index, t.entry_address, t.entry, t.flags];
  const walk = el("table", { class: "walk ex-walk" },
    el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...memory.walkRows(view.items, view.items.length, t, lang, true)));
  const parts = [el("div", { class: "walk-scroll ex-walk-scroll" }, walk)];
  if (view.items.some((i) => i.kind === "mem.read_ept")) {
    const caption = el("figcaption", { id: "ex-grid-title", text: t.grid_title });
    parts.unshift(el("figure", { class: "grid2d" }, caption, memory.gridTable(view.items, t, "ex-grid-title")));
  }
  return parts;
}

export async function showWorked(ex, worked) {
  const view = worked.view || {};
  const parts = [el("p", { class: "ex-answer-line" }, el("strong", { text: `${ex.t.answer_is} ` }),
    answerText(worked.answer, ex.question, ex))];
  if (view.type === "walk" && ex.ctx.config.extra?.t?.grid_title) parts.push(...await walkView(view, ex));
  if (view.type === "table") parts.push(table(view.columns, view.rows, ex.lang, view.highlight));
  $("ex-worked-view").replaceChildren(...parts);
  $("ex-worked-steps").replaceChildren(...worked.steps.map((step) => el("li", { text: words(step, ex.lang) })));
}
