// Whose cursor the page shows. A driver (the owner, or an editor) moves the session for
// everyone; a follower watches the live session; a viewer reads the recorded history on a
// private cursor (socket "view", answered to this page only) — looking never moves anyone.
// A follower who steps, scrubs or plays becomes a viewer; "Back to the live step" follows again.

export class Cursor {
  constructor(ctx, socket, { show, renderTimeline }) {
    this.ctx = ctx;
    this.socket = socket;
    this.show = show;
    this.renderTimeline = renderTimeline;
    this.mode = ctx.config.mode;
    this.liveState = this.mode === "viewer" ? null : ctx.state;
    this.liveTimeline = ctx.timeline;
    this.timer = null;
    if (this.mode === "viewer") ctx.timeline = { ...ctx.timeline, step: ctx.config.view_step, playing: false };
    this.bindButtons();
    this.describe();
  }

  // --- the live session's messages ----------------------------------------------------------
  live(message, apply) {
    if (message.state) this.liveState = message.state;
    else if (this.liveState) this.liveState = apply(this.liveState);
    // a state message carries the markers only when they changed: keep the ones we have
    if (message.timeline) this.liveTimeline = { markers: this.liveTimeline.markers, ...message.timeline };
    if (this.mode === "viewer") {
      this.ctx.timeline = { ...this.liveTimeline, step: this.ctx.timeline.step, playing: this.timer !== null };
      this.renderTimeline();
    } else {
      this.ctx.state = this.liveState;
      this.ctx.timeline = this.liveTimeline;
      this.show(message.events || []);
    }
    this.describe();
  }

  viewed(message) {
    if (this.mode !== "viewer") return;
    this.liveTimeline = { markers: this.liveTimeline.markers, ...(message.timeline || {}) };
    this.ctx.state = message.state;
    this.ctx.timeline = { ...this.liveTimeline, step: message.step, playing: this.timer !== null };
    this.show(message.events || []);
    this.describe();
    this.keepInUrl(message.step);
  }

  // --- the controls -------------------------------------------------------------------------
  seek(step) {
    this.pastHistory(step);
    if (this.mode === "driver") return this.ctx.send("seek", { step });
    this.view(step);
  }
  // "next event": the driver asks the model for the next step with a notable event; a viewer
  // goes to the next marker of the recorded history
  next() {
    if (this.mode === "driver") return this.ctx.send("step", { until: "notable" });
    const now = this.ctx.timeline.step;
    const found = this.liveTimeline.markers.map(([step]) => step).find((step) => step > now);
    if (found === undefined && now >= this.liveTimeline.length) return this.endOfHistory();
    this.view(found === undefined ? this.liveTimeline.length : found);
  }
  pastHistory(step) {
    const length = this.liveTimeline.length;
    if (step > length) this.ctx.status(this.ctx.t.past_history.replaceAll("{step}", step).replaceAll("{length}", length));
  }
  endOfHistory() {
    this.stopLocal();
    this.ctx.status(this.ctx.t.end_of_history.replace("{length}", this.liveTimeline.length));
  }
  back() {
    if (this.mode === "driver") return this.ctx.send("back", { count: 1 });
    this.view(this.ctx.timeline.step - 1);
  }
  step() {
    if (this.mode === "driver") return this.ctx.send("step", { count: 1 });
    if (this.ctx.timeline.step >= this.liveTimeline.length) return this.endOfHistory();
    this.view(this.ctx.timeline.step + 1);
  }
  play(speed) {
    if (this.mode === "driver") return this.ctx.send(this.ctx.timeline.playing ? "pause" : "play", { speed });
    if (this.timer !== null) return this.stopLocal();
    this.speedValue = speed;
    this.view(this.ctx.timeline.step);
    this.timer = setInterval(() => this.step(), 1000 / speed);
  }
  speed(speed) {
    if (this.mode === "driver") { if (this.ctx.timeline.playing) this.ctx.send("play", { speed }); return; }
    if (this.timer !== null) { this.stopLocal(); this.play(speed); }
  }
  stopLocal() {
    clearInterval(this.timer);
    this.timer = null;
    this.ctx.timeline = { ...this.ctx.timeline, playing: false };
    this.renderTimeline();
  }

