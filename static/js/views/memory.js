// The memory lab: the address split, the walk one reference per step (A/D bits flipping),
// the outcome, the 2D grid under EPT, counters per mode (Plotly), trace, P2M picture. walkRows and
// gridTable also draw the exercises' worked walks (static/js/exercises_worked.js).
// Everything is drawn from ctx.state.memory (the snapshot); actions go through ctx.send.

const MODES = ["native", "pv", "shadow", "ept"];
const MODE_COLOURS = { native: "#444444", pv: "#E69F00", shadow: "#CC79A7", ept: "#56B4E9" };
const FLAGS = [["P", 0n], ["RW", 1n], ["US", 2n], ["PWT", 3n], ["PCD", 4n], ["A", 5n], ["D", 6n],
  ["PS", 7n], ["G", 8n], ["NX", 63n]];
const EPT_FLAGS = [["R", 0n], ["W", 1n], ["X", 2n], ["PS", 7n]];
const FIELD_CLASS = { sign: "f-sign", PML4: "f-pml4", PDPT: "f-pdpt", PD: "f-pd", PT: "f-pt",
  offset: "f-offset", VPN: "f-vpn" };
const READS = new Set(["mem.read", "mem.read_guest", "mem.read_ept", "mem.read_soft",
  "mem.read_shadow", "mem.read_ostep"]);
const OUTCOMES = new Set(["mem.tlb_hit", "mem.translated", "mem.translated_2d",
  "mem.translated_ostep", "fault.pf", "fault.gp", "fault.injected", "fault.ostep",
  "exit.ept_violation", "exit.ept_misconfig", "exit.mmio", "mem.shadow_emulate", "mem.walk_error", "mem.shadow_full"]);

const $ = (id) => document.getElementById(id);
let lastCharts = "";
let lastWalkKey = "";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function fmt(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
}

function levelClass(level) {
  const name = String(level || "").replace(/^EPT /, "").toLowerCase();
  return ["pml4", "pdpt", "pd", "pt"].includes(name) ? `l-${name}` : "l-other";
}

function bits(hex, table, changed = 0n) {
  const span = el("span", { class: "bits" });
  let value = 0n;
  try { value = BigInt(hex); } catch { return span; }
  for (const [name, bit] of table) {
    const on = (value >> bit) & 1n;
    const flip = (changed >> bit) & 1n;
    span.append(el("span", { class: `bit ${on ? "on" : "off"}${flip ? " flip" : ""}`, title: `${name}=${on}` },
      name, el("span", { class: "visually-hidden", text: `=${on}` })));
  }
  return span;
}

// --- actions ----------------------------------------------------------------------------------
function act(ctx, action, args = {}) {
  ctx.send("action", { action, args });
}

export function init(ctx) {
  const t = ctx.config.extra.t;
  $("mode-switch").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-mode]");
    if (button) act(ctx, "set_mode", { mode: button.dataset.mode });
  });
  $("access-form").addEventListener("submit", (e) => {
    e.preventDefault();
    act(ctx, "access", { va: $("access-va").value.trim(), access: $("access-kind").value,
      user: $("access-user").checked });
  });
  $("finish").addEventListener("click", () => {
    const left = ctx.state.memory?.activity?.left || 1;
    ctx.send("step", { count: left });
  });
  $("run-trace").addEventListener("click", () => act(ctx, "run_trace"));
  $("compare").addEventListener("click", () => act(ctx, "compare"));
  $("write-cr3").addEventListener("click", () => act(ctx, "write_cr3"));
  $("invlpg-form").addEventListener("submit", (e) => {
    e.preventDefault();
    act(ctx, "invlpg", { va: $("invlpg-va").value.trim() });
  });
  $("pte-form").addEventListener("submit", (e) => {
    e.preventDefault();
    act(ctx, "write_pte", { va: $("pte-va").value.trim(), pfn: $("pte-pfn").value.trim(),
      flags: $("pte-flags").value.trim() });
  });
  $("mmu-form").addEventListener("submit", (e) => {
    e.preventDefault();
    act(ctx, "mmu_update", { ptr: $("mmu-ptr").value.trim(), val: $("mmu-val").value.trim() });
  });
  $("suggestions").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-ptr]");
    if (!button) return;
    $("mmu-ptr").value = button.dataset.ptr;
    $("mmu-val").value = button.dataset.val;
    $("mmu-send").focus();
  });
  $("trace-list").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-va]");
    if (!button) return;
    $("access-va").value = button.dataset.va;
    $("access-kind").value = button.dataset.access;
    $("access-user").checked = button.dataset.user === "true";
    $("access-go").focus();
  });
  $("suggestions").addEventListener("click", (e) => {
    const guess = e.target.closest("button[data-guess]");
    if (guess) guessed(ctx, guess.closest("li").dataset.id, guess.dataset.guess);
  });
  $("import-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const output = $("import-error");
    output.textContent = "";
    const text = $("import-text").value;
    if (!/^\s*PDBR:/m.test(text) && !text.includes("Page Table (from entry 0")) {
      output.textContent = t.import_not_ostep;  // the common mistake, answered at once
      return;
    }
    const response = await fetch("/api/v1/memory/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) window.location.assign(`${body.url}?lang=${ctx.config.lang}`);
    else output.textContent = body.error?.message || String(response.status);
  });
  ctx.keys.v = () => $("access-va").focus();
  $("grid-title").textContent = t.grid_title;
}

