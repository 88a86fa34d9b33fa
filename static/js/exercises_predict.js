// Predict the next step: with the toggle on, one step (+1, →) first asks the model what the very
// next step will do, and "next event" (▶|, n) which notable event comes first
// (POST /api/v1/sessions/<id>/predictions); the learner picks one of the
// choices, the answer is recorded (POST /api/v1/predictions/<id>/answers), then the step happens
// and the box says whether the guess was right. Playing is never interrupted.
import { call, why } from "./json_api.js";
import { $, el } from "./dom.js";

export function initPredict(ctx, cursor, t) {
  const toggle = $("predict-toggle");
  if (!toggle) return;
  const asking = () => toggle.checked && cursor.timer === null && !ctx.timeline.playing;
  for (const [method, kind] of [["step", "step_event"], ["next", "next_event"]]) {
    const move = cursor[method]?.bind(cursor);
    if (!move) continue;
    const state = { pending: false, ctx, t, step: move, kind };
    cursor[method] = () => (asking() ? ask(state) : move());
  }
  toggle.addEventListener("change", () => { if (!toggle.checked) $("predict-box").hidden = true; });
}

function say(text, kind = "") {
  const box = $("predict-result");
  box.textContent = text;
  box.className = `predict-result ${kind}`;
}

async function ask(state) {
  if (state.pending) return;
  state.pending = true;
  const { ctx, t } = state;
  const result = await call("POST", `/api/v1/sessions/${encodeURIComponent(ctx.config.session)}/predictions`,
    { step: ctx.timeline.step, kind: state.kind });
  $("predict-box").hidden = false;
  if (!result.ok) {
    state.pending = false;
    $("predict-question").textContent = "";
    $("predict-choices").replaceChildren();
    if (result.status !== 409) return say(why(result, ""), "error");
    say(t.predict_none);
    return state.step();
  }
  show(state, result.body);
}

function show(state, prediction) {
  const { ctx, t } = state;
  const lang = ctx.config.lang;
  $("predict-question").textContent = prediction.question.text[lang] || prediction.question.text.en;
  const buttons = prediction.question.choices.map((choice, index) => el("button",
    { type: "button", class: "predict-choice", "data-choice": String(index) }, choice[lang] || choice.en));
  const skip = el("button", { type: "button", class: "ghost predict-skip" }, t.predict_skip);
  $("predict-choices").replaceChildren(...buttons, skip);
  say("");
  buttons.forEach((button, index) => button.addEventListener("click", () => answer(state, prediction, index, buttons)));
  skip.addEventListener("click", () => { state.pending = false; $("predict-box").hidden = true; state.step(); });
  buttons[0].focus();
}

async function answer(state, prediction, index, buttons) {
  const { ctx, t } = state;
  const lang = ctx.config.lang;
  buttons.forEach((button) => { button.disabled = true; });
  const result = await call("POST", `/api/v1/predictions/${encodeURIComponent(prediction.id)}/answers`, { choice: index });
  state.pending = false;
  if (!result.ok) return say(why(result, ""), "error");
  const right = result.body.answer;
  buttons[index].classList.add("chosen");
  buttons[right].classList.add("right");
  if (index !== right) buttons[index].classList.add("wrong");
  const happened = prediction.question.choices[right];
  say(result.body.correct ? `✓ ${t.predict_right}` : `✗ ${t.predict_wrong} ${happened[lang] || happened.en}`,
    result.body.correct ? "right" : "wrong");
  state.step();
}
