// Draw the lifecycle diagram's highlights, the domain tokens and the host strip from a snapshot.
const SVG = "http://www.w3.org/2000/svg";
const OWNER_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];

export function ownerColour(owner) {
  if (owner === "free") return "#ffffff";
  if (owner === "xen") return "#000000";
  const domid = Number(owner.replace("d", ""));
  return OWNER_COLOURS[domid % OWNER_COLOURS.length];
}

const ACTIVE = ["blocked", "runnable"];

function diagramState(domain) {
  return domain ? domain.state : "nothing";
}

export function renderDiagram(state, selected, traditionalOf, t) {
  const domain = state.domains.find((d) => d.name === selected);
  const current = diagramState(domain);
  document.querySelectorAll("#lifecycle-diagram .node").forEach((node) => {
    node.classList.toggle("current", node.dataset.state === current);
  });
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
    label.textContent = on ? domain.busy : label.dataset.label;
  });
  renderTokens(state, selected);
  renderTraditional(current, traditionalOf, t);
  const caption = document.getElementById("diagram-caption");
  if (caption) caption.textContent = domain ? `${domain.name}: ${domain.state} ${domain.xl_state}` : "";
}

function renderTokens(state, selected) {
  document.querySelectorAll("#lifecycle-diagram .tokens").forEach((group) => {
    const here = state.domains.filter((d) => d.state === group.dataset.state && d.id !== 0);
    group.replaceChildren(...here.slice(0, 4).map((d, i) => token(d, i, d.name === selected)));
  });
}

function token(domain, index, isSelected) {
  const g = document.createElementNS(SVG, "g");
  g.setAttribute("class", "token" + (isSelected ? " selected" : ""));
  g.setAttribute("transform", `translate(${(index % 2) * 57}, ${Math.floor(index / 2) * 16})`);
  g.dataset.selectDomain = domain.name;
  const rect = document.createElementNS(SVG, "rect");
  rect.setAttribute("width", "54");
  rect.setAttribute("height", "15");
  rect.setAttribute("rx", "7");
  rect.setAttribute("fill", ownerColour(`d${domain.id}`));
  const text = document.createElementNS(SVG, "text");
  text.setAttribute("x", "27");
  text.setAttribute("y", "11");
  text.textContent = domain.name.slice(0, 8);
  const title = document.createElementNS(SVG, "title");
  title.textContent = `${domain.name} (d${domain.id}) ${domain.xl_state}`;
  g.append(rect, text, title);
  return g;
}

function renderTraditional(current, traditionalOf, t) {
  const equivalent = traditionalOf[current];
  document.querySelectorAll("#lifecycle-diagram .trad-node").forEach((node) => {
    node.classList.toggle("current", node.dataset.trad === equivalent);
  });
  const note = document.getElementById("trad-note");
  if (note) note.textContent = equivalent === null ? `${current}: ${t.no_equivalent}` : "";
}

export function renderHost(state, reduceMotion, t) {
  const host = state.hosts[0];
  document.querySelectorAll("#pcpus .pcpu").forEach((box) => {
    const cpu = host.pcpus[Number(box.dataset.pcpu)];
    const code = box.querySelector(".current");
    const value = cpu.current || t.idle;
    if (code.textContent !== value) {
      code.textContent = value;
      if (!reduceMotion) { box.classList.remove("flash"); void box.offsetWidth; box.classList.add("flash"); }
    }
    box.style.borderColor = cpu.current ? ownerColour(cpu.current.split("v")[0]) : "";
  });
  renderMemory(host.memory);
}

function renderMemory(memory) {
  const bar = document.getElementById("membar");
  const legend = document.getElementById("memlegend");
  const parts = Object.entries(memory.owners);
  bar.replaceChildren(...parts.map(([owner, frames]) => {
    const part = document.createElement("span");
    part.className = `mem-${owner === "free" ? "free" : owner === "xen" ? "xen" : "dom"}`;
    part.style.flexGrow = frames;
    part.style.background = ownerColour(owner);
    part.title = `${owner}: ${frames} frames (${Math.round(frames / 256)} MiB)`;
    return part;
  }));
  legend.textContent = parts.map(([owner, frames]) => `${owner} ${Math.round(frames / 256)} MiB`).join(" · ");
}