// --- drawing ------------------------------------------------------------------------------------
export function render(ctx, events) {
  const m = ctx.state.memory;
  if (!m) return;
  const t = ctx.config.extra.t;
  renderModes(m, t);
  renderRegisters(m);
  renderRequest(m, t, ctx.config.lang);
  renderSplit(m, t);
  renderWalk(m, t, ctx.config.lang, ctx.reduceMotion);
  renderGrid(m, t);
  renderOutcome(m, t);
  renderCharts(m, t);
  renderTrace(m);
  renderSuggestions(m, t, ctx.config.lang);
  renderP2M(ctx.state, m, t);
}

function renderModes(m, t) {
  for (const button of document.querySelectorAll("#mode-switch button[data-mode]")) {
    const mode = button.dataset.mode;
    button.setAttribute("aria-pressed", String(m.mode === mode));
    const unavailable = mode !== "native" && !m.virtualizable;
    if (unavailable) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  }
  const busy = m.activity.busy;
  $("finish").hidden = !busy || m.activity.left <= 0;
  $("busy").textContent = busy ? fmt(t.busy, { left: m.activity.left }) : "";
  const pv = m.mode === "pv";
  $("mmu-send").setAttribute("aria-disabled", String(!pv));
}

function renderRegisters(m) {
  const box = $("registers");
  const rows = Object.entries(m.registers).map(([name, value]) =>
    el("div", {}, el("dt", { text: name.toUpperCase().replace("_", " ") }), el("dd", { text: value })));
  box.replaceChildren(...rows);
}

function renderRequest(m, t, lang) {
  const box = $("request");
  const request = m.walk.request;
  if (!request) { box.textContent = t.no_walk; return; }
  const who = request.user ? t.user_mode : t.kernel_mode;
  box.replaceChildren(el("code", { text: request.va }), ` · ${t[`acc_${request.access}`]} · ${who} · ${t[m.mode]}`);
  if (m.activity.busy && m.trace.position !== null && m.trace.position !== undefined) {
    box.append(" · ", el("span", { class: "busy-note",
      text: fmt(t.trace_at, { n: m.trace.position + 1, total: m.trace.length }) }));
  }
  void lang;
}

function currentItem(m) {
  const position = m.walk.position;
  return position > 0 ? m.walk.items[position - 1] : null;
}

function renderSplit(m, t) {
  const box = $("va-split");
  const current = currentItem(m);
  const reading = current && READS.has(current.kind) && current.stage !== "ept" ? current.level : null;
  box.replaceChildren(...m.walk.fields.map((field) => {
    const label = field.name === "sign" ? t.sign : field.name === "offset" ? t.offset : field.name;
    const value = typeof field.value === "number" ? field.value : field.value;
    return el("div", { class: `field ${FIELD_CLASS[field.name] || "f-offset"}${reading === field.name ? " current" : ""}`,
      "aria-label": `${label} ${field.hi}:${field.lo} = ${value}` },
    el("span", { class: "fname", text: label }),
    el("span", { class: "fbits", text: field.bits }),
    el("span", { class: "fmeta", text: `${field.hi}:${field.lo} = ${value}` }));
  }));
}

