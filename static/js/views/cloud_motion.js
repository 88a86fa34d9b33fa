// The datacenter moves with the model: drawn at its final state first (cloud_dc.js), then
// - a domain whose host changed (a migration's activation, a consolidation, an evacuation, a
//   restart elsewhere) travels from where it was drawn before to its new place;
// - each new pre-copy round sends pages over the link: dots flow from the source to the
//   target, more of them for a bigger round (on a log scale), the stop-and-copy's last few;
// - a host that failed, switched off or on pulses, and the domains lost with it pulse.
// Nothing moves when seeking, on a jump of several steps or under reduced motion
// (ms = 0, from ../motion.js); a new render replaces what is still moving.
import { travel, pulse } from "../motion.js";
import { svg, currentMigration } from "./cloud_dom.js";
import { places } from "./cloud_dc.js";

let before = null;  // what the last drawing showed: chips' places, hosts' states, rounds

export function animate(cloud, ms) {
  const now = snapshot(cloud);
  if (before && ms > 0) {
    moveChips(ms);
    sendPages(cloud, now, ms);
    pulseHosts(cloud, ms);
  }
  before = now;
}

function snapshot(cloud) {
  const mig = currentMigration(cloud);
  return {
    chips: new Map([...places.chips].map(([name, p]) => [name, { x: p.x, y: p.y }])),
    hosts: new Map(cloud.hosts.map((h) => [h.id, h.state])),
    domains: new Map(cloud.domains.map((d) => [d.name, d.state])),
    mig: mig ? { id: mig.id, rounds: mig.rounds.length } : null,
  };
}

function moveChips(ms) {
  for (const [name, p] of places.chips) {
    const was = before.chips.get(name) || (name.endsWith(":incoming") ? null : before.chips.get(`${name}:incoming`));
    if (!was || (was.x === p.x && was.y === p.y)) continue;
    travel(p.g, [[was.x, was.y], [p.x, p.y]], ms);
  }
}

function sendPages(cloud, now, ms) {
  const mig = currentMigration(cloud);
  const path = places.link;
  if (!mig || !path || !now.mig) return;
  const seen = before.mig && before.mig.id === mig.id ? before.mig.rounds : 0;
  if (mig.rounds.length <= seen) return;
  const round = mig.rounds[mig.rounds.length - 1];
  const count = Math.max(2, Math.min(14, Math.round(2 * Math.log10(round.pages_sent + 1) + 1)));
  const length = path.getTotalLength();
  const points = [];
  for (let i = 0; i <= 12; i++) {
    const q = path.getPointAtLength((length * i) / 12);
    points.push([q.x, q.y]);
  }
  const layer = document.getElementById("dc-packets");
  const [ex, ey] = points[points.length - 1];
  for (let i = 0; i < count; i++) {
    const dot = svg("rect", { x: ex - 7, y: ey - 5, width: 14, height: 10, rx: 2, class: "packet" });
    layer.append(dot);
    const animation = travel(dot, points, Math.round(ms * (0.45 + (0.55 * i) / count)));
    if (!animation) { dot.remove(); continue; }
    animation.finished.then(() => dot.remove(), () => dot.remove());
  }
}

function pulseHosts(cloud, ms) {
  for (const host of cloud.hosts) {
    if (before.hosts.get(host.id) === host.state) continue;
    const node = document.querySelector(`#dc-svg [data-host="${CSS.escape(host.id)}"] .host-box`);
    pulse(node, ms);
  }
  for (const d of cloud.domains) {
    if (before.domains.get(d.name) === d.state || d.state !== "crashed") continue;
    pulse(places.chips.get(d.name)?.g.querySelector(".chip-box"), ms);
  }
}
