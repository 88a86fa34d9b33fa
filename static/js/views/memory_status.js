// The lines around the picture: the mode switch (a mode the guest cannot run in is disabled,
// with the reason shown), the registers, the request, what is unfolding, and the outcome.
import { proseNodes } from "../prose.js";
import { $, MODES, OUTCOMES, applied, el, fmt } from "./memory_dom.js";

export function renderModes(m, t, lang) {
  const unavailable = m.unavailable || {};
  for (const button of document.querySelectorAll("#mode-switch button[data-mode]")) {
    const why = unavailable[button.dataset.mode];
    button.setAttribute("aria-pressed", String(m.mode === button.dataset.mode));
    if (why) {
      button.setAttribute("aria-disabled", "true");
      button.setAttribute("aria-describedby", "mode-why");
      button.title = why[lang] || why.en;
    } else {
      button.removeAttribute("aria-disabled");
      button.removeAttribute("aria-describedby");
      button.title = button.dataset.long;
    }
  }
  $("mode-why").replaceChildren(...proseNodes(modeWhy(unavailable, t, lang)));
  $("mode-why").hidden = !Object.keys(unavailable).length;
  renderBusy(m, t);
  $("mmu-send").setAttribute("aria-disabled", String(m.mode !== "pv"));
}

// one sentence for the disabled modes: the reasons, each once
function modeWhy(unavailable, t, lang) {
  const reasons = new Map();
  for (const mode of MODES.filter((mode) => unavailable[mode])) {
    const why = unavailable[mode][lang] || unavailable[mode].en;
    reasons.set(why, [...(reasons.get(why) || []), t[`short_${mode}`]]);
  }
  const modes = [...reasons.values()].flat();
  return modes.length ? `${fmt(t.mode_unavailable, { modes: modes.join(", ") })} ${[...reasons.keys()].join(" ")}` : "";
}

// what is unfolding: a walk (steps left), a trace, or a comparison (modes done)
function renderBusy(m, t) {
  const act = m.activity;
  $("finish").hidden = !act.busy || act.left <= 0;
  let text = "";
  if (act.busy && act.left > 0) text = fmt(t.busy, { left: act.left });
  else if (act.busy && act.comparing) text = fmt(t.comparing, { done: Object.keys(m.comparison).length, total: MODES.length });
  else if (act.busy && act.tracing) text = t.tracing;
  $("busy").textContent = text;
}

export function renderRegisters(m) {
  $("registers").replaceChildren(...Object.entries(m.registers).map(([name, value]) =>
    el("div", {}, el("dt", { text: name.toUpperCase().replace("_", " ") }), el("dd", { text: value }))));
}

export function renderRequest(m, t) {
  const box = $("request");
  const request = m.walk.request;
  if (!request) { box.textContent = t.no_walk; return; }
  const who = request.user ? t.user_mode : t.kernel_mode;
  box.replaceChildren(el("code", { text: request.va }), ` · ${t[`acc_${request.access}`]} · ${who} · ${t[m.mode]}`);
  if (m.activity.busy && m.trace.position !== null && m.trace.position !== undefined) {
    box.append(" · ", el("span", { class: "busy-note", text: fmt(t.trace_at, { n: m.trace.position + 1, total: m.trace.length }) }));
  }
}

export function renderOutcome(m, t) {
  const box = $("outcome");
  const found = [...applied(m)].reverse().find((item) => OUTCOMES.has(item.kind));
  box.className = "outcome";
  if (!m.walk.request) { box.replaceChildren(); return; }
  if (!found) {
    box.replaceChildren(el("span", { text: `${t.walking} ${t.step} ${m.walk.position} / ${m.walk.items.length}` }));
    return;
  }
  const ok = ["mem.tlb_hit", "mem.translated", "mem.translated_ostep", "mem.shadow_emulate", "mem.translated_2d"].includes(found.kind);
  box.classList.add(ok ? "ok" : "fault");
  box.replaceChildren(...outcomeParts(m, found, t));
}

function outcomeParts(m, found, t) {
  const d = found.data;
  switch (found.kind) {
    case "mem.translated_2d":
      return [`${t.guest_physical} `, el("code", { text: d.gpa }), ` → ${t.host_physical}: `, el("span", { class: "big", text: d.hpa })];
    case "fault.pf": case "fault.injected":
      return [el("strong", { text: t.page_fault }), ` · ${t.cr2} `, el("code", { text: d.cr2 }),
        ` · ${t.error_code} `, el("code", { text: d.error_code }), errorCode(d)];
    case "fault.gp": return [el("strong", { text: t.general_protection }), " · ", el("code", { text: d.va })];
    case "exit.ept_violation": case "exit.ept_misconfig":
      return [el("strong", { text: found.kind === "exit.ept_misconfig" ? t.ept_misconfig : t.ept_violation }),
        ` · ${t.guest_physical} `, el("code", { text: d.gpa }), ` · ${d.level}`];
    case "exit.mmio": return [el("strong", { text: t.mmio }), " · ", el("code", { text: d.gpa })];
    case "fault.ostep": return [el("strong", { text: t.invalid }), ` · VPN ${d.vpn} (${d.level})`];
    default: return translated(m, found, t);
  }
}

function translated(m, found, t) {
  const d = found.data;
  if (!OUTCOMES.has(found.kind) || !(d.pa || found.address)) return [found.text?.[document.documentElement.lang] || found.text?.en || ""];
  const label = m.mode === "native" || m.paging === "ostep" || m.paging === "linear" ? t.translated_to : t.machine_address;
  const parts = [`${label}: `, el("span", { class: "big", text: d.pa || found.address || "" })];
  if (d.value !== undefined && d.value !== null) parts.push(` · ${t.value} ${d.value}`);
  if (found.kind === "mem.tlb_hit") parts.push(` (${t.tlb_hits})`);
  return parts;
}

function errorCode(d) {
  const code = el("span", { class: "ecode" });
  for (const [name, key] of [["P", "p"], ["W/R", "wr"], ["U/S", "us"], ["RSVD", "rsvd"], ["I/D", "id"]]) {
    code.append(el("span", { class: `bit ${d[key] ? "on" : "off"}`, title: `${name}=${d[key]}` }, `${name}=${d[key]}`));
  }
  return code;
}
