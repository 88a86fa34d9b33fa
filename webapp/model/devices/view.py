"""The ``devices`` section of the snapshot: JSON-safe, in a stable order, frames in hex.

Documented in docs/api-devices.md.
"""

from __future__ import annotations

from typing import Any

from webapp.model.devices import grants
from webapp.model.devices.costs import CYCLES
from webapp.model.devices.evtchn import EventChannels
from webapp.model.devices.ring import MASK, Ring
from webapp.model.devices.state import LAB, PATHS, Counters, Device, DevicesLab, XenbusState
from webapp.model.devices.xs import backend_dir, frontend_dir
from webapp.model.host import World
from webapp.model.narration import LANGUAGES, render

METRICS = ("vm_exits", "context_switches", "hypercalls", "notifications", "cycles")
MAX_GRANTS_SHOWN = 64


def section(world: World) -> dict[str, Any] | None:
    """Register with ``extensions.section("devices", section)``."""
    lab = world.labs.get(LAB)
    if not isinstance(lab, DevicesLab):
        return None
    alive = [d for d in sorted(world.host.domains) if d in (lab.backend, lab.frontend, lab.hvm)]
    return {
        "backend": lab.backend,
        "frontend": lab.frontend,
        "hvm": lab.hvm,
        "names": {str(d): world.host.domains[d].name for d in alive},
        "devices": [device_view(world, lab, d) for _, d in sorted(lab.devices.items())],
        "grants": [grant_view(lab, d) for d in alive if d in lab.grants],
        "evtchn": [channels_view(lab.evtchn[d]) for d in alive if d in lab.evtchn],
        "xenstore": xenstore_view(world, lab),
        "disk": {"name": lab.disk.name, "latency": lab.disk.latency, "served": lab.disk.served,
                 "queue": [{"owner": io.owner, "tag": io.tag, "sector": io.sector,
                            "ticks": io.ticks} for io in lab.disk.queue]},
        "ide": ide_view(lab),
        "agenda": [task.kind for task in lab.agenda[:8]],
        "agenda_length": len(lab.agenda),
        "requests": requests_view(lab),
        "counters": {path: counters_view(lab.counters[path]) for path in PATHS},
        "per_read": {path: per_read(lab.counters[path]) for path in PATHS},
        "costs": dict(CYCLES),
    }


def device_view(world: World, lab: DevicesLab, device: Device) -> dict[str, Any]:
    front, back = device.blkfront, device.blkback
    return {
        "kind": device.kind, "devid": device.devid, "frontend": device.frontend,
        "backend": device.backend, "phase": device.phase,
        "front_state": device.front_state, "front_state_name": XenbusState(
            device.front_state).name,
        "back_state": device.back_state, "back_state_name": XenbusState(device.back_state).name,
        "front_dir": frontend_dir(device), "back_dir": backend_dir(device),
        "front_port": device.front_port, "back_port": device.back_port,
        "rings": [ring_view(ring) for ring in device.rings.values()],
        "blkfront": {"queue": [f"r{rid}" for rid in front.queue], "stopped": front.stopped,
                     "gendisk": front.gendisk,
                     "shadow": [{"id": s.id, "rid": f"r{s.rid}", "gref": s.gref,
                                 "sector": s.request.get("sector_number")}
                                for _, s in sorted(front.shadow.items())]},
        "blkback": {"awake": back.rp is not None, "physical": back.physical,
                    "stopping": back.stopping,
                    "pending": [{"id": p.id, "rid": f"r{p.rid}", "gref": p.gref,
                                 "handle": p.handle} for _, p in sorted(back.pending.items())]},
        "netfront": {"rx_posted": len(device.netfront.rx_posted),
                     "tx_pending": len(device.netfront.tx_pending),
                     "delivered": device.netfront.delivered, "sent": device.netfront.sent},
        "netback": {"rx_queue": len(device.netback.rx_queue),
                    "transmitted": device.netback.transmitted, "hotplug": device.netback.hotplug},
    }


def slot_status(ring: Ring, index: int) -> str:
    """What the slot at free-running ``index`` holds, seen from both sides' indices."""
    def before(limit: int) -> bool:
        return ((limit - index) & MASK) in range(1, ring.size + 1)

    if before(ring.rsp_prod):
        return "response"
    if before(ring.rsp_prod_pvt):
        return "response_private"
    if before(ring.req_cons):
        return "consumed"
    if before(ring.req_prod):
        return "request"
    return "private"