function stageTag(stage, t) {
  const names = { guest: t.guest, ept: t.ept_side, native: t.hardware, shadow: t.shadow_side,
    xen: t.xen, tlb: t.tlb, check: t.check, hypercall: t.hypercall };
  return el("span", { class: `tag s-${stage}`, text: names[stage] || stage });
}

function renderWalk(m, t, lang, reduceMotion) {
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

// The walk table's rows for the first `position` items (the exercises' worked answers too).
export function walkRows(items, position, t, lang, reduceMotion) {
  // the latest value of every entry, after the write-backs applied so far
  const latest = new Map();
  let flipped = null;
  items.slice(0, position).forEach((item, index) => {
    if (item.kind === "mem.write_back" || item.kind === "mem.write_back_soft") {
      latest.set(`${item.stage}|${item.data.address}`, item.data.new);
      if (index === position - 1) flipped = item;
    }
  });
  return items.slice(0, position).map((item, index) => {
    const current = index === position - 1;
    const row = el("tr", { class: current ? "current" : null, "data-kind": item.kind });
    row.append(el("td", { text: String(item.n) }), el("td", {}, stageTag(item.stage, t)));
    if (READS.has(item.kind)) {
      const d = item.data;
      const newer = latest.get(`${item.stage}|${d.address}`);
      const value = newer || d.value;
      let changed = 0n;
      if (newer && flipped && flipped.data.address === d.address && !reduceMotion) {
        changed = BigInt(newer) ^ BigInt(d.value);
      }
      const table = item.kind === "mem.read_ept" ? EPT_FLAGS : FLAGS;
      row.append(
        el("td", {}, el("span", { class: `lvl ${levelClass(d.level)}`, text: d.level })),
        el("td", { text: d.base }),
        el("td", {}, el("span", { class: `idx ${levelClass(d.level)}`, text: String(d.index) })),
        el("td", {}, d.address, d.gpa && item.kind === "mem.read_guest"
          ? el("small", { class: "gpa", text: ` g ${d.gpa}` }) : null),
        el("td", { class: newer && newer !== d.value ? "changed" : null, text: value }),
        el("td", {}, item.kind === "mem.read_ostep" ? document.createTextNode(d.flags) : bits(value, table, changed)));
    } else {
      row.append(el("td", { class: "text", colspan: "6", text: item.text[lang] || item.text.en }));
    }
    return row;
  });
}

function renderGrid(m, t) {
  const figure = $("grid2d");
  const items = m.walk.items.slice(0, m.walk.position);
  const show = m.mode === "ept" && m.walk.items.some((i) => i.kind === "mem.read_ept");
  figure.hidden = !show;
  if (!show) return;
  $("grid2d-cells").replaceChildren(gridTable(items, t, "grid-title"));
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
    grid[r].forEach((item) => {
      if (!item) { row.append(el("td", { class: "cell", text: "" })); return; }
      const guest = item.kind === "mem.read_guest";
      const label = `${t.order} ${item.data.n}: ${guest ? t.guest : t.ept_side} ${item.data.level} ${item.data.value}`;
      row.append(el("td", { class: `cell ${guest ? "guest" : "ept"}${item === last ? " current" : ""}`, title: label },
        el("span", { class: "order", text: String(item.data.n) }), " ",
        el("span", { class: "kind", text: guest ? t.guest : t.ept_side })));
    });
    body.append(row);
  });
  table.append(body);
  return table;
}

