// The host strip: each physical CPU with the vCPU it runs, the vCPUs waiting for one or
// blocked, and machine memory by owner. vCPU chips slide from where they were (a pCPU, a lane)
// to where they are; the memory bar's parts grow and shrink as frames change owner.
import { appear, reduced } from "../motion.js";
import { $ } from "../dom.js";
import { ownerColour } from "./lifecycle_draw.js";

export function renderHost(ctx, ms) {
  const host = ctx.state.hosts[0];
  const t = ctx.config.extra.t;
  const was = chipRects();
  document.querySelectorAll("#pcpus .pcpu").forEach((box) => {
    const cpu = host.pcpus[Number(box.dataset.pcpu)];
    box.querySelector(".seat").replaceChildren(chip(cpu.current, t.idle));
    box.style.borderColor = cpu.current ? ownerColour(cpu.current.split("v")[0]) : "";
  });
  renderLanes(ctx.state.domains, t);
  slideChips(was, ms);
  renderMemory(host.memory, ctx, ms);
}

function chip(name, idle) {
  const code = document.createElement("code");
  code.className = name ? "current vcpu-chip" : "current";
  code.textContent = name || idle;
  if (name) { code.dataset.vcpu = name; code.style.borderColor = ownerColour(name.split("v")[0]); }
  return code;
}

function renderLanes(domains, t) {
  const vcpus = domains.flatMap((d) => d.vcpus.map((v) => ({ name: `d${d.id}v${v.id}`, run: v.runstate })));
  for (const lane of ["runnable", "blocked"]) {
    const here = vcpus.filter((v) => v.run === lane).map((v) => chip(v.name));
    $(`lane-${lane}`).replaceChildren(...(here.length ? here : [muted(t.none)]));
  }
}

function muted(text) {
  const span = document.createElement("span");
  span.className = "muted";
  span.textContent = text;
  return span;
}

function chipRects() {
  return new Map([...document.querySelectorAll("#host-strip [data-vcpu]")].map((el) => [el.dataset.vcpu, el.getBoundingClientRect()]));
}

// FLIP: each chip is drawn in its new place, then starts from its old one.
function slideChips(was, ms) {
  if (ms <= 0 || reduced()) return;
  document.querySelectorAll("#host-strip [data-vcpu]").forEach((el) => {
    const old = was.get(el.dataset.vcpu);
    if (!old) { appear(el, ms); return; }
    const now = el.getBoundingClientRect();
    const [dx, dy] = [old.left - now.left, old.top - now.top];
    if (Math.abs(dx) + Math.abs(dy) < 1) return;
    el.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: "none" }],
      { duration: ms, easing: "ease-in-out" });
  });
}

// --- memory ---------------------------------------------------------------------------------
// Parts in a stable order (Xen, the domains by id, free); a part keeps its element from one
// drawing to the next so that its width can move from the old share to the new one.
function ordered(owners) {
  const rank = (o) => (o === "xen" ? -1 : o === "free" ? 1e9 : Number(o.slice(1)));
  return Object.entries(owners).sort((a, b) => rank(a[0]) - rank(b[0]));
}

export function size(frames, ctx) {
  const mib = Math.round(frames / 256);
  const lang = ctx.config.lang;
  return mib >= 10240 ? `${(mib / 1024).toLocaleString(lang, { maximumFractionDigits: 1 })} ${ctx.config.extra.t.gib}`
    : `${mib.toLocaleString(lang)} ${ctx.config.extra.t.mib}`;
}

function ownerName(owner, t) {
  return owner === "free" ? t.free : owner === "xen" ? "Xen" : owner;
}

function renderMemory(memory, ctx, ms) {
  const bar = $("membar");
  const old = new Map([...bar.children].map((part) => [part.dataset.owner, part]));
  const parts = ordered(memory.owners);
  bar.replaceChildren(...parts.map(([owner, frames]) => memPart(old.get(owner), owner, frames, ctx, ms)));
  for (const [owner, part] of old) {
    if (!(owner in memory.owners) && ms > 0 && !reduced()) shrinkAway(bar, part, ms);
  }
  $("memlegend").replaceChildren(...parts.map(([owner, frames]) => legendItem(owner, frames, ctx)));
}

function memPart(part, owner, frames, ctx, ms) {
  const before = part ? Number(part.style.flexGrow) : 0;
  part = part || document.createElement("span");
  part.dataset.owner = owner;
  part.className = `mem-${owner === "free" ? "free" : owner === "xen" ? "xen" : "dom"}`;
  part.style.flexGrow = frames;
  part.style.background = ownerColour(owner);
  part.title = `${ownerName(owner, ctx.config.extra.t)}: ${frames.toLocaleString(ctx.config.lang)} ${ctx.config.extra.t.frames} (${size(frames, ctx)})`;
  if (ms > 0 && !reduced() && before !== frames) {
    part.animate([{ flexGrow: before }, { flexGrow: frames }], { duration: ms, easing: "ease-in-out" });
  }
  return part;
}

function shrinkAway(bar, part, ms) {
  bar.append(part);
  part.animate([{ flexGrow: part.style.flexGrow }, { flexGrow: 0 }], { duration: ms, easing: "ease-in-out" })
    .finished.then(() => part.remove(), () => part.remove());
}

function legendItem(owner, frames, ctx) {
  const item = document.createElement("span");
  item.className = "mem-item";
  const swatch = document.createElement("span");
  swatch.className = `swatch mem-${owner === "free" ? "free" : "dom"}`;
  swatch.style.background = ownerColour(owner);
  item.append(swatch, `${ownerName(owner, ctx.config.extra.t)} ${size(frames, ctx)}`);
  return item;
}
