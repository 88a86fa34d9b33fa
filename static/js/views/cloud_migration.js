// The migration panel: the phases in order (the current one marked, those passed ticked), the
// parameters in force, the downtime (with post-copy as a comparison), xl's handshake messages
// and the dirty-page heatmap: one row per round, 128 cells across the guest's memory, each as
// dark as the share of its pages dirtied during that round (the writable working set shows as
// a dark band that shrinks round after round).
import { $, el, svg, fmt, num, size, currentMigration, fontPx } from "./cloud_dom.js";
import { stopAndCopy } from "./cloud_dc.js";

const ORDER = ["premigration", "reservation", "precopy", "stop_and_copy", "commitment", "activation", "done"];

export function renderMigration(cloud, t) {
  const mig = currentMigration(cloud);
  const panel = $("mig-panel");
  panel.dataset.phase = mig ? mig.phase : "none";
  $("mig-title").textContent = mig ? fmt(t.migration_title, mig) : t.no_migration;
  renderPhases(mig, t);
  if (!mig) {
    $("mig-params").textContent = "";
    $("mig-downtime").textContent = "";
    $("mig-messages").replaceChildren();
    renderHeat(null, t);
    return;
  }
  const p = mig.params;
  $("mig-params").textContent = fmt(t.params, { memory: size(t, p.memory_mb), rate: num(p.dirty_rate),
    wws: num(p.wws_pages), bw: num(p.bandwidth_mbps), stop: num(p.stop_pages), rounds: num(p.max_rounds) });
  const pc = mig.postcopy || {};
  const down = mig.downtime_ms === null ? t.downtime_pending : fmt(t.downtime, { ms: fmt(t.ms, { n: num(mig.downtime_ms, 1) }) });
  $("mig-downtime").textContent = `${down} · ${fmt(t.postcopy, { downtime: fmt(t.ms, { n: num(pc.downtime_ms || 0, 1) }),
    total: fmt(t.ms, { n: num(pc.total_ms || 0) }), faults: num(pc.remote_faults || 0) })}`;
  $("mig-messages").replaceChildren(...mig.messages.map((m, i) => el("li", {
    class: i === mig.messages.length - 1 ? "latest" : "" }, el("samp", { text: m }))));
  renderHeat(mig, t);
}

function renderPhases(mig, t) {
  const at = mig ? ORDER.indexOf(mig.phase) : -1;
  for (const li of $("mig-phases").querySelectorAll("li")) {
    const i = ORDER.indexOf(li.dataset.phase);
    const current = mig && li.dataset.phase === mig.phase;
    li.classList.toggle("passed", Boolean(mig) && i < at && mig.phase !== "aborted");
    li.classList.toggle("current", Boolean(current));
    li.querySelector(".phase-mark").textContent = current ? "▶" : (mig && i < at ? "✓" : "");
    if (current) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
  }
  let aborted = $("mig-phases").querySelector("li[data-phase='aborted']");
  if (mig && mig.phase === "aborted") {
    if (!aborted) {
      aborted = el("li", { "data-phase": "aborted", class: "current aborted", "aria-current": "step" },
        el("span", { class: "phase-mark", "aria-hidden": "true", text: "✕" }), t.aborted);
      $("mig-phases").append(aborted);
    }
  } else if (aborted) aborted.remove();
}

export function renderHeat(mig, t) {
  const root = $("mig-heat");
  const f = fontPx(root);
  const width = Math.max(260, Math.floor(root.parentElement.clientWidth));
  const heat = mig ? mig.heat : [];
  $("heat-caption").textContent = heat.length ? t.heat_caption : t.heat_empty;
  const label = f * 6.5, cols = heat[0] ? heat[0].length : 128;
  const cw = (width - label) / cols, rh = f * 1.4;
  const rows = heat.map((cells, r) => {
    const name = stopAndCopy(mig, r) ? t.stop_copy : fmt(t.round, { n: mig.rounds[r].round });
    const g = svg("g", { class: "heat-row", "data-round": r + 1 });
    g.append(svg("text", { x: 0, y: r * rh + rh * 0.7, class: "heat-label", text: name }));
    cells.forEach((v, c) => {
      if (v > 0) g.append(svg("rect", { x: label + c * cw, y: r * rh + 1, width: Math.max(cw, 1), height: rh - 2,
        class: "heat-cell", "fill-opacity": String(0.15 + 0.85 * Math.min(100, v) / 100) }));
    });
    g.append(svg("rect", { x: label, y: r * rh + 1, width: width - label, height: rh - 2, class: "heat-frame" }));
    return g;
  });
  const height = Math.max(heat.length, 1) * rh + 2;
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  root.setAttribute("height", height);
  root.replaceChildren(...rows);
}