function renderOutcome(m, t) {
  const box = $("outcome");
  const applied = m.walk.items.slice(0, m.walk.position);
  const found = [...applied].reverse().find((item) => OUTCOMES.has(item.kind));
  box.className = "outcome";
  if (!m.walk.request) { box.replaceChildren(); return; }
  if (!found) {
    box.replaceChildren(el("span", { text: `${t.walking} ${t.step} ${m.walk.position} / ${m.walk.items.length}` }));
    return;
  }
  const d = found.data;
  const parts = [];
  if (["mem.tlb_hit", "mem.translated", "mem.translated_ostep", "mem.shadow_emulate"].includes(found.kind)) {
    box.classList.add("ok");
    const label = m.mode === "native" || m.paging === "ostep" || m.paging === "linear" ? t.translated_to : t.machine_address;
    parts.push(`${label}: `, el("span", { class: "big", text: d.pa || found.address || "" }));
    if (d.value !== undefined && d.value !== null) parts.push(` · ${t.value} ${d.value}`);
    if (found.kind === "mem.tlb_hit") parts.push(` (${t.tlb_hits})`);
  } else if (found.kind === "mem.translated_2d") {
    box.classList.add("ok");
    parts.push(`${t.guest_physical} `, el("code", { text: d.gpa }), ` → ${t.host_physical}: `, el("span", { class: "big", text: d.hpa }));
  } else if (found.kind === "fault.pf" || found.kind === "fault.injected") {
    box.classList.add("fault");
    parts.push(el("strong", { text: t.page_fault }), ` · ${t.cr2} `, el("code", { text: d.cr2 }),
      ` · ${t.error_code} `, el("code", { text: d.error_code }));
    const code = el("span", { class: "ecode" });
    for (const [name, key] of [["P", "p"], ["W/R", "wr"], ["U/S", "us"], ["RSVD", "rsvd"], ["I/D", "id"]]) {
      code.append(el("span", { class: `bit ${d[key] ? "on" : "off"}`, title: `${name}=${d[key]}` }, `${name}=${d[key]}`));
    }
    parts.push(code);
  } else if (found.kind === "fault.gp") {
    box.classList.add("fault");
    parts.push(el("strong", { text: t.general_protection }), " · ", el("code", { text: d.va }));
  } else if (found.kind === "exit.ept_violation" || found.kind === "exit.ept_misconfig") {
    box.classList.add("fault");
    parts.push(el("strong", { text: found.kind === "exit.ept_misconfig" ? t.ept_misconfig : t.ept_violation }), ` · ${t.guest_physical} `, el("code", { text: d.gpa }), ` · ${d.level}`);
  } else if (found.kind === "exit.mmio") {
    box.classList.add("fault");
    parts.push(el("strong", { text: t.mmio }), " · ", el("code", { text: d.gpa }));
  } else if (found.kind === "fault.ostep") {
    box.classList.add("fault");
    parts.push(el("strong", { text: t.invalid }), ` · VPN ${d.vpn} (${d.level})`);
  } else {
    box.classList.add("fault");
    parts.push(found.kind);
  }
  box.replaceChildren(...parts);
}

