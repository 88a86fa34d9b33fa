// The boot lab: the two pipelines, the memory view (a domain's pseudo-physical frames over the
// host's machine frames, both bucketed by the server and zoomable), the start-of-day region,
// start_info, vCPU0's registers and the firmware's e820 map (exercises: static/js/exercises.js).
import { ownerColour } from "./lifecycle_draw.js";

const SVG = "http://www.w3.org/2000/svg";
const GRID = { cols: 64, rows: 16, x: 0, y: 180, w: 640, h: 236 };
const STRIP = { cells: 64, x: 0, y: 22, w: 640, h: 30 };
const CELLS = GRID.cols * GRID.rows;
const SEGMENT_COLOURS = {
  kernel: "#0072B2", initrd: "#56B4E9", p2m: "#E69F00", start_info: "#F0E442",
  xenstore: "#009E73", console: "#CC79A7", pagetables: "#D55E00", stack: "#000000",
};
const BUSY_KINDS = ["build", "create", "restart", "restore", "build_dom0"];

const view = {
  selected: null, pinned: false, pendingName: null,
  grid: null, strip: null, gridData: null, stripData: null,
  timer: null, generation: 0, seen: { segments: new Set(), fields: new Set() },
};

function el(tag, attrs = {}, text = "") {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}
function html(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== "") node.textContent = text;
  return node;
}
const hex = (n) => "0x" + Number(n).toString(16);
const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

function records(state) { return state.boot?.domains || []; }
function record(state) { return records(state).find((d) => d.name === view.selected) || null; }

// --- selection ------------------------------------------------------------------------------

function autoSelect(state) {
  const all = records(state);
  const has = (name) => all.some((d) => d.name === name);
  if (view.pendingName && has(view.pendingName)) {
    view.selected = view.pendingName;
    view.pendingName = null;
    return;
  }
  if (view.pinned && has(view.selected)) return;
  const busy = state.operations.find((op) => BUSY_KINDS.includes(op.kind) && op.domain && has(op.domain));
  if (busy) { view.selected = busy.domain; return; }
  if (has(view.selected)) return;
  const built = all.filter((d) => !d.prebuilt);
  view.selected = (built[built.length - 1] || all[all.length - 1] || {}).name || null;
}

function select(ctx, name, pinned = true) {
  view.selected = name;
  view.pinned = pinned;
  view.strip = null;
  render(ctx, []);
}

// --- init -----------------------------------------------------------------------------------

export function init(ctx) {
  const extra = ctx.config.extra;
  if (extra.selected) { view.selected = extra.selected; view.pinned = true; }
  document.getElementById("boot-domain").addEventListener("change", (e) => select(ctx, e.target.value));
  document.addEventListener("click", (e) => {
    const pick = e.target.closest("button.pick-domain");
    if (pick) select(ctx, pick.dataset.domain);
  });
  const form = document.getElementById("build-form");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const action = e.submitter?.dataset.action || "build";
    const args = { name: data.get("name"), memory_mb: Number(data.get("memory_mb")),
      vcpus: Number(data.get("vcpus")), cmdline: data.get("cmdline"),
      ...(data.get("kernel") ? { kernel: data.get("kernel") } : {}) };
    view.pinned = false;
    view.pendingName = args.name;
    ctx.send("action", { action, args });
  });
  document.querySelectorAll("button.boot-action").forEach((button) => {
    button.addEventListener("click", () => ctx.send("action", { action: button.dataset.action }));
  });
  document.querySelectorAll("[data-strip]").forEach((button) => {
    button.addEventListener("click", () => zoomStrip(ctx, button.dataset.strip));
  });
  document.querySelectorAll("[data-grid]").forEach((button) => {
    button.addEventListener("click", () => zoomGrid(ctx, button.dataset.grid));
  });
  const svg = document.getElementById("memview");
  svg.addEventListener("mousemove", (e) => hover(ctx, e));
  svg.addEventListener("mouseleave", () => hideHover());
  svg.addEventListener("click", (e) => clickSvg(ctx, e));
  document.querySelectorAll("#xen-chips .chip").forEach((chip) => {
    const pair = () => document.querySelector(`#native-chips [data-chip="${chip.dataset.counterpart}"]`);
    for (const on of ["mouseenter", "focus"]) chip.addEventListener(on, () => pair()?.classList.add("paired"));
    for (const off of ["mouseleave", "blur"]) chip.addEventListener(off, () => pair()?.classList.remove("paired"));
  });
}

