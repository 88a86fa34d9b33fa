// The datacenter picture: one card per host (name, power state, CPU, watts, memory) holding its
// domains as chips coloured by tenant (and marked with the tenant's initial); domains on no host
// (saved, lost) wait in a tray below. During a migration a link joins the source to the target,
// labelled with the current round, and the incoming copy waits dashed on the target.
// The picture lays out in CSS pixels (1 user unit = 1 px), in rows of cards as wide as the
// page allows, with the text size the stylesheet gives (larger in the projector view).
// Motion (cloud_motion.js) reads the places this module records in `places`.
import { $, svg, fmt, num, size, tenantColour, currentMigration, fontPx } from "./cloud_dom.js";

export const places = { hosts: new Map(), chips: new Map(), link: null };

const MAX_HOSTS = 24;

export function renderDatacenter(cloud, t) {
  const root = $("dc-svg");
  const f = fontPx(root);
  const width = Math.max(320, Math.floor($("dc-wrap").clientWidth));
  const hosts = cloud.hosts.slice(0, MAX_HOSTS);
  const byName = new Map(cloud.domains.map((d) => [d.name, d]));
  const mig = currentMigration(cloud);
  const moving = mig && !["done", "aborted"].includes(mig.phase) ? mig : null;
  const gap = Math.round(f * 0.8);
  const columns = Math.max(1, Math.min(hosts.length, Math.floor((width + gap) / (f * 16 + gap))));
  const lane = Math.round(f * 3.4);  // above the cards: the link of a migration and its label
  const cardW = Math.floor((width - gap * (columns - 1)) / columns);
  const chipW = Math.round(f * 6.6), chipH = Math.round(f * 2.2), pad = Math.round(f * 0.6);
  const perRow = Math.max(1, Math.floor((cardW - pad) / (chipW + pad)));
  const most = Math.max(1, ...hosts.map((h) => h.domains.length + (moving && moving.target === h.id ? 1 : 0)));
  const head = Math.round(f * 4.8);
  const cardH = head + Math.ceil(most / perRow) * (chipH + pad) + pad;
  places.hosts.clear();
  places.chips.clear();
  places.link = null;
  const cards = hosts.map((host, i) => {
    const x = (i % columns) * (cardW + gap), y = lane + Math.floor(i / columns) * (cardH + gap);
    places.hosts.set(host.id, { x, y, w: cardW, h: cardH });
    return hostCard(cloud, t, host, { x, y, w: cardW, h: cardH, f, head }, (k) => ({
      x: x + pad + (k % perRow) * (chipW + pad), y: y + head + Math.floor(k / perRow) * (chipH + pad),
      w: chipW, h: chipH }), byName, moving);
  });
  let height = lane + Math.ceil(hosts.length / columns) * (cardH + gap);
  const homeless = cloud.domains.filter((d) => d.host === null);
  const tray = [];
  if (homeless.length) {
    tray.push(svg("text", { x: 0, y: height + f, class: "tray-title", text: t.tray }));
    const across = Math.max(1, Math.floor(width / (chipW + pad)));
    homeless.forEach((d, k) => tray.push(chip(cloud, t, d, {
      x: (k % across) * (chipW + pad), y: height + f * 1.5 + Math.floor(k / across) * (chipH + pad),
      w: chipW, h: chipH }, null)));
    height += f * 1.6 + Math.ceil(homeless.length / across) * (chipH + pad);
  }
  const link = moving ? linkPath(cloud, t, moving, f, lane) : [];
  root.setAttribute("viewBox", `0 0 ${width} ${Math.max(height, f * 4)}`);
  root.setAttribute("height", Math.max(height, f * 4));
  root.replaceChildren(...cards, ...tray, ...link, svg("g", { id: "dc-packets", class: "packets" }));
  $("dc-summary").textContent = hosts.map((h) => fmt(t.host_label, {
    host: h.id, state: t[h.state] || h.state, watts: fmt(t.watts, { n: num(h.power_watts) }),
    count: h.domains.length })).join("; ");
}

function hostCard(cloud, t, host, box, slot, byName, moving) {
  const { x, y, w, h, f } = box;
  const label = fmt(t.host_label, { host: host.id, state: t[host.state] || host.state,
    watts: fmt(t.watts, { n: num(host.power_watts) }), count: host.domains.length });
  const g = svg("g", { class: `host host-${host.state}`, "data-host": host.id, role: "group", "aria-label": label });
  g.append(svg("rect", { x, y, width: w, height: h, rx: f * 0.5, class: "host-box" }));
  const mark = host.state === "on" ? "●" : host.state === "off" ? "○" : "✕";
  g.append(svg("text", { x: x + f * 0.5, y: y + f * 1.2, class: "host-name", tabindex: "0", role: "button" },
    svg("tspan", { "aria-hidden": "true", text: `${mark} ` }), host.id));
  g.append(svg("text", { x: x + w - f * 0.5, y: y + f * 1.2, class: "host-state", "text-anchor": "end",
    text: `${t[host.state] || host.state} · ${fmt(t.watts, { n: num(host.power_watts) })}` }));
  const barW = w - f;
  const cpu = host.state === "on" ? host.utilisation : 0;
  g.append(svg("rect", { x: x + f * 0.5, y: y + f * 1.7, width: barW, height: f * 0.9, class: "bar-bg" }),
    svg("rect", { x: x + f * 0.5, y: y + f * 1.7, width: Math.max(0, barW * cpu), height: f * 0.9, class: "bar-cpu" }),
    svg("text", { x: x + f * 0.7, y: y + f * 2.45, class: "bar-text", text: fmt(t.cpu, { n: num(cpu * 100) }) }));
  const used = host.memory_mb ? (host.used_mb + host.reserved_mb) / host.memory_mb : 0;
  g.append(svg("rect", { x: x + f * 0.5, y: y + f * 2.8, width: barW, height: f * 0.9, class: "bar-bg" }),
    svg("rect", { x: x + f * 0.5, y: y + f * 2.8, width: Math.max(0, barW * Math.min(1, used)), height: f * 0.9, class: "bar-mem" }),
    svg("text", { x: x + f * 0.7, y: y + f * 3.55, class: "bar-text", text: fmt(t.mem, {
      used: size(t, host.used_mb + host.reserved_mb), total: size(t, host.memory_mb) }) }));
  const names = [...host.domains];
  host.domains.forEach((name, k) => {
    const d = byName.get(name);
    if (d) g.append(chip(cloud, t, d, slot(k), moving && moving.domain === name ? "migrating" : null));
  });
  if (moving && moving.target === host.id && !names.includes(moving.domain)) {
    const d = byName.get(moving.domain);
    if (d) g.append(chip(cloud, t, d, slot(names.length), "incoming"));
  }
  return g;
}

