// What every role of a live class shares: the class's API, small DOM helpers, the words of a
// poll in the page's language, and the countdown (the server closes the vote; the page only
// shows the time left, and asks again when it should be over).

import { $ } from "./dom.js";
export { $ };
export const LETTERS = "ABCDEF";

export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

// write a text only when it changes (a live region speaks every write)
export function setText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

export function fmt(text, values) {
  return Object.entries(values).reduce((out, [key, value]) => out.replaceAll(`{${key}}`, String(value)), text);
}

export class ClassApi {
  constructor(code, lang) {
    this.base = `/api/v1/classes/${encodeURIComponent(code)}`;
    this.lang = lang;
  }

  // {ok, status, body}; never throws (a network error is status 0)
  async call(method, path, body) {
    const init = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    try {
      const response = await fetch(`${this.base}${path}${path.includes("?") ? "&" : "?"}lang=${this.lang}`, init);
      const text = await response.text();
      let parsed = {};
      try { parsed = text ? JSON.parse(text) : {}; } catch { parsed = {}; }
      return { ok: response.ok, status: response.status, body: parsed };
    } catch (err) {
      return { ok: false, status: 0, body: { error: { message: String(err.message || err) } } };
    }
  }

  get(path = "") { return this.call("GET", path); }
  post(path, body = {}) { return this.call("POST", path, body); }
}

export function why(result) {
  return result.body?.error?.message || String(result.status || "network");
}

// a {"en", "fr"} text (or a plain string) in the page's language
export function words(value, lang) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return value[lang] ?? value.en ?? Object.values(value)[0] ?? "";
}

export function choiceLabel(poll, index, lang) {
  return `${LETTERS[index] || index + 1}. ${words(poll.choices[index], lang)}`;
}

export function stateWord(poll, t) {
  return { open: t.open, closed: t.closed, revealed: t.revealed }[poll.state] || "";
}

// Shows "31 s left" in #poll-countdown while a poll with a countdown is open. When the time
// is up it shows "Closing…" and calls onDue() (once per poll) so the page reads the server's
// verdict even if the socket's message is late.
export class Countdown {
  constructor(t, announce, onDue) {
    this.t = t;
    this.announce = announce;
    this.onDue = onDue;
    this.deadline = null;
    this.pollId = null;
    this.warned = false;
    this.due = false;
    this.timer = null;
  }

  update(poll) {
    const node = $("poll-countdown");
    if (!poll || poll.state !== "open" || poll.closes_in === null || poll.closes_in === undefined) {
      this.stop();
      if (node) { node.textContent = ""; node.classList.remove("urgent"); }
      return;
    }
    if (poll.id !== this.pollId) { this.pollId = poll.id; this.warned = false; this.due = false; }
    this.deadline = performance.now() + Number(poll.closes_in) * 1000;
    if (this.timer === null) this.timer = setInterval(() => this.tick(), 250);
    this.tick();
  }

  tick() {
    const node = $("poll-countdown");
    if (!node || this.deadline === null) return;
    const left = Math.max(0, Math.ceil((this.deadline - performance.now()) / 1000));
    node.textContent = left > 0 ? fmt(this.t.seconds_left, { n: left }) : this.t.closing;
    node.classList.toggle("urgent", left <= 10);
    if (left <= 10 && left > 0 && !this.warned) { this.warned = true; this.announce(this.t.ten_left); }
    if (left === 0 && !this.due) {
      this.due = true;
      setTimeout(() => this.onDue(), 600);
      setTimeout(() => { if (this.timer !== null) this.onDue(); }, 3000);
    }
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.deadline = null;
  }
}
