// The scenario's goal and its current chapter, beside the picture (snapshot section "guide",
// checked by the model): what to look at, what to do, a button for the chapter's action (the
// same socket "action" the lab's own buttons send), "Chapter done" when the model says so,
// "Finished" at the end; the step counter's "of n" for scripted scenarios; what ▶| found.
// The chapter's button goes away once its action is sent (by the button or the lab's own
// controls) and taken, until the cursor goes back before it.
import { guideConfig } from "./history.js";
import { proseNodes } from "./prose.js";

export class Guide {
  constructor(ctx, socket) {
    this.ctx = ctx;
    this.t = guideConfig.i18n;
    this.panel = document.getElementById("guide");
    this.previous = ctx.state.guide ? doneSet(ctx.state.guide) : new Set();
    this.button = document.getElementById("guide-action");
    this.button?.addEventListener("click", () => this.act());
    this.acted = readActed(ctx.config.session);
    this.watchActions(ctx, socket);
    socket.on("stepped", (message) => {
      if (message.session === ctx.config.session) this.stepped(message);
    });
  }

  // every "action" this page sends goes through ctx.send: note the one that is the chapter's
  watchActions(ctx, socket) {
    const send = ctx.send;
    ctx.send = (name, body = {}) => {
      if (name === "action") this.noteAction(body);
      return send(name, body);
    };
    socket.on("refused", (message) => {
      if (message.session === ctx.config.session) this.keepActed(null);
    });
  }

  noteAction(body) {
    const guide = this.guide;
    const action = guide?.chapters[guide.current]?.action;
    if (!action || action.action !== body.action || (action.target ?? null) !== (body.target ?? null)) return;
    this.keepActed({ chapter: guide.current, step: this.ctx.timeline.step });
  }

  keepActed(acted) {
    this.acted = acted;
    try { sessionStorage.setItem(`hl-acted-${this.ctx.config.session}`, JSON.stringify(acted)); } catch { /* private mode */ }
  }

  // the chapter's action was taken: sent from this page before the cursor's step, or in flight
  actionTaken(guide, action) {
    const acted = this.acted;
    if (acted && acted.chapter === guide.current && this.ctx.timeline.step > acted.step) return true;
    const domain = (this.ctx.state.domains || []).find((d) => d.name === action.target);
    return Boolean(domain && domain.busy === action.action);
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
    this.renderOverview(guide, fresh);
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
      li.replaceChildren(...proseNodes(`${chapter.done ? "✓ " : ""}${chapter.title[lang]}`));
      return li;
    }));
  }

  // "k/n" done; the goal and the chapter list fold away when a chapter gets done (reopenable)
  renderOverview(guide, fresh) {
    const overview = this.panel.querySelector("#guide-overview");
    if (!overview) return;
    overview.querySelector("#guide-progress").textContent = `${doneSet(guide).size}/${guide.chapters.length}`;
    if (fresh.length) overview.open = false;
  }

  renderChapter(guide, chapter, lang) {
    const number = this.t.chapter_of.replace("{k}", guide.current + 1).replace("{n}", guide.chapters.length);
    this.panel.querySelector("#guide-number").textContent = number;
    this.panel.querySelector("#guide-chapter-title").replaceChildren(...proseNodes(chapter.title[lang]));
    this.panel.querySelector("#guide-look").replaceChildren(...proseNodes(chapter.look[lang]));
    this.panel.querySelector("#guide-do").replaceChildren(...proseNodes(chapter.do[lang]));
    const hadFocus = document.activeElement === this.button;
    this.button.hidden = !chapter.action || this.actionTaken(guide, chapter.action);
    // a button that goes away must not take the keyboard's place with it: ▶| is what comes next
    if (this.button.hidden && hadFocus) document.querySelector("[data-control='next']")?.focus();
    if (this.button.hidden) return;
    this.button.textContent = chapter.action.button[lang];
    const driving = this.ctx.config.mode === "driver";
    this.button.disabled = !driving;
    this.button.title = driving ? "" : this.t.only_owner;
  }

  announce(guide, index, lang) {
    const box = this.panel.querySelector("#guide-done");
    box.hidden = index < 0;
    if (index < 0) return;
    box.replaceChildren(...proseNodes(guide.finished ? this.t.finished : this.t.chapter_done
      .replace("{k}", index + 1).replace("{title}", guide.chapters[index].title[lang])));
  }

  renderScriptEnd(guide) {
    const box = this.panel.querySelector("#guide-script");
    const end = guide.script_end;
    const over = end !== null && end !== undefined && this.ctx.timeline.step >= end && !this.ctx.state.busy;
    box.hidden = !over || guide.finished;
    if (over) box.replaceChildren(...proseNodes(this.t.script_over.replace("{n}", end)
      .replace("{next}", guide.next[this.ctx.config.lang])));
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

function readActed(session) {
  try { return JSON.parse(sessionStorage.getItem(`hl-acted-${session}`) || "null"); } catch { return null; }
}

function doneSet(guide) {
  return new Set(guide.chapters.map((c, i) => (c.done ? i : -1)).filter((i) => i >= 0));
}