function renderCharts(m, t) {
  const source = Object.keys(m.comparison).length ? m.comparison : m.counters;
  const fromCompare = Object.keys(m.comparison).length > 0;
  const key = JSON.stringify([source, m.compare_skipped, fromCompare]);
  if (key === lastCharts) return;
  lastCharts = key;
  $("charts-source").textContent = `— ${fromCompare ? t.from_compare : t.from_session}`;
  const modes = MODES.filter((mode) => source[mode]);
  const names = modes.map((mode) => t[`short_${mode}`]);
  const lang = document.documentElement.lang;
  const summary = $("charts-summary");
  const lines = modes.map((mode) => {
    const c = source[mode];
    return el("li", { text: fmt(t.summary_mode, { mode: t[mode], refs: c.memory_references, hits: c.tlb_hits,
      misses: c.tlb_misses, exits: c.vm_exits, traps: c.traps, hypercalls: c.hypercalls, cycles: c.cycles }) });
  });
  for (const [mode, why] of Object.entries(m.compare_skipped || {})) {
    lines.push(el("li", { text: fmt(t.skipped, { mode: t[mode], why: why[lang] || why.en }) }));
  }
  summary.replaceChildren(...(lines.length ? lines : [el("li", { text: t.summary_none })]));
  if (!window.Plotly) return;
  const colours = modes.map((mode) => MODE_COLOURS[mode]);
  const base = (title, yTitle, extra = {}) => ({
    title: { text: wrap(title), font: { size: 13 } }, margin: { l: 56, r: 8, t: 48, b: 44 },
    font: { family: "system-ui, sans-serif", size: 11, color: "#111" },
    xaxis: { title: { text: t.axis_mode }, automargin: true },
    yaxis: { title: { text: yTitle }, rangemode: "tozero", automargin: true },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", uirevision: "memory", showlegend: false, ...extra,
  });
  const config = { displayModeBar: false, responsive: true };
  const bar = (field, target, yTitle) => window.Plotly.react(target, [{
    type: "bar", x: names, y: modes.map((mode) => source[mode][field]), marker: { color: colours, line: { color: "#111", width: 1 } },
    text: modes.map((mode) => String(source[mode][field])), textposition: "outside", cliponaxis: false,
    hoverinfo: "x+y",
  }], base(t[`chart_${field === "memory_references" ? "refs" : "cycles"}`], yTitle), config);
  bar("memory_references", "chart-refs", t.axis_refs);
  bar("cycles", "chart-cycles", t.axis_cycles);
  const legend = { showlegend: true, legend: { orientation: "v", x: 1.02, y: 1, font: { size: 10 } },
    barmode: "group", margin: { l: 56, r: 96, t: 48, b: 44 } };
  const grouped = (fields, target, title) => window.Plotly.react(target, fields.map(([field, pattern, colour]) => ({
    type: "bar", name: t[field], x: names, y: modes.map((mode) => source[mode][field]),
    marker: { color: colour, pattern: { shape: pattern }, line: { color: "#111", width: 1 } },
    text: modes.map((mode) => String(source[mode][field])), textposition: "outside", cliponaxis: false,
  })), base(title, t.axis_count, legend), config);
  grouped([["tlb_hits", "", "#009E73"], ["tlb_misses", "/", "#D55E00"]], "chart-tlb", t.chart_tlb);
  grouped([["vm_exits", "", "#0072B2"], ["traps", "x", "#E69F00"], ["hypercalls", ".", "#CC79A7"]], "chart-exits", t.chart_exits);
}

function wrap(title) {  // two lines for a long chart title, so narrow charts keep it whole
  if (title.length <= 30) return title;
  const middle = title.lastIndexOf(" ", Math.ceil(title.length / 2) + 4);
  return middle > 0 ? `${title.slice(0, middle)}<br>${title.slice(middle + 1)}` : title;
}

function renderTrace(m) {
  const list = $("trace-list");
  const key = `${m.trace.length}|${m.trace.position}|${m.trace.entries.length}`;
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...m.trace.entries.map((entry, index) => {
    const letter = { read: "R", write: "W", exec: "X" }[entry.access] + (entry.user ? "·U" : "·K");
    return el("li", { class: index === m.trace.position ? "now" : null },
      el("button", { type: "button", "data-va": entry.va, "data-access": entry.access, "data-user": String(entry.user) },
        entry.va, " ", el("span", { class: "acc", text: letter })));
  }));
}

// Each suggested update asks the learner to guess first; Xen's verdict shows only after a guess.
const guesses = new Map();  // suggestion id -> "accepted" | "refused"
function guessed(ctx, id, guess) {
  guesses.set(id, guess);
  $("suggestions").dataset.key = "";
  renderSuggestions(ctx.state.memory, ctx.config.extra.t, ctx.config.lang);
}

function renderSuggestions(m, t, lang) {
  const list = $("suggestions");
  const suggestions = m.pv?.suggestions || [];
  const key = JSON.stringify(suggestions.map((s) => [s.id, s.ptr, s.val])) + lang;
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...suggestions.map((s) => el("li", { "data-id": s.id },
    el("button", { type: "button", class: "ghost", "data-ptr": s.ptr, "data-val": s.val, "data-suggestion": s.id }, t.use),
    el("span", { text: s.label[lang] || s.label.en }), guessBox(s, t))));
}

