// The exercises panel of every lab page (docs/api-exercises.md): pick a kind and a level, get a
// problem the model generated from a fresh seed, answer, read the hint, try again, then see the
// worked answer. The current problem is remembered per lab (localStorage), and `?exercise=<id>`
// opens one (a teacher's set links there). Also starts "predict the next step".
import { call, fmt, why } from "./json_api.js";
import { answerForm, readAnswer } from "./exercises_forms.js";
import { showData, showWorked } from "./exercises_show.js";
import { initPredict } from "./exercises_predict.js";
import { $ } from "./dom.js";

export function initExercises(ctx, cursor) {
  const node = $("exercise-config");
  if (!node) return;
  const config = JSON.parse(node.textContent);
  const ex = { ctx, config, t: config.i18n, lang: ctx.config.lang, instance: null, question: null };
  initPredict(ctx, cursor, ex.t);
  if (!config.kinds.length) return;
  $("ex-kind").addEventListener("change", () => fillLevels(ex, $("ex-kind").value));
  $("ex-pick").addEventListener("submit", (e) => { e.preventDefault(); create(ex); });
  $("ex-again").addEventListener("click", () => create(ex));
  $("ex-answer").addEventListener("submit", (e) => { e.preventDefault(); submit(ex); });
  $("ex-reveal").addEventListener("click", () => reveal(ex));
  restore(ex);
}

const storeKey = (ex) => `hl-exercise-${ex.config.lab}`;
const instanceUrl = (ex, tail = "") => `/api/v1/exercises/instances/${encodeURIComponent(ex.instance)}${tail}`;

function fillLevels(ex, kindId, level = 1) {
  const kind = ex.config.kinds.find((k) => k.id === kindId) || ex.config.kinds[0];
  $("ex-level").replaceChildren(...kind.levels.map((l) => {
    const option = new Option(`${l.level} — ${l.title}`, String(l.level));
    option.selected = l.level === level;
    return option;
  }));
}

function newSeed() {
  return crypto.getRandomValues(new Uint32Array(1))[0] & 0x7fffffff;
}

async function create(ex) {
  const kind = $("ex-kind").value;
  const body = { seed: newSeed(), level: Number($("ex-level").value) };
  const result = await call("POST", `/api/v1/exercises/${encodeURIComponent(kind)}/instances`, body);
  if (!result.ok) return feedback(fmt(ex.t.failed, { why: why(result, "") }), "error");
  remember(ex, result.body.instance);
  show(ex, result.body.instance, result.body.question, { attempts: 0 });
}

function remember(ex, instance) {
  try { localStorage.setItem(storeKey(ex), instance); } catch { /* private mode: not kept */ }
}

async function restore(ex) {
  let wanted = new URL(window.location.href).searchParams.get("exercise");
  try { wanted = wanted || localStorage.getItem(storeKey(ex)); } catch { /* not kept */ }
  if (!wanted) return;
  const result = await call("GET", `/api/v1/exercises/instances/${encodeURIComponent(wanted)}`);
  if (!result.ok || result.body.question.lab !== ex.config.lab) return;
  const { question } = result.body;
  $("ex-kind").value = question.kind;
  fillLevels(ex, question.kind, question.level);
  remember(ex, result.body.instance);
  show(ex, result.body.instance, question, result.body);
}

function show(ex, instance, question, state) {
  ex.instance = instance;
  ex.question = question;
  $("ex-problem").hidden = false;
  $("ex-problem").dataset.kind = question.kind;
  $("ex-question").textContent = question.text[ex.lang] || question.text.en;
  showData($("ex-data"), question, ex);
  $("ex-answer").replaceChildren(...answerForm(question.form, ex));
  feedback(state.attempts ? fmt(ex.t.attempts, { n: state.attempts }) : "", "");
  $("ex-reveal").disabled = !state.attempts;
  if ($("ex-worked").open) $("ex-worked").close();
}

function feedback(text, kind) {
  const box = $("ex-feedback");
  box.textContent = text;
  box.className = `ex-feedback ${kind}`;
}

async function submit(ex) {
  const answer = readAnswer(ex.question.form, $("ex-answer"));
  if (answer === null) return feedback(ex.t.choose, "error");
  const result = await call("POST", instanceUrl(ex, "/answers"), { answer });
  if (!result.ok) return feedback(why(result, ""), "error");
  const said = result.body.feedback[ex.lang] || result.body.feedback.en;
  feedback(`${result.body.correct ? "✓" : "✗"} ${said}`, result.body.correct ? "right" : "wrong");
  $("ex-reveal").disabled = false;
}

async function reveal(ex) {
  const result = await call("POST", instanceUrl(ex, "/reveal"), {});
  if (!result.ok) return feedback(why(result, ""), "error");
  await showWorked(ex, result.body);
  $("ex-worked").showModal();
}
