"""What the boot page shows, computed from the model: the snapshot's ``boot`` section, and the
zoomable views of machine memory and of a domain's P2M (bucketed on the server, so a 64 GiB
host costs what its ownership runs cost, never one entry per frame).

Frame numbers (MFN, PFN) are JSON numbers; addresses and register values are ``"0x…"`` hex
strings (docs/api-boot.md).
"""

from __future__ import annotations

import bisect
from typing import Any

from webapp.model.boot import layout as lay
from webapp.model.boot.abi import flag_names
from webapp.model.boot.common import mfn_lookup, xen_heap_frame
from webapp.model.boot.guest import GUEST_STEPS
from webapp.model.boot.kernel import kernel_image
from webapp.model.boot.native import FINISHED
from webapp.model.boot.native import STAGES as NATIVE_STAGES
from webapp.model.boot.start_info import HEX_FIELDS, start_info_groups
from webapp.model.boot.state import BootRecord, Layout, NativeMachine, peek_lab
from webapp.model.domain import Domain
from webapp.model.host import Host, World
from webapp.model.memory import DOMID_XEN, FREE, MachineMemory, P2MRun, frames_for_mb
from webapp.model.narration import LANGUAGES, render

MAX_P2M_RUNS = 64
MAX_BUCKETS = 4096
MAX_PIECES = 3

#: The Xen pipeline: each stage and the micro-steps (by prefix) that belong to it.
XEN_STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("domain", ("create_domain", "set_limits", "alloc_evtchns")),
    ("kernel", ("load_files", "parse_elf")),
    ("memory", ("mem_init", "populate_2m", "populate_4k", "dom0_initrd", "dom0_p2m")),
    ("image", ("place",)),
    ("handover", ("shared_info_frame", "tables", "p2m_copy", "start_info", "hypercall_page",
                  "pin_l4", "shared_info_init", "vcpu_context", "gnttab")),
    ("start", ("xenstore_nodes", "introduce", "devices", "unpause", "dom0_discard")),
    ("guest", ("guest",)),
    ("init", ("guest:init",)),
)

#: ``start_info`` fields in the structure's order (xen.h), domU and dom0 console variants.
FIELDS = ("magic", "nr_pages", "shared_info", "flags", "store_mfn", "store_evtchn",
          "console.domU.mfn", "console.domU.evtchn", "pt_base", "nr_pt_frames", "mfn_list",
          "mod_start", "mod_len", "cmd_line", "first_p2m_pfn", "nr_p2m_frames")
DOM0_FIELDS = tuple(name.replace("domU.mfn", "dom0.info_off").replace("domU.evtchn",
                                                                      "dom0.info_size")
                    for name in FIELDS)
FRAME_FIELDS = ("store_mfn", "console.domU.mfn")
ADDRESS_PARAMS = ("cmd_line_ptr", "ramdisk_image", "code32_start")
REGISTERS = ("rip", "rsp", "rsi", "rflags", "cr3", "cs", "ss", "ds", "es", "fs", "gs",
             "kernel_ss", "kernel_sp")


def owner_label(owner: int) -> str:
    return {FREE: "free", DOMID_XEN: "xen"}.get(owner, f"d{owner}")


def stage_of(step: str) -> str:
    """The Xen pipeline stage a micro-step belongs to."""
    for stage, prefixes in reversed(XEN_STAGES):
        if any(step == p or step.startswith(p + ":") or step.split(":")[0] == p
               for p in prefixes):
            return stage
    return "domain"


# -- records ---------------------------------------------------------------------------------


def record_for(host: Host, domain: Domain) -> BootRecord | None:
    """The domain's boot record; for a domain the scenario started already built, the record
    the builder would have produced (origin ``prebuilt``)."""
    if domain.boot is not None:
        return domain.boot
    if not domain.creation_finished or not domain.p2m:
        return None
    return _prebuilt_memo(host, domain)[0]


def _prebuilt_key(host: Host, domain: Domain) -> tuple[Any, ...]:
    """Everything a prebuilt record and its JSON are computed from."""
    return (domain.domid, domain.name, domain.config, domain.nr_pages, tuple(domain.p2m),
            xen_heap_frame(host.memory, domain.domid), domain.store_port, domain.console_port)


def _prebuilt_memo(host: Host, domain: Domain) -> tuple[BootRecord, dict[str, Any]]:
    key = _prebuilt_key(host, domain)
    found = _PREBUILT.get(key)
    if found is None:
        record = prebuilt(host, domain)
        found = _PREBUILT[key] = (record, domain_json(host, domain, record))
        while len(_PREBUILT) > PREBUILT_CACHE:
            del _PREBUILT[next(iter(_PREBUILT))]
    return found


#: prebuilt records and their JSON by everything they are computed from (a pure function's
#: memo: a step's snapshot never recomputes the layout of a domain that did not change; the
#: JSON is shared between snapshots, which nobody mutates)
_PREBUILT: dict[tuple[Any, ...], tuple[BootRecord, dict[str, Any]]] = {}
PREBUILT_CACHE = 256


