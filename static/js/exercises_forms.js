// The answer widgets of the exercises panel, one per `question.form.type`, and reading them
// back as the API's answer: a translation (an address or a fault), a number, a choice, a state
// with its xl list flags, an order of steps.
import { el } from "./dom.js";

const words = (texts, lang) => texts[lang] || texts.en;
const select = (name, options) => el("select", { name }, ...options.map(([value, label]) => new Option(label, value)));

const FORMS = {
  translation(form, ex) {
    const t = ex.t;
    const kinds = form.kinds.map((k) => [k, t.faults[k] || k]);
    const levels = form.levels.map((l) => [l, l.toUpperCase()]);
    const reasons = form.reasons.map((r) => [r, t.reasons[r] || r]);
    return [
      el("label", { class: "ex-choice" }, el("input", { type: "radio", name: "outcome", value: "pa", checked: true }),
        ` ${t.answer_pa} `, el("input", { name: "pa", placeholder: "0x…", size: "20", autocomplete: "off", spellcheck: "false" })),
      el("fieldset", { class: "ex-fault" }, el("legend", {},
        el("label", {}, el("input", { type: "radio", name: "outcome", value: "fault" }), ` ${t.answer_fault}`)),
      el("label", {}, `${t.kind} `, select("fault_kind", kinds)),
      el("label", {}, `${t.level} `, select("fault_level", levels)),
      el("label", {}, `${t.reason} `, select("fault_reason", reasons))),
    ];
  },
  number(form, ex) {
    return [el("label", {}, `${words(form.label, ex.lang)} `,
      el("input", { name: "number", placeholder: "0x… / 1234", size: "22", autocomplete: "off", spellcheck: "false" }))];
  },
  choice(form, ex) {
    return form.choices.map((c) => el("label", { class: "ex-choice" },
      el("input", { type: "radio", name: "choice", value: c.value }), ` ${words(c.label, ex.lang)}`));
  },
  state_flags(form, ex) {
    return [
      el("label", {}, `${ex.t.state} `, select("state", form.states.map((s) => [s.value, words(s.label, ex.lang)]))),
      el("label", {}, `${ex.t.flags} `, el("input", { name: "flags", placeholder: "------", size: "8",
        maxlength: "6", autocomplete: "off", spellcheck: "false", class: "mono" })),
    ];
  },
  order(form, ex) {
    const list = el("ol", { class: "ex-order" }, ...form.items.map((item) => el("li", { "data-value": item.value },
      el("span", { class: "ex-order-text", text: words(item.label, ex.lang) }),
      el("button", { type: "button", class: "ghost", "data-move": "-1", "aria-label": ex.t.up, title: ex.t.up }, "↑"),
      el("button", { type: "button", class: "ghost", "data-move": "1", "aria-label": ex.t.down, title: ex.t.down }, "↓"))));
    list.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-move]");
      if (button) move(button.closest("li"), Number(button.dataset.move));
    });
    return [list];
  },
};

function move(item, direction) {
  const other = direction < 0 ? item.previousElementSibling : item.nextElementSibling;
  if (!other) return;
  if (direction < 0) other.before(item);
  else other.after(item);
  item.querySelector(`button[data-move="${direction}"]`)?.focus();
}

export function answerForm(form, ex) {
  const widgets = (FORMS[form.type] || FORMS.number)(form, ex);
  return [...widgets, el("button", { type: "submit", id: "ex-check" }, ex.t.check)];
}

const READERS = {
  translation(box) {
    if (box.querySelector("input[name=outcome]:checked")?.value !== "fault") {
      const pa = box.querySelector("input[name=pa]").value.trim();
      return pa ? { pa: pa.toLowerCase().startsWith("0x") ? pa : `0x${pa}` } : null;
    }
    const kind = box.querySelector("select[name=fault_kind]").value;
    const level = kind === "general_protection" ? null : box.querySelector("select[name=fault_level]").value;
    return { fault: { kind, level, reason: box.querySelector("select[name=fault_reason]").value } };
  },
  number: (box) => box.querySelector("input[name=number]").value.trim() || null,
  choice: (box) => box.querySelector("input[name=choice]:checked")?.value ?? null,
  state_flags(box) {
    const state = box.querySelector("select[name=state]").value;
    const flags = box.querySelector("input[name=flags]").value.trim();
    return state === "nothing" ? { state, flags: "" } : (flags ? { state, flags } : null);
  },
  order: (box) => [...box.querySelectorAll(".ex-order li")].map((li) => li.dataset.value),
};

export function readAnswer(form, box) {
  return (READERS[form.type] || READERS.number)(box);
}
