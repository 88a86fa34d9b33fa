"""The cloud lab's page: the datacenter picture (hosts, their domains by tenant, power), the
live migration (phases, pages crossing the link each pre-copy round, xl's handshake, the
dirty-page heatmap), the charts (rounds, power and energy, runstates, bills) and each tenant's
bill and SLA report. Everything is drawn in the browser from the snapshot's ``cloud`` section
(docs/api-cloud.md; static/js/views/cloud*.js). The forms send the model's actions; the quick
actions (partials/cloud_actions.html) carry the reason the model would refuse them now."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _

from webapp.i18n import current_language
from webapp.model.cloud.state import LAB, CloudLab
from webapp.model.errors import ModelError
from webapp.model.host import World
from webapp.model.operations import COMMANDS
from webapp.web.labs import LAB_NAMES, LabPage, register
from webapp.web.sessions import LiveSession

PHASES = ("premigration", "reservation", "precopy", "stop_and_copy", "commitment",
          "activation", "done", "aborted")


def reason(world: World, name: str, target: Any, args: dict[str, Any]) -> str | None:
    """None when the model would accept the action now, else why not (nothing changes)."""
    try:
        COMMANDS[name].start(world, target, dict(args))
    except ModelError as error:
        return error.message(current_language())
    return None


def actions(world: World, lab: CloudLab) -> list[dict[str, Any]]:
    """Quick actions on the first running domain and the hosts, each with its reason."""
    running = next((d for d in lab.domains.values() if d.state == "running"), None)
    first = lab.hosts[0].name
    failed = next((h.name for h in lab.hosts if h.state == "failed"), first)
    off = next((h.name for h in lab.hosts if h.state == "off"), first)
    items: list[tuple[str, str, Any, dict[str, Any]]] = [
        (_("Migrate %(domain)s", domain=running.name) if running else _("Migrate"),
         "migrate", running.name if running else None, {}),
        (_("Consolidate"), "consolidate", None, {}),
        (_("Restart the lost domains"), "restart_domains", None, {}),
        (_("Repair %(host)s", host=failed), "repair_host", failed, {}),
        (_("Switch %(host)s on", host=off), "switch_on", off, {}),
    ]
    return [{"label": label, "name": name, "target": target, "args": args,
             "why": reason(world, name, target, args)} for label, name, target, args in items]


def phase_names() -> dict[str, str]:
    return {"premigration": _("Pre-migration"), "reservation": _("Reservation"),
            "precopy": _("Iterative pre-copy"), "stop_and_copy": _("Stop-and-copy"),
            "commitment": _("Commitment"), "activation": _("Activation"),
            "done": _("Done"), "aborted": _("Aborted: the source resumes")}


def translations() -> dict[str, str]:
    """Every word the cloud view draws in JavaScript, in the reader's language."""
    return {
        **phase_names(),
        "on": _("on"), "off": _("off"), "failed": _("failed"),
        "running": _("running"), "paused": _("paused"), "suspended": _("suspended"),
        "crashed": _("down"), "booting": _("booting"), "saved": _("saved"),
        "runnable": _("runnable"), "blocked": _("blocked"), "offline": _("offline"),
        "watts": _("{n} W"), "mib": _("{n} MiB"), "gib": _("{n} GiB"), "kwh": _("{n} kWh"),
        "ms": _("{n} ms"), "percent": _("{n} %"),
        "cpu": _("CPU {n} %"), "mem": _("memory {used} / {total}"),
        "host_label": _("{host}: {state}, {watts}, {count} domain(s)"),
        "domain_label": _("{name} ({tenant}): {state}, {vcpus} vCPU, {memory}"),
        "incoming": _("incoming"), "migrating": _("migrating"),
        "no_migration": _("No migration yet: migrate a domain, evacuate a host or consolidate."),
        "migration_title": _("{domain}: {source} → {target}"),
        "round_label": _("round {n}: {sent} sent"),
        "stop_copy_label": _("stop-and-copy: {sent} sent"),
        "round": _("round {n}"), "stop_copy": _("stop-and-copy"),
        "downtime": _("Downtime {ms}"), "downtime_pending": _("Downtime: not yet known"),
        "postcopy": _("Post-copy instead: downtime {downtime}, total {total}, "
                      "{faults} remote page faults"),
        "params": _("{memory}, dirty rate {rate} pages/s, working set {wws} pages, link {bw} Mb/s, "
                    "stop under {stop} pages or after {rounds} live rounds"),
        "heat_caption": _("Dirty pages per round: each cell is 1/128 of the guest's memory; "
                          "darker means more of its pages dirtied during that round"),
        "heat_empty": _("The heatmap fills as the pre-copy rounds run."),
        "sent": _("pages sent"), "dirtied": _("pages re-dirtied during the round"),
        "axis_pages": _("pages (log scale)"), "axis_round": _("round"),
        "rounds_summary": _("{domain}: {rounds} live round(s), then stop-and-copy of {last} pages; "
                            "{total} pages sent in all for {memory} pages of memory."),
        "rounds_none": _("No rounds yet."),
        "power_total": _("total power (W)"), "energy_total": _("energy used (kWh)"),
        "axis_time": _("datacenter time (min)"),
        "axis_watts": _("power (W)"), "axis_kwh": _("energy (kWh)"),
        "energy_host": _("energy per host so far (Wh)"),
        "axis_wh": _("Wh"),
        "energy_summary": _("Now {power} for {on} host(s) on; {energy} used since the start."),
        "axis_vcpus": _("vCPUs"), "runstate_summary": _("Runstates of the vCPUs on {host}, "
                                                        "one band per domain."),
        "runstate_none": _("No step yet: the timeline fills as time passes."),
        "vcpu_hour": _("CPU (vCPU·h)"), "gib_hour": _("memory (GiB·h)"),
        "io_million": _("I/O (million ops)"), "net_gb": _("network (GB)"),
        "axis_euro": _("amount (€)"), "euro": _("{n} €"),
        "bill_check_ok": _("✓ matches: the sum of the domains' meters × the price sheet"),
        "bill_check_bad": _("✗ does not match the meters"),
        "met": _("✓ objectives met"), "broken": _("✗ objectives broken"),
        "seconds": _("{n} s"),
        "violation_kinds": _("recent: {list}"),
        "auto_host": _("first host with room"), "tenant": _("tenant"),
        **chart_titles(),
    }