// --- render ---------------------------------------------------------------------------------

export function render(ctx, events) {
  const state = ctx.state;
  autoSelect(state);
  renderPicker(ctx, state);
  const dom = record(state);
  renderFailure(ctx, state);
  renderNative(ctx, state.boot?.native);
  renderXen(ctx, view.pinned || !view.pendingName ? dom : null);
  renderLayout(ctx, dom);
  renderStartInfo(ctx, dom);
  renderRegisters(ctx, dom);
  renderE820(ctx, state.boot?.native);
  scheduleFetch(ctx, events.length > 0);
}

function renderPicker(ctx, state) {
  const picker = document.getElementById("boot-domain");
  const names = records(state).map((d) => `${d.name}|${d.id}`).join(",");
  if (picker.dataset.names !== names) {
    picker.dataset.names = names;
    picker.replaceChildren(...records(state).map((d) => {
      const option = html("option", "", `${d.name} (d${d.id})`);
      option.value = d.name;
      return option;
    }));
  }
  if (view.selected) picker.value = view.selected;
  const dom = record(state);
  const t = ctx.config.extra.t;
  document.getElementById("boot-origin").textContent = !dom ? t.no_domain
    : dom.prebuilt ? t.prebuilt : dom.origin === "restore" ? t.restored
    : fmt(t.steps_done, { done: dom.steps.length });
  document.querySelectorAll("a.view-link").forEach((link) => {
    const url = new URL(link.href, window.location.href);
    if (view.selected) url.searchParams.set("domain", view.selected);
    link.href = url.pathname + url.search;
  });
}

function renderFailure(ctx, state) {
  const box = document.getElementById("boot-failure");
  const failure = state.boot?.failure;
  box.hidden = !failure;
  if (failure) box.textContent = `${ctx.config.extra.t.failed} ${failure.message[ctx.config.lang] || failure.message.en}`;
}

function markChips(list, current, doneAll, t) {
  const chips = [...document.querySelectorAll(`${list} .chip`)];
  const index = chips.findIndex((chip) => chip.dataset.chip === current);
  chips.forEach((chip, i) => {
    const done = index >= 0 && (i < index || (doneAll && i === index));
    const now = i === index && !doneAll;
    const changed = now && !chip.classList.contains("current");
    chip.classList.toggle("done", done);
    chip.classList.toggle("current", now);
    chip.querySelector(".mark").textContent = done ? "✓" : now ? "▶" : "";
    chip.querySelector(".chip-state").textContent = done ? t.done : now ? t.now : t.pending;
    if (now) chip.setAttribute("aria-current", "step"); else chip.removeAttribute("aria-current");
    if (changed) flash(chip);
  });
}

function renderNative(ctx, native) {
  const t = ctx.config.extra.t;
  if (!native) return;
  document.querySelectorAll("#native-chips .chip-name").forEach((name) => {
    name.textContent = native.profile === "xen" ? name.dataset.xen : name.dataset.linux;
  });
  const last = native.steps[native.steps.length - 1];
  markChips("#native-chips", last ? native.stage : null, native.finished, t);
  document.getElementById("native-info").textContent = native.steps.length
    ? `${native.firmware}, ${native.memory_mb} MiB, ${native.cpus} CPU — ${last}`
    : `${native.firmware}, ${native.memory_mb} MiB — ${t.native_off}`;
}

function renderXen(ctx, dom) {
  const t = ctx.config.extra.t;
  const last = dom?.steps[dom.steps.length - 1];
  // xl has parsed the configuration but the domain does not exist yet: the first stage
  const parsing = !dom && ctx.state.operations.find((op) => BUSY_KINDS.includes(op.kind) && op.domain);
  markChips("#xen-chips", dom ? dom.stage : parsing ? "domain" : null, last === "guest:init", t);
  document.getElementById("xen-info").textContent = dom ? `${dom.name} (d${dom.id}) — ${last || ""}`
    : parsing ? `${parsing.domain} — xl create` : "";
}

function flash(node) {
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
  node.classList.remove("flash");
  void node.getBoundingClientRect();
  node.classList.add("flash");
}

// --- start-of-day region --------------------------------------------------------------------

