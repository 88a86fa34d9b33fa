// The devices lab: dom0 and the guest side by side; the shared ring (slots and labelled
// indices), the xenstore tree, the grant table and the event channels between them; the
// PV-vs-emulated charts. Everything is drawn from ctx.state.devices (the snapshot section);
// what changed since the last drawing flashes.
const SVG = "http://www.w3.org/2000/svg";
const STATUS_FILL = {
  private: "url(#pat-private)", request: "url(#pat-request)", consumed: "#0072B2",
  response_private: "url(#pat-resp-private)", response: "url(#pat-response)",
};
const PATH_COLOURS = { blk: "#009E73", emulated: "#D55E00" };
const METRICS = ["vm_exits", "context_switches", "hypercalls", "notifications"];

let ringKey = null;
let seen = new Map();  // what each flashing element showed last time
let lastCharts = "";
let firstDraw = true;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function fmt(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : `{${key}}`));
}

// An element that flashes when what it shows is new or changed (not on the first drawing).
function watched(node, key, value, reduceMotion) {
  const before = seen.get(key);
  seen.set(key, value);
  if (!firstDraw && before !== value && !reduceMotion) node.classList.add("flash");
  if (!firstDraw && before !== value && reduceMotion) node.classList.add("changed");
  return node;
}

export function init(ctx) {
  const bar = $("actions");
  bar.addEventListener("click", (e) => {
    const button = e.target.closest("button.dev-action");
    if (!button || button.dataset.unavailable === "true") return;  // no arguments to send
    ctx.send("action", { action: button.dataset.action, args: JSON.parse(button.dataset.args || "{}") });
  });
  $("ring-tabs").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-ring]");
    if (!button) return;
    ringKey = button.dataset.ring;
    renderRing(ctx.state.devices, ctx.config.extra.t, ctx.reduceMotion);
  });
}

export function render(ctx, events) {
  const d = ctx.state.devices;
  if (!d) return;
  const t = ctx.config.extra.t;
  const motion = ctx.reduceMotion;
  renderDom0(d, t, motion);
  renderGuest(d, t, motion);
  renderRing(d, t, motion);
  renderXenstore(d, t, motion);
  renderGrants(d, t, motion);
  renderChannels(d, t, motion);
  renderCounters(d, t, motion);
  renderCharts(d, t);
  firstDraw = false;
}

export function panelsChanged(ctx) {
  const box = $("devices-actions");
  if (!box || !window.htmx) return;
  const focused = document.activeElement?.closest?.("#devices-actions button");
  const label = focused?.textContent;
  window.htmx.ajax("GET", `${box.getAttribute("hx-get")}?lang=${ctx.config.lang}`,
    { target: "#devices-actions", swap: "innerHTML" }).then(() => {
    if (!label) return;
    [...box.querySelectorAll("button")].find((b) => b.textContent === label)?.focus();
  });
}

// --- the two sides -------------------------------------------------------------------------

function badge(stateName, value) {
  return el("span", { class: `xb xb-${stateName.toLowerCase()}`, text: `${stateName} (${value})` });
}

function card(title, motion, key, ...rows) {
  return el("div", { class: "card", "data-card": key }, el("h4", {}, ...title), ...rows);
}

function row(label, value, key, motion, cls = "") {
  const node = el("p", { class: `kv ${cls}` }, el("span", { class: "k", text: label }), " ",
    el("span", { class: "v", text: value }));
  return watched(node, key, value, motion);
}

function chips(label, items, t, motion) {
  const box = el("div", { class: "chips" }, ...items.map((item) => watched(
    el("span", { class: `chip ${item.cls || ""}`, title: item.title, text: item.text }), item.key, item.value, motion)));
  if (!items.length) box.append(el("span", { class: "muted", text: t.none }));
  return label ? el("div", { class: "kv" }, el("span", { class: "k", text: label }), box) : box;
}

function list(items, t) {
  return items.length ? items.join(" ") : t.none;
}

function deviceOf(d, kind) {
  return d.devices.find((dev) => dev.kind === kind);
}

