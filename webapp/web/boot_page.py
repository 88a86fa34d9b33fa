"""The boot lab's page and its JSON routes (docs/api-boot.md): machine memory and a domain's
P2M bucketed for a zoomable view, and exercises checked against the model."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request, url_for
from flask_babel import gettext as _

from webapp.model.boot import exercises
from webapp.model.boot.kernel import DEFAULT_KERNEL, LEGACY_KERNEL
from webapp.model.boot.view import XEN_STAGES, memory_buckets, p2m_buckets, record_for
from webapp.model.domain import Domain
from webapp.model.errors import ModelError, Refused, UnknownTarget
from webapp.web.api import model_error, service
from webapp.web.errors import ApiError, json_body
from webapp.web.labs import LAB_NAMES, LabPage, register
from webapp.web.parse import arg_int
from webapp.web.sessions import LiveSession

bp = Blueprint("boot", __name__)
DEFAULT_BUCKETS = 1024
DEFAULT_SUGGESTION = {"name": "guest", "memory_mb": 256, "vcpus": 1,
                      "cmdline": "root=/dev/xvda1 ro console=hvc0"}

NATIVE_CHIPS = ("power", "probe", "e820", "bootloader", "load", "params", "kernel", "init")
XEN_CHIPS = tuple(stage for stage, _prefixes in XEN_STAGES)
#: Which traditional stage each Xen stage stands for (drawn as "≈ …" and highlighted together).
COUNTERPART = {"domain": "power", "kernel": "bootloader", "memory": "e820", "image": "load",
               "handover": "params", "start": "probe", "guest": "kernel", "init": "init"}


def stage_names() -> dict[str, dict[str, str]]:
    """Titles of the two pipelines' stages (the Xen host's bootloader loads Xen instead)."""
    return {
        "native": {"power": _("Power on, POST"), "probe": _("Probe devices (PCI, ACPI)"),
                   "e820": _("Memory map (e820)"), "bootloader": _("Bootloader starts"),
                   "load": _("Load kernel + initrd"), "params": _("boot_params handed over"),
                   "kernel": _("Kernel initialises"), "init": _("init / systemd")},
        "native_xen": {"load": _("Load Xen + dom0's modules"),
                       "params": _("Multiboot info to Xen"),
                       "kernel": _("Xen starts, builds dom0"), "init": _("(dom0 boots)")},
        "xen": {"domain": _("Create the domain (paused)"), "kernel": _("Read the kernel ELF"),
                "memory": _("Memory: populate_physmap, P2M"),
                "image": _("Start-of-day region"),
                "handover": _("Page tables, start_info, vCPU0"),
                "start": _("xenstore, devices, unpause"), "guest": _("Guest kernel boots"),
                "init": _("init")},
    }


def translations() -> dict[str, str]:
    """Every word the boot view draws in JavaScript, in the reader's language."""
    return {
        "now": _("now"), "done": _("done"), "pending": _("to come"),
        "frames": _("frames"), "mib": _("MiB"), "kib": _("KiB"), "pages_short": _("pages"),
        "first_mfn": _("first MFN"), "si_page": _("The start_info page:"),
        "si_not_placed": _("The start_info page is not placed yet."),
        "free": _("free"), "xen": _("Xen"),
        "pfn": _("pseudo-physical frame (PFN)"), "mfn": _("machine frame (MFN)"),
        "maps_to": _("maps to"), "not_populated": _("not populated yet"),
        "more_runs": _("more runs"), "range": _("frames {first}–{last}, {per} per cell"),
        "strip_range": _("PFNs {first}–{last} of {total}, {per} per cell"),
        "no_domain": _("No domain selected: build one, or pick one above."),
        "no_layout": _("No start-of-day region: this domain was restored from an image."),
        "no_layout_yet": _("No start-of-day region yet: the builder has not laid this domain out."),
        "too_small": _("Does not fit: {element} ends beyond the domain's memory."),
        "not_placed": _("not placed yet"),
        "read_only": _("read-only"), "padding": _("padding"),
        "unfilled": _("—"),
        "failed": _("The last build failed:"), "recent": _("just allocated"),
        "prebuilt": _("built before the scenario starts: the record is what the builder "
                      "would have produced"),
        "restored": _("restored from an image: start_info was rewritten at resume"),
        "steps_done": _("{done} micro-step(s) done"),
        "native_off": _("off"), "segment_kernel": _("kernel"), "segment_initrd": _("initrd"),
        "segment_p2m": _("P2M list"), "segment_start_info": _("start_info"),
        "segment_xenstore": _("xenstore ring"), "segment_console": _("console ring"),
        "segment_pagetables": _("page tables"), "segment_stack": _("boot stack"),
        "segment_ram": _("RAM"), "outside": _("After the region (XEN_ELFNOTE_MOD_START_PFN, "
                                               "XEN_ELFNOTE_INIT_P2M)"),
        "unmapped": _("not mapped: start_info.mod_start is its PFN"),
        "p2m_base": _("mapped at p2m_base by tables of its own"),
        "e820_1": _("usable"), "e820_2": _("reserved"),
        "e820_3": _("ACPI data"),
    }


