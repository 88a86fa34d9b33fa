// The student's side of a live class: the poll with large choices, their answer (which they
// may change until the vote closes), their own result after the reveal, "Raise my hand",
// "Explore from here" (a private copy) and "Back to the class". Never another student's name.
import { $, LETTERS, choiceLabel, el, fmt, setText, why, words } from "./classroom_common.js";

export const FORK_KEY = "hl-class-fork";  // sessionStorage: the copy this tab explores

export class Student {
  constructor(shared) {
    this.s = shared;
    this.poll = null;
    this.me = null;
    this.choice = null;    // this student's answer to the current poll
    this.tooLate = false;  // an answer the server refused: the vote had closed
    this.busy = false;
    $("poll-choices").addEventListener("click", (e) => {
      const button = e.target.closest("button.poll-choice");
      if (button) this.answer(Number(button.dataset.choice));
    });
    $("class-hand").addEventListener("click", () => this.hand());
    $("class-back").addEventListener("click", () => this.back());
    $("class-my-copy").addEventListener("click", () => this.remember(this.forkId()));
    // every "Explore from here" of the page (cursor bar, actions, panel) detaches from the class
    document.addEventListener("click", (e) => {
      if (!e.target.closest(".fork-here")) return;
      e.preventDefault();
      e.stopPropagation();
      this.detach();
    }, true);
    this.loadMe();
  }

  async loadMe() {
    const result = await this.s.api.get("/students/me");
    if (!result.ok) return;
    this.me = result.body;
    if (result.body.answer !== null && result.body.answer !== undefined) this.choice = result.body.answer;
    this.renderMe();
    this.render();
  }

  classChanged(_cls, poll) {
    if (this.poll && poll && poll.id !== this.poll.id) { this.choice = null; this.tooLate = false; }
    this.poll = poll;
    this.render();
  }

  // --- the poll -----------------------------------------------------------------------------
  render() {
    const poll = this.poll, box = $("poll-choices");
    if (!poll) { box.replaceChildren(); this.note(""); return; }
    const { t, lang } = this.s;
    const key = `${poll.id}:${poll.choices.length}:${lang}`;
    if (box.dataset.key !== key) {
      box.dataset.key = key;
      box.replaceChildren(...poll.choices.map((choice, index) => el("button", {
        type: "button", className: "poll-choice", dataset: { choice: index }, "aria-pressed": "false",
      }, [el("span", { className: "letter", "aria-hidden": "true", text: LETTERS[index] }),
        el("span", { className: "choice-text", text: words(choice, lang) }),
        el("span", { className: "tag-mine" })])));
    }
    const open = poll.state === "open", revealed = poll.state === "revealed";
    for (const button of box.children) {
      const index = Number(button.dataset.choice);
      const mine = index === this.choice, right = revealed && index === poll.answer;
      button.setAttribute("aria-pressed", String(mine));
      button.setAttribute("aria-disabled", String(!open));
      button.classList.toggle("correct", right);
      const tags = [];
      if (right) tags.push(`✓ ${t.correct_answer}`);
      if (mine) tags.push(t.your_answer);
      setText(button.querySelector(".tag-mine"), tags.join(" · "));
    }
    if (open) this.note(this.tooLate ? t.too_late : this.choice === null ? t.pick : t.recorded);
    else if (!revealed) this.note(this.tooLate ? t.too_late : `${t.closed} ${t.wait_reveal}`);
    else this.result(poll);
  }

  note(text, mood = "") {
    const note = $("poll-note");
    setText(note, text);
    note.classList.toggle("right", mood === "right");
    note.classList.toggle("wrong", mood === "wrong");
  }

  result(poll) {
    const { t, lang } = this.s;
    const answer = choiceLabel(poll, poll.answer, lang);
    if (this.choice === null) return this.note(fmt(t.no_answer, { answer }));
    const right = this.choice === poll.answer;
    this.note(fmt(right ? t.right : t.wrong, { answer }), right ? "right" : "wrong");
  }

  async answer(choice) {
    const poll = this.poll;
    if (!poll || this.busy) return;
    if (poll.state !== "open") { this.tooLate = this.choice !== choice; this.render(); return; }
    const before = this.choice;
    this.busy = true;
    this.choice = choice;
    this.render();
    const result = await this.s.api.post(`/polls/${poll.id}/answers`, { choice });
    this.busy = false;
    if (this.poll?.id !== poll.id) return;
    if (result.ok) {
      this.choice = result.body.choice ?? choice;
      this.tooLate = false;
    } else {
      this.choice = before;
      if (result.status === 409) { this.tooLate = true; this.s.refresh(); }
      else this.s.ctx.status(fmt(this.s.t.failed, { why: why(result) }), true);
    }
    this.render();
  }

  // --- hand, detach, back -------------------------------------------------------------------
  async hand() {
    const raised = !this.me?.hand;
    const result = await this.s.api.post("/students/me/hand", { raised });
    if (!result.ok) return this.s.ctx.status(fmt(this.s.t.failed, { why: why(result) }), true);
    this.me = { ...(this.me || {}), hand: result.body.hand ?? raised };
    this.renderMe();
    this.s.announce(this.me.hand ? this.s.t.hand_up : this.s.t.hand_down);
  }

  async detach() {
    const { t, lang } = this.s;
    const result = await this.s.api.post("/students/me/detach");
    if (!result.ok || !result.body.url) return this.s.ctx.status(fmt(t.failed, { why: why(result) }), true);
    this.remember(result.body.id);
    window.location.assign(`${result.body.url}?lang=${lang}`);
  }

  // what the copy's page needs to offer "Back to the class" (it knows nothing of the class)
  remember(session) {
    const { t, room } = this.s;
    if (!session) return;
    try {
      sessionStorage.setItem(FORK_KEY, JSON.stringify({ session, code: room.code, back: t.back,
        note: t.exploring, failed: t.failed }));
    } catch { /* no storage: the class page offers the way back */ }
  }

  forkId() {
    const fork = this.me?.fork;
    return typeof fork === "string" ? fork : fork?.id;
  }

  async back() {
    const result = await this.s.api.post("/students/me/follow");
    if (!result.ok) return this.s.ctx.status(fmt(this.s.t.failed, { why: why(result) }), true);
    try { sessionStorage.removeItem(FORK_KEY); } catch { /* nothing kept */ }
    this.me = { ...(this.me || {}), following: true, fork: null };
    this.renderMe();
    $("class-detach").focus();
  }

  renderMe() {
    const me = this.me || {};
    $("class-hand").setAttribute("aria-pressed", String(Boolean(me.hand)));
    const detached = me.following === false;
    $("class-detached").hidden = !detached;
    $("class-detach").hidden = detached;
    const fork = this.forkId();
    const link = $("class-my-copy");
    link.hidden = !fork;
    if (fork) link.href = `/s/${encodeURIComponent(fork)}?lang=${this.s.lang}`;
  }
}