def chart_titles() -> dict[str, str]:
    return {"tray": _("On no host (saved or lost):"),
            "power_note": _("Assumptions: a host draws {idle} W idle, {max} W at full load and "
                            "{off} W switched off, in proportion to its CPU use in between. "
                            "Context: datacenters used about {low}–{high} % of the world's "
                            "electricity in {year} (Koomey)."),
            "axis_steps": _("last steps"), "col_domain": _("Domain"), "col_host": _("Host"),
            "col_weight": _("Weight"), "col_cap": _("Cap"), "col_share": _("pCPUs used"),
            "col_latency": _("Latency"), "no_cap": _("none"), "col_line": _("Line"),
            "col_quantity": _("Quantity"), "col_price": _("Price"), "col_amount": _("Amount"),
            "col_total": _("Total"), "col_status": _("Objectives"),
            "v_interruption": _("interruption"), "v_latency": _("latency"),
            "v_availability": _("availability"),
            "migrate_memory": _("{name}: {memory} of memory ({pages} pages of 4 KiB), on {host}, "
                                "{state}."),
            "clock_line": _("Datacenter time {clock} · power {power} · energy {energy} · "
                            "{on} of {hosts} hosts on"),
            "bill_summary": _("{tenant}: {total}, availability {availability} (objective "
                              "{objective}), {violations} violation(s)."),
            "sla_availability": _("availability"),
            "availability_of": _("{now} (objective {objective}, no cut over {cut})"),
            "sla_violations": _("violations"),
            "sla_downtime": _("downtime")}


def choices(lab: CloudLab) -> dict[str, Any]:
    """What the forms offer: the hosts and the domains (names and states)."""
    return {"hosts": [h.name for h in lab.hosts],
            "domains": [d.name for d in lab.domains.values()]}


def context(live: LiveSession, state: dict[str, Any]) -> dict[str, Any]:
    lab = live.timeline.sim.world.labs.get(LAB)
    if not isinstance(lab, CloudLab):
        abort(404)  # this page draws cloud sessions only
    cloud = state.get("cloud", {})
    return {"cloud": cloud, "phases": phase_names(), "phase_order": PHASES[:7],
            "cloud_actions": actions(live.timeline.sim.world, lab),
            "cloud_choices": choices(lab),
            "lab_config": {"t": translations()}}


register(LabPage("cloud", LAB_NAMES["cloud"], "pages/lab_cloud.html",
                 ("cloud_actions",), context))