function renderDom0(d, t, motion) {
  const cards = [];
  const vbd = deviceOf(d, "vbd");
  const vif = deviceOf(d, "vif");
  if (vbd) {
    const back = vbd.blkback;
    cards.push(card(["blkback ", watched(badge(vbd.back_state_name, vbd.back_state), "bb-state", vbd.back_state, motion)], motion, "blkback",
      row(t.state, back.stopping ? t.stopping : back.awake ? t.thread_awake : t.thread_asleep, "bb-thread", motion),
      row(t.pending, list(back.pending.map((p) => `${p.rid}→gref ${p.gref}${p.handle !== null ? ` (h${p.handle})` : ""}`), t), "bb-pending", motion),
      back.physical ? el("p", { class: "kv muted", text: t.physical_open }) : null));
  } else {
    cards.push(card(["blkback"], motion, "blkback", el("p", { class: "muted", text: t.no_device })));
  }
  if (vif) {
    cards.push(card(["netback ", watched(badge(vif.back_state_name, vif.back_state), "nb-state", vif.back_state, motion)], motion, "netback",
      row(t.rx_queue, String(vif.netback.rx_queue), "nb-rxq", motion),
      row(t.transmitted, String(vif.netback.transmitted), "nb-tx", motion)));
  }
  const disk = d.disk;
  cards.push(card([`${t.disk_queue} — ${disk.name}`], motion, "disk",
    row(t.queue, list(disk.queue.map((io) => `${io.owner}:${io.sector} (${io.ticks} ${t.steps_left})`), t), "disk-q", motion),
    row(t.served, String(disk.served), "disk-served", motion)));
  if (d.ide) {
    const ide = d.ide;
    const active = ide.current !== null;
    const regs = Object.entries(ide.regs).map(([k, v]) => watched(el("span", { class: "reg" }, el("b", { text: k }), ` ${v}`), `reg-${k}`, v, motion));
    cards[active ? "unshift" : "push"](el("div", { class: "card qemu", "data-card": "qemu" },
      el("h4", {}, el("span", { class: "actor-chip actor-qemu", "aria-hidden": "true" }), "QEMU (", t.ioreq, ")"),
      row(t.ioreq, `${ide.ioreq.state}${ide.ioreq.addr ? ` ${ide.ioreq.dir} ${ide.ioreq.addr} = ${ide.ioreq.data}` : ""}`, "ioreq", motion),
      el("p", { class: "kv small k", text: t.registers }), el("div", { class: "regs" }, ...regs),
      ide.irq ? el("p", { class: "kv", text: t.irq }) : null));
  }
  $("dom0-cards").replaceChildren(...cards);
}

function renderGuest(d, t, motion) {
  const cards = [];
  const vbd = deviceOf(d, "vbd");
  const vif = deviceOf(d, "vif");
  if (vbd) {
    const front = vbd.blkfront;
    cards.push(card(["blkfront ", watched(badge(vbd.front_state_name, vbd.front_state), "bf-state", vbd.front_state, motion)], motion, "blkfront",
      row(t.queue, list(front.queue, t), "bf-queue", motion, front.stopped ? "stopped" : ""),
      front.stopped ? el("p", { class: "kv warn-text", text: t.queue_stopped }) : null,
      chips(t.shadow, front.shadow.map((s) => ({ key: `sh-${s.id}`, text: `${s.id}:${s.rid}`, title: `shadow[${s.id}] = ${s.rid}, gref ${s.gref}`, value: `${s.rid}/${s.gref}` })), t, motion)));
  } else {
    cards.push(card(["blkfront"], motion, "blkfront", el("p", { class: "muted", text: t.no_device })));
  }
  if (vif) {
    cards.push(card(["netfront ", watched(badge(vif.front_state_name, vif.front_state), "nf-state", vif.front_state, motion)], motion, "netfront",
      row(t.rx_posted, String(vif.netfront.rx_posted), "nf-rx", motion),
      row(t.tx_pending, String(vif.netfront.tx_pending), "nf-tx", motion),
      row(t.delivered, String(vif.netfront.delivered), "nf-del", motion),
      row(t.sent, String(vif.netfront.sent), "nf-sent", motion)));
  }
  const recent = d.requests.recent.filter((r) => r.path === "blk");
  cards.push(card([t.requests], motion, "reads",
    chips(null, recent.map((r) => ({ key: `rq-${r.rid}`, text: r.rid, title: `${r.rid}: ${t[`rq_${r.status}`]}`, value: r.status, cls: `rq-${r.status}` })), t, motion),
    el("p", { class: "kv small muted", text: ["queued", "ring", "done", "error"].filter((s) => d.requests[s]).map((s) => `${t[`rq_${s}`]} ${d.requests[s]}`).join(" · ") })));
  if (d.ide) {
    const ide = d.ide;
    const next = ide.next ? `${ide.next.dir} 0x${ide.next.port.toString(16)} (${ide.next.register})` : t.none;
    cards[ide.current !== null ? "unshift" : "push"](el("div", { class: "card hvm", "data-card": "hvm" },
      el("h4", {}, el("span", { class: "actor-chip actor-d2", "aria-hidden": "true" }), `${d.names[String(d.hvm)] || "HVM"} — d${d.hvm}`),
      el("p", { class: "dev-role", text: t.hvm }),
      row(t.current, ide.current || t.none, "hvm-cur", motion),
      row(t.next_access, next, "hvm-next", motion),
      row(t.queue, list(ide.queue, t), "hvm-q", motion)));
  }
  $("guest-cards").replaceChildren(...cards);
}