function renderLayout(ctx, dom) {
  const t = ctx.config.extra.t;
  const list = document.getElementById("layout");
  const info = document.getElementById("layout-info");
  const layout = dom?.layout;
  if (!layout) {
    list.replaceChildren();
    info.textContent = dom ? t.no_layout : t.no_domain;
    return;
  }
  info.textContent = `${layout.virt_base} – ${layout.virt_end} · ${layout.region_pages} ${t.frames}`
    + (layout.too_small ? ` · ${fmt(t.too_small, { element: t["segment_" + layout.too_small] || layout.too_small })}` : "");
  const region = layout.segments.filter((seg) => (seg.where || "region") === "region");
  const rows = outsideRows(layout, dom, t);
  const lastSeg = region[region.length - 1];
  rows.push(stackRow("padding", t.padding, lastSeg.vend,
    `${(BigInt(layout.virt_end) - BigInt(lastSeg.vend)) / 1024n} KiB → ${layout.virt_end}`, true, false));
  for (const seg of [...region].reverse()) {
    const detail = `PFN ${hex(seg.pfn)}–${hex(seg.pfn + seg.pages - 1)} · ${seg.pages} p`
      + (seg.placed && seg.first_mfn !== null ? ` · MFN ${hex(seg.first_mfn)}…` : "");
    const row = stackRow(seg.name, t["segment_" + seg.name] || seg.name, seg.vstart,
      detail, seg.placed, !seg.writable, t);
    if (seg.placed && !view.seen.segments.has(`${dom.id}:${seg.name}`)) {
      view.seen.segments.add(`${dom.id}:${seg.name}`);
      flash(row);
    }
    rows.push(row);
  }
  const first = layout.segments[0];
  rows.push(stackRow("ram", t.segment_ram, layout.virt_base, `PFN 0x0–${hex(first.pfn - 1)}`,
    true, false));
  list.replaceChildren(...rows);
}

// A kernel with XEN_ELFNOTE_MOD_START_PFN and XEN_ELFNOTE_INIT_P2M: the initrd (not mapped)
// and the P2M list (mapped at p2m_base) follow the region; drawn above it, under a heading.
function outsideRows(layout, dom, t) {
  const outside = layout.segments.filter((seg) => seg.where && seg.where !== "region");
  if (!outside.length) return [];
  const rows = [html("li", "seg seg-heading", t.outside)];
  for (const seg of [...outside].reverse()) {
    const where = seg.where === "p2m_base" ? seg.vstart : `PFN ${hex(seg.pfn)}`;
    const detail = `PFN ${hex(seg.pfn)}–${hex(seg.pfn + seg.pages - 1)} · ${seg.pages} p · ${t[seg.where] || ""}`;
    const row = stackRow(seg.name, t["segment_" + seg.name] || seg.name, where, detail, seg.placed, false, t);
    row.classList.add("outside");
    if (seg.placed && !view.seen.segments.has(`${dom.id}:${seg.name}`)) {
      view.seen.segments.add(`${dom.id}:${seg.name}`);
      flash(row);
    }
    rows.push(row);
  }
  return rows;
}

function stackRow(kind, label, range, detail, placed, readOnly, t) {
  const li = html("li", `seg seg-${kind}${placed ? "" : " unplaced"}`);
  li.dataset.segment = kind;
  const swatch = html("span", "swatch");
  swatch.style.background = SEGMENT_COLOURS[kind] || "#ddd";
  const name = html("strong", "", label);
  const where = html("code", "va", range);
  li.append(swatch, name, " ", where);
  if (readOnly) li.append(" ", html("span", "tag ro", t.read_only));
  if (!placed && t) li.append(" ", html("em", "muted", t.not_placed));
  if (detail) li.append(html("span", "detail", detail));
  return li;
}

// --- start_info, registers, e820 ------------------------------------------------------------

function renderStartInfo(ctx, dom) {
  const t = ctx.config.extra.t;
  const meanings = ctx.config.extra.meanings;
  const body = document.querySelector("#start-info tbody");
  const rows = dom?.start_info || [];
  const filled = rows.filter((row) => row.filled).length;
  document.getElementById("si-count").textContent = dom ? `${filled}/${rows.length}` : "";
  body.replaceChildren(...rows.map((row) => {
    const tr = html("tr", row.filled ? "filled" : "unfilled");
    tr.dataset.field = row.field;
    const th = html("th");
    th.scope = "row";
    th.append(html("code", "", row.field), html("span", "meaning", meanings[row.field] || ""));
    let value = row.filled ? String(row.value) : t.unfilled;
    if (row.flags && row.flags.length) value += ` (${row.flags.join(" | ")})`;
    const td = html("td", "", "");
    td.append(html("code", "value", value));
    tr.append(th, td);
    const key = `${dom.id}:${row.field}`;
    if (row.filled && !view.seen.fields.has(key)) { view.seen.fields.add(key); flash(tr); }
    return tr;
  }));
}

