// Between the two sides: the xenstore tree, the guest's grant table with dom0's mappings
// (maptrack), and the event channels of each domain, as tables; a changed row flashes and is
// scrolled into its box.
import { proseNodes } from "../prose.js";
import { $, el, fmt, watched } from "./devices_dom.js";

export function renderXenstore(d, t) {
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
      `xs-${path}`, value));
  }
  const watches = d.xenstore.watches.flatMap(([, token, dom], i) =>
    [i ? " · " : "", `d${dom} `, el("code", { text: token })]);
  rows.push(el("tr", { class: "xs-watches" }, el("td", { colspan: 2, class: "muted small" },
    `${t.watches_head} `, ...watches)));
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

// what the entry is for, in the page's language (the model says it in every language)
function purposeOf(e, t) {
  const words = e.purpose[document.documentElement.lang] || e.purpose.en;
  return e.ended ? `${words} (${t.ended})` : words;
}

function shortFlags(names) {
  const map = { GTF_permit_access: "permit", GTF_readonly: "ro", GTF_reading: "rd", GTF_writing: "wr", GTF_invalid: "invalid" };
  return names.map((n) => map[n] || n).join(" ");
}

export function renderGrants(d, t) {
  const table = d.grants.find((g) => g.domid === d.frontend);
  const name = d.names[String(d.frontend)] || `d${d.frontend}`;
  const head = el("tr", {}, ...[t.ref, t.flags, t.grantee, t.frame, t.pins, t.use].map((h) => el("th", { scope: "col", text: h })));
  const rows = (table ? table.entries : []).map((e) => {
    const flags = shortFlags(e.names) + (e.deferred ? ` (${t.deferred})` : "");
    const value = `${e.flags}|${e.domid}|${e.frame}|${e.pins}|${e.deferred}`;
    return watched(el("tr", { class: `${e.ended ? "ended" : ""} ${e.pins ? "mapped" : ""}`, "data-ref": e.ref },
      el("td", { text: String(e.ref) }), el("td", { title: e.names.join(" | ") }, el("code", { text: flags })), el("td", { text: `d${e.domid}` }),
      el("td", {}, el("code", { text: e.frame })), el("td", { text: String(e.pins) }),
      el("td", { class: "small", text: purposeOf(e, t) })), `gt-${e.ref}`, value);
  });
  $("grants").replaceChildren(el("caption", {}, fmt(t.grants, { domain: `${name} (d${d.frontend})` }),
    el("br"), el("span", { class: "small muted" }, ...proseNodes(t.flags_note))), head, ...rows);
  const mt = d.grants.find((g) => g.domid === d.backend);
  const mrows = (mt ? mt.maptrack : []).map((m) => watched(el("tr", {},
    el("td", { text: String(m.handle) }), el("td", { text: `d${m.granter}` }), el("td", { text: String(m.ref) }), el("td", { text: m.readonly ? "RO" : "RW" })),
  `mt-${m.handle}`, `${m.granter}:${m.ref}`));
  $("maptrack").replaceChildren(el("caption", { text: t.maptrack }),
    el("tr", {}, ...[t.handle, t.grantee, t.ref, t.flags].map((h) => el("th", { scope: "col", text: h }))), ...mrows);
  reveal($("grants"));
}

export function renderChannels(d, t) {
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
        el("td", { class: "small" }, p.handler ? p.handler : el("code", { text: p.label })), el("td", { class: "pend", text: p.pending ? "●" : "" })),
      `ev-${chans.domid}-${p.port}`, value));
    }
  }
  $("channels").replaceChildren(...rows);
  reveal($("channels"));
}
