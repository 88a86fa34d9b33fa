// The boot view's header: which domain is shown, the last failure, and the two pipelines of
// stage chips (a traditional machine, a Xen PV domain). The current chip pulses as it is reached.
import { pulse } from "../motion.js";
import { proseNodes } from "../prose.js";
import { $, BUSY_KINDS, fmt, html, record, records, view } from "./boot_state.js";

export function autoSelect(state) {
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

export function renderPicker(ctx, state) {
  const picker = $("boot-domain");
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
  $("boot-origin").replaceChildren(...proseNodes(!dom ? t.no_domain
    : dom.prebuilt ? t.prebuilt : dom.origin === "restore" ? t.restored
    : fmt(t.steps_done, { done: dom.steps.length })));
  document.querySelectorAll("a.view-link").forEach((link) => {
    const url = new URL(link.href, window.location.href);
    if (view.selected) url.searchParams.set("domain", view.selected);
    link.href = url.pathname + url.search;
  });
}

export function renderFailure(ctx, state) {
  const box = $("boot-failure");
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
    if (changed) pulse(chip, view.ms);
  });
}

// the learner's words for a pipeline's current stage (never the model's internal step id)
function chipName(list, stage) {
  return document.querySelector(`${list} .chip[data-chip="${stage}"] .chip-name`)?.textContent || "";
}

export function renderNative(ctx, native) {
  const t = ctx.config.extra.t;
  if (!native) return;
  document.querySelectorAll("#native-chips .chip-name").forEach((name) => {
    const words = native.profile === "xen" ? name.dataset.xen : name.dataset.linux;
    name.replaceChildren(...proseNodes(words));
    name.closest(".chip").title = words;
  });
  const started = native.steps.length > 0;
  markChips("#native-chips", started ? native.stage : null, native.finished, t);
  $("native-info").replaceChildren(...proseNodes(started
    ? `${native.firmware}, ${native.memory_mb} ${t.mib}, ${native.cpus} CPU — ${chipName("#native-chips", native.stage)}`
    : `${native.firmware}, ${native.memory_mb} ${t.mib} — ${t.native_off}`));
}

export function renderXen(ctx, dom) {
  const t = ctx.config.extra.t;
  const last = dom?.steps[dom.steps.length - 1];
  // xl has parsed the configuration but the domain does not exist yet: the first stage
  const parsing = !dom && ctx.state.operations.find((op) => BUSY_KINDS.includes(op.kind) && op.domain);
  markChips("#xen-chips", dom ? dom.stage : parsing ? "domain" : null, last === "guest:init", t);
  $("xen-info").replaceChildren(...proseNodes(dom
    ? `${dom.name} (d${dom.id})${last ? ` — ${chipName("#xen-chips", dom.stage)}` : ""}`
    : parsing ? `${parsing.domain} — \`xl create\`` : ""));
}
