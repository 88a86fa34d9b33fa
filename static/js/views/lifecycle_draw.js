// The lifecycle diagram: which state is current, which arrow is being taken, the domain tokens
// in their states, the traditional machine beside it. Motion is lifecycle_tokens.js's.
import { svg } from "../dom.js";
const OWNER_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];
const ACTIVE = ["blocked", "runnable"];
export const TOKEN = { w: 58, h: 19, gap: 1, perRow: 2, shown: 4 };

export function ownerColour(owner) {
  if (owner === "free") return "#ffffff";
  if (owner === "xen") return "#000000";
  const domid = Number(owner.replace("d", ""));
  return OWNER_COLOURS[domid % OWNER_COLOURS.length];
}

// A state's name in the reader's language (lifecycle_page.py translations(): state_<name>).
function stateName(state, t) {
  return t[`state_${state}`] || state;
}

// "label: value", with French typography's space before the colon
function colon() {
  return document.documentElement.lang === "fr" ? "\u00a0: " : ": ";
}

export function diagramState(domain) {
  return domain ? domain.state : "nothing";
}

export function renderDiagram(ctx, selected) {
  const domain = ctx.state.domains.find((d) => d.name === selected);
  const current = diagramState(domain);
  document.querySelectorAll("#lifecycle-diagram .node").forEach((node) => {
    node.classList.toggle("current", node.dataset.state === current);
  });
  markTaking(domain, current, ctx.config.extra.t);
  renderTokens(ctx.state, selected);
  renderTraditional(current, ctx.config.extra.traditional_of, ctx.t, ctx.config.extra.t);
  const caption = document.getElementById("diagram-caption");
  if (caption) caption.textContent = domain ? `${domain.name}${colon()}${stateName(current, ctx.config.extra.t)} ${domain.xl_state}` : "";
}

// The arrow the selected domain's operation takes: thick, dashed, its label the operation.
function markTaking(domain, current, t) {
  const edges = [...document.querySelectorAll("#lifecycle-diagram .edge")];
  const takes = (edge, from) => domain && domain.busy && edge.dataset.from === from
    && edge.dataset.triggers.split(" ").includes(domain.busy);
  // a blocked or runnable domain leaves by the same transitions as a running one
  let taking = edges.filter((edge) => takes(edge, current));
  if (!taking.length && ACTIVE.includes(current)) taking = edges.filter((edge) => takes(edge, "running"));
  edges.forEach((edge) => {
    const on = taking.includes(edge);
    edge.classList.toggle("taking", on);
    const label = edge.querySelector(".edge-label");
    label.textContent = on ? t[`trigger_${domain.busy}`] || domain.busy : label.dataset.label;
  });
}

// Where a token stands, in the domain part's units: its state box, then its place in the box.
export function tokenOrigin(state, index) {
  const node = document.getElementById(`node-${state}`);
  if (!node) return null;
  const [x, y] = [Number(node.dataset.x), Number(node.dataset.y)];
  return [x - 59 + (index % TOKEN.perRow) * (TOKEN.w + TOKEN.gap),
    y + Number(node.dataset.ty) + Math.floor(index / TOKEN.perRow) * (TOKEN.h + TOKEN.gap)];
}

function renderTokens(state, selected) {
  document.querySelectorAll("#lifecycle-diagram .tokens").forEach((group) => {
    const here = state.domains.filter((d) => d.state === group.dataset.state && d.id !== 0);
    group.replaceChildren(...here.slice(0, TOKEN.shown).map((d, i) => token(d, i, d.name === selected)));
  });
}

function token(domain, index, isSelected) {
  const g = svg("g", { class: "token" + (isSelected ? " selected" : ""),
    transform: `translate(${(index % TOKEN.perRow) * (TOKEN.w + TOKEN.gap)}, ${Math.floor(index / TOKEN.perRow) * (TOKEN.h + TOKEN.gap)})` });
  g.dataset.selectDomain = domain.name;
  g.dataset.domid = domain.id;
  g.dataset.index = index;
  const rect = svg("rect", { width: TOKEN.w, height: TOKEN.h, rx: 9 });
  rect.style.fill = ownerColour(`d${domain.id}`);  // over the state box's own fill rules
  const body = svg("g", { class: "token-body" }, rect,
    svg("text", { x: TOKEN.w / 2, y: TOKEN.h - 5 }, domain.name.slice(0, 6)));
  g.append(body, svg("title", {}, `${domain.name} (d${domain.id}) ${domain.xl_state}`));
  return g;
}

function renderTraditional(current, traditionalOf, t, words) {
  const equivalent = traditionalOf[current];
  document.querySelectorAll("#lifecycle-diagram .trad-node").forEach((node) => {
    node.classList.toggle("current", node.dataset.trad === equivalent);
  });
  const note = document.getElementById("trad-note");
  if (note) note.textContent = equivalent === null ? `${stateName(current, words)}${colon()}${t.no_equivalent}` : "";
}