def boot_json(host: Host, domain: Domain) -> dict[str, Any] | None:
    """The section's entry for a domain (None before it has a boot record)."""
    if domain.boot is not None:
        return domain_json(host, domain, domain.boot)
    if not domain.creation_finished or not domain.p2m:
        return None
    return _prebuilt_memo(host, domain)[1]


def prebuilt(host: Host, domain: Domain) -> BootRecord:
    record = BootRecord("prebuilt", domain.config.kernel, domain.config.cmdline)
    nr_pages = frames_for_mb(domain.config.memory_mb)
    record.layout = lay.plan(kernel_image(domain.config.kernel), nr_pages,
                             dom0=domain.domid == 0)
    if record.layout.too_small or domain.nr_pages < nr_pages:
        return record
    if domain.domid == 0:
        record.origin = "dom0"
    record.placed = len(record.layout.segments)
    lookup = mfn_lookup(domain.p2m)
    record.tables = lay.table_frames(record.layout, lookup, domain.domid == 0)
    record.shared_info_mfn = xen_heap_frame(host.memory, domain.domid)
    for _, fields in start_info_groups(domain, record):
        record.start_info.update(fields)
    record.registers = lay.registers(record.layout, lookup, kernel_image(domain.config.kernel)
                                     .entry)
    record.steps = ["prebuilt", "tables:upper", "tables:l1", "shared_info_init", "guest:init"]
    return record


# -- the snapshot section --------------------------------------------------------------------


def section(world: World) -> dict[str, Any]:
    """``snapshot()["boot"]``."""
    lab = peek_lab(world)
    host = world.host
    return {
        "native": native_json(lab.native),
        "domains": [entry for d in host.domains.values()
                    if (entry := boot_json(host, d)) is not None],
        "failure": failure_json(lab.failure),
        "recent": {"step": lab.recent_step, "ranges": [list(r) for r in lab.recent[:64]]},
    }


def failure_json(failure: dict[str, Any] | None) -> dict[str, Any] | None:
    """The last failed build, with its sentence in every language."""
    if not failure:
        return None
    data = {key: value for key, value in failure.items() if key not in ("key", "step")}
    return {**failure, "message": {lang: render(str(failure["key"]), data, lang)
                                   for lang in LANGUAGES}}


def native_json(native: NativeMachine) -> dict[str, Any]:
    last = native.steps[-1] if native.steps else None
    return {
        "profile": native.profile, "firmware": native.firmware, "memory_mb": native.memory_mb,
        "cpus": native.cpus, "cmdline": native.cmdline, "steps": list(native.steps),
        "stage": NATIVE_STAGES.get(last, "off") if last else ("queued" if native.pending
                                                              else "off"),
        "finished": last in FINISHED,
        "e820": [[hex(e.start), hex(e.start + e.size), e.kind] for e in native.e820],
        "devices": list(native.devices),
        "boot_params": {key: hex(value) if key in ADDRESS_PARAMS and isinstance(value, int)
                        else value for key, value in native.boot_params.items()},
        "memblock_mb": native.facts.get("memblock_mb"),
    }


def domain_json(host: Host, domain: Domain, record: BootRecord) -> dict[str, Any]:
    last = record.steps[-1] if record.steps else "create_domain"
    return {
        "id": domain.domid, "name": domain.name, "origin": record.origin,
        "prebuilt": record.did("prebuilt"),
        "kernel": record.kernel, "cmdline": record.cmdline, "nr_pages": domain.nr_pages,
        "target_pages": frames_for_mb(domain.config.memory_mb),
        "stage": stage_of(last),
        "steps": list(record.steps),
        "layout": layout_json(record, domain.p2m),
        "tables": tables_json(record),
        "start_info": start_info_json(record),
        "registers": [[name, hex(record.registers[name])] for name in REGISTERS
                      if name in record.registers],
        "vcpu_flags": ["VGCF_in_kernel", "VGCF_online"] if record.registers else [],
        "shared_info": shared_info_json(record),
        "grants": [{"ref": ref, "use": use, "domid": domid, "mfn": mfn}
                   for ref, use, domid, mfn in record.grants],
        "guest": guest_json(record),
        "p2m": {"runs": [[r.pfn, r.mfn, r.count] for r in domain.p2m[:MAX_P2M_RUNS]],
                "total_runs": len(domain.p2m)},
        "recent": {"step": record.recent_step, "ranges": [list(r) for r in record.recent[:64]]},
    }


def layout_json(record: BootRecord, p2m: list[P2MRun]) -> dict[str, Any] | None:
    layout = record.layout
    if layout is None:
        return None
    segments = []
    for index, seg in enumerate(layout.segments):
        placed = index < record.placed
        segments.append({"name": seg.name, "pfn": seg.pfn, "pages": seg.pages,
                         "vstart": hex(seg.vstart), "vend": hex(seg.vend), "size": seg.size,
                         "writable": seg.writable, "placed": placed, "where": seg.where,
                         "first_mfn": _mfn(p2m, seg.pfn) if placed else None})
    return {"virt_base": hex(layout.virt_base), "virt_end": hex(layout.virt_end),
            "region_pages": layout.region_pages, "nr_pt_frames": layout.nr_pt_frames,
            "too_small": layout.too_small, "segments": segments,
            "variant": "modern" if layout.modern else "legacy"}