function renderRegisters(ctx, dom) {
  const t = ctx.config.extra.t;
  const body = document.querySelector("#registers tbody");
  const regs = dom?.registers?.length ? dom.registers
    : ["rip", "rsp", "rsi", "rflags", "cr3"].map((name) => [name, t.unfilled]);
  body.replaceChildren(...regs.map(([name, value]) => {
    const tr = html("tr");
    tr.dataset.register = name;
    const th = html("th", "", name.toUpperCase());
    th.scope = "row";
    const td = html("td");
    td.append(html("code", "", value));
    tr.append(th, td);
    return tr;
  }));
  document.getElementById("vcpu-flags").textContent = dom?.vcpu_flags?.length ? `flags = ${dom.vcpu_flags.join(" | ")}` : "";
}

function renderE820(ctx, native) {
  const t = ctx.config.extra.t;
  const body = document.querySelector("#e820 tbody");
  body.replaceChildren(...(native?.e820 || []).map(([start, end, kind]) => {
    const tr = html("tr", `e820-${kind}`);
    for (const text of [start, end, t[`e820_${kind}`] || kind]) tr.append(html("td", "", text));
    return tr;
  }));
  const params = document.getElementById("boot-params");
  const entries = Object.entries(native?.boot_params || {});
  if (native?.memblock_mb) entries.push(["memblock (MiB)", native.memblock_mb]);
  params.replaceChildren(...entries.flatMap(([key, value]) => [html("dt", "", key), html("dd", "", String(value))]));
}

// --- the memory view ------------------------------------------------------------------------

function scheduleFetch(ctx, soon) {
  clearTimeout(view.timer);
  view.timer = setTimeout(() => fetchViews(ctx), soon ? 60 : 0);
}

async function fetchViews(ctx) {
  const api = ctx.config.extra.api;
  const generation = ++view.generation;
  const host = ctx.state.hosts[0].memory;
  const grid = view.grid || { first: 0, count: host.total_frames };
  const urls = [`${api.memory}?first=${grid.first}&count=${grid.count}&buckets=${CELLS}`];
  const dom = record(ctx.state);
  if (dom && dom.nr_pages > 0) {
    const strip = view.strip && view.strip.domain === dom.name ? view.strip : { domain: dom.name, first: 0, count: dom.nr_pages };
    strip.count = Math.min(strip.count, dom.nr_pages - strip.first) || dom.nr_pages;
    if (strip.first >= dom.nr_pages) { strip.first = 0; strip.count = dom.nr_pages; }
    view.strip = strip;
    urls.push(`${api.p2m}?domain=${encodeURIComponent(dom.name)}&first=${strip.first}&count=${strip.count}&buckets=${STRIP.cells}`);
  }
  try {
    const answers = await Promise.all(urls.map((url) => fetch(url).then((r) => (r.ok ? r.json() : null))));
    if (generation !== view.generation) return;
    view.gridData = answers[0];
    view.stripData = answers[1] || null;
    view.grid = view.gridData ? { first: view.gridData.first, count: view.gridData.count } : null;
    drawMemory(ctx);
  } catch { /* the next change fetches again */ }
}

function ownerRank(owners) {
  return Object.entries(owners).sort((a, b) => b[1] - a[1]);
}

function patternId(owner) { return `pat-${owner}`; }

function ensurePattern(owner) {
  const id = patternId(owner);
  if (document.getElementById(id)) return id;
  const defs = document.getElementById("patterns");
  const pattern = el("pattern", { id, width: 6, height: 6, patternUnits: "userSpaceOnUse" });
  if (owner === "free") {
    pattern.append(el("rect", { width: 6, height: 6, fill: "#ffffff" }),
      el("path", { d: "M0 6 L6 0", stroke: "#b0b0b0", "stroke-width": 1 }));
  } else if (owner === "xen") {
    pattern.append(el("rect", { width: 6, height: 6, fill: "#000000" }),
      el("path", { d: "M0 0 L6 6 M6 0 L0 6", stroke: "#ffffff", "stroke-width": 0.8 }));
  } else if (owner === "d0") {
    pattern.append(el("rect", { width: 6, height: 6, fill: ownerColour(owner) }),
      el("path", { d: "M0 3 L6 3", stroke: "#ffffff", "stroke-width": 1 }));
  } else {
    pattern.append(el("rect", { width: 6, height: 6, fill: ownerColour(owner) }),
      el("circle", { cx: 3, cy: 3, r: 1.1, fill: "#ffffff" }));
  }
  defs.append(pattern);
  return id;
}