def meanings() -> dict[str, str]:
    """What each start_info field is for (virtualization-facts.md §1.5)."""
    return {
        "magic": _("guest type: “xen-<version>-<platform>”"),
        "nr_pages": _("pages the domain has"),
        "shared_info": _("machine address of the shared_info page"),
        "flags": _("SIF_* flags"),
        "store_mfn": _("machine frame of the xenstore ring"),
        "store_evtchn": _("event channel to xenstored"),
        "console.domU.mfn": _("machine frame of the console ring"),
        "console.domU.evtchn": _("event channel of the console"),
        "console.dom0.info_off": _("offset of the VGA console info"),
        "console.dom0.info_size": _("size of the VGA console info"),
        "pt_base": _("virtual address of the top-level page table"),
        "nr_pt_frames": _("frames of bootstrap page tables"),
        "mfn_list": _("virtual address of the P2M list"),
        "mod_start": _("the initrd: its PFN with SIF_MOD_START_PFN, else a virtual address"),
        "mod_len": _("the initrd's size (whole pages when libxc loads it after the region)"),
        "cmd_line": _("the kernel command line"),
        "first_p2m_pfn": _("first PFN of the P2M list's frames, when XEN_ELFNOTE_INIT_P2M "
                           "maps it outside the region"),
        "nr_p2m_frames": _("frames of that P2M list and of the tables that map it"),
    }


def kernels() -> list[tuple[str, str]]:
    """The kernels a learner may build with: today's Linux, and one without the notes that
    move the initrd and the P2M list out of the region (to compare the layouts)."""
    return [(DEFAULT_KERNEL, _("Linux 6.1 (MOD_START_PFN, INIT_P2M notes)")),
            (LEGACY_KERNEL, _("a kernel without those notes (older layout)"))]


def suggested(extra: dict[str, Any]) -> dict[str, Any]:
    wanted = extra.get("suggested")
    return {**DEFAULT_SUGGESTION, **(wanted if isinstance(wanted, dict) else {})}


def context(live: LiveSession, state: dict[str, Any]) -> dict[str, Any]:
    scenario = live.timeline.scenario
    sid = live.id
    return {
        "suggested": suggested(scenario.extra), "stage_names": stage_names(),
        "kernels": kernels(),
        "native_chips": NATIVE_CHIPS, "xen_chips": XEN_CHIPS, "counterpart": COUNTERPART,
        "lab_config": {
            "t": translations(), "meanings": meanings(),
            "selected": request.args.get("domain"),
            "api": {name: url_for(f"pages.boot.{name}", session_id=sid)
                    for name in ("memory", "p2m")},
        },
    }


register(LabPage("boot", LAB_NAMES["boot"], "pages/lab_boot.html", ("boot_domains",),
                 context, any_session=True))


# -- JSON ---------------------------------------------------------------------------------------


def _arg(name: str, default: int, low: int, high: int) -> int:
    """An integer query parameter (decimal or ``0x`` hex), or a 422."""
    return arg_int(name, default, low, high, hex_ok=True)


def _domain(live: LiveSession, target: Any) -> Domain:
    domain = live.timeline.sim.world.host.find(target) if target not in (None, "") else None
    if domain is None:
        error = UnknownTarget("target.unknown_domain", target=str(target),
                              known=[d.name for d in live.timeline.sim.world.host.domains.values()])
        raise model_error(error)
    return domain


@bp.get("/api/v1/sessions/<session_id>/boot/memory")
def memory(session_id: str) -> Any:
    """Machine frames ``first .. first+count-1`` of the host in ``buckets`` cells."""
    live = service().get(session_id)
    with live.lock:
        memory_ = live.timeline.sim.world.host.memory
        total = memory_.total_frames
        first = _arg("first", 0, 0, total - 1)
        count = _arg("count", total, 1, total)
        buckets = _arg("buckets", DEFAULT_BUCKETS, 1, 4096)
        body = memory_buckets(memory_, first, count, buckets)
        body["step"] = live.timeline.cursor
    return jsonify(body)


@bp.get("/api/v1/sessions/<session_id>/boot/p2m")
def p2m(session_id: str) -> Any:
    """A domain's pseudo-physical frames in cells, each with the machine frames it maps to."""
    live = service().get(session_id)
    with live.lock:
        domain = _domain(live, request.args.get("domain"))
        total = max(domain.nr_pages, 1)
        first = _arg("first", 0, 0, total - 1)
        count = _arg("count", total, 1, total)
        buckets = _arg("buckets", 64, 1, 4096)
        body = p2m_buckets(live.timeline.sim.world.host, domain, first, count, buckets)
        body["step"] = live.timeline.cursor
    return jsonify(body)


@bp.get("/api/v1/sessions/<session_id>/boot/exercises")
def questions(session_id: str) -> Any:
    """The questions the model can ask about a domain now."""
    live = service().get(session_id)
    with live.lock:
        domain = _domain(live, request.args.get("domain"))
        record = record_for(live.timeline.sim.world.host, domain)
        token = f"{live.timeline.seed}:{live.timeline.cursor}"
        found = exercises.questions(domain, record, token) if record is not None else []
    return jsonify({"domain": domain.name, "step": live.timeline.cursor, "questions": found})


@bp.post("/api/v1/sessions/<session_id>/boot/exercises/check")
def check(session_id: str) -> Any:
    """Whether an answer is right, checked against the model at the current step."""
    body = json_body()
    kind, params = body.get("kind"), body.get("params", {})
    if not isinstance(kind, str) or not isinstance(params, dict):
        raise ApiError(422, "invalid_argument", "kind must be a string and params an object.")
    live = service().get(session_id)
    with live.lock:
        domain = _domain(live, params.get("domain", body.get("domain")))
        record = record_for(live.timeline.sim.world.host, domain)
        try:
            if record is None:
                raise Refused("exercise.not_ready", domain=domain.name)
            verdict = exercises.check(domain, record, kind, params, body.get("answer"))
        except ModelError as err:
            raise model_error(err) from err
    return jsonify(verdict)
