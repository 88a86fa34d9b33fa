// The lab page: socket sync, time controls, keyboard, SVG highlights. No inline script (CSP).
import { applyChanges } from "./patch.js";
import { renderDiagram, renderHost } from "./lifecycle_view.js";

const config = JSON.parse(document.getElementById("lab-config").textContent);
const t = config.i18n;
let state = config.state;
let timeline = config.timeline;
let selected = document.getElementById("selected-domain")?.dataset.domain || null;
const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

const socket = window.io({ transports: ["websocket", "polling"] });
const send = (name, body = {}) => socket.emit(name, { session: config.session, ...body });

socket.on("connect", () => { send("join"); status(""); });
socket.on("disconnect", () => status(t.disconnected, true));
socket.on("error", (err) => status(err.message, true));
socket.on("state", onState);

function onState(message) {
  if (message.session !== config.session) return;
  if (message.state) state = message.state;
  else state = applyChanges(state, message.changes || []);
  if (message.timeline) timeline = message.timeline;
  if (message.events) addEvents(message.events);
  render(message.events || []);
  panelsChanged();
}

function render(events) {
  renderDiagram(state, selected, config.traditional_of, t);
  renderHost(state, reduceMotion);
  renderTimeline();
  flashChanged(events);
}

// --- narration -----------------------------------------------------------------------------
const narration = document.getElementById("narration");
function addEvents(events) {
  if (!events.length) return;
  const fragment = document.createDocumentFragment();
  const shown = events.slice(-40).reverse();
  if (events.length && timeline && events[0].step <= Number(narration.dataset.top || -1)) {
    narration.replaceChildren();
  }
  for (const event of shown) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "event" + (event.notable ? " notable" : "");
    button.dataset.step = event.step;
    button.dataset.kind = event.kind;
    const no = document.createElement("span");
    no.className = "stepno";
    no.textContent = event.step;
    button.append(no, " ", event.narration[config.lang] || event.narration.en);
    li.append(button);
    fragment.append(li);
  }
  narration.prepend(fragment);
  narration.dataset.top = events[events.length - 1].step;
  while (narration.children.length > 200) narration.lastElementChild.remove();
}
narration.addEventListener("click", (e) => {
  const button = e.target.closest("button.event");
  if (button) send("seek", { step: Number(button.dataset.step) });
});

// --- timeline ------------------------------------------------------------------------------
const scrubber = document.getElementById("scrubber");
const markers = document.getElementById("markers");
const playButton = document.getElementById("play");
function renderTimeline() {
  scrubber.max = timeline.length;
  if (document.activeElement !== scrubber) scrubber.value = timeline.step;
  document.getElementById("step-now").textContent = timeline.step;
  document.getElementById("step-length").textContent = timeline.length;
  playButton.textContent = timeline.playing ? "❚❚" : "▶";
  playButton.setAttribute("aria-pressed", String(timeline.playing));
  playButton.setAttribute("aria-label", timeline.playing ? t.pause : t.play);
  renderMarkers();
}
function renderMarkers() {
  const key = `${timeline.length}:${timeline.markers.length}`;
  if (markers.dataset.key === key) return;
  markers.dataset.key = key;
  markers.replaceChildren(...timeline.markers.map(([step, kinds]) => {
    const mark = document.createElement("button");
    mark.type = "button";
    mark.className = "marker marker-" + kinds[0].split(".")[0];
    mark.style.left = `${(100 * step) / Math.max(1, timeline.length)}%`;
    mark.title = `${t.step} ${step}: ${kinds.join(", ")}`;
    mark.setAttribute("aria-label", mark.title);
    mark.dataset.step = step;
    return mark;
  }));
}
markers.addEventListener("click", (e) => {
  const mark = e.target.closest(".marker");
  if (mark) send("seek", { step: Number(mark.dataset.step) });
});
scrubber.addEventListener("change", () => send("seek", { step: Number(scrubber.value) }));