// --- the ring --------------------------------------------------------------------------------

function rings(d) {
  return d.devices.flatMap((dev) => dev.rings.map((ring) => ({ key: `${dev.kind}:${ring.name}`, dev, ring })));
}

function renderRing(d, t, motion) {
  const all = rings(d);
  if (!all.find((r) => r.key === ringKey)) ringKey = all.length ? all[0].key : null;
  $("ring-tabs").replaceChildren(...all.map((r) => el("button", {
    type: "button", class: "ghost ring-tab", "data-ring": r.key, "aria-pressed": String(r.key === ringKey),
    text: `${r.ring.name} (${r.dev.kind})`,
  })));
  const chosen = all.find((r) => r.key === ringKey);
  const picture = $("ring-svg");
  if (!chosen) {
    picture.replaceChildren(svg("text", { x: 220, y: 125, "text-anchor": "middle", class: "empty", text: t.no_ring }));
    $("ring-caption").textContent = t.no_ring;
    $("ring-indices").replaceChildren();
    return;
  }
  const ring = chosen.ring;
  drawRing(picture, ring, motion);
  $("ring-caption").textContent = fmt(t.ring_caption, { name: ring.name, used: ring.outstanding, size: ring.size });
  drawLegend(t);
  const cells = (names) => names.map((name) => {
    const value = String(ring[name]);
    return watched(el("td", {}, el("code", { text: name }), " ", el("b", { text: value })), `${chosen.key}-${name}`, value, motion);
  });
  $("ring-indices").replaceChildren(
    el("tr", {}, el("th", { scope: "row", text: t.shared_page }), ...cells(["req_prod", "req_event", "rsp_prod", "rsp_event"])),
    el("tr", {}, el("th", { scope: "row", text: t.front_private }), ...cells(["req_prod_pvt", "rsp_cons"])),
    el("tr", {}, el("th", { scope: "row", text: t.back_private }), ...cells(["req_cons", "rsp_prod_pvt"])));
}

const CX = 118, CY = 125, R_OUT = 100, R_IN = 70, LABEL_X = 250;

function polar(radius, angle) {
  return [CX + radius * Math.cos(angle), CY + radius * Math.sin(angle)];
}

function angleOf(index, size) {
  return ((index % size) / size) * 2 * Math.PI - Math.PI / 2;
}

function drawRing(picture, ring, motion) {
  const size = ring.size;
  const used = new Map(ring.slots.map((s) => [s.slot, s]));
  const defs = svg("defs", {},
    pattern("pat-private", "#F0E442", "cross"), pattern("pat-request", "#56B4E9", "diag"),
    pattern("pat-resp-private", "#E69F00", "cross"), pattern("pat-response", "#E69F00", "dots"));
  const slots = [];
  for (let i = 0; i < size; i++) {
    const a0 = angleOf(i, size), a1 = angleOf(i + 1, size);
    const [x0, y0] = polar(R_OUT, a0), [x1, y1] = polar(R_OUT, a1);
    const [x2, y2] = polar(R_IN, a1), [x3, y3] = polar(R_IN, a0);
    const slot = used.get(i);
    const status = slot ? slot.status : "free";
    const path = svg("path", {
      d: `M${x0},${y0} A${R_OUT},${R_OUT} 0 0 1 ${x1},${y1} L${x2},${y2} A${R_IN},${R_IN} 0 0 0 ${x3},${y3} Z`,
      class: `slot slot-${status}`, fill: STATUS_FILL[status] || "#fff",
    }, svg("title", { text: slot ? `slot ${i}: ${status}${slot.id !== null ? ` id ${slot.id}` : ""}` : `slot ${i}` }));
    const key = `slot-${ring.name}-${i}`;
    const value = slot ? `${status}:${slot.index}` : "free";
    const before = seen.get(key);
    seen.set(key, value);
    if (!firstDraw && before !== value) path.classList.add(motion ? "changed" : "flash");
    slots.push(path);
    if (size <= 32 && slot && slot.id !== null) {
      const [tx, ty] = polar((R_OUT + R_IN) / 2, (a0 + a1) / 2);
      slots.push(svg("text", { x: tx, y: ty + 4, class: "slot-id", text: String(slot.id) }));
    }
  }
  const pointers = groupPointers(ring);
  picture.replaceChildren(defs, ...pointers.leads, ...slots, ...pointers.marks,
    svg("text", { x: CX, y: CY - 4, class: "ring-name", text: ring.name }),
    svg("text", { x: CX, y: CY + 14, class: "ring-size", text: `${ring.outstanding}/${size}` }));
}

