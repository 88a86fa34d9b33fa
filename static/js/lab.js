// The page every lab shares: socket sync, time controls, keyboard, narration, status.
// A lab's own drawing lives in ./views/<lab>.js (init(ctx) and render(ctx, events)).
import { applyChanges } from "./patch.js";
import { Cursor } from "./cursor.js";
import { History } from "./history.js";
import { Guide } from "./guide.js";
import { initExercises } from "./exercises.js";
import { reduced } from "./motion.js";

const config = JSON.parse(document.getElementById("lab-config").textContent);
const t = config.i18n;
const ctx = {
  config, t, state: config.state, timeline: config.timeline,
  reduceMotion: reduced(),
  send: (name, body = {}) => socket.emit(name, { session: config.session, ...body }),
  status: (text, isError = false) => status(text, isError),
  keys: {},
};
const view = await import(`./views/${config.lab}.js`);
// a live class (docs/api-classes.md), or a student's private copy of one
const classroom = config.classroom || classFork() ? await import("./classroom.js") : null;

const socket = window.io({ transports: ["websocket", "polling"] });
socket.on("connect", () => { if (config.classroom) classroom.join(socket); else ctx.send("join"); status(""); });
socket.on("disconnect", () => status(t.disconnected, true));
socket.on("error", (err) => status(err.message, true));
socket.on("refused", (message) => {
  if (message.session === config.session) narrative.refused(message.event);
});
const cursor = new Cursor(ctx, socket, { show, renderTimeline });
socket.on("state", (message) => {
  if (message.session !== config.session) return;
  cursor.live(message, (live) => (message.state ? message.state : applyChanges(live, message.changes || [])));
});
socket.on("view", (message) => {
  if (message.session === config.session) cursor.viewed(message);
});

// Draw a state (the live one, or a viewed step) with the events that led to it.
function show(events) {
  narrative.show(events || []);
  render(events || []);
  panelsChanged();
}

function render(events) {
  view.render(ctx, events);
  renderTimeline();
  guide.render();
}

// --- narration: the history up to the cursor (history.js); the goal and chapter (guide.js) --
const narrative = new History(ctx, { seek: (step) => cursor.seek(step) });
const guide = new Guide(ctx, socket);

// --- timeline ------------------------------------------------------------------------------
const scrubber = document.getElementById("scrubber");
const markers = document.getElementById("markers");
const playButton = document.getElementById("play");
function renderTimeline() {
  const timeline = ctx.timeline;
  scrubber.max = timeline.length;
  if (document.activeElement !== scrubber) scrubber.value = timeline.step;
  document.getElementById("step-now").textContent = timeline.step;
  const jump = document.getElementById("jump-step");
  if (document.activeElement !== jump) jump.value = timeline.step;
  jump.max = timeline.length;
  document.getElementById("step-length").textContent = timeline.length;
  playButton.textContent = timeline.playing ? "❚❚" : "▶";
  playButton.setAttribute("aria-pressed", String(timeline.playing));
  playButton.setAttribute("aria-label", timeline.playing ? t.pause : t.play);
  renderMarkers(timeline);
}
function renderMarkers(timeline) {
  const key = `${timeline.length}:${timeline.markers.length}`;
  if (markers.dataset.key === key) return;
  markers.dataset.key = key;
  markers.replaceChildren(...timeline.markers.map(([step, kinds]) => {
    const mark = document.createElement("button");
    mark.type = "button";
    mark.className = "marker marker-" + kinds[0].split(".")[0];
    mark.style.left = `${(100 * step) / Math.max(1, timeline.length)}%`;
    mark.title = narrative.markerTitle(step, kinds);
    mark.setAttribute("aria-label", mark.title);
    mark.dataset.step = step;
    return mark;
  }));
}
markers.addEventListener("click", (e) => {
  const mark = e.target.closest(".marker");
  if (mark) cursor.seek(Number(mark.dataset.step));
});
scrubber.addEventListener("change", () => cursor.seek(Number(scrubber.value)));

