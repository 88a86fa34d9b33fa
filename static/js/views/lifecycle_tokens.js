// The domain tokens move: a token whose domain changed state travels along the arrow it took
// (pause, the shutdown path, save, destroy…); a new domain comes in from "no domain" (a
// restart is a new domid), a domain that went away leaves along "gone". Read where every token
// stood before drawing (before()), then animate from there to the new drawing (after()).
import { travel, reduced } from "../motion.js";
import { svg } from "../dom.js";
import { TOKEN, tokenOrigin } from "./lifecycle_draw.js";

const CENTRE = [TOKEN.w / 2, TOKEN.h / 2];

export function before() {
  const where = new Map();
  document.querySelectorAll("#lifecycle-diagram .token").forEach((token) => {
    const state = token.parentNode.dataset.state;
    where.set(token.dataset.domid, { state, at: tokenOrigin(state, Number(token.dataset.index)),
      clone: token.cloneNode(true) });
  });
  return where;
}

export function after(was, ms) {
  if (ms <= 0 || reduced()) return;
  const seen = new Set();
  document.querySelectorAll("#lifecycle-diagram .token").forEach((token) => {
    const id = token.dataset.domid;
    seen.add(id);
    const state = token.parentNode.dataset.state;
    const at = tokenOrigin(state, Number(token.dataset.index));
    const from = was.get(id) || { state: "nothing", at: centreOf("nothing") };
    if (from.state === state && same(from.at, at)) return;
    const route = [from.at, ...edgePoints(from.state, state), at];
    travel(token.querySelector(".token-body"), route.map(([x, y]) => [x - at[0], y - at[1]]), ms);
  });
  for (const [id, gone] of was) if (!seen.has(id)) leave(gone, ms);
}

// A token whose domain is no more: it leaves by "gone" to "no domain", then goes away.
function leave(gone, ms) {
  const layer = document.querySelector("#lifecycle-diagram .travellers");
  const end = centreOf("nothing");
  const ghost = svg("g", { class: "token ghost", transform: `translate(${end[0]}, ${end[1]})` },
    gone.clone.querySelector(".token-body"));
  layer.append(ghost);
  const route = [gone.at, ...edgePoints(gone.state, "dead"), ...edgePoints("dead", "nothing"), end];
  const animation = travel(ghost.firstChild, route.map(([x, y]) => [x - end[0], y - end[1]]), ms);
  if (animation) animation.finished.then(() => ghost.remove(), () => ghost.remove());
  else ghost.remove();
}

// The corners of the arrow from one state to another (token corner = point − half a token).
function edgePoints(from, to) {
  const edge = document.querySelector(`#lifecycle-diagram .edge[data-from="${from}"][data-to="${to}"]`)
    || (["blocked", "runnable"].includes(from) && document.querySelector(
      `#lifecycle-diagram .edge[data-from="running"][data-to="${to}"]`));
  if (!edge) return [];
  const numbers = edge.querySelector("path").getAttribute("d").match(/-?[\d.]+/g).map(Number);
  const points = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i] - CENTRE[0], numbers[i + 1] - CENTRE[1]]);
  return points;
}

function centreOf(state) {
  const node = document.getElementById(`node-${state}`);
  return [Number(node.dataset.x) - CENTRE[0], Number(node.dataset.y) - CENTRE[1]];
}

function same(a, b) {
  return a && b && Math.abs(a[0] - b[0]) < 0.5 && Math.abs(a[1] - b[1]) < 0.5;
}