  view(step) {
    const target = Math.max(0, Math.min(step, this.liveTimeline.length));
    this.mode = "viewer";
    this.socket.emit("view", { session: this.ctx.config.session, step: target });
  }

  followLive() {
    this.stopLocal();
    this.mode = "follower";
    if (this.liveState) this.ctx.state = this.liveState;
    this.ctx.timeline = this.liveTimeline;
    this.show([]);
    this.describe();
    this.keepInUrl(null);
  }

  // --- words and links ----------------------------------------------------------------------
  describe() {
    const t = this.ctx.t;
    const text = { driver: t.driving, follower: t.following, viewer: t.viewing }[this.mode];
    document.getElementById("cursor-text").textContent = text
      .replace("{step}", this.ctx.timeline.step).replace("{live}", this.liveTimeline.step);
    document.getElementById("follow-live").hidden = this.mode !== "viewer";
  }

  keepInUrl(step) {
    const url = new URL(window.location.href);
    if (step === null) url.searchParams.delete("step");
    else url.searchParams.set("step", step);
    window.history.replaceState(null, "", url);
    for (const link of document.querySelectorAll(".langs a")) {
      const target = new URL(link.href, window.location.href);
      if (step === null) target.searchParams.delete("step");
      else target.searchParams.set("step", step);
      link.href = target.pathname + target.search;
    }
  }

  bindButtons() {
    document.getElementById("follow-live").addEventListener("click", () => {
      // opened on a step: the server decides again whether this reader drives or follows
      if (this.ctx.config.mode === "viewer") return window.location.assign(this.liveUrl());
      this.followLive();
    });
    for (const button of document.querySelectorAll(".fork-here")) {
      button.addEventListener("click", () => this.fork());
    }
    document.getElementById("edit-link")?.addEventListener("click", () => this.editLink("POST"));
    document.getElementById("start-class")?.addEventListener("click", () => this.startClass());
    document.getElementById("revoke-edit")?.addEventListener("click", () => this.editLink("DELETE"));
  }

  liveUrl() {
    const url = new URL(window.location.href);
    url.searchParams.delete("step");
    return url.pathname + url.search;
  }

  async fork() {
    const { config, t } = this.ctx;
    const response = await this.post(`/api/v1/sessions/${config.session}/fork`, "POST", { step: this.ctx.timeline.step });
    const body = await response.json().catch(() => ({}));
    if (response.ok) window.location.assign(`${body.url}?lang=${config.lang}`);
    else this.ctx.status(t.fork_failed.replace("{why}", body.error?.message || response.status), true);
  }

  async editLink(method) {
    const { config, t } = this.ctx;
    const response = await this.post(`/api/v1/sessions/${config.session}/edit-link`, method, method === "POST" ? {} : null);
    const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok) return this.ctx.status(body.error?.message || String(response.status), true);
    document.getElementById("revoke-edit").hidden = method !== "POST";
    const output = document.getElementById("share-link");
    output.textContent = method === "POST" ? t.edit_link.replace("{url}", body.url) : t.revoked;
    if (method === "POST") navigator.clipboard?.writeText(body.url).catch(() => {});
  }

  // the owner presents this session to a class: the teacher's console opens
  async startClass() {
    const response = await this.post("/api/v1/classes", "POST", { session: this.ctx.config.session });
    const body = await response.json().catch(() => ({}));
    if (response.ok) window.location.assign(`${new URL(body.console_url).pathname}?lang=${this.ctx.config.lang}`);
    else this.ctx.status(body.error?.message || String(response.status), true);
  }

  post(url, method, body) {
    const init = { method, headers: {} };
    if (body !== null) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(url, init);
  }
}
