"""The memory lab's page, and the route that starts a session from a document.

A session is (scenario id, seed, action log). A document — a translation document, or the
text printed by an OSTEP simulator — starts a new session of the scenario ``memory-ostep``
(or another memory scenario) whose log begins with the action ``load_document`` at step 0,
carrying the parsed document. Replaying the log rebuilds the same session, so the document
needs no storage of its own and time travel, sharing and persistence work unchanged.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, request, url_for
from flask_babel import gettext as _

from webapp import catalog
from webapp.i18n import current_language
from webapp.model.errors import ModelError
from webapp.model.memlab.section import cost_table
from webapp.model.memlab.setup import check_document
from webapp.model.paging import PagingDocumentError, import_ostep
from webapp.web import access, ratelimit
from webapp.web.api import created, model_error, service
from webapp.web.errors import ApiError, json_body
from webapp.web.labs import LAB_NAMES, LabPage, register
from webapp.web.parse import MAX_SEED, json_int
from webapp.web.sessions import LiveSession

bp = Blueprint("memory", __name__)
DEFAULT_SCENARIO = "memory-ostep"


def translations() -> dict[str, str]:
    """Every word the memory view draws in JavaScript, in the reader's language."""
    return {
        "native": _("Native"), "pv": _("PV (direct paging)"), "shadow": _("Shadow paging"),
        "ept": _("Nested paging (EPT)"),
        "short_native": _("Native"), "short_pv": "PV", "short_shadow": _("Shadow"),
        "short_ept": "EPT",
        "acc_read": _("read"), "acc_write": _("write"), "acc_exec": _("instruction fetch"),
        "no_walk": _("No access yet: type a virtual address in the form above and press "
                     "Access, or run the trace."),
        "reference": _("Ref."), "side": _("Walk"), "level": _("Level"),
        "table_base": _("Table base"), "index": _("Index"), "entry_address": _("Entry address"),
        "entry": _("Entry"), "flags": _("Flags"), "step": _("step"),
        "guest": _("guest"), "ept_side": _("EPT"), "hardware": _("hardware"),
        "xen": _("Xen"), "tlb": _("TLB"), "check": _("check"), "native_side": _("native"),
        "shadow_side": _("shadow"), "hypercall": _("hypercall"),
        "translated_to": _("Physical address"), "machine_address": _("Machine address"),
        "host_physical": _("Host-physical address"), "guest_physical": _("Guest-physical"),
        "page_fault": _("Page fault (#PF, vector 14)"),
        "general_protection": _("General protection (#GP, vector 13)"),
        "ept_violation": _("EPT violation: VM exit 48"),
        "ept_misconfig": _("EPT misconfiguration: VM exit 49"),
        "mmio": _("Not RAM: emulated device memory (MMIO)"),
        "invalid": _("Invalid address (OSTEP fault)"),
        "error_code": _("Error code"), "cr2": _("CR2"), "walking": _("walking…"),
        "value": _("Value"), "sign": _("sign extension"), "offset": _("offset"),
        "grid_title": _("2D walk: each guest reference needs an EPT walk first"),
        "grid_data": _("data"), "grid_guest_row": _("guest entry"),
        "grid_cr3": _("gCR3 → gPML4"), "order": _("order"),
        "references": _("page-table memory references"), "tlb_hits": _("TLB hits"),
        "tlb_misses": _("TLB misses"), "vm_exits": _("VM exits"), "traps": _("traps"),
        "hypercalls": _("hypercalls"), "cycles": _("modelled cycles"),
        "chart_refs": _("Page-table references"),
        "chart_tlb": _("TLB hits and misses"),
        "chart_exits": _("VM exits, traps, hypercalls"),
        "chart_cycles": _("Modelled cycles"),
        "axis_mode": _("mode"), "axis_count": _("count (events)"),
        "axis_refs": _("references (count)"), "axis_cycles": _("cycles (model)"),
        "from_compare": _("Same trace in every mode (compare)"),
        "from_session": _("Counters so far in this session"),
        "summary_none": _("No counters yet: run the trace or compare the modes."),
        "summary_mode": _("{mode}: {refs} page-table references, {hits} TLB hits, "
                          "{misses} misses, {exits} VM exits, {traps} traps, "
                          "{hypercalls} hypercalls, {cycles} modelled cycles."),
        "skipped": _("{mode}: not run — {why}"), "expect_refused": _("Xen refuses"),
        "expect_accepted": _("Xen accepts"), "use": _("Use"),
        "guess": _("Your guess:"),
        "user_mode": _("user mode"), "kernel_mode": _("kernel mode"),
        "right": _("right"), "wrong": _("wrong"),
        "busy": _("Walk in progress: {left} step(s) left."),
        "comparing": _("Comparing the modes on the trace: {done} of {total} done; step on "
                       "to run the next."),
        "tracing": _("Running the trace: step on for the next access."),
        "compare_pending": _("{mode}: to come at the next steps."),
        "to_come": _("to come"),
        "mode_unavailable": _("Not available here: {modes}."),
        "not_read_yet": _("not read yet"), "table_at": _("table at"), "page": _("page"),
        "no_page": _("no page"), "filled_by_xen": _("Xen filled:"),
        "tlb_miss_now": _("miss"), "tlb_hit_now": _("hit"),
        "trap_to_xen": _("#PF → Xen"), "vm_entry": _("VM entry"),
        "xen_idle": _("waits for a trap"), "xen_shadow_busy": _("walks the guest tables, "
                                                             "fills the shadow"),
        "xen_pv_idle": _("waits for an mmu_update"), "xen_validating": _("validates the update"),
        "xen_accepts": _("accepts: the entry is written"),
        "xen_refuses": _("refuses: nothing changes"),
        "trace_at": _("trace access {n} of {total}"),
        "pseudo_physical": _("Guest PFNs (contiguous)"),
        "machine_frames": _("Machine frames (scattered)"),
        "p2m_caption": _("Each band is a P2M run: PFNs on the left, the machine frames they "
                         "occupy on the right."),
        "finish": _("Finish the walk"),
        "import_not_ostep": _("This is not the output of paging-multilevel-translate.py (no "
                              "“PDBR:” line) nor of paging-linear-translate.py (no “Page "
                              "Table” header)."),
    }


