// Shared motion for the lab pictures: SVG/HTML + the Web Animations API, no library.
// The state is always drawn first (final attributes, final place); motion is decoration laid
// on top, never awaited, so it never blocks input and a new render simply replaces it.
//
//   reduced()              true when the reader asked for less motion
//                          (prefers-reduced-motion: reduce): every helper below then does nothing.
//   duration(ctx, events)  ms the motion of this render may take: 0 when reduced, on the first
//                          drawing, after a seek/scrub/back or a jump of several steps, else
//                          follows the play speed (a step by hand gets MANUAL_MS). Call it once
//                          per render (it remembers the step it saw last).
//   travel(el, points, ms) Animation | null: `el`, drawn at its final place, travels through
//                          `points` ([[x, y], …] in its parent's units — user units in SVG, px in
//                          HTML — the last one being where it is drawn) at an even pace. `el`
//                          must not carry a transform attribute of its own (wrap it in a <g>).
//   appear(el, ms)         Animation | null: fades and grows in.
//   pulse(el, ms)          Animation | null: a short emphasis (grows and comes back).
//   fly(layer, from, to, label, ms, cls)  HTMLElement | null: a chip labelled `label` appended
//                          to `layer` (a positioned box over the picture, pointer-events: none)
//                          travels from the centre of element `from` (or through the centres of
//                          an array of elements) to the centre of `to` (HTML or SVG elements),
//                          then goes away. Its class is "motion-chip " + cls.
export const MANUAL_MS = 900;
const MAX_MS = 900;
const query = window.matchMedia("(prefers-reduced-motion: reduce)");
let last = { step: null, events: null, ms: 0 };

export function reduced() {
  return query.matches;
}

export function duration(ctx, events) {
  const step = ctx.timeline.step;
  if (last.events === events && last.step === step) return last.ms;
  const previous = last.step;
  last = { step, events, ms: reduced() ? 0 : stepMs(ctx, events, previous) };
  return last.ms;
}

function stepMs(ctx, events, previous) {
  const one = previous !== null && ctx.timeline.step === previous + 1
    && events.length > 0 && events.every((e) => e.step === ctx.timeline.step);
  if (!one) return 0;
  if (!ctx.timeline.playing) return MANUAL_MS;
  const speed = Number(ctx.timeline.speed || document.getElementById("speed")?.value || 1);
  return Math.min(MAX_MS, Math.round(800 / Math.max(speed, 0.25)));
}

export function travel(el, points, ms) {
  if (!el || ms <= 0 || reduced() || points.length < 2) return null;
  const [ex, ey] = points[points.length - 1];
  const offsets = cumulative(points);
  return el.animate(points.map(([x, y], i) => ({
    transform: `translate(${x - ex}px, ${y - ey}px)`, offset: offsets[i],
  })), { duration: ms, easing: "ease-in-out" });
}

function cumulative(points) {
  const lengths = [0];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1], [x1, y1] = points[i];
    lengths.push(lengths[i - 1] + Math.hypot(x1 - x0, y1 - y0));
  }
  const total = lengths[lengths.length - 1] || 1;
  return lengths.map((l) => l / total);
}

export function appear(el, ms) {
  if (!el || ms <= 0 || reduced()) return null;
  return el.animate([{ opacity: 0, transform: "scale(0.6)" }, { opacity: 1, transform: "none" }],
    { duration: ms, easing: "ease-out" });
}

export function pulse(el, ms) {
  if (!el || ms <= 0 || reduced()) return null;
  return el.animate([{ transform: "none" }, { transform: "scale(1.12)", offset: 0.4 }, { transform: "none" }],
    { duration: ms, easing: "ease-in-out" });
}

export function fly(layer, from, to, label, ms, cls = "") {
  const stops = [...(Array.isArray(from) ? from : [from]), to];
  if (!layer || stops.some((el) => !el) || ms <= 0 || reduced()) return null;
  const box = layer.getBoundingClientRect();
  const points = stops.map((el) => centre(el, box));
  const chip = document.createElement("span");
  chip.className = `motion-chip ${cls}`;
  chip.textContent = label;
  chip.style.position = "absolute";
  chip.style.pointerEvents = "none";
  layer.append(chip);
  const [ex, ey] = points[points.length - 1];
  chip.style.left = `${ex - chip.offsetWidth / 2}px`;
  chip.style.top = `${ey - chip.offsetHeight / 2}px`;
  const animation = travel(chip, points, ms);
  animation.finished.then(() => chip.remove(), () => chip.remove());
  return chip;
}

function centre(el, box) {
  const r = el.getBoundingClientRect();
  return [r.left + r.width / 2 - box.left, r.top + r.height / 2 - box.top];
}
