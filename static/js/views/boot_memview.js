// The memory view: the selected domain's pseudo-physical frames (top strip), the P2M as arrows,
// and every machine frame of the host by owner (bottom grid), both bucketed by the server.
// Motion: the frames populate_physmap just handed out light up in address order, and the P2M
// arrows of newly populated frames draw themselves from the PFN down to the machine frame.
import { reduced } from "../motion.js";
import { ownerColour } from "./lifecycle_draw.js";
import { $, CELLS, GRID, SEGMENT_COLOURS, STRIP, fmt, hex, html, record, records, svg, view } from "./boot_state.js";

export function scheduleFetch(ctx, soon, ms = 0) {
  clearTimeout(view.timer);
  view.fetchMs = Math.max(view.fetchMs || 0, ms);  // the step's motion plays once the data is there
  view.timer = setTimeout(() => fetchViews(ctx), soon ? 60 : 0);
}

function urls(ctx) {
  const api = ctx.config.extra.api;
  const host = ctx.state.hosts[0].memory;
  const grid = view.grid || { first: 0, count: host.total_frames };
  const list = [`${api.memory}?first=${grid.first}&count=${grid.count}&buckets=${CELLS}`];
  const dom = record(ctx.state);
  if (dom && dom.nr_pages > 0) {
    const strip = view.strip && view.strip.domain === dom.name ? view.strip : { domain: dom.name, first: 0, count: dom.nr_pages };
    strip.count = Math.min(strip.count, dom.nr_pages - strip.first) || dom.nr_pages;
    if (strip.first >= dom.nr_pages) { strip.first = 0; strip.count = dom.nr_pages; }
    view.strip = strip;
    list.push(`${api.p2m}?domain=${encodeURIComponent(dom.name)}&first=${strip.first}&count=${strip.count}&buckets=${STRIP.cells}`);
  }
  return list;
}

async function fetchViews(ctx) {
  const generation = ++view.generation;
  try {
    const answers = await Promise.all(urls(ctx).map((url) => fetch(url).then((r) => (r.ok ? r.json() : null))));
    if (generation !== view.generation) return;
    view.gridData = answers[0];
    view.stripData = answers[1] || null;
    view.grid = view.gridData ? { first: view.gridData.first, count: view.gridData.count } : null;
    const ms = view.fetchMs || 0;
    view.fetchMs = 0;
    drawMemory(ctx, ms);
  } catch { /* the next change fetches again */ }
}

function ownerRank(owners) {
  return Object.entries(owners).sort((a, b) => b[1] - a[1]);
}

export function ensurePattern(owner) {
  const id = `pat-${owner}`;
  if (document.getElementById(id)) return id;
  const pattern = svg("pattern", { id, width: 6, height: 6, patternUnits: "userSpaceOnUse" });
  const [fill, mark] = owner === "free" ? ["#ffffff", svg("path", { d: "M0 6 L6 0", stroke: "#b0b0b0", "stroke-width": 1 })]
    : owner === "xen" ? ["#000000", svg("path", { d: "M0 0 L6 6 M6 0 L0 6", stroke: "#ffffff", "stroke-width": 0.8 })]
    : owner === "d0" ? [ownerColour(owner), svg("path", { d: "M0 3 L6 3", stroke: "#ffffff", "stroke-width": 1 })]
    : [ownerColour(owner), svg("circle", { cx: 3, cy: 3, r: 1.1, fill: "#ffffff" })];
  pattern.append(svg("rect", { width: 6, height: 6, fill }), mark);
  $("patterns").append(pattern);
  return id;
}

function recentRanges(state) {
  const out = [];
  const lab = state.boot?.recent;
  if (lab && lab.step === state.step) out.push(...lab.ranges);
  for (const dom of records(state)) {
    if (dom.recent.step === state.step) out.push(...dom.recent.ranges);
  }
  return out;
}

export function drawMemory(ctx, ms = 0) {
  const t = ctx.config.extra.t;
  const data = view.gridData;
  if (!data) return;
  const cw = GRID.w / GRID.cols;
  const ch = GRID.h / GRID.rows;
  const recent = recentRanges(ctx.state);
  const mine = view.selected ? `d${record(ctx.state)?.id}` : null;
  const lit = [];
  const cells = data.buckets.map(([first, count, owners], i) => {
    const ranked = ownerRank(owners);
    const x = (i % GRID.cols) * cw;
    const y = GRID.y + Math.floor(i / GRID.cols) * ch;
    const g = svg("g", { class: "cell", "data-first": first });
    g.append(svg("rect", { x, y, width: cw, height: ch, fill: `url(#${ensurePattern(ranked[0][0])})` }));
    if (ranked.length > 1) {
      g.append(svg("rect", { x, y: y + ch - 3, width: cw, height: 3, fill: `url(#${ensurePattern(ranked[1][0])})`, class: "second" }));
    }
    if (mine && owners[mine]) g.classList.add("mine");
    if (recent.some(([start, n]) => start < first + count && start + n > first)) { g.classList.add("lit"); lit.push(g); }
    return g;
  });
  $("grid").replaceChildren(...cells);
  $("grid-range").textContent = fmt(t.range, { first: hex(data.first), last: hex(data.first + data.count - 1), per: data.frames_per_bucket });
  const arrows = drawStrip(ctx);
  drawLegend(ctx);
  if (ms > 0 && !reduced()) { lightUp(lit, ms); drawArrows(arrows, ms); }
}

