// The two sides of the devices picture: dom0 (blkback, netback, the disk, QEMU) and the guest
// (blkfront, netfront, its reads; the HVM guest's emulated disk), as cards.
import { $, el, watched } from "./devices_dom.js";

function badge(stateName, value) {
  return el("span", { class: `xb xb-${stateName.toLowerCase()}`, text: `${stateName} (${value})` });
}

function card(title, key, ...rows) {
  return el("div", { class: "card", "data-card": key }, el("h4", {}, ...title), ...rows);
}

function row(label, value, key, cls = "", code = false) {
  const shown = code ? el("code", { class: "v", text: value }) : el("span", { class: "v", text: value });
  const node = el("p", { class: `kv ${cls}` }, el("span", { class: "k", text: label }), " ", shown);
  return watched(node, key, value);
}

function chips(label, items, t) {
  const box = el("div", { class: "chips" }, ...items.map((item) => watched(
    el("span", { class: `chip ${item.cls || ""}`, title: item.title, text: item.text }), item.key, item.value)));
  if (!items.length) box.append(el("span", { class: "muted", text: t.none }));
  return label ? el("div", { class: "kv" }, el("span", { class: "k", text: label }), box) : box;
}

function list(items, t) {
  return items.length ? items.join(" ") : t.none;
}

function deviceOf(d, kind) {
  return d.devices.find((dev) => dev.kind === kind);
}

export function renderDom0(d, t) {
  const cards = [];
  const vbd = deviceOf(d, "vbd");
  const vif = deviceOf(d, "vif");
  if (vbd) {
    const back = vbd.blkback;
    cards.push(card(["blkback ", watched(badge(vbd.back_state_name, vbd.back_state), "bb-state", vbd.back_state)], "blkback",
      row(t.state, back.stopping ? t.stopping : back.awake ? t.thread_awake : t.thread_asleep, "bb-thread"),
      row(t.pending, list(back.pending.map((p) => `${p.rid}→gref ${p.gref}${p.handle !== null ? ` (h${p.handle})` : ""}`), t), "bb-pending"),
      back.physical ? el("p", { class: "kv muted", text: t.physical_open }) : null));
  } else {
    cards.push(card(["blkback"], "blkback", el("p", { class: "muted", text: t.no_device })));
  }
  if (vif) {
    cards.push(card(["netback ", watched(badge(vif.back_state_name, vif.back_state), "nb-state", vif.back_state)], "netback",
      row(t.rx_queue, String(vif.netback.rx_queue), "nb-rxq"),
      row(t.transmitted, String(vif.netback.transmitted), "nb-tx")));
  }
  const disk = d.disk;
  cards.push(card([`${t.disk_queue} — ${disk.name}`], "disk",
    row(t.queue, list(disk.queue.map((io) => `${io.owner}:${io.sector} (${io.ticks} ${t.steps_left})`), t), "disk-q"),
    row(t.served, String(disk.served), "disk-served")));
  if (d.ide) {
    const ide = d.ide;
    const active = ide.current !== null;
    const regs = Object.entries(ide.regs).map(([k, v]) => watched(el("span", { class: "reg" }, el("code", { text: k }), ` ${v}`), `reg-${k}`, v));
    cards[active ? "unshift" : "push"](el("div", { class: "card qemu", "data-card": "qemu" },
      el("h4", {}, el("span", { class: "actor-chip actor-qemu", "aria-hidden": "true" }), "QEMU (", t.ioreq, ")"),
      row(t.ioreq, `${ide.ioreq.state}${ide.ioreq.addr ? ` ${ide.ioreq.dir} ${ide.ioreq.addr} = ${ide.ioreq.data}` : ""}`, "ioreq", "", true),
      el("p", { class: "kv small k", text: t.registers }), el("div", { class: "regs" }, ...regs),
      ide.irq ? el("p", { class: "kv", text: t.irq }) : null));
  }
  $("dom0-cards").replaceChildren(...cards);
}

export function renderGuest(d, t) {
  const cards = [];
  const vbd = deviceOf(d, "vbd");
  const vif = deviceOf(d, "vif");
  if (vbd) {
    const front = vbd.blkfront;
    cards.push(card(["blkfront ", watched(badge(vbd.front_state_name, vbd.front_state), "bf-state", vbd.front_state)], "blkfront",
      row(t.queue, list(front.queue, t), "bf-queue", front.stopped ? "stopped" : ""),
      front.stopped ? el("p", { class: "kv warn-text", text: t.queue_stopped }) : null,
      chips(t.shadow, front.shadow.map((s) => ({ key: `sh-${s.id}`, text: `${s.id}:${s.rid}`, title: `shadow[${s.id}] = ${s.rid}, gref ${s.gref}`, value: `${s.rid}/${s.gref}` })), t)));
  } else {
    cards.push(card(["blkfront"], "blkfront", el("p", { class: "muted", text: t.no_device })));
  }
  if (vif) {
    cards.push(card(["netfront ", watched(badge(vif.front_state_name, vif.front_state), "nf-state", vif.front_state)], "netfront",
      row(t.rx_posted, String(vif.netfront.rx_posted), "nf-rx"),
      row(t.tx_pending, String(vif.netfront.tx_pending), "nf-tx"),
      row(t.delivered, String(vif.netfront.delivered), "nf-del"),
      row(t.sent, String(vif.netfront.sent), "nf-sent")));
  }
  const recent = d.requests.recent.filter((r) => r.path === "blk");
  cards.push(card([t.requests], "reads",
    chips(null, recent.map((r) => ({ key: `rq-${r.rid}`, text: r.rid, title: `${r.rid}: ${t[`rq_${r.status}`]}`, value: r.status, cls: `rq-${r.status}` })), t),
    el("p", { class: "kv small muted", text: ["queued", "ring", "done", "error"].filter((s) => d.requests[s]).map((s) => `${t[`rq_${s}`]} ${d.requests[s]}`).join(" · ") })));
  if (d.ide) {
    const ide = d.ide;
    const next = ide.next ? `${ide.next.dir} 0x${ide.next.port.toString(16)} (${ide.next.register})` : t.none;
    cards[ide.current !== null ? "unshift" : "push"](el("div", { class: "card hvm", "data-card": "hvm" },
      el("h4", {}, el("span", { class: "actor-chip actor-d2", "aria-hidden": "true" }), `${d.names[String(d.hvm)] || "HVM"} — d${d.hvm}`),
      el("p", { class: "dev-role", text: t.hvm }),
      row(t.current, ide.current || t.none, "hvm-cur"),
      row(t.next_access, next, "hvm-next", "", true),
      row(t.queue, list(ide.queue, t), "hvm-q")));
  }
  $("guest-cards").replaceChildren(...cards);
}