function recentRanges(ctx) {
  const state = ctx.state;
  const out = [];
  const lab = state.boot?.recent;
  if (lab && lab.step === state.step) out.push(...lab.ranges);
  for (const dom of records(state)) {
    if (dom.recent.step === state.step) out.push(...dom.recent.ranges);
  }
  return out;
}

function drawMemory(ctx) {
  const t = ctx.config.extra.t;
  const data = view.gridData;
  const gridGroup = document.getElementById("grid");
  if (!data) return;
  const cw = GRID.w / GRID.cols;
  const ch = GRID.h / GRID.rows;
  const recent = recentRanges(ctx);
  const mine = view.selected ? `d${record(ctx.state)?.id}` : null;
  const cells = data.buckets.map(([first, count, owners], i) => {
    const ranked = ownerRank(owners);
    const x = (i % GRID.cols) * cw;
    const y = GRID.y + Math.floor(i / GRID.cols) * ch;
    const g = el("g", { class: "cell" });
    g.append(el("rect", { x, y, width: cw, height: ch, fill: `url(#${ensurePattern(ranked[0][0])})` }));
    if (ranked.length > 1) {
      g.append(el("rect", { x, y: y + ch - 3, width: cw, height: 3, fill: `url(#${ensurePattern(ranked[1][0])})`, class: "second" }));
    }
    if (mine && owners[mine]) g.classList.add("mine");
    if (recent.some(([start, n]) => start < first + count && start + n > first)) {
      g.classList.add("lit");
      if (!ctx.reduceMotion) g.classList.add("flash");
    }
    return g;
  });
  gridGroup.replaceChildren(...cells);
  document.getElementById("grid-range").textContent = fmt(t.range, {
    first: hex(data.first), last: hex(data.first + data.count - 1), per: data.frames_per_bucket });
  drawStrip(ctx);
  drawLegend(ctx, data);
}

function gridCellOf(mfn) {
  const data = view.gridData;
  if (!data || mfn < data.first || mfn >= data.first + data.count) return null;
  return Math.floor((mfn - data.first) / data.frames_per_bucket);
}

function cellCentre(index) {
  const cw = GRID.w / GRID.cols;
  const ch = GRID.h / GRID.rows;
  return [(index % GRID.cols) * cw + cw / 2, GRID.y + Math.floor(index / GRID.cols) * ch + ch / 2];
}

function drawStrip(ctx) {
  const t = ctx.config.extra.t;
  const group = document.getElementById("strip");
  const arrows = document.getElementById("arrows");
  const data = view.stripData;
  const dom = record(ctx.state);
  if (!data || !dom) {
    const why = dom ? `${dom.name} (d${dom.id}): ${t.not_populated}` : t.no_domain;
    group.replaceChildren(el("text", { x: 0, y: 14, class: "svg-label" }, why));
    arrows.replaceChildren();
    document.getElementById("strip-range").textContent = "";
    return;
  }
  const width = STRIP.w / Math.max(data.buckets.length, 1);
  const placed = new Set((dom.layout?.segments || []).filter((s) => s.placed).map((s) => s.name));
  const colour = ownerColour(`d${dom.id}`);
  const cells = [el("text", { x: 0, y: 14, class: "svg-label" }, `${dom.name} (d${dom.id})`)];
  const lines = [];
  data.buckets.forEach((bucket, i) => {
    const x = STRIP.x + i * width;
    const segment = bucket.segment && placed.has(bucket.segment) ? bucket.segment : null;
    const fill = !bucket.pieces.length ? "#ffffff" : segment ? SEGMENT_COLOURS[segment] : "#bdbdbd";
    cells.push(el("rect", { x, y: STRIP.y, width, height: STRIP.h, fill, class: "strip-cell" + (bucket.pieces.length ? "" : " empty") }));
    if (!bucket.pieces.length) return;
    const target = gridCellOf(bucket.pieces[0][1]);
    const [sx, sy] = [x + width / 2, STRIP.y + STRIP.h];
    let tx;
    let ty;
    let outside = false;
    if (target === null) {
      outside = true;
      tx = bucket.pieces[0][1] < view.gridData.first ? 2 : GRID.w - 2;
      ty = GRID.y - 2;
    } else {
      [tx, ty] = cellCentre(target);
    }
    lines.push(el("path", {
      d: `M${sx},${sy} C${sx},${sy + 60} ${tx},${ty - 70} ${tx},${ty}`,
      class: `p2m-arrow${outside ? " outside" : ""}`, stroke: colour, "data-i": i,
    }));
  });
  group.replaceChildren(...cells);
  arrows.replaceChildren(...lines);
  document.getElementById("strip-range").textContent = fmt(t.strip_range, {
    first: hex(data.first), last: hex(data.first + data.count - 1), total: data.nr_pages, per: data.frames_per_bucket });
}

