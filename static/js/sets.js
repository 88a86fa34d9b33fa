// Exercise sets: upload a set file (/sets/new), and on a set's page (/sets/<id>) copy its
// link, start one of its exercises (an instance of the student's own, tied to the set) and
// let a teacher's live class work on it.
import { call, fmt, why as reason } from "./json_api.js";
import { $ } from "./dom.js";

const t = JSON.parse($("sets-i18n").textContent);
const MAX_BYTES = 256 * 1024;
const why = (result) => reason(result, t.field);

function note(text, bad) {
  const out = $("set-note");
  out.textContent = text;
  out.classList.toggle("set-error", Boolean(bad));
}

function failed(result) {
  note(fmt(t.failed, { why: why(result) }), true);
}

async function upload(event) {
  event.preventDefault();
  const file = $("set-file").files?.[0];
  if (!file) return note(t.choose, true);
  if (file.size > MAX_BYTES) return note(t.too_big, true);
  let body;
  try {
    body = JSON.parse(await file.text());
  } catch (error) {
    return note(t.not_json, true);
  }
  note(t.uploading, false);
  const result = await call("POST", "/api/v1/sets", body);
  if (!result.ok) return failed(result);
  note("", false);
  $("set-link").value = result.body.share_url;
  $("set-open").href = result.body.url;
  $("set-made").hidden = false;
  $("set-link").focus();
  $("set-link").select();
}

async function copyLink() {
  $("set-link").select();
  try {
    await navigator.clipboard.writeText($("set-link").value);
    note(t.copied, false);
  } catch (error) {
    document.execCommand?.("copy");
  }
}

async function assign(event) {
  event.preventDefault();
  const code = $("set-class-code").value.trim().toUpperCase();
  if (!code) return note(t.choose, true);
  const set = $("set-page").dataset.set;
  const result = await call("POST", `/api/v1/classes/${encodeURIComponent(code)}/set`, { set });
  if (!result.ok) return failed(result);
  note(fmt(t.assigned, { code: result.body.code }), false);
}

async function start(button) {
  const set = $("set-page").dataset.set;
  button.disabled = true;
  $("start-note").textContent = t.started;
  const body = { kind: button.dataset.kind, level: Number(button.dataset.level) };
  const result = await call("POST", `/api/v1/sets/${encodeURIComponent(set)}/instances`, body);
  button.disabled = false;
  if (!result.ok) {
    $("start-note").textContent = fmt(t.failed, { why: why(result) });
    return;
  }
  location.assign(result.body.url);
}

$("set-upload")?.addEventListener("submit", upload);
$("set-copy")?.addEventListener("click", copyLink);
$("set-assign")?.addEventListener("submit", assign);
document.querySelectorAll("button.start-exercise").forEach((button) => {
  button.addEventListener("click", () => start(button));
});
