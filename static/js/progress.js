// The progress page (/progress): save the optional display name, import a progress file (its
// content is posted as JSON to /api/v1/progress/import), then redraw the progress from the
// page itself. The export is a plain download link.
import { call, fmt, why as reason } from "./json_api.js";
import { $ } from "./dom.js";

const MAX_BYTES = 256 * 1024;
const t = JSON.parse($("progress-i18n").textContent);
const why = (result) => reason(result, t.field);

function note(node, text, bad) {
  node.textContent = text;
  node.classList.toggle("bad", Boolean(bad));
}

async function saveName(event) {
  event.preventDefault();
  const value = $("progress-name").value.trim();
  const result = await call("PUT", "/api/v1/progress/name", { name: value === "" ? null : value });
  if (!result.ok) return note($("name-note"), fmt(t.failed, { why: why(result) }), true);
  $("progress-name").value = result.body.name ?? "";
  note($("name-note"), result.body.name ? t.saved : t.cleared, false);
}

async function redraw() {
  const response = await fetch(location.pathname + location.search, { credentials: "same-origin" });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.getElementById("progress-body");
  if (fresh) $("progress-body").replaceWith(document.importNode(fresh, true));
}

async function importFile() {
  const input = $("progress-import");
  const file = input.files?.[0];
  const out = $("import-note");
  if (!file) return;
  if (file.size > MAX_BYTES) return note(out, t.too_big, true);
  let document_;
  try {
    document_ = JSON.parse(await file.text());
  } catch (error) {
    return note(out, t.not_json, true);
  }
  note(out, t.importing, false);
  const result = await call("POST", "/api/v1/progress/import", document_);
  input.value = "";
  if (!result.ok) return note(out, fmt(t.failed, { why: why(result) }), true);
  await redraw();
  note(out, fmt(t.imported, result.body.added), false);
}

$("name-form").addEventListener("submit", saveName);
$("progress-import").addEventListener("change", importFile);