function drawLegend(ctx, data) {
  const t = ctx.config.extra.t;
  const legend = document.getElementById("memlegend");
  const owners = ctx.state.hosts[0].memory.owners;
  const names = Object.fromEntries(ctx.state.domains.map((d) => [`d${d.id}`, d.name]));
  const rank = (owner) => (owner === "free" ? -2 : owner === "xen" ? -1 : Number(owner.slice(1)));
  const entries = Object.entries(owners).sort((a, b) => rank(a[0]) - rank(b[0]));
  legend.replaceChildren(...entries.map(([owner, frames]) => {
    const item = html("span", "legend-item");
    const swatch = el("svg", { width: 18, height: 12, "aria-hidden": "true" });
    swatch.append(el("rect", { width: 18, height: 12, fill: `url(#${ensurePattern(owner)})`, stroke: "#333" }));
    const label = owner === "free" ? t.free : owner === "xen" ? t.xen : `${owner} ${names[owner] || ""}`;
    item.append(swatch, ` ${label} ${Math.round(frames / 256)} MiB`);
    return item;
  }), html("span", "legend-item lit-key", `▢ ${t.recent}`));
}

// --- hover, click, zoom -----------------------------------------------------------------------

function svgPoint(e) {
  const svg = document.getElementById("memview");
  const point = svg.createSVGPoint();
  point.x = e.clientX;
  point.y = e.clientY;
  return point.matrixTransform(svg.getScreenCTM().inverse());
}

function gridIndexAt(p) {
  if (p.y < GRID.y || p.y >= GRID.y + GRID.h || p.x < 0 || p.x >= GRID.w) return null;
  const index = Math.floor((p.y - GRID.y) / (GRID.h / GRID.rows)) * GRID.cols + Math.floor(p.x / (GRID.w / GRID.cols));
  return view.gridData && index < view.gridData.buckets.length ? index : null;
}

function stripIndexAt(p) {
  const data = view.stripData;
  if (!data || p.y < STRIP.y || p.y >= STRIP.y + STRIP.h) return null;
  const index = Math.floor(p.x / (STRIP.w / data.buckets.length));
  return index >= 0 && index < data.buckets.length ? index : null;
}

function pfnOf(dom, mfn) {
  for (const [pfn, first, count] of dom?.p2m?.runs || []) {
    if (mfn >= first && mfn < first + count) return pfn + (mfn - first);
  }
  return null;
}

