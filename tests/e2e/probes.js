// Probes that tests/e2e/labpages.py runs in a lab page. `areas` names the CSS selectors of a
// lab's own picture and of the shared parts inside it: {picture, shared}.

function region(el, areas) {
  return el.closest(areas.picture) && !el.closest(areas.shared) ? "picture" : "chrome";
}

function describe(el) {
  const parts = [];
  for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
    const classes = typeof e.className === "string" && e.className.trim()
      ? "." + e.className.trim().split(/\s+/).join(".") : "";
    parts.unshift(e.localName + (e.id ? "#" + e.id : "") + classes);
  }
  return parts.join(" > ");
}

// the rendered size of a text: its font size times every scale on the way to the screen
// (CSS transforms of HTML boxes; viewBox and transforms of SVG)
function scale(el) {
  if (el instanceof SVGGraphicsElement) {
    const box = el.getBBox(), rect = el.getBoundingClientRect();
    return box.height > 0 ? rect.height / box.height : 1;
  }
  let k = 1;
  for (let e = el; e; e = e.parentElement) {
    const t = getComputedStyle(e).transform;
    if (t && t !== "none") {
      const m = new DOMMatrix(t);
      k *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
  }
  return k;
}

function hiddenByClip(el) {
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.clip === "rect(0px, 0px, 0px, 0px)" || s.clipPath === "inset(50%)") return true;
  }
  return false;
}

function textRects(node) {
  const range = document.createRange();
  range.selectNodeContents(node);
  return [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
}

// every visible text: {text, size (CSS px), region, where}
function textSizes(areas) {
  const width = document.documentElement.scrollWidth, found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.trim(), el = node.parentElement;
    if (!text || !el || el.closest("script, style, template, noscript, title, option")) continue;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const rects = textRects(node);
    if (!rects.length || rects.every((r) => r.right <= 0 || r.left >= width)) continue;
    if (hiddenByClip(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize) * scale(el);
    found.push({ text: text.slice(0, 40), size: Math.round(size * 10) / 10,
                 region: region(el, areas), where: describe(el) });
  }
  return found;
}

// the nearest box that cuts what overflows it sideways
function clipper(el) {
  for (let e = el.parentElement; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.overflowX !== "visible" || s.textOverflow === "ellipsis") return e;
  }
  return null;
}

function cutOff(node) {
  const range = document.createRange();
  range.selectNodeContents(node);
  const box = range.getBoundingClientRect(), el = node.parentElement, clip = clipper(el);
  if (box.width < 1) return false;
  const edge = clip && clip.getBoundingClientRect();
  const cut = edge && (box.right > edge.right + 1 || box.left < edge.left - 1);
  return cut || (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible");
}

// the texts of visible table cells that a box with hidden overflow cuts off
function clippedTableText(areas) {
  const found = [];
  for (const cell of document.querySelectorAll("td, th")) {
    if (!cell.checkVisibility()) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.textContent.trim() || !node.parentElement.checkVisibility() || !cutOff(node)) continue;
      found.push({ text: node.textContent.trim().slice(0, 40), region: region(node.parentElement, areas),
                   where: describe(node.parentElement) });
    }
  }
  return found;
}

// the region of the element a CSS selector finds (axe's targets)
function regionOf(selector, areas) {
  const el = document.querySelector(selector);
  return el ? region(el, areas) : "chrome";
}
