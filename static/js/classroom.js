// A live class on a lab page (docs/api-classes.md), imported by lab.js when the page is a
// class's (config.classroom) or a student's private copy of one (the "Back to the class" bar).
// The page follows the session exactly as cursor.js's follower (or drives it, for the
// presenter); this module adds the class: its public state ("class"), the poll, and each
// role's panel — classroom_teacher.js, classroom_student.js, classroom_projector.js.
import { $, ClassApi, Countdown, el, fmt, setText, stateWord, why, words } from "./classroom_common.js";
import { Presenter } from "./classroom_teacher.js";
import { Student, FORK_KEY } from "./classroom_student.js";
import { Projector } from "./classroom_projector.js";

const ROLES = { presenter: Presenter, student: Student, projector: Projector };
const RANK = { open: 0, closed: 1, revealed: 2 };

function classroomOf() {
  return JSON.parse(document.getElementById("lab-config").textContent).classroom;
}

// On every (re)connection: join the class and its session's room. The socket's handshake
// carries the cookies, so the server knows the presenter or the student without a token here.
export function join(socket, role) {
  const room = classroomOf();
  socket.emit("join_class", { code: room.code, role: role || room.role });
}

export function init(ctx, socket) {
  if (!ctx.config.classroom) return initFork(ctx);
  const room = ctx.config.classroom;
  const t = JSON.parse($("class-i18n").textContent);
  const lang = ctx.config.lang;
  const announceBox = $("class-announce");
  const announce = (text) => {
    announceBox.textContent = "";
    setTimeout(() => { announceBox.textContent = text; }, 60);
  };
  const shared = { ctx, socket, t, lang, room, api: new ClassApi(room.code, lang), announce, cls: null,
    refresh: () => refresh(), join: (role) => join(socket, role) };
  const view = new ROLES[room.role](shared);
  const countdown = new Countdown(t, announce, () => refresh());

  function changed(cls) {
    if (!cls || typeof cls !== "object" || String(cls.code).toUpperCase() !== room.code.toUpperCase()) return;
    if (stale(shared.cls, cls)) return;
    const before = shared.cls?.poll || null;
    const poll = cls.poll || null;
    shared.cls = cls;
    const count = $("class-count");
    setText(count, fmt(t.students, { n: cls.students ?? 0, connected: cls.connected ?? 0 }));
    renderPoll(poll);
    if (poll && poll.state === "open" && before?.id !== poll.id) announce(t.question_opened);
    else if (poll && before?.id === poll.id && before.state !== poll.state && room.role !== "student") {
      announce(stateWord(poll, t));  // a student's own result is said by the poll's note
    }
    countdown.update(poll);
    view.classChanged(cls, poll);
  }

  function renderPoll(poll) {
    $("poll-none").hidden = Boolean(poll);
    $("poll-box").hidden = !poll;
    if (!poll) return;
    setText($("poll-question"), words(poll.text, lang));
    setText($("poll-state"), stateWord(poll, t));
    setText($("poll-answers"), fmt(t.answers, { n: poll.answers ?? 0 }));
    $("class-poll").dataset.state = poll.state;
    $("class-poll").dataset.poll = poll.id;
  }

  async function refresh() {
    const result = await shared.api.get("");
    if (result.ok) changed(result.body);
  }

  socket.on("class", changed);
  refresh();
}

// A message older than what the page shows (an HTTP answer overtaken by the socket): skip it.
function stale(shown, next) {
  const a = shown?.poll, b = next.poll;
  if (!a) return false;
  if (!b || b.id < a.id) return true;
  return b.id === a.id && RANK[b.state] < RANK[a.state];
}

// On a student's private copy (opened by "Explore from here"): the way back to the class.
function initFork(ctx) {
  let saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(FORK_KEY) || "null"); } catch { return; }
  if (!saved || saved.session !== ctx.config.session) return;
  const back = el("button", { type: "button", id: "class-back", className: "class-back", text: saved.back });
  $("cursor-bar").append(el("span", { className: "fork-note", text: saved.note }), back);
  let busy = false;
  back.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    const result = await new ClassApi(saved.code, ctx.config.lang).post("/students/me/follow");
    busy = false;
    if (!result.ok) return ctx.status(fmt(saved.failed, { why: why(result) }), true);
    sessionStorage.removeItem(FORK_KEY);
    window.location.assign(`/c/${encodeURIComponent(saved.code)}/student?lang=${ctx.config.lang}`);
  });
}