function pattern(id, colour, kind) {
  const shape = {
    diag: svg("path", { d: "M0,6 L6,0", stroke: "#111", "stroke-width": 1 }),
    cross: svg("path", { d: "M0,0 L6,6 M6,0 L0,6", stroke: "#555", "stroke-width": 0.7 }),
    dots: svg("circle", { cx: 3, cy: 3, r: 1.3, fill: "#111" }),
  }[kind];
  return svg("pattern", { id, width: 6, height: 6, patternUnits: "userSpaceOnUse" },
    svg("rect", { width: 6, height: 6, fill: colour }), shape);
}

// Indices at the same position share one label; labels are stacked in a column on the right,
// each joined to its pointer by a dashed lead (shared indices outside the ring, private inside).
function groupPointers(ring) {
  const ticks = [], leads = [], labels = [];
  const groups = [
    { names: ["req_prod", "rsp_prod", "req_event", "rsp_event"], radius: R_OUT, tip: R_OUT + 16, cls: "ptr-shared" },
    { names: ["req_prod_pvt", "rsp_cons"], radius: R_IN, tip: R_IN - 12, cls: "ptr-front" },
    { names: ["req_cons", "rsp_prod_pvt"], radius: R_IN, tip: R_IN - 12, cls: "ptr-back" },
  ];
  const wanted = [];
  for (const group of groups) {
    const byPos = new Map();
    for (const name of group.names) {
      const pos = ring[name] % ring.size;
      byPos.set(pos, [...(byPos.get(pos) || []), name]);
    }
    for (const [pos, names] of byPos) {
      const angle = angleOf(pos, ring.size);
      const [x0, y0] = polar(group.radius, angle);
      const [x1, y1] = polar(group.tip, angle);
      ticks.push(svg("line", { x1: x0, y1: y0, x2: x1, y2: y1, class: `ptr ${group.cls}` }));
      wanted.push({ x1, y1, names, cls: group.cls });
    }
  }
  wanted.sort((a, b) => a.y1 - b.y1);
  let y = 12;
  for (const item of wanted) {
    y = Math.max(y, Math.min(item.y1 + 4, 246 - 13 * (wanted.length - wanted.indexOf(item) - 1)));
    leads.push(svg("line", { x1: item.x1, y1: item.y1, x2: LABEL_X - 4, y2: y - 4, class: `ptr-lead ${item.cls}` }));
    labels.push(svg("text", { x: LABEL_X, y, class: `ptr-label ${item.cls}`,
      text: item.names.map((n) => `${n}=${ring[n]}`).join(" ") }));
    y += 13;
  }
  return { leads, marks: [...ticks, ...labels] };
}

function drawLegend(t) {
  const items = ["private", "request", "consumed", "response_private", "response", "free"];
  $("ring-legend").replaceChildren(...items.map((status) => el("li", {},
    swatch(status), t[`st_${status}`])));
}

function swatch(status) {
  const box = document.createElementNS(SVG, "svg");
  box.setAttribute("viewBox", "0 0 12 12");
  box.setAttribute("aria-hidden", "true");
  box.append(svg("rect", { width: 12, height: 12,
    fill: STATUS_FILL[status] || "#fff", stroke: "#111", "stroke-width": 1 }));
  return box;
}

// --- xenstore, grants, event channels ---------------------------------------------------------

