// "What happened": every event up to the cursor, newest first, kept across back, seek and
// reload (docs/api.md, GET .../history). The page keeps the events of a run of steps it knows
// entirely (`low`..`high`); a move it cannot fill from a state message fetches a page of the
// recorded history. Runs of scheduler ticks fold into one line; refusals the model explains
// are narrated at the step they were tried: the server keeps them with the session, sends them
// to the room (socket "refused") and in the history's pages, so every reader sees them.
import { proseNodes } from "./prose.js";
import { placeSource } from "./sources.js";
export const guideConfig = JSON.parse(document.getElementById("guide-config").textContent);

const PAGE = 50; // rows shown at first, and added by "Show earlier events"

export class History {
  constructor(ctx, { seek }) {
    this.ctx = ctx;
    this.seek = seek;
    Object.assign(ctx.t, guideConfig.i18n);
    this.list = document.getElementById("narration");
    this.more = document.getElementById("narration-earlier");
    this.steps = new Map(); // step -> its events, for every step of low..high
    this.low = 1;
    this.high = 0;
    this.earlier = false;
    this.limit = PAGE;
    this.expanded = new Set();
    this.filler = new Set(guideConfig.filler);
    this.list.addEventListener("click", (e) => this.clicked(e));
    this.more.addEventListener("click", () => this.showEarlier());
    this.fetchPage(ctx.timeline.step + 1, true);
  }

  get cursor() { return this.ctx.timeline.step; }

  // A state or view message was shown: keep the events it brings when they are the cursor's
  // step next to what is known, else read a page of the recorded history. What lies after the
  // cursor is dropped: it is not shown, and an action may replace it.
  show(events) {
    const step = this.cursor;
    const whole = events.length > 0 && events.every((e) => e.step === step);
    if (this.loading) { this.stale = true; return; }
    if (whole && (this.steps.has(step) || step === this.high + 1)) {
      const refusals = (this.steps.get(step) || []).filter((e) => e.refused); // not in state messages
      this.steps.set(step, [...events, ...refusals]);
    }
    else if (!this.steps.has(step) && step > 0) return this.fetchPage(step + 1, true);
    for (const known of [...this.steps.keys()]) if (known > step) this.steps.delete(known);
    this.high = step;
    this.render();
  }

  async fetchPage(before, replace) {
    const url = `/api/v1/sessions/${this.ctx.config.session}/history?before=${before}&limit=${PAGE}`;
    this.loading = true;
    const page = await fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    this.loading = false;
    if (!page) return; // the server is away: the list stays as it is
    this.take(page, replace);
    this.stale = false;
    this.show([]); // the cursor may have moved meanwhile
  }

  take(page, replace) {
    if (replace) { this.steps.clear(); this.high = page.last; }
    for (let step = page.first; step <= page.last; step += 1) this.steps.set(step, []);
    for (const event of page.events) {
      if (!this.steps.has(event.step)) this.steps.set(event.step, []); // a refusal at step 0
      this.steps.get(event.step).push(event);
    }
    this.low = replace ? page.first : Math.min(this.low, page.first);
    this.earlier = page.earlier;
  }

  showEarlier() {
    this.limit += PAGE;
    if (this.rows().length < this.limit && this.earlier && !this.loading) this.fetchPage(this.low, false);
    else this.render();
  }

  // --- rows: events newest first, with runs of scheduler ticks folded ------------------------
  rows() {
    const rows = [];
    let run = null; // consecutive scheduler events, folded into one row unless expanded
    const flush = () => {
      if (run && run.events.length > 1 && !this.expanded.has(run.key)) rows.push(run);
      else if (run) rows.push(...run.events.map((e) => this.eventRow(e)));
      run = null;
    };
    for (const { step, event } of this.items()) {
      if (event && this.filler.has(event.kind)) {
        run ??= { key: `g:${step}:${event.index}`, group: true, first: step, events: [] };
        run.events.push(event);
        run.last = step;
      } else {
        flush();
        rows.push(this.eventRow(event));
      }
    }
    flush();
    return rows.reverse();
  }