def _mfn(p2m: list[P2MRun], pfn: int) -> int | None:
    try:
        return mfn_lookup(p2m)(pfn)  # type: ignore[no-any-return]
    except (KeyError, IndexError):
        return None


def tables_json(record: BootRecord) -> list[dict[str, Any]]:
    upper, lower = record.did("tables:upper"), record.did("tables:l1")
    return [{"level": t.level, "pfn": t.pfn, "mfn": t.mfn, "first_slot": t.first_slot,
             "slots": t.slots, "filled": lower if t.level == 1 else upper}
            for t in record.tables]


def start_info_json(record: BootRecord) -> list[dict[str, Any]]:
    names = DOM0_FIELDS if record.origin == "dom0" else FIELDS
    rows = []
    for name in names:
        value = record.start_info.get(name)
        shown: Any = value
        if isinstance(value, int) and (name in HEX_FIELDS or name in FRAME_FIELDS):
            shown = hex(value)
        row: dict[str, Any] = {"field": name, "value": shown, "filled": value is not None}
        if name == "flags" and isinstance(value, int):
            row["flags"] = flag_names(value)
        rows.append(row)
    return rows


def shared_info_json(record: BootRecord) -> dict[str, Any] | None:
    if record.shared_info_mfn is None:
        return None
    return {"mfn": record.shared_info_mfn, "maddr": hex(record.shared_info_mfn << 12),
            "upcalls_masked": record.did("shared_info_init")}


def guest_json(record: BootRecord) -> dict[str, Any]:
    done = [step for step in record.steps if step.startswith("guest:")]
    return {"steps": done, "total": len(GUEST_STEPS) + 1,
            "callbacks": list(record.guest.get("callbacks", [])),
            "own_tables": bool(record.guest.get("own_tables"))}


# -- zoomable views ----------------------------------------------------------------------------


def span(total: int, first: int, count: int, buckets: int) -> tuple[int, int, int, int]:
    """``first``, ``count``, the number of buckets and frames per bucket, clamped."""
    first = max(0, min(first, max(total - 1, 0)))
    count = max(1, min(count, total - first))
    buckets = max(1, min(buckets, MAX_BUCKETS, count))
    size = -(-count // buckets)
    return first, count, -(-count // size), size


def memory_buckets(memory: MachineMemory, first: int, count: int, buckets: int
                   ) -> dict[str, Any]:
    """Machine frames ``first .. first+count-1`` in equal buckets, each with the frames every
    owner holds in it: O(buckets + runs), whatever the size of memory."""
    first, count, buckets, size = span(memory.total_frames, first, count, buckets)
    runs = memory.runs
    index = max(0, bisect.bisect_right([run.start for run in runs], first) - 1)
    out = []
    for number in range(buckets):
        low = first + number * size
        high = min(low + size, first + count)
        while runs[index].end <= low:
            index += 1
        owners: dict[str, int] = {}
        probe = index
        while probe < len(runs) and runs[probe].start < high:
            run = runs[probe]
            label = owner_label(run.owner)
            owners[label] = owners.get(label, 0) + min(high, run.end) - max(low, run.start)
            probe += 1
        out.append([low, high - low, owners])
    return {"first": first, "count": count, "frames_per_bucket": size,
            "total_frames": memory.total_frames, "buckets": out}


def p2m_buckets(host: Host, domain: Domain, first: int, count: int, buckets: int
                ) -> dict[str, Any]:
    """A domain's pseudo-physical frames in buckets; each with the P2M pieces it maps (PFN →
    MFN) and the start-of-day element it holds, if any."""
    total = max(domain.nr_pages, 1)
    first, count, buckets, size = span(total, first, count, buckets)
    runs = domain.p2m
    record = record_for(host, domain)
    layout = record.layout if record else None
    index = max(0, bisect.bisect_right([run.pfn for run in runs], first) - 1)
    out = []
    for number in range(buckets):
        low = first + number * size
        high = min(low + size, first + count)
        while index < len(runs) and runs[index].pfn + runs[index].count <= low:
            index += 1
        pieces, probe = [], index
        while probe < len(runs) and runs[probe].pfn < high:
            run = runs[probe]
            start = max(low, run.pfn)
            stop = min(high, run.pfn + run.count)
            pieces.append([start, run.mfn + start - run.pfn, stop - start])
            probe += 1
        out.append({"first": low, "count": high - low, "pieces": pieces[:MAX_PIECES],
                    "more": max(0, len(pieces) - MAX_PIECES),
                    "segment": _segment_at(layout, low, high)})
    return {"domain": domain.name, "id": domain.domid, "first": first, "count": count,
            "frames_per_bucket": size, "nr_pages": domain.nr_pages, "buckets": out}


def _segment_at(layout: Layout | None, low: int, high: int) -> str | None:
    if layout is None:
        return None
    for seg in layout.segments:
        if seg.pfn < high and seg.end_pfn > low:
            return seg.name
    return None