function chip(cloud, t, d, box, role) {
  const { x, y, w, h } = box;
  const state = role === "incoming" ? "incoming" : d.state;
  const sign = { crashed: "✕ ", paused: "‖ ", booting: "↻ ", saved: "⤓ ", incoming: "⇢ " }[state] || "";
  const label = sign + fmt(t.domain_label, { name: d.name, tenant: d.tenant,
    state: role ? t[role] : (t[d.state] || d.state), vcpus: d.vcpus, memory: size(t, d.memory_mb) });
  // the chip (moved as one) holds the button (box and name) and the tenant's badge beside it
  const g = svg("g", { class: `chip chip-${state}${role ? ` chip-${role}` : ""}`, "data-domain": d.name,
    "data-tenant": d.tenant });
  const button = role === "incoming" ? svg("g", { class: "chip-button" })
    : svg("g", { class: "chip-button", tabindex: "0", role: "button", "aria-label": label });
  const down = ["crashed", "saved"].includes(d.state);
  const badge = h * 0.42;
  button.append(svg("rect", { x, y, width: w, height: h, rx: h * 0.25, class: "chip-box",
    fill: role === "incoming" || down ? "#fff" : tenantColour(cloud, d.tenant) }),
  svg("text", { x: x + badge * 2 + 8, y: y + h / 2, class: "chip-name", "dominant-baseline": "central",
    text: `${sign}${d.name}` }));
  g.append(button, svg("g", { "aria-hidden": "true", class: "chip-tag" }, svg("circle", { cx: x + badge + 3,
    cy: y + h / 2, r: badge, class: "chip-badge", fill: tenantColour(cloud, d.tenant) }),
  svg("text", { x: x + badge + 3, y: y + h / 2, class: "chip-initial", "text-anchor": "middle",
    "dominant-baseline": "central", text: d.tenant.slice(0, 1).toUpperCase() })));
  places.chips.set(role === "incoming" ? `${d.name}:incoming` : d.name, { x, y, w, h, g });
  return g;
}

function linkPath(cloud, t, mig, f, lane) {
  const from = places.hosts.get(mig.source), to = places.hosts.get(mig.target);
  if (!from || !to) return [];
  const a = [from.x + from.w / 2, from.y + f * 0.2], b = [to.x + to.w / 2, to.y + f * 0.2];
  const low = Math.min(a[1], b[1]);
  const top = low - (low - (low - lane + f * 1.8)) / 0.75;  // the curve peaks 1.8 em below the lane's top
  const d = `M${a[0]},${a[1]} C${a[0]},${top} ${b[0]},${top} ${b[0]},${b[1]}`;
  const path = svg("path", { d, class: `link link-${mig.phase}`, id: "dc-link", "marker-end": "url(#dc-arrow)" });
  places.link = path;
  const last = mig.rounds[mig.rounds.length - 1];
  const label = last ? fmt(stopAndCopy(mig, mig.rounds.length - 1) ? t.stop_copy_label : t.round_label,
    { n: last.round, sent: num(last.pages_sent) }) : "";
  const mx = (a[0] + b[0]) / 2, my = low - lane + f * 1.1;
  const text = svg("text", { x: mx, y: my, class: "link-label", "text-anchor": "middle", id: "dc-link-label",
    text: label ? `${t[mig.phase] || mig.phase} · ${label}` : (t[mig.phase] || mig.phase) });
  const defs = svg("defs", {}, svg("marker", { id: "dc-arrow", viewBox: "0 0 10 10", refX: "9", refY: "5",
    markerWidth: "6", markerHeight: "6", orient: "auto-start-reverse" }, svg("path", { d: "M0,0 L10,5 L0,10 z", class: "link-head" })));
  return [defs, path, text];
}

// Is round `index` of `mig` its stop-and-copy (the last round, once the live rounds are over)?
export function stopAndCopy(mig, index) {
  return index === mig.rounds.length - 1 && !["premigration", "reservation", "precopy"].includes(mig.phase)
    && mig.downtime_ms !== null;
}