  // the known events up to the cursor (refusals with the events of their step), oldest first
  items() {
    const items = [];
    for (const [step, events] of this.steps) {
      if (step <= this.cursor) events.forEach((event, index) => items.push({ step, order: index, event: { ...event, index } }));
    }
    return items.sort((a, b) => a.step - b.step || a.order - b.order);
  }

  eventRow(event) {
    const words = event.narration[this.ctx.config.lang] || event.narration.en;
    return { key: `e:${event.step}:${event.index}:${event.refused ? words : ""}`,
             first: event.step, last: event.step, notable: event.notable, kind: event.kind,
             refused: Boolean(event.refused),
             text: event.refused ? `${this.ctx.t.refused} ${words}` : words, event };
  }

  render() {
    const rows = this.rows();
    const shown = rows.slice(0, this.limit);
    this.list.setAttribute("aria-busy", "true");
    reconcile(this.list, shown.map((row) => [row.key, () => this.item(row), (li) => this.update(li, row)]));
    this.list.setAttribute("aria-busy", "false");
    this.more.hidden = !(rows.length > this.limit || this.earlier);
  }

  item(row) {
    const li = document.createElement("li");
    li.dataset.key = row.key;
    const button = document.createElement("button");
    button.type = "button";
    li.append(button);
    return li;
  }

  update(li, row) {
    const button = li.firstElementChild;
    const current = row.first <= this.cursor && this.cursor <= row.last;
    button.className = "event" + (row.notable ? " notable" : "") + (row.group ? " filler" : "")
      + (row.refused ? " refused" : "") + (current ? " current" : "");
    if (current) button.setAttribute("aria-current", "step"); else button.removeAttribute("aria-current");
    button.dataset.step = row.last;
    if (row.kind) button.dataset.kind = row.kind;
    if (row.group) button.dataset.group = row.key; else delete button.dataset.group;
    const words = row.group ? this.groupText(row) : row.text;
    const number = row.first === row.last ? `${row.first}` : `${row.first}–${row.last}`;
    if (button.dataset.words !== words || button.dataset.number !== number) {
      const no = document.createElement("span");
      no.className = "stepno";
      no.textContent = number;
      button.replaceChildren(no, " ", ...proseNodes(words));
      button.dataset.words = words;
      button.dataset.number = number;
    }
    placeSource(li, row.group ? null : row.event);
  }

  groupText(row) {
    return this.ctx.t.filler_run.replace("{count}", row.events.length);
  }

  clicked(e) {
    const button = e.target.closest("button.event");
    if (!button) return;
    if (button.dataset.group) { this.expanded.add(button.dataset.group); this.render(); return; }
    this.seek(Number(button.dataset.step));
  }

  // --- refusals the model explains, narrated where they were tried ----------------------------
  refused(event) {
    if (event.step > this.high) return; // a step this page does not show yet
    if (!this.steps.has(event.step)) this.steps.set(event.step, []);
    this.steps.get(event.step).push(event);
    this.render();
  }

  // --- the timeline's markers: their titles in words -----------------------------------------
  markerTitle(step, kinds) {
    const known = (this.steps.get(step) || []).find((e) => e.notable);
    const words = known ? (known.narration[this.ctx.config.lang] || known.narration.en)
      : kinds.map((kind) => guideConfig.labels[kind] || guideConfig.labels[kind.split(".")[0]]
                          || guideConfig.labels[""]).join("; ");
    return this.ctx.t.marker.replace("{step}", step).replace("{words}", words.replaceAll("`", ""));
  }
}

// Make `list`'s children the keyed rows, in order, reusing the elements already there.
function reconcile(list, rows) {
  const existing = new Map([...list.children].map((li) => [li.dataset.key, li]));
  let next = list.firstElementChild;
  for (const [key, create, update] of rows) {
    let li = existing.get(key);
    if (li) existing.delete(key); else li = create();
    update(li);
    if (li === next) next = next.nextElementSibling;
    else list.insertBefore(li, next);
  }
  for (const li of existing.values()) li.remove();
}