function hover(ctx, e) {
  const t = ctx.config.extra.t;
  const p = svgPoint(e);
  const info = document.getElementById("hover-info");
  const box = document.getElementById("hover-box");
  const dom = record(ctx.state);
  const strip = stripIndexAt(p);
  document.querySelectorAll(".p2m-arrow.hot").forEach((a) => a.classList.remove("hot"));
  if (strip !== null) {
    const bucket = view.stripData.buckets[strip];
    const width = STRIP.w / view.stripData.buckets.length;
    setBox(box, strip * width, STRIP.y, width, STRIP.h);
    document.querySelector(`.p2m-arrow[data-i="${strip}"]`)?.classList.add("hot");
    const pieces = bucket.pieces.map(([pfn, mfn, n]) => n === 1
      ? `${t.pfn} ${hex(pfn)} (${pfn}) ${t.maps_to} ${t.mfn} ${hex(mfn)} (${mfn})`
      : `PFN ${hex(pfn)}–${hex(pfn + n - 1)} ${t.maps_to} MFN ${hex(mfn)}–${hex(mfn + n - 1)}`);
    const segment = bucket.segment ? ` [${t["segment_" + bucket.segment] || bucket.segment}]` : "";
    info.textContent = pieces.length
      ? pieces.join(" · ") + (bucket.more ? ` · +${bucket.more} ${t.more_runs}` : "") + segment
      : `PFN ${hex(bucket.first)}: ${t.not_populated}`;
    return;
  }
  const index = gridIndexAt(p);
  if (index === null) { hideHover(); return; }
  const [first, count, owners] = view.gridData.buckets[index];
  const cw = GRID.w / GRID.cols;
  const ch = GRID.h / GRID.rows;
  setBox(box, (index % GRID.cols) * cw, GRID.y + Math.floor(index / GRID.cols) * ch, cw, ch);
  const who = ownerRank(owners).map(([owner, n]) => `${owner} ${n}`).join(", ");
  let text = count === 1 ? `${t.mfn} ${hex(first)} (${first}): ${who}`
    : `MFN ${hex(first)}–${hex(first + count - 1)}: ${who}`;
  const pfn = dom && owners[`d${dom.id}`] ? pfnOf(dom, first) : null;
  if (pfn !== null && count === 1) text += ` = ${t.pfn} ${hex(pfn)} (${pfn}) ${dom.name}`;
  info.textContent = text;
}

function setBox(box, x, y, w, h) {
  box.setAttribute("x", x);
  box.setAttribute("y", y);
  box.setAttribute("width", w);
  box.setAttribute("height", h);
}

function hideHover() {
  setBox(document.getElementById("hover-box"), 0, 0, 0, 0);
}

function clickSvg(ctx, e) {
  const p = svgPoint(e);
  const strip = stripIndexAt(p);
  if (strip !== null) {
    const bucket = view.stripData.buckets[strip];
    zoomTo(ctx, "strip", bucket.first + bucket.count / 2, Math.max(STRIP.cells, Math.ceil(view.stripData.count / 8)));
    return;
  }
  const index = gridIndexAt(p);
  if (index !== null) {
    const [first, count] = view.gridData.buckets[index];
    zoomTo(ctx, "grid", first + count / 2, Math.max(CELLS, Math.ceil(view.gridData.count / 16)));
  }
}

function zoomTo(ctx, which, centre, count) {
  const total = which === "grid" ? ctx.state.hosts[0].memory.total_frames : record(ctx.state)?.nr_pages || 1;
  count = Math.min(total, Math.max(1, Math.round(count)));
  const first = Math.max(0, Math.min(total - count, Math.round(centre - count / 2)));
  if (which === "grid") view.grid = { first, count };
  else view.strip = { domain: view.selected, first, count };
  scheduleFetch(ctx, false);
}

function zoomStrip(ctx, how) {
  const dom = record(ctx.state);
  if (!dom) return;
  const current = view.strip || { first: 0, count: dom.nr_pages };
  if (how === "all") zoomTo(ctx, "strip", dom.nr_pages / 2, dom.nr_pages);
  else if (how === "start") zoomTo(ctx, "strip", STRIP.cells / 2, STRIP.cells);
  else if (how === "region" && dom.layout) zoomTo(ctx, "strip", dom.layout.region_pages / 2, dom.layout.region_pages);
  else if (how === "out") zoomTo(ctx, "strip", current.first + current.count / 2, current.count * 8);
}

function zoomGrid(ctx, how) {
  const total = ctx.state.hosts[0].memory.total_frames;
  const current = view.grid || { first: 0, count: total };
  const dom = record(ctx.state);
  if (how === "all") zoomTo(ctx, "grid", total / 2, total);
  else if (how === "out") zoomTo(ctx, "grid", current.first + current.count / 2, current.count * 16);
  else if (how === "domain" && dom?.p2m?.runs.length) {
    const starts = dom.p2m.runs.map(([, mfn]) => mfn);
    const ends = dom.p2m.runs.map(([, mfn, n]) => mfn + n);
    const low = Math.min(...starts);
    const high = Math.max(...ends);
    zoomTo(ctx, "grid", (low + high) / 2, Math.max(CELLS, (high - low) * 1.1));
  }
}

export function panelsChanged() { /* the domains panel is an htmx partial */ }
