"""Scripts the browser tests run in a lab page to look at its picture (issue 12): where a moving
element goes frame by frame, how large and how contrasted every word is, which words overlap."""

# ruff: noqa: E501  (JavaScript, kept readable on long lines)

from __future__ import annotations

#: Samples, one per animation frame while the page's Web Animations run, of the centre of the
#: element ``selector`` matches (read again each frame: a drawing may replace it); the answer
#: also says how many animations ran and where ``target`` (a box) is.
SAMPLE = """async ([selector, target]) => {
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  const ours = () => document.getAnimations().filter((a) => !(a instanceof CSSAnimation || a instanceof CSSTransition));
  let waited = 0;
  while (!ours().length && waited++ < 120) await frame();
  const running = ours().length, samples = [];
  while (ours().length && samples.length < 400) {
    const el = document.querySelector(selector);
    if (el) { const r = el.getBoundingClientRect(); samples.push([r.x + r.width / 2, r.y + r.height / 2]); }
    await frame();
  }
  const el = document.querySelector(selector), r = el && el.getBoundingClientRect();
  const t = document.querySelector(target).getBoundingClientRect();
  return { running, samples, end: r && [r.x + r.width / 2, r.y + r.height / 2],
           target: [t.left, t.top, t.right, t.bottom] };
}"""

#: Every visible word of the picture: its size in CSS px (SVG text scaled to the screen) and its
#: contrast with what lies under it (an SVG text's fill against white, HTML against the nearest
#: opaque background).
TEXTS = """(root) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const under = (el) => { for (let n = el; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor); if (c.length === 3 || c[3] > 0.9) return c.slice(0, 3); } return [255, 255, 255]; };
  const out = [], walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement, text = walker.currentNode.textContent.trim();
    if (!text || el.closest("title, desc, .visually-hidden, [hidden], .token, .motion-chip")) continue;
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!r.width || style.visibility === "hidden" || style.display === "none") continue;
    const svg = el instanceof SVGElement;
    const px = parseFloat(style.fontSize) * (svg ? el.ownerSVGElement.getScreenCTM().a : 1);
    const contrast = ratio(rgb(svg ? style.fill : style.color), svg ? [255, 255, 255] : under(el));
    out.push({ text, px, contrast });
  }
  return out;
}"""

#: Pairs of the diagram's words that lie on each other or on a state's box.
OVERLAPS = """() => {
  const svg = document.getElementById("lifecycle-diagram");
  const texts = [...svg.querySelectorAll(".edge-label, .state-name, .trad-node text, .caption")];
  const boxes = [...svg.querySelectorAll(".node > rect, .trad-node > rect")];
  const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const found = [];
  texts.forEach((a, i) => {
    texts.slice(i + 1).forEach((b) => { if (hit(a.getBoundingClientRect(), b.getBoundingClientRect())) found.push(`${a.textContent} / ${b.textContent}`); });
    boxes.forEach((b) => { if (b.parentNode !== a.parentNode && hit(a.getBoundingClientRect(), b.getBoundingClientRect())) found.push(`${a.textContent} / box ${b.parentNode.id}`); });
  });
  return found;
}"""