const controls = {
  first: () => send("seek", { step: 0 }),
  back: () => send("back", { count: 1 }),
  step: () => send("step", { count: 1 }),
  last: () => send("seek", { step: timeline.length }),
  play: () => send(timeline.playing ? "pause" : "play", { speed: speed() }),
};
document.querySelector(".controls").addEventListener("click", (e) => {
  const button = e.target.closest("[data-control]");
  if (button) controls[button.dataset.control]();
});
const speedSelect = document.getElementById("speed");
const speed = () => Number(speedSelect.value);
speedSelect.addEventListener("change", () => { if (timeline.playing) send("play", { speed: speed() }); });
document.getElementById("jump").addEventListener("submit", (e) => {
  e.preventDefault();
  send("seek", { step: Number(document.getElementById("jump-step").value) });
});

function nearbyMarker(direction) {
  const steps = timeline.markers.map(([step]) => step);
  const found = direction > 0 ? steps.find((s) => s > timeline.step)
    : steps.reverse().find((s) => s < timeline.step);
  if (found !== undefined) send("seek", { step: found });
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
  ArrowRight: controls.step, ArrowLeft: controls.back, " ": controls.play,
  Home: controls.first, End: controls.last, "[": () => nearbyMarker(-1), "]": () => nearbyMarker(1),
  "+": () => bumpSpeed(1), "-": () => bumpSpeed(-1),
  g: () => document.getElementById("jump-step").focus(),
  p: () => document.getElementById("projector-toggle").click(),
  "?": () => document.getElementById("shortcuts").showModal(),
};
document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.target.closest("input, select, textarea, dialog")) return;
  if (e.key === " " && e.target.closest("button")) return;
  const handler = keys[e.key];
  if (handler) { e.preventDefault(); handler(); }
});

// --- selection and actions -----------------------------------------------------------------
function select(name) {
  selected = name;
  renderDiagram(state, selected, config.traditional_of, t);
  refreshActions();
}
document.addEventListener("click", (e) => {
  const picker = e.target.closest("[data-select-domain], button.select-domain");
  if (picker) select(picker.dataset.domain || picker.dataset.selectDomain);
});
const actionsBar = document.getElementById("actions");
actionsBar.addEventListener("click", (e) => {
  const button = e.target.closest("button.action");
  if (button) send("action", { action: button.dataset.action, target: selected || button.dataset.target });
});
actionsBar.addEventListener("submit", (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  if (e.target.id === "restore-form") {
    send("action", { action: "restore", target: form.get("file") });
    return;
  }
  const args = { name: form.get("name"), memory_mb: Number(form.get("memory_mb")),
    vcpus: Number(form.get("vcpus")), on_crash: form.get("on_crash") };
  if (form.get("paused")) args.paused = true;
  send("action", { action: "create", args });
});
function refreshActions() {
  const url = `${actionsBar.dataset.url}?domain=${encodeURIComponent(selected || "")}&lang=${config.lang}`;
  const focused = document.activeElement?.dataset?.action;
  window.htmx.ajax("GET", url, { target: "#actions", swap: "innerHTML" }).then(() => {
    if (focused) actionsBar.querySelector(`[data-action="${focused}"]`)?.focus();
  });
}

// htmx panels refetch on "model-changed"; throttle so fast play stays light.
let pending = null;
function panelsChanged() {
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    document.body.dispatchEvent(new CustomEvent("model-changed"));
    refreshActions();
  }, 150);
}
document.body.addEventListener("htmx:configRequest", (e) => { e.detail.parameters.lang = config.lang; });

// --- status, share, flashes ----------------------------------------------------------------
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
  const link = `${config.share_base}?step=${timeline.step}`;
  document.getElementById("share-link").textContent = link;
  try { await navigator.clipboard.writeText(link); status(t.copied); } catch { /* shown anyway */ }
});
function flashChanged(events) {
  if (!events.length || reduceMotion) return;
  document.querySelectorAll(".node.current rect").forEach((rect) => {
    rect.classList.remove("flash");
    void rect.getBoundingClientRect();
    rect.classList.add("flash");
  });
}

render([]);
window.hypervisorLab = { get state() { return state; }, get timeline() { return timeline; } };