const speedSelect = document.getElementById("speed");
const speed = () => Number(speedSelect.value);
const controls = {
  first: () => cursor.seek(0),
  back: () => cursor.back(),
  step: () => cursor.step(),
  next: () => cursor.next(),
  last: () => cursor.seek(ctx.timeline.length),
  play: () => cursor.play(speed()),
};
document.querySelector(".controls").addEventListener("click", (e) => {
  const button = e.target.closest("[data-control]");
  if (button) controls[button.dataset.control]();
});
speedSelect.addEventListener("change", () => cursor.speed(speed()));
// "Go to step" + Enter: seek, then give the keyboard back to where it was before "g" (or ▶)
const jumpInput = document.getElementById("jump-step");
let beforeJump = null;
document.getElementById("jump").addEventListener("submit", (e) => {
  e.preventDefault();
  cursor.seek(Number(jumpInput.value));
  giveKeysBack();
});
jumpInput.addEventListener("keydown", (e) => { if (e.key === "Escape") giveKeysBack(); });
function giveKeysBack() {
  const back = beforeJump && beforeJump.isConnected && !beforeJump.closest("[hidden]") ? beforeJump : playButton;
  beforeJump = null;
  back.focus();
}
function nearbyMarker(direction) {
  const steps = ctx.timeline.markers.map(([step]) => step);
  const now = ctx.timeline.step;
  const found = direction > 0 ? steps.find((s) => s > now) : steps.reverse().find((s) => s < now);
  if (found !== undefined) cursor.seek(found);
}
function bumpSpeed(direction) {
  const index = speedSelect.selectedIndex + direction;
  if (index >= 0 && index < speedSelect.options.length) {
    speedSelect.selectedIndex = index;
    speedSelect.dispatchEvent(new Event("change"));
  }
}

// --- keyboard ------------------------------------------------------------------------------
const keys = {
  ArrowRight: controls.step, ArrowLeft: controls.back, " ": controls.play, n: controls.next,
  Home: controls.first, End: controls.last, "[": () => nearbyMarker(-1), "]": () => nearbyMarker(1),
  "+": () => bumpSpeed(1), "-": () => bumpSpeed(-1),
  g: () => { beforeJump = document.activeElement === document.body ? null : document.activeElement; jumpInput.focus(); },
  p: () => document.getElementById("projector-toggle").click(),
  "?": () => document.getElementById("shortcuts").showModal(),
};
document.getElementById("shortcuts-open").addEventListener("click", keys["?"]);
// keys typed into a field, a list or a dialog are theirs; a checkbox keeps only its Space
const TYPING = "select, textarea, dialog, input:not([type=checkbox]):not([type=radio]):not([type=button])";
document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.target.closest(TYPING)) return;
  if (e.key === " " && e.target.closest("button, input, summary, a")) return;
  const handler = keys[e.key] || ctx.keys[e.key];
  if (handler) { e.preventDefault(); handler(); }
});

// htmx panels refetch on "model-changed"; throttled so fast play stays light.
let pending = null;
function panelsChanged() {
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    document.body.dispatchEvent(new CustomEvent("model-changed"));
    view.panelsChanged?.(ctx);
  }, 150);
}
document.body.addEventListener("htmx:configRequest", (e) => {
  e.detail.parameters.lang = config.lang;
  if (cursor.mode === "viewer") e.detail.parameters.step = ctx.timeline.step;
  Object.assign(e.detail.parameters, view.panelParameters?.(ctx) || {});
});

// --- status and share ----------------------------------------------------------------------
const statusBox = document.getElementById("status");
let statusTimer = null;
function status(text, isError = false) {
  statusBox.hidden = !text;
  statusBox.textContent = text;
  statusBox.classList.toggle("error", isError);
  clearTimeout(statusTimer);
  if (text) statusTimer = setTimeout(() => { statusBox.hidden = true; }, 8000);
}
document.getElementById("share").addEventListener("click", async () => {
  const link = `${config.share_base}?step=${ctx.timeline.step}`;
  document.getElementById("share-link").textContent = link;
  try { await navigator.clipboard.writeText(link); status(t.copied); } catch { /* shown anyway */ }
});

view.init?.(ctx);
classroom?.init(ctx, socket);
initExercises(ctx, cursor);  // the exercises panel and "predict the next step"
render([]);
function classFork() {
  try { return JSON.parse(sessionStorage.getItem("hl-class-fork") || "{}").session === config.session; } catch { return false; }
}
window.hypervisorLab = ctx;
