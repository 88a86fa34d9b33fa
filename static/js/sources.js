// The small "source" beside a narrated step (issue 11, docs/api.md "Events"): a link to the
// file and function of Xen, libxl/libxc, Linux, QEMU or the Intel SDM that does what the
// sentence says, and/or a note saying where the model simplifies. The event JSON carries both
// (`source` with its `url`, `simplified` in every language); the words come from the page's
// `sources-config` block (templates/macros/sources.html). Links only: nothing is fetched.

let labels = null;
// A cited document (templates/macros/sources.html's `document` test): the Intel SDM, or any
// source whose `symbol` holds a space — a section's English title, not a code name. Its place
// and title are cited as they are, in English (lang="en"), beside the link.
const DOCUMENTS = new Set(["intel-sdm"]);
const isDocument = ({ project, symbol }) => DOCUMENTS.has(project) || /\s/.test(symbol);

function words() {
  if (!labels) {
    const block = document.getElementById("sources-config");
    labels = block ? JSON.parse(block.textContent) : { source: "source", simplified: "simplified", lang: "en" };
  }
  return labels;
}

// The element to show beside `event` (null when it has neither a source nor a simplification).
export function sourceLink(event) {
  if (!event || (!event.source && !event.simplified)) return null;
  const t = words();
  const box = document.createElement("span");
  box.className = "source-link";
  if (event.source) {
    const { project, path, symbol, url } = event.source;
    const a = document.createElement("a");
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = t.source;
    const colon = t.lang === "fr" ? "\u00a0: " : ": ";
    if (isDocument(event.source)) {
      a.title = project;
      a.setAttribute("aria-label", `${t.source}${colon}${project}`);
      box.append(a, " ", Object.assign(document.createElement("cite"), { textContent: `${path} — ${symbol}`, lang: "en" }));
    } else {
      a.title = `${project}${colon}${path} — ${symbol}`;
      a.setAttribute("aria-label", `${t.source}${colon}${project} ${path}, ${symbol}`);
      box.append(a, " ", Object.assign(document.createElement("code"), { textContent: symbol }));
    }
  }
  if (event.simplified) {
    const note = event.simplified[t.lang] || event.simplified.en;
    const span = document.createElement("span");
    span.className = "simplified";
    span.textContent = t.simplified;
    span.title = note;
    span.tabIndex = 0;
    span.setAttribute("aria-label", `${t.simplified}${t.lang === "fr" ? "\u00a0: " : ": "}${note}`);
    box.append(event.source ? " · " : "", span);
  }
  return box;
}

// Put `event`'s source after the first child of `li` (its narration button), replacing the one
// already there; an `li` with no event (a folded run of ticks, a refusal) gets none.
export function placeSource(li, event) {
  const key = event?.source?.url || event?.simplified?.en || "";
  const old = li.querySelector(":scope > .source-link");
  if ((old?.dataset.key || "") === key && (old || !key)) return;
  old?.remove();
  const box = sourceLink(event);
  if (!box) return;
  box.dataset.key = key;
  li.append(box);
}