function guessBox(s, t) {
  const guess = guesses.get(s.id);
  if (!guess) {
    return el("span", { class: "guess" }, `${t.guess} `,
      el("button", { type: "button", class: "ghost", "data-guess": "accepted" }, t.expect_accepted),
      el("button", { type: "button", class: "ghost", "data-guess": "refused" }, t.expect_refused));
  }
  const verdict = guess === s.expect ? `✓ ${t.right}` : `✗ ${t.wrong}`;
  return el("span", { class: `expect ${s.expect}` },
    `${verdict}: ${s.expect === "refused" ? t.expect_refused : t.expect_accepted}`);
}

function renderP2M(state, m, t) {
  const svg = $("p2m-picture");
  const p2m = m.p2m;
  const key = JSON.stringify([p2m?.runs, p2m?.used]);
  if (svg.dataset.key === key) return;
  svg.dataset.key = key;
  const ns = "http://www.w3.org/2000/svg";
  const node = (tag, attrs, text) => {
    const item = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) item.setAttribute(k, v);
    if (text !== undefined) item.textContent = text;
    return item;
  };
  svg.replaceChildren();
  $("p2m-caption").textContent = p2m ? t.p2m_caption : "";
  if (!p2m || !p2m.runs.length) return;
  const runs = p2m.runs.map(([pfn, mfn, count]) => [parseInt(pfn, 16), parseInt(mfn, 16), count]);
  const pages = p2m.nr_pages || 1;
  let low = Math.min(...runs.map((r) => r[1]));
  let high = Math.max(...runs.map((r) => r[1] + r[2]));
  const margin = Math.max(16, Math.round((high - low) * 0.08));
  low = Math.max(0, low - margin);
  high += margin;
  const top = 22, height = 130, leftX = 16, rightX = 300, width = 34;
  const yl = (pfn) => top + (height * pfn) / pages;
  const yr = (mfn) => top + (height * (mfn - low)) / (high - low);
  svg.append(node("text", { x: 2, y: 12 }, t.pseudo_physical));
  svg.append(node("text", { x: 358, y: 12, "text-anchor": "end" }, t.machine_frames));
  svg.append(node("rect", { x: leftX, y: top, width, height, class: "bar" }));
  svg.append(node("rect", { x: rightX, y: top, width, height, class: "bar" }));
  const host = state.hosts?.[0]?.memory;
  for (const [start, count, owner] of host?.runs || []) {
    if (start + count < low || start > high) continue;
    const a = Math.max(start, low), b = Math.min(start + count, high);
    const fill = owner === "free" ? "#ffffff" : owner === "xen" ? "#999999" : owner === `d${m.domain.id}` ? "#E69F00" : "#56B4E9";
    svg.append(node("rect", { x: rightX, y: yr(a), width, height: Math.max(0.5, yr(b) - yr(a)), fill, stroke: "none" },
    ));
  }
  for (const [pfn, mfn, count] of runs) {
    const points = [[leftX + width, yl(pfn)], [rightX, yr(mfn)], [rightX, yr(mfn + count)], [leftX + width, yl(pfn + count)]];
    svg.append(node("polygon", { points: points.map((p) => p.join(",")).join(" "), class: "band" }));
    svg.append(node("rect", { x: leftX, y: yl(pfn), width, height: Math.max(0.5, yl(pfn + count) - yl(pfn)), class: "run" }));
  }
  for (const row of p2m.used) {
    if (!row.mfn) continue;
    const pfn = parseInt(row.pfn, 16), mfn = parseInt(row.mfn, 16);
    svg.append(node("line", { x1: leftX - 6, x2: leftX + width, y1: yl(pfn), y2: yl(pfn), class: "used" }));
    svg.append(node("line", { x1: rightX, x2: rightX + width + 6, y1: yr(mfn), y2: yr(mfn), class: "used" }));
  }
  svg.append(node("text", { x: leftX, y: top + height + 12 }, `PFN 0 … ${(pages - 1).toString(16)}`));
  svg.append(node("text", { x: 358, y: top + height + 12, "text-anchor": "end" },
    `MFN ${low.toString(16)} … ${high.toString(16)}`));
}

export function panelsChanged() {}
