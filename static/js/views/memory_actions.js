// The memory lab's actions: the mode switch, one access, the trace, the TLB, a PT write, an
// mmu_update (with its suggestions), and the OSTEP import. A disabled mode says why and sends
// nothing; a refused mmu_update is shown arriving at Xen and coming back refused.
import { $ } from "./memory_dom.js";
import { guessed } from "./memory_side.js";
import { refused } from "./memory_frames.js";

function act(ctx, action, args = {}) {
  ctx.send("action", { action, args });
}

const submit = (id, handler) => $(id).addEventListener("submit", (e) => { e.preventDefault(); handler(); });
const value = (id) => $(id).value.trim();

export function bindActions(ctx) {
  $("mode-switch").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-mode]");
    if (!button) return;
    if (button.getAttribute("aria-disabled") === "true") { $("mode-why").focus(); return; }
    act(ctx, "set_mode", { mode: button.dataset.mode });
  });
  submit("access-form", () => act(ctx, "access", { va: value("access-va"), access: $("access-kind").value, user: $("access-user").checked }));
  $("finish").addEventListener("click", () => ctx.send("step", { count: ctx.state.memory?.activity?.left || 1 }));
  $("run-trace").addEventListener("click", () => act(ctx, "run_trace"));
  $("compare").addEventListener("click", () => act(ctx, "compare"));
  $("write-cr3").addEventListener("click", () => act(ctx, "write_cr3"));
  submit("invlpg-form", () => act(ctx, "invlpg", { va: value("invlpg-va") }));
  submit("pte-form", () => act(ctx, "write_pte", { va: value("pte-va"), pfn: value("pte-pfn"), flags: value("pte-flags") }));
  submit("mmu-form", () => sendUpdate(ctx));
  bindSuggestions(ctx);
  bindTrace();
  bindImport(ctx);
  ctx.keys.v = () => $("access-va").focus();
}

// an mmu_update Xen refuses changes nothing and is no step: its refusal comes back as an error
// status, which the picture shows at Xen
function sendUpdate(ctx) {
  const t = ctx.config.extra.t;
  const status = $("status");
  const watch = new MutationObserver(() => {
    if (!status.hidden && status.classList.contains("error")) { refused(t, status.textContent); watch.disconnect(); }
  });
  watch.observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
  setTimeout(() => watch.disconnect(), 3000);
  act(ctx, "mmu_update", { ptr: value("mmu-ptr"), val: value("mmu-val") });
}

function bindSuggestions(ctx) {
  $("suggestions").addEventListener("click", (e) => {
    const guess = e.target.closest("button[data-guess]");
    if (guess) { guessed(ctx, guess.closest("li").dataset.id, guess.dataset.guess); return; }
    const button = e.target.closest("button[data-ptr]");
    if (!button) return;
    $("mmu-ptr").value = button.dataset.ptr;
    $("mmu-val").value = button.dataset.val;
    $("mmu-send").focus();
  });
}

function bindTrace() {
  $("trace-list").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-va]");
    if (!button) return;
    $("access-va").value = button.dataset.va;
    $("access-kind").value = button.dataset.access;
    $("access-user").checked = button.dataset.user === "true";
    $("access-go").focus();
  });
}

function bindImport(ctx) {
  const t = ctx.config.extra.t;
  $("import-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const output = $("import-error");
    output.textContent = "";
    const text = $("import-text").value;
    if (!/^\s*PDBR:/m.test(text) && !text.includes("Page Table (from entry 0")) {
      output.textContent = t.import_not_ostep;  // the common mistake, answered at once
      return;
    }
    const response = await fetch("/api/v1/memory/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) window.location.assign(`${body.url}?lang=${ctx.config.lang}`);
    else output.textContent = body.error?.message || String(response.status);
  });
}