// the frames handed out at this step light up one after the other, in address order
function lightUp(cells, ms) {
  const each = ms / Math.max(cells.length, 1);
  cells.forEach((g, i) => g.firstChild.animate(
    [{ opacity: 0.15, strokeWidth: 6 }, { opacity: 1, strokeWidth: 2.5 }],
    { duration: Math.max(each * 3, 120), delay: each * i, easing: "ease-out", fill: "backwards" }));
}

// new P2M arrows draw from the pseudo-physical frame down to its machine frame
function drawArrows(paths, ms) {
  const each = ms / Math.max(paths.length, 1);
  paths.forEach((path, i) => {
    const length = path.getTotalLength();
    path.animate([{ strokeDasharray: `${length}`, strokeDashoffset: length }, { strokeDasharray: `${length}`, strokeDashoffset: 0 }],
      { duration: Math.max(ms - each * i, 120), delay: each * i, easing: "ease-out", fill: "backwards" });
  });
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

function target(bucket) {
  const index = gridCellOf(bucket.pieces[0][1]);
  if (index !== null) return [...cellCentre(index), false];
  return [bucket.pieces[0][1] < view.gridData.first ? 2 : GRID.w - 2, GRID.y - 2, true];
}

// the strip and its arrows; returns the arrows that are new since the last drawing
function drawStrip(ctx) {
  const t = ctx.config.extra.t;
  const data = view.stripData;
  const dom = record(ctx.state);
  if (!data || !dom) {
    const why = dom ? `${dom.name} (d${dom.id}): ${t.not_populated}` : t.no_domain;
    $("strip").replaceChildren(svg("text", { x: 0, y: 14, class: "svg-label" }, why));
    $("arrows").replaceChildren();
    $("strip-range").textContent = "";
    return [];
  }
  const width = STRIP.w / Math.max(data.buckets.length, 1);
  const placed = new Set((dom.layout?.segments || []).filter((s) => s.placed).map((s) => s.name));
  const colour = ownerColour(`d${dom.id}`);
  const cells = [svg("text", { x: 0, y: 14, class: "svg-label" }, `${dom.name} (d${dom.id})`)];
  const lines = [];
  const fresh = [];
  const seen = new Map();
  data.buckets.forEach((bucket, i) => {
    const x = STRIP.x + i * width;
    const segment = bucket.segment && placed.has(bucket.segment) ? bucket.segment : null;
    const fill = !bucket.pieces.length ? "#ffffff" : segment ? SEGMENT_COLOURS[segment] : "#bdbdbd";
    cells.push(svg("rect", { x, y: STRIP.y, width, height: STRIP.h, fill, class: "strip-cell" + (bucket.pieces.length ? "" : " empty") }));
    if (!bucket.pieces.length) return;
    const [tx, ty, outside] = target(bucket);
    const [sx, sy] = [x + width / 2, STRIP.y + STRIP.h];
    const path = svg("path", { d: `M${sx},${sy} C${sx},${sy + 60} ${tx},${ty - 70} ${tx},${ty}`,
      class: `p2m-arrow${outside ? " outside" : ""}`, stroke: colour, "data-i": i });
    const key = `${dom.id}:${bucket.first}:${bucket.pieces[0][1]}`;
    seen.set(key, true);
    if (!view.arrows.has(key)) fresh.push(path);
    lines.push(path);
  });
  view.arrows = seen;
  $("strip").replaceChildren(...cells);
  $("arrows").replaceChildren(...lines);
  $("strip-range").textContent = fmt(t.strip_range, {
    first: hex(data.first), last: hex(data.first + data.count - 1), total: data.nr_pages, per: data.frames_per_bucket });
  return fresh;
}

// the legend in a stable order: free, Xen, then domains by id; sizes in the reader's units
function drawLegend(ctx) {
  const t = ctx.config.extra.t;
  const owners = ctx.state.hosts[0].memory.owners;
  const names = Object.fromEntries(ctx.state.domains.map((d) => [`d${d.id}`, d.name]));
  const rank = (owner) => (owner === "free" ? -2 : owner === "xen" ? -1 : Number(owner.slice(1)));
  const entries = Object.entries(owners).sort((a, b) => rank(a[0]) - rank(b[0]));
  $("memlegend").replaceChildren(...entries.map(([owner, frames]) => {
    const item = html("span", "legend-item");
    const swatch = svg("svg", { width: 18, height: 12, "aria-hidden": "true" });
    swatch.append(svg("rect", { width: 18, height: 12, fill: `url(#${ensurePattern(owner)})`, stroke: "#333" }));
    const label = owner === "free" ? t.free : owner === "xen" ? t.xen : `${owner} ${names[owner] || ""}`;
    item.append(swatch, ` ${label} ${Math.round(frames / 256)} ${t.mib}`);
    return item;
  }), html("span", "legend-item lit-key", `▢ ${t.recent}`));
}
