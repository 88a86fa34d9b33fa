"""The devices lab's page: dom0 and the guest side by side, the xenstore tree, the ring, the
grant table and the event channels between them; the actions a learner can take, and the
misuses Xen refuses, each with its arguments taken from the current state."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _

from webapp.i18n import current_language
from webapp.model.devices.agenda import lab_of
from webapp.model.devices.state import DevicesLab
from webapp.model.errors import ModelError
from webapp.model.host import World
from webapp.model.operations import COMMANDS
from webapp.web.labs import LAB_NAMES, LabPage, register
from webapp.web.sessions import LiveSession

Action = dict[str, Any]


def translations() -> dict[str, str]:
    """Every word the devices view draws in JavaScript, in the reader's language."""
    return {
        "dom0": _("dom0: backend, real driver, device model"), "guest": _("Guest (frontend)"),
        "hvm": _("HVM guest without PV drivers"), "no_device": _("not plugged"),
        "thread_awake": _("thread running"), "thread_asleep": _("thread asleep"),
        "physical_open": _("real disk open"), "stopping": _("stopping"),
        "queue": _("queue"), "queue_stopped": _("queue stopped: ring full"),
        "shadow": _("shadow copies"), "pending": _("requests being served"),
        "none": _("none"), "disk_queue": _("I/Os in progress"), "steps_left": _("steps left"),
        "served": _("served"), "rx_posted": _("RX buffers posted"), "tx_pending": _("TX pending"),
        "delivered": _("packets received"), "sent": _("packets sent"),
        "rx_queue": _("packets waiting for a buffer"), "transmitted": _("packets transmitted"),
        "ioreq": _("ioreq"), "registers": _("IDE registers"), "irq": _("IRQ 14 raised"),
        "current": _("current read"), "next_access": _("next port access"),
        "ring": _("Shared ring"), "no_ring": _("No ring yet: connect a device."),
        "shared_page": _("shared page"), "front_private": _("frontend (private)"),
        "back_private": _("backend (private)"), "slots_in_use": _("slots in use"),
        "free": _("free"), "st_private": _("filled, not pushed"),
        "st_request": _("request waiting"), "st_consumed": _("being served"),
        "st_response_private": _("response written"), "st_response": _("response waiting"),
        "st_free": _("free"), "ring_caption": _("Ring {name}: {used} of {size} slots in use"),
        "xenstore": _("Xenstore"), "xenstore_empty": _("No device directory yet."),
        "watches": _("watches"), "watches_head": _("watches:"), "slot": _("slot {n}"),
        "slot_state": _("slot {n}: {status}"), "grants": _("Grant table of {domain}"),
        "maptrack": _("Mappings held by dom0 (maptrack)"), "ref": _("ref"),
        "flags": _("flags"), "grantee": _("to"),
        "flags_note": _("permit = GTF_permit_access, ro = GTF_readonly, rd = GTF_reading, "
                        "wr = GTF_writing"), "frame": _("frame"), "pins": _("pins"),
        "use": _("use"), "ended": _("ended"), "deferred": _("end deferred"),
        "channels": _("Event channels"), "port": _("port"), "state": _("state"),
        "peer": _("peer"), "pending_bit": _("pending"), "upcall": _("upcall pending"),
        "handle": _("handle"), "requests": _("Reads"), "rq_queued": _("queued"),
        "rq_ring": _("in flight"), "rq_done": _("done"), "rq_error": _("failed (-EIO)"),
        "rq_gone": _("lost with the domain"),
        "path_blk": _("PV disk (split drivers)"), "path_emulated": _("Emulated IDE disk"),
        "path_net": _("PV network"), "metric": _("Per completed read"),
        "vm_exits": _("VM exits"), "context_switches": _("context switches"),
        "hypercalls": _("hypercalls"), "notifications": _("notifications"),
        "cycles": _("modelled cycles"), "requests_n": _("requests"),
        "completed": _("completed"), "suppressed": _("pushes without notification"),
        "upcalls": _("upcalls"), "grant_ops": _("grant operations"),
        "syscalls": _("system calls"), "device_model_trips": _("trips to QEMU"),
        "axis_count": _("events per completed read"),
        "axis_cycles": _("cycles per read (model)"),
        "summary": _("{path}: {reads} read(s) completed; per read {vm_exits} VM exits, "
                     "{context_switches} context switches, {hypercalls} hypercalls, "
                     "{notifications} notifications, {cycles} modelled cycles."),
        "summary_none": _("No read completed yet: the charts fill in as reads complete."),
        "agenda": _("next micro-steps"),
        **moving_words(),
    }


def moving_words() -> dict[str, str]:
    """The words on the chips that fly across the picture (static/js/views/devices_motion.js)."""
    return {"fly_grant": _("grant"), "fly_map": _("map the grant"), "fly_unmap": _("unmap"),
            "fly_io": _("disk I/O"), "fly_io_done": _("I/O done"), "fly_response": _("response"),
            "fly_event": _("event, port"), "fly_buffer": _("buffer"), "fly_packet": _("packet"),
            "fly_exit": _("VM exit"), "fly_resume": _("resume the guest"), "fly_irq": _("IRQ 14")}