function renderXenstore(d, t, motion) {
  const nodes = d.xenstore.nodes;
  const table = $("xenstore");
  if (!nodes.length) {
    table.replaceChildren(el("tr", {}, el("td", { class: "muted", text: t.xenstore_empty })));
    return;
  }
  let lastDir = "";
  const rows = [];
  for (const [path, value, perms] of nodes) {
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (dir !== lastDir) {
      rows.push(el("tr", { class: "xs-dir" }, el("th", { colspan: 2, scope: "rowgroup" },
        el("code", { text: dir.replace("/local/domain/", "~") }), " ", el("span", { class: "perms", title: "perms", text: perms }))));
      lastDir = dir;
    }
    const name = path.slice(path.lastIndexOf("/") + 1);
    rows.push(watched(el("tr", { "data-path": path }, el("td", {}, el("code", { text: name })), el("td", {}, el("code", { text: value }))),
      `xs-${path}`, value, motion));
  }
  rows.push(el("tr", { class: "xs-watches" }, el("td", { colspan: 2, class: "muted small",
    text: `${t.watches}: ${d.xenstore.watches.map(([p, token, dom]) => `d${dom} ${token}`).join(" · ")}` })));
  table.replaceChildren(...rows);
  reveal(table);
}

// Scroll a table's box (not the page) to its first changed row, so the change is seen.
function reveal(table) {
  const changed = table.querySelector("tr.flash, tr.changed");
  const box = table.closest(".scroll");
  if (!changed || !box) return;
  const top = changed.offsetTop - box.clientHeight / 3;
  box.scrollTop = Math.max(0, top);
}

function shortFlags(names) {
  const map = { GTF_permit_access: "permit", GTF_readonly: "ro", GTF_reading: "rd", GTF_writing: "wr", GTF_invalid: "invalid" };
  return names.map((n) => map[n] || n).join(" ");
}

function renderGrants(d, t, motion) {
  const table = d.grants.find((g) => g.domid === d.frontend);
  const name = d.names[String(d.frontend)] || `d${d.frontend}`;
  const head = el("tr", {}, ...[t.ref, t.flags, t.grantee, t.frame, t.pins, t.use].map((h) => el("th", { scope: "col", text: h })));
  const rows = (table ? table.entries : []).map((e) => {
    const flags = shortFlags(e.names) + (e.deferred ? ` (${t.deferred})` : "");
    const value = `${e.flags}|${e.domid}|${e.frame}|${e.pins}|${e.deferred}`;
    return watched(el("tr", { class: `${e.ended ? "ended" : ""} ${e.pins ? "mapped" : ""}`, "data-ref": e.ref },
      el("td", { text: String(e.ref) }), el("td", { title: e.names.join(" | ") }, el("code", { text: flags })), el("td", { text: `d${e.domid}` }),
      el("td", {}, el("code", { text: e.frame })), el("td", { text: String(e.pins) }),
      el("td", { class: "small", text: e.ended ? `${e.purpose} (${t.ended})` : e.purpose })), `gt-${e.ref}`, value, motion);
  });
  $("grants").replaceChildren(el("caption", {}, fmt(t.grants, { domain: `${name} (d${d.frontend})` }),
    el("br"), el("span", { class: "small muted", text: t.flags_note })), head, ...rows);
  const mt = d.grants.find((g) => g.domid === d.backend);
  const mrows = (mt ? mt.maptrack : []).map((m) => watched(el("tr", {},
    el("td", { text: String(m.handle) }), el("td", { text: `d${m.granter}` }), el("td", { text: String(m.ref) }), el("td", { text: m.readonly ? "RO" : "RW" })),
  `mt-${m.handle}`, `${m.granter}:${m.ref}`, motion));
  $("maptrack").replaceChildren(el("caption", { text: t.maptrack }),
    el("tr", {}, ...[t.handle, t.grantee, t.ref, t.flags].map((h) => el("th", { scope: "col", text: h }))), ...mrows);
  reveal($("grants"));
}

function renderChannels(d, t, motion) {
  const rows = [el("tr", {}, ...[t.port, t.state, t.peer, t.use, t.pending_bit].map((h) => el("th", { scope: "col", text: h })))];
  for (const chans of d.evtchn) {
    const name = d.names[String(chans.domid)] || "";
    rows.push(el("tr", { class: "ev-dom" }, el("th", { colspan: 5, scope: "rowgroup" },
      el("span", { class: `actor-chip actor-d${Math.min(chans.domid, 2)}`, "aria-hidden": "true" }),
      `d${chans.domid} ${name}`, chans.upcall_pending ? el("span", { class: "tag warn", text: t.upcall }) : null)));
    for (const p of chans.ports) {
      const peer = p.state === "interdomain" ? `d${p.remote_dom}:${p.remote_port}` : p.state === "unbound" ? `→d${p.remote_dom}` : (p.virq || "");
      const value = `${p.state}|${peer}|${p.pending}`;
      rows.push(watched(el("tr", { class: `ev-${p.state}` },
        el("td", { text: String(p.port) }), el("td", { text: p.state }), el("td", {}, el("code", { text: peer })),
        el("td", { class: "small", text: p.handler || p.label }), el("td", { class: "pend", text: p.pending ? "●" : "" })),
      `ev-${chans.domid}-${p.port}`, value, motion));
    }
  }
  $("channels").replaceChildren(...rows);
  reveal($("channels"));
}

