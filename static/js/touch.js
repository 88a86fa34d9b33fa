// Phones and touch screens (issue 15), on every page (templates/base.html loads it):
// - a hover tip (a `title` or `data-tip` attribute, an SVG <title>) also shows on tap, on long
//   press (for a control, whose tap acts) and on keyboard focus, as an accessible popover;
// - on a narrow screen, a picture whose words would be drawn under 14 CSS px is drawn at a
//   readable scale in a frame that scrolls sideways, kept on what the step changed;
// - secondary panels fold under their heading and open on tap; the step bar gets a "more
//   controls" toggle for speed, go-to-step, predict and the shortcuts.
// No inline style: classes from static/css/phone.css and CSS custom properties.

const PHONE = window.matchMedia("(max-width: 600px)");
const MIN_PX = 14;
const MAX_SVG_WIDTH = 3200;
const LONG_PRESS_MS = 550;
const TIP_ID = "touch-tip";
const CONTROL = "a[href], button, input, select, textarea, summary, [role='button'], [tabindex]:not([tabindex='-1'])";
const HIGHLIGHT = ".current, .selected, .taking, .lit, .hot, .flash";
const FOLDABLE = ".side > .panel";

const text = readText();

function readText() {
  const fallback = { more: "More controls", show: "Show", hide: "Hide" };
  try {
    return { ...fallback, ...JSON.parse(document.getElementById("touch-i18n")?.textContent || "{}") };
  } catch {
    return fallback;
  }
}

// --- hover tips on tap, long press and focus ----------------------------------------------------

let tip = null;
let owner = null;
let press = null;
let swallowClick = false;

function tipElement() {
  if (tip) return tip;
  tip = document.createElement("div");
  tip.id = TIP_ID;
  tip.className = "touch-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  return tip;
}

function ownText(node) {
  if (!(node instanceof Element)) return "";
  const words = node.getAttribute("data-tip") || node.getAttribute("title");
  if (words) return words.trim();
  if (node instanceof SVGElement && node.localName !== "svg") {
    return node.querySelector(":scope > title")?.textContent.trim() || "";
  }
  return "";
}

function withTip(node) {
  for (let n = node; n && n !== document.body; n = n.parentElement) {
    if (n.closest?.(".touch-tip")) return null;
    if (ownText(n)) return n;
  }
  return null;
}

function ownerAt(x, y) {
  for (const node of document.elementsFromPoint(x, y)) {
    const found = withTip(node);
    if (found) return found;
  }
  return null;
}

function isDisabled(node) {
  return node.matches(":disabled, [aria-disabled='true']");
}

function acts(node) {
  return node.matches(CONTROL) && !isDisabled(node);
}

function describe(node, on) {
  const ids = (node.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && id !== TIP_ID);
  if (on) ids.push(TIP_ID);
  if (ids.length) node.setAttribute("aria-describedby", ids.join(" "));
  else node.removeAttribute("aria-describedby");
}

function place(box, rect) {
  const margin = 8;
  const below = rect.bottom + margin;
  const fits = below + box.offsetHeight < window.innerHeight;
  const y = fits ? below : Math.max(margin, rect.top - box.offsetHeight - margin);
  const x = Math.min(Math.max(margin, rect.left), window.innerWidth - box.offsetWidth - margin);
  box.style.setProperty("--tip-x", `${Math.max(margin, x)}px`);
  box.style.setProperty("--tip-y", `${y}px`);
}

function showTip(node) {
  const words = ownText(node);
  if (!words) return;
  if (owner && owner !== node) hideTip();
  const box = tipElement();
  box.textContent = words;
  box.hidden = false;
  owner = node;
  describe(node, true);
  place(box, node.getBoundingClientRect());
}

function hideTip() {
  if (!owner) return;
  describe(owner, false);
  owner = null;
  tipElement().hidden = true;
}

function onPointerDown(event) {
  if (owner && !withTip(event.target)?.isSameNode(owner)) hideTip();
  if (event.pointerType === "mouse") return;
  const found = ownerAt(event.clientX, event.clientY);
  if (!found || !acts(found)) return;
  press = { node: found, timer: window.setTimeout(() => longPress(found), LONG_PRESS_MS) };
}

function longPress(node) {
  press = null;
  swallowClick = true;
  showTip(node);
}

function cancelPress() {
  if (press) window.clearTimeout(press.timer);
  press = null;
}

function onPointerUp(event) {
  cancelPress();
  if (event.pointerType === "mouse" || swallowClick) return;
  const found = ownerAt(event.clientX, event.clientY);
  if (!found || acts(found)) return;
  if (owner === found) hideTip();
  else showTip(found);
}

function onClick(event) {
  if (!swallowClick) return;
  swallowClick = false;
  event.preventDefault();
  event.stopPropagation();
}

function onFocusIn(event) {
  const node = withTip(event.target);
  if (node && event.target.matches(":focus-visible")) showTip(node);
}

function onFocusOut() {
  if (owner && !owner.contains(document.activeElement)) hideTip();
}

function onKey(event) {
  if (event.key === "Escape" && owner) hideTip();
}

function watchTips() {
  document.addEventListener("pointerdown", onPointerDown, true);
  document.addEventListener("pointerup", onPointerUp, true);
  document.addEventListener("pointercancel", cancelPress, true);
  document.addEventListener("click", onClick, true);
  document.addEventListener("contextmenu", (e) => { if (swallowClick) e.preventDefault(); }, true);
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("focusout", onFocusOut);
  document.addEventListener("keydown", onKey);
  window.addEventListener("scroll", hideTip, { passive: true });
}

// --- pictures at a readable scale ---------------------------------------------------------------

