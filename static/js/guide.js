// The scenario's goal and its current chapter, beside the picture (snapshot section "guide",
// checked by the model): what to look at, what to do, a button for the chapter's action (the
// same socket "action" the lab's own buttons send), "Chapter done" when the model says so,
// "Finished" at the end; the step counter's "of n" for scripted scenarios; what ▶| found.
import { guideConfig } from "./history.js";

export class Guide {
  constructor(ctx, socket) {
    this.ctx = ctx;
    this.t = guideConfig.i18n;
    this.panel = document.getElementById("guide");
    this.previous = ctx.state.guide ? doneSet(ctx.state.guide) : new Set();
    this.button = document.getElementById("guide-action");
    this.button?.addEventListener("click", () => this.act());
    socket.on("stepped", (message) => {
      if (message.session === ctx.config.session) this.stepped(message);
    });
  }

  get guide() { return this.ctx.state && this.ctx.state.guide; }

  render() {
    this.renderCounter();
    const guide = this.guide;
    if (!this.panel || !guide) return;
    const lang = this.ctx.config.lang;
    const done = doneSet(guide);
    const fresh = [...done].filter((i) => !this.previous.has(i));
    this.previous = done;
    this.renderChapters(guide, lang);
    const current = guide.chapters[guide.current];
    this.panel.querySelector("#guide-chapter").hidden = !current;
    this.panel.querySelector("#guide-finished").hidden = !guide.finished;
    if (current) this.renderChapter(guide, current, lang);
    const here = guide.chapters.findIndex((c) => c.done_at === this.ctx.timeline.step);
    this.announce(guide, fresh.length ? Math.max(...fresh) : here, lang);
    this.renderScriptEnd(guide);
  }

  renderChapters(guide, lang) {
    const list = this.panel.querySelector("#guide-chapters");
    list.replaceChildren(...guide.chapters.map((chapter, index) => {
      const li = document.createElement("li");
      li.className = chapter.done ? "done" : index === guide.current ? "current" : "";
      if (index === guide.current) li.setAttribute("aria-current", "step");
      li.textContent = `${chapter.done ? "✓ " : ""}${chapter.title[lang]}`;
      return li;
    }));
  }

  renderChapter(guide, chapter, lang) {
    const number = this.t.chapter_of.replace("{k}", guide.current + 1).replace("{n}", guide.chapters.length);
    this.panel.querySelector("#guide-number").textContent = number;
    this.panel.querySelector("#guide-chapter-title").textContent = chapter.title[lang];
    this.panel.querySelector("#guide-look").textContent = chapter.look[lang];
    this.panel.querySelector("#guide-do").textContent = chapter.do[lang];
    this.button.hidden = !chapter.action;
    if (!chapter.action) return;
    this.button.textContent = chapter.action.button[lang];
    const driving = this.ctx.config.mode === "driver";
    this.button.disabled = !driving;
    this.button.title = driving ? "" : this.t.only_owner;
  }

  announce(guide, index, lang) {
    const box = this.panel.querySelector("#guide-done");
    box.hidden = index < 0;
    if (index < 0) return;
    box.textContent = guide.finished ? this.t.finished : this.t.chapter_done
      .replace("{k}", index + 1).replace("{title}", guide.chapters[index].title[lang]);
  }

  renderScriptEnd(guide) {
    const box = this.panel.querySelector("#guide-script");
    const end = guide.script_end;
    const over = end !== null && end !== undefined && this.ctx.timeline.step >= end && !this.ctx.state.busy;
    box.hidden = !over || guide.finished;
    if (over) box.textContent = this.t.script_over.replace("{n}", end).replace("{next}", guide.next[this.ctx.config.lang]);
  }

  // "step k of n" when the scenario has a script, "· recorded to L" when the cursor is behind
  renderCounter() {
    const end = this.guide?.script_end;
    const total = document.getElementById("step-total");
    if (total) {
      total.hidden = end === null || end === undefined;
      if (!total.hidden) document.getElementById("step-end").textContent = end;
    }
    const recorded = document.getElementById("step-recorded");
    if (recorded) recorded.hidden = this.ctx.timeline.length <= this.ctx.timeline.step;
  }

  act() {
    const chapter = this.guide?.chapters[this.guide.current];
    if (!chapter?.action) return;
    const { action, target, args } = chapter.action;
    this.ctx.send("action", target === null ? { action, args } : { action, target, args });
  }

  // what ▶| found: a notable event, nothing more by itself, or nothing in its budget
  stepped(message) {
    const t = this.t;
    if (message.stopped === "quiet" && message.taken === 0) this.ctx.status(this.guide ? t.quiet_act : t.quiet);
    else if (message.stopped === "limit") this.ctx.status(t.nothing_notable.replace("{count}", message.taken));
  }
}

function doneSet(guide) {
  return new Set(guide.chapters.map((c, i) => (c.done ? i : -1)).filter((i) => i >= 0));
}
