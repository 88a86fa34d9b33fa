// Hover a cell of the memory view for its frame numbers, click it to zoom in; the zoom buttons.
import { scheduleFetch } from "./boot_memview.js";
import { $, CELLS, GRID, STRIP, hex, record, view } from "./boot_state.js";

function svgPoint(e) {
  const svgNode = $("memview");
  const point = svgNode.createSVGPoint();
  point.x = e.clientX;
  point.y = e.clientY;
  return point.matrixTransform(svgNode.getScreenCTM().inverse());
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

function stripText(t, bucket) {
  const pieces = bucket.pieces.map(([pfn, mfn, n]) => n === 1
    ? `${t.pfn} ${hex(pfn)} (${pfn}) ${t.maps_to} ${t.mfn} ${hex(mfn)} (${mfn})`
    : `PFN ${hex(pfn)}–${hex(pfn + n - 1)} ${t.maps_to} MFN ${hex(mfn)}–${hex(mfn + n - 1)}`);
  const segment = bucket.segment ? ` [${t["segment_" + bucket.segment] || bucket.segment}]` : "";
  return pieces.length
    ? pieces.join(" · ") + (bucket.more ? ` · +${bucket.more} ${t.more_runs}` : "") + segment
    : `PFN ${hex(bucket.first)}: ${t.not_populated}`;
}

export function hover(ctx, e) {
  const t = ctx.config.extra.t;
  const p = svgPoint(e);
  const info = $("hover-info");
  const box = $("hover-box");
  const strip = stripIndexAt(p);
  document.querySelectorAll(".p2m-arrow.hot").forEach((a) => a.classList.remove("hot"));
  if (strip !== null) {
    const width = STRIP.w / view.stripData.buckets.length;
    setBox(box, strip * width, STRIP.y, width, STRIP.h);
    document.querySelector(`.p2m-arrow[data-i="${strip}"]`)?.classList.add("hot");
    info.textContent = stripText(t, view.stripData.buckets[strip]);
    return;
  }
  const index = gridIndexAt(p);
  if (index === null) { hideHover(); return; }
  const [first, count, owners] = view.gridData.buckets[index];
  const cw = GRID.w / GRID.cols;
  const ch = GRID.h / GRID.rows;
  setBox(box, (index % GRID.cols) * cw, GRID.y + Math.floor(index / GRID.cols) * ch, cw, ch);
  const who = Object.entries(owners).sort((a, b) => b[1] - a[1]).map(([owner, n]) => `${owner} ${n}`).join(", ");
  let text = count === 1 ? `${t.mfn} ${hex(first)} (${first}): ${who}` : `MFN ${hex(first)}–${hex(first + count - 1)}: ${who}`;
  const dom = record(ctx.state);
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

export function hideHover() {
  setBox($("hover-box"), 0, 0, 0, 0);
}

export function clickSvg(ctx, e) {
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

export function zoomStrip(ctx, how) {
  const dom = record(ctx.state);
  if (!dom) return;
  const current = view.strip || { first: 0, count: dom.nr_pages };
  if (how === "all") zoomTo(ctx, "strip", dom.nr_pages / 2, dom.nr_pages);
  else if (how === "start") zoomTo(ctx, "strip", STRIP.cells / 2, STRIP.cells);
  else if (how === "region" && dom.layout) zoomTo(ctx, "strip", dom.layout.region_pages / 2, dom.layout.region_pages);
  else if (how === "out") zoomTo(ctx, "strip", current.first + current.count / 2, current.count * 8);
}

export function zoomGrid(ctx, how) {
  const total = ctx.state.hosts[0].memory.total_frames;
  const current = view.grid || { first: 0, count: total };
  const dom = record(ctx.state);
  if (how === "all") zoomTo(ctx, "grid", total / 2, total);
  else if (how === "out") zoomTo(ctx, "grid", current.first + current.count / 2, current.count * 16);
  else if (how === "domain" && dom?.p2m?.runs.length) {
    const low = Math.min(...dom.p2m.runs.map(([, mfn]) => mfn));
    const high = Math.max(...dom.p2m.runs.map(([, mfn, n]) => mfn + n));
    zoomTo(ctx, "grid", (low + high) / 2, Math.max(CELLS, (high - low) * 1.1));
  }
}