function drawnSvgs() {
  return [...document.querySelectorAll("main svg")].filter((svg) => !svg.parentElement.closest("svg")
    && !svg.classList.contains("main-svg") && svg.viewBox?.baseVal?.width);
}

// how much wider the drawing must be for its smallest visible word to reach MIN_PX
function growth(svg) {
  let factor = 0;
  for (const word of svg.querySelectorAll("text")) {
    if (!word.textContent.trim() || !word.checkVisibility()) continue;
    const matrix = word.getScreenCTM();
    const px = parseFloat(getComputedStyle(word).fontSize) * (matrix ? Math.hypot(matrix.a, matrix.b) : 1);
    if (px > 0) factor = Math.max(factor, MIN_PX / px);
  }
  return factor;
}

function fitSvg(svg) {
  if (!svg.checkVisibility()) return;
  svg.classList.add("phone-svg");
  svg.parentElement.classList.add("phone-svg-frame");
  const factor = growth(svg);
  if (!factor) return;
  const frame = svg.parentElement.clientWidth;
  const now = svg.getBoundingClientRect().width;
  const width = Math.min(MAX_SVG_WIDTH, Math.max(frame, Math.ceil(now * factor * 1.01)));
  if (Math.abs(width - now) > 1) svg.style.setProperty("--phone-svg-width", `${width}px`);
  keepInView(svg);
}

// scroll the frame to what the step changed (all its highlights) when it is out of sight
function keepInView(svg) {
  const frame = svg.parentElement;
  const hot = [...svg.querySelectorAll(HIGHLIGHT)].map((e) => e.getBoundingClientRect()).filter((r) => r.width);
  if (!hot.length || frame.scrollWidth <= frame.clientWidth) return;
  const left = Math.min(...hot.map((r) => r.left)), right = Math.max(...hot.map((r) => r.right));
  const view = frame.getBoundingClientRect();
  if (left >= view.left && right <= view.right) return;
  frame.scrollLeft += (left + right) / 2 - (view.left + view.width / 2);
}

function unfitSvgs() {
  for (const svg of document.querySelectorAll("svg.phone-svg")) {
    svg.classList.remove("phone-svg");
    svg.style.removeProperty("--phone-svg-width");
    svg.parentElement.classList.remove("phone-svg-frame");
  }
}

let fitQueued = false;

function queueFit() {
  if (fitQueued) return;
  fitQueued = true;
  window.requestAnimationFrame(() => {
    fitQueued = false;
    if (PHONE.matches) drawnSvgs().forEach(fitSvg);
    else unfitSvgs();
  });
}

// --- folding panels and the step bar's extra controls -------------------------------------------

function foldButton(panel) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "phone-fold ghost";
  const heading = panel.querySelector(":scope > h2");
  if (heading?.id) button.setAttribute("aria-describedby", heading.id);
  if (panel.id) button.setAttribute("aria-controls", panel.id);
  button.addEventListener("click", () => {
    setFold(panel, panel.dataset.phoneFold !== "open");
    if (panel.dataset.phoneFold === "open") redrawCharts(panel);
  });
  return button;
}

function setFold(panel, open) {
  panel.dataset.phoneFold = open ? "open" : "closed";
  panel.classList.toggle("phone-folded", !open);
  const button = panel.querySelector(":scope > .phone-fold");
  if (!button) return;
  button.setAttribute("aria-expanded", String(open));
  const label = open ? text.hide : text.show;
  if (button.textContent !== label) button.textContent = label;
}

function redrawCharts(panel) {
  window.dispatchEvent(new Event("resize"));
  for (const chart of panel.querySelectorAll(".js-plotly-plot")) window.Plotly?.Plots?.resize(chart);
  queueFit();
}

function makeFoldable(panel) {
  panel.classList.add("phone-foldable");
  if (!panel.querySelector(":scope > .phone-fold")) {
    const heading = panel.querySelector(":scope > h2");
    if (heading) heading.after(foldButton(panel));
    else panel.prepend(foldButton(panel));
  }
  setFold(panel, panel.dataset.phoneFold === "open");
}

function foldPanels() {
  document.querySelectorAll(FOLDABLE).forEach(makeFoldable);
}

function moreButton(timeline) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "phone-more ghost";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-label", text.more);
  button.title = text.more;
  button.textContent = "⋯";
  button.addEventListener("click", () => {
    const open = timeline.classList.toggle("phone-more-open");
    button.setAttribute("aria-expanded", String(open));
  });
  return button;
}

function addMoreControls() {
  const timeline = document.querySelector(".lab .timeline");
  const controls = timeline?.querySelector(".controls");
  if (!controls || controls.querySelector(".phone-more")) return;
  const last = controls.querySelector("[data-control='last']");
  if (last) last.after(moreButton(timeline));
  else controls.append(moreButton(timeline));
}

// --- start ----------------------------------------------------------------------------------------

// The page's redraws are watched only on a narrow screen: a wide one pays nothing per render.
function watchChanges() {
  const observer = new MutationObserver((records) => {
    if (records.some((r) => r.target.closest?.(FOLDABLE) || r.target.matches?.(".side"))) foldPanels();
    if (records.some((r) => !r.target.closest?.(".touch-tip"))) queueFit();
  });
  const main = document.querySelector("main") || document.body;
  const follow = () => {
    observer.disconnect();
    if (PHONE.matches) { foldPanels(); observer.observe(main, { childList: true, subtree: true }); }
    queueFit();
  };
  PHONE.addEventListener("change", follow);
  window.addEventListener("resize", () => { if (PHONE.matches) queueFit(); });
  follow();
}

function start() {
  watchTips();
  addMoreControls();
  watchChanges();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