def context(live: LiveSession, state: dict[str, Any]) -> dict[str, Any]:
    memory = state.get("memory")
    if memory is None:
        abort(404)  # this page draws memory-lab sessions only (``/s/<id>/memory`` of another)
    return {"memory": memory, "costs": cost_table(current_language()),
            "memory_scenarios": [s for s in catalog.scenarios().values() if s.lab == "memory"],
            "lab_config": {"t": translations(), "costs": cost_table(current_language())}}


register(LabPage("memory", LAB_NAMES["memory"], "pages/lab_memory.html",
                 ("memory_tlb", "memory_frames"), context))


# -- a session from a document ----------------------------------------------------------------

def document_from(body: dict[str, Any]) -> dict[str, Any]:
    """The document of a request: ``{"document": {...}}`` or ``{"text": "..."}`` (OSTEP)."""
    if "document" in body:
        document = body["document"]
        if not isinstance(document, dict):
            raise ApiError(422, "invalid_document", "document must be a JSON object.")
        return document
    try:
        return import_ostep({"text": body.get("text")})
    except PagingDocumentError as error:
        raise ApiError(422, "invalid_document", str(error)) from error


def start_from_document(document: dict[str, Any], scenario_id: str, seed: int | None
                        ) -> tuple[LiveSession, str]:
    """A new session whose first action loads ``document`` (refused documents: 422), and its
    owner's token."""
    scenario = catalog.get(scenario_id)
    if scenario is None or scenario.lab != "memory":
        raise ApiError(404, "unknown_scenario", f"There is no memory scenario {scenario_id!r}.")
    try:
        check_document(document)
    except ModelError as error:
        raise model_error(error) from error
    ratelimit.hit("create")
    live, token = service().create(scenario_id, seed)
    try:
        live, _events = service().change(
            live.id, lambda timeline: timeline.act("load_document", None,
                                                   {"document": document}), acted=True)
    except ModelError as error:
        raise model_error(error) from error
    return live, token


@bp.post("/api/v1/memory/sessions")
def create_from_document() -> Any:
    """JSON twin: ``{"text"}`` or ``{"document"}``, optional ``scenario`` and ``seed``."""
    body = json_body()
    seed = json_int(body, "seed", 0, 0, MAX_SEED) if body.get("seed") is not None else None
    scenario = body.get("scenario", DEFAULT_SCENARIO)
    if not isinstance(scenario, str):
        raise ApiError(422, "invalid_argument", "scenario must be a scenario id (a string).")
    return created(*start_from_document(document_from(body), scenario, seed))


@bp.post("/memory/import")
def import_form() -> Any:
    """The import box without JavaScript: a form post, then the new session's page."""
    text = request.form.get("text", "")  # a refused text: the HTML error page says why
    live, token = start_from_document(document_from({"text": text}), DEFAULT_SCENARIO, None)
    response = redirect(url_for("pages.session", session_id=live.id), code=303)
    return access.remember(response, live.id, token)