def command_reason(world: World, name: str, args: dict[str, Any]) -> str | None:
    """None when the model would accept ``name`` now, else why not (nothing changes)."""
    try:
        COMMANDS[name].start(world, None, dict(args))
    except ModelError as error:
        return error.message(current_language())
    return None


def device_actions(world: World, lab: DevicesLab) -> list[dict[str, Any]]:
    """The learner's actions, in groups, each with its arguments and whether it applies."""
    groups: list[tuple[str, list[tuple[str, str, dict[str, Any]]]]] = [
        (_("PV disk (vbd)"), [
            ("connect", _("Connect"), {"device": "vbd"}), ("read", _("One read"), {}),
            ("batch", _("Batch of 40 reads"), {"count": 40}),
            ("reconnect", _("Reconnect mid-stream"), {"device": "vbd"}),
            ("disconnect", _("Disconnect"), {"device": "vbd"})]),
        (_("PV network (vif)"), [
            ("connect", _("Connect"), {"device": "vif"}),
            ("send", _("Send a packet"), {"size": 1500}),
            ("receive", _("Receive a packet"), {"size": 1200}),
            ("disconnect", _("Disconnect"), {"device": "vif"})]),
    ]
    if lab.hvm is not None:
        groups.append((_("Emulated disk (HVM guest)"), [
            ("emulated_read", _("One emulated read"), {}),
            ("emulated_read", _("Two emulated reads"), {"count": 2})]))
    return [{"title": title, "actions": [
        {"name": name, "label": label, "args": args, "why": command_reason(world, name, args)}
        for name, label, args in actions]} for title, actions in groups]


def misuses(world: World, lab: DevicesLab) -> list[dict[str, Any]]:
    """Hand-made hypercalls Xen refuses now, with the arguments that make them misuses."""
    found: list[dict[str, Any]] = []
    guest, dom0 = lab.frontend, lab.backend
    table = lab.grants.get(guest)
    entries = table.entries if table is not None else {}
    in_use = [ref for ref, entry in sorted(entries.items()) if entry.in_use]
    ended = [ref for ref in (table.recent_ended if table else []) if ref in entries
             and entries[ref].ended and not entries[ref].permitted]
    found.append(_misuse("never", "map_grant", _(
        "dom0 maps grant reference 300 of the guest, which the guest never granted"),
        {"mapper": dom0, "granter": guest, "ref": 300}))
    found.append(_misuse("ended", "map_grant", _(
        "dom0 maps a grant whose access the guest has ended"),
        {"mapper": dom0, "granter": guest, "ref": ended[-1]} if ended else None,
        _("No ended grant yet: let one read complete first.")))
    if lab.hvm is not None:
        found.append(_misuse("other", "map_grant", _(
            "The HVM guest maps a grant the PV guest gave to dom0"),
            {"mapper": lab.hvm, "granter": guest, "ref": in_use[0]} if in_use else None,
            _("No grant is in use: connect a device first.")))
    found.append(_misuse("end", "end_access", _(
        "The guest ends access to a grant dom0 still maps"),
        {"domid": guest, "ref": in_use[0]} if in_use else None,
        _("Nothing is mapped by dom0 now: connect a device first.")))
    chans = lab.evtchn.get(guest)
    unbound = [port for port, p in sorted(chans.ports.items()) if p.state == "unbound"] if (
        chans is not None) else []
    found.append(_misuse("unbound", "evtchn_send", _(
        "The guest sends on an event channel nobody has bound yet"),
        {"domid": guest, "port": unbound[0]} if unbound else None,
        _("No unbound port now: step through a connect — between EVTCHNOP_alloc_unbound and "
          "the backend's bind, the frontend's port is unbound.")))
    path = next((node for node, _value, _perms in _device_nodes(world)
                 if node.startswith("/local/domain/0/backend/") and node.endswith("/mode")),
                "/local/domain/0/backend/owner")
    found.append(_misuse("eacces", "xenstore_write", _(
        "The guest writes into dom0's backend directory"),
        {"domid": guest, "path": path, "value": "r"}))
    found.append(_misuse("full", "push_request", _(
        "Push one more request on the ring now (refused while the ring is full)"), {}))
    for item in found:
        if item["args"] is not None:
            item["refused"] = command_reason(world, item["name"], item["args"]) is not None
    return found


def _misuse(key: str, name: str, label: str, args: dict[str, Any] | None,
            unavailable: str | None = None) -> dict[str, Any]:
    return {"key": key, "name": name, "label": label, "args": args,
            "why": None if args is not None else unavailable, "refused": False,
            "unavailable": args is None}


def _device_nodes(world: World) -> list[tuple[str, str, str]]:
    return [(path, value, "") for path, value in sorted(world.host.xenstore.nodes.items())
            if "/backend/" in path or "/device/" in path]


def context(live: LiveSession, state: dict[str, Any]) -> dict[str, Any]:
    world = live.timeline.sim.world
    try:
        lab = lab_of(world)
    except LookupError:
        abort(404)  # this page and its partial draw devices-lab sessions only
    return {"devices": state.get("devices", {}), "device_actions": device_actions(world, lab),
            "misuses": misuses(world, lab),
            "lab_config": {"t": translations(), "suggested": live.timeline.scenario.extra.get(
                "suggested", {})}}


register(LabPage("devices", LAB_NAMES["devices"], "pages/lab_devices.html",
                 ("devices_actions",), context))