// --- counters and charts -----------------------------------------------------------------------

const SHOWN = ["requests", "completed", "vm_exits", "context_switches", "hypercalls", "notifications",
  "suppressed", "upcalls", "grant_ops", "device_model_trips", "syscalls", "cycles"];

function renderCounters(d, t, motion) {
  const paths = ["blk", "net", "emulated"];
  const head = el("tr", {}, el("th", { scope: "col" }), ...paths.map((p) => el("th", { scope: "col", text: t[`path_${p}`] })));
  const rows = SHOWN.map((metric) => el("tr", {}, el("th", { scope: "row", text: t[metric === "requests" ? "requests_n" : metric] }),
    ...paths.map((p) => {
      const value = d.counters[p][metric].toLocaleString(document.documentElement.lang);
      return watched(el("td", { text: value }), `ct-${p}-${metric}`, value, motion);
    })));
  $("counters").replaceChildren(head, ...rows);
}

function renderCharts(d, t) {
  const done = ["blk", "emulated"].filter((p) => d.counters[p].completed > 0);
  const paths = ["blk", "emulated"];
  const key = JSON.stringify([done, paths.map((p) => d.per_read[p]), document.documentElement.lang]);
  if (key === lastCharts) return;
  lastCharts = key;
  const lang = document.documentElement.lang;
  const number = (v) => Number(v).toLocaleString(lang, { maximumFractionDigits: 1 });
  $("chart-summary").replaceChildren(...(done.length ? done.map((p) => el("li", {
    text: fmt(t.summary, { path: t[`path_${p}`], reads: d.counters[p].completed,
      ...Object.fromEntries([...METRICS, "cycles"].map((m) => [m, number(d.per_read[p][m])])) }),
  })) : [el("li", { text: t.summary_none })]));
  if (!window.Plotly) return;
  const names = paths.map((p) => t[`path_${p}`]);
  const base = (yTitle, extra = {}) => ({
    margin: { l: 64, r: 8, t: 16, b: 44 },
    font: { family: "system-ui, sans-serif", size: 11, color: "#111" },
    xaxis: { title: { text: "" }, automargin: true },
    yaxis: { title: { text: yTitle }, rangemode: "tozero", automargin: true },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", uirevision: "devices", showlegend: false, ...extra,
  });
  const config = { displayModeBar: false, responsive: true };
  const metricNames = METRICS.map((m) => t[m]);
  window.Plotly.react("chart-counts", paths.map((p, i) => ({
    type: "bar", name: t[`path_${p}`], x: metricNames, y: METRICS.map((m) => d.per_read[p][m]),
    marker: { color: PATH_COLOURS[p], pattern: { shape: i ? "/" : "" }, line: { color: "#111", width: 1 } },
    text: METRICS.map((m) => number(d.per_read[p][m])), textposition: "outside", cliponaxis: false,
  })), base(t.axis_count, { barmode: "group", showlegend: true,
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom", font: { size: 10 } },
    margin: { l: 64, r: 8, t: 36, b: 44 } }), config);
  window.Plotly.react("chart-cycles", [{
    type: "bar", x: names, y: paths.map((p) => (d.per_read[p].cycles > 0 ? d.per_read[p].cycles : null)),
    marker: { color: paths.map((p) => PATH_COLOURS[p]), pattern: { shape: paths.map((p) => (p === "blk" ? "" : "/")) },
      line: { color: "#111", width: 1 } },
    text: paths.map((p) => (d.per_read[p].cycles > 0 ? number(d.per_read[p].cycles) : "")), textposition: "outside", cliponaxis: false, hoverinfo: "x+y",
  }], base(t.axis_cycles, { yaxis: { title: { text: t.axis_cycles }, type: "log", automargin: true } }), config);
}