def ring_view(ring: Ring) -> dict[str, Any]:
    used = [(ring.rsp_cons + i) & MASK for i in range(ring.outstanding())]
    slots = []
    for index in used:
        entry = ring.slots[ring.slot(index)] or {}
        slots.append({"slot": ring.slot(index), "index": index,
                      "status": slot_status(ring, index), "id": entry.get("id"),
                      "rid": entry.get("rid"), "pid": entry.get("pid")})
    return {"name": ring.name, "size": ring.size, "gref": ring.gref, "pfn": f"0x{ring.pfn:x}",
            "mapped": ring.handle is not None, "req_prod": ring.req_prod,
            "req_event": ring.req_event, "rsp_prod": ring.rsp_prod, "rsp_event": ring.rsp_event,
            "req_prod_pvt": ring.req_prod_pvt, "rsp_cons": ring.rsp_cons,
            "req_cons": ring.req_cons, "rsp_prod_pvt": ring.rsp_prod_pvt,
            "outstanding": ring.outstanding(), "free": ring.free_requests(), "slots": slots}


def _purpose(purpose: grants.Purpose | None) -> dict[str, str]:
    """What the entry is for, in every language (empty for an entry the lab never used)."""
    if purpose is None:
        return {lang: "" for lang in LANGUAGES}
    data = purpose.get("data")
    return {lang: render(str(purpose["key"]), data if isinstance(data, dict) else {}, lang)
            for lang in LANGUAGES}


def grant_view(lab: DevicesLab, domid: int) -> dict[str, Any]:
    table = lab.grants[domid]
    rows = [{"ref": ref, "flags": f"0x{entry.flags:04x}",
             "names": grants.flag_names(entry.flags), "domid": entry.domid,
             "frame": f"0x{entry.frame:x}", "pins": entry.pins_ro + entry.pins_rw,
             "purpose": _purpose(entry.purpose), "ended": entry.ended,
             "deferred": ref in table.deferred}
            for ref, entry in sorted(table.entries.items())]
    return {"domid": domid, "entries": rows[:MAX_GRANTS_SHOWN], "total": len(rows),
            "maptrack": [{"handle": h, "granter": m.granter, "ref": m.ref,
                          "readonly": m.readonly} for h, m in sorted(table.maptrack.items())]}


def channels_view(chans: EventChannels) -> dict[str, Any]:
    return {"domid": chans.domid, "upcall_pending": chans.upcall_pending,
            "pending_sel": chans.pending_sel,
            "ports": [{"port": number, "state": port.state, "remote_dom": port.remote_dom,
                       "remote_port": port.remote_port, "virq": port.virq, "label": port.label,
                       "handler": port.handler, "pending": number in chans.pending,
                       "masked": number in chans.masked}
                      for number, port in sorted(chans.ports.items())]}


def xenstore_view(world: World, lab: DevicesLab) -> dict[str, Any]:
    """The device directories (with their permissions) and every watch."""
    xenstore = world.host.xenstore
    tops = ["/local/domain/0/backend", *(f"/local/domain/{d}/device" for d in
                                          (lab.frontend,))]
    nodes = [[path, value, " ".join(str(p) for p in xenstore.perms_of(path))]
             for top in tops for path, value in xenstore.subtree(top).items()]
    return {"nodes": nodes,
            "watches": [[w.path, w.token, w.domid] for w in xenstore.watches]}


def ide_view(lab: DevicesLab) -> dict[str, Any] | None:
    ide = lab.ide
    if ide is None:
        return None
    return {"regs": {k: f"0x{v:x}" for k, v in ide.regs.items()}, "ioreq": dict(ide.ioreq),
            "irq": ide.irq, "current": f"r{ide.current}" if ide.current is not None else None,
            "queue": [f"r{r}" for r in ide.rids], "next": ide.plan[0] if ide.plan else None,
            "left": len(ide.plan), "xen_port": ide.xen_port, "qemu_port": ide.qemu_port}


def requests_view(lab: DevicesLab) -> dict[str, Any]:
    requests = list(lab.requests.values())
    count = {status: sum(1 for r in requests if r.status == status)
             for status in ("queued", "ring", "done", "error", "gone")}
    return {**count, "issued": len(requests),
            "recent": [{"rid": f"r{r.rid}", "path": r.path, "sector": r.sector,
                        "status": r.status} for r in requests[-12:]]}


def counters_view(counters: Counters) -> dict[str, int]:
    return dict(vars(counters))


def per_read(counters: Counters) -> dict[str, float]:
    """Each metric divided by the completed requests (0 before the first completes)."""
    done = counters.completed
    return {metric: round(getattr(counters, metric) / done, 2) if done else 0.0
            for metric in METRICS}
