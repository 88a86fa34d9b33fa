// Beside the walk: the access trace, the suggested mmu_updates (guess Xen's verdict first) and
// the P2M picture (contiguous guest PFNs over scattered machine frames).
import { $, el, svg } from "./memory_dom.js";

export function renderTrace(m) {
  const list = $("trace-list");
  const key = `${m.trace.length}|${m.trace.position}|${m.trace.entries.length}`;
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...m.trace.entries.map((entry, index) => {
    const letter = { read: "R", write: "W", exec: "X" }[entry.access] + (entry.user ? "·U" : "·K");
    return el("li", { class: index === m.trace.position ? "now" : null },
      el("button", { type: "button", "data-va": entry.va, "data-access": entry.access, "data-user": String(entry.user) },
        entry.va, " ", el("span", { class: "acc", text: letter })));
  }));
}

// Each suggested update asks the learner to guess first; Xen's verdict shows only after a guess.
const guesses = new Map();  // suggestion id -> "accepted" | "refused"
export function guessed(ctx, id, guess) {
  guesses.set(id, guess);
  $("suggestions").dataset.key = "";
  renderSuggestions(ctx.state.memory, ctx.config.extra.t, ctx.config.lang);
}

export function renderSuggestions(m, t, lang) {
  const list = $("suggestions");
  const suggestions = m.pv?.suggestions || [];
  const key = JSON.stringify(suggestions.map((s) => [s.id, s.ptr, s.val])) + lang;
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...suggestions.map((s) => el("li", { "data-id": s.id },
    el("button", { type: "button", class: "ghost", "data-ptr": s.ptr, "data-val": s.val, "data-suggestion": s.id }, t.use),
    el("span", { text: s.label[lang] || s.label.en }), guessBox(s, t))));
}

function guessBox(s, t) {
  const guess = guesses.get(s.id);
  if (!guess) {
    return el("span", { class: "guess" }, `${t.guess} `,
      el("button", { type: "button", class: "ghost", "data-guess": "accepted" }, t.expect_accepted),
      el("button", { type: "button", class: "ghost", "data-guess": "refused" }, t.expect_refused));
  }
  const verdict = guess === s.expect ? `✓ ${t.right}` : `✗ ${t.wrong}`;
  return el("span", { class: `expect ${s.expect}` }, `${verdict}: ${s.expect === "refused" ? t.expect_refused : t.expect_accepted}`);
}

const P2M_BOX = { top: 22, height: 130, leftX: 16, rightX: 300, width: 34 };

export function renderP2M(state, m, t) {
  const picture = $("p2m-picture");
  const p2m = m.p2m;
  const key = JSON.stringify([p2m?.runs, p2m?.used]);
  if (picture.dataset.key === key) return;
  picture.dataset.key = key;
  picture.replaceChildren();
  $("p2m-caption").textContent = p2m ? t.p2m_caption : "";
  if (!p2m || !p2m.runs.length) return;
  const runs = p2m.runs.map(([pfn, mfn, count]) => [parseInt(pfn, 16), parseInt(mfn, 16), count]);
  const pages = p2m.nr_pages || 1;
  let low = Math.min(...runs.map((r) => r[1]));
  let high = Math.max(...runs.map((r) => r[1] + r[2]));
  const margin = Math.max(16, Math.round((high - low) * 0.08));
  low = Math.max(0, low - margin);
  high += margin;
  const { top, height, leftX, rightX, width } = P2M_BOX;
  const yl = (pfn) => top + (height * pfn) / pages;
  const yr = (mfn) => top + (height * (mfn - low)) / (high - low);
  picture.append(svg("text", { x: 2, y: 12 }, t.pseudo_physical), svg("text", { x: 358, y: 12, "text-anchor": "end" }, t.machine_frames),
    svg("rect", { x: leftX, y: top, width, height, class: "bar" }), svg("rect", { x: rightX, y: top, width, height, class: "bar" }));
  for (const [start, count, owner] of state.hosts?.[0]?.memory?.runs || []) {
    if (start + count < low || start > high) continue;
    const a = Math.max(start, low), b = Math.min(start + count, high);
    const fill = owner === "free" ? "#ffffff" : owner === "xen" ? "#999999" : owner === `d${m.domain.id}` ? "#E69F00" : "#56B4E9";
    picture.append(svg("rect", { x: rightX, y: yr(a), width, height: Math.max(0.5, yr(b) - yr(a)), fill, stroke: "none" }));
  }
  for (const [pfn, mfn, count] of runs) {
    const points = [[leftX + width, yl(pfn)], [rightX, yr(mfn)], [rightX, yr(mfn + count)], [leftX + width, yl(pfn + count)]];
    picture.append(svg("polygon", { points: points.map((p) => p.join(",")).join(" "), class: "band" }),
      svg("rect", { x: leftX, y: yl(pfn), width, height: Math.max(0.5, yl(pfn + count) - yl(pfn)), class: "run" }));
  }
  for (const row of p2m.used) {
    if (!row.mfn) continue;
    const pfn = parseInt(row.pfn, 16), mfn = parseInt(row.mfn, 16);
    picture.append(svg("line", { x1: leftX - 6, x2: leftX + width, y1: yl(pfn), y2: yl(pfn), class: "used" }),
      svg("line", { x1: rightX, x2: rightX + width + 6, y1: yr(mfn), y2: yr(mfn), class: "used" }));
  }
  picture.append(svg("text", { x: leftX, y: top + height + 12 }, `PFN 0 … ${(pages - 1).toString(16)}`),
    svg("text", { x: 358, y: top + height + 12, "text-anchor": "end" }, `MFN ${low.toString(16)} … ${high.toString(16)}`));
}
