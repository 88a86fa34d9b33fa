"""The cloud lab's recipes: a migration (one phase or round per step), a plan of migrations
(evacuation, consolidation) followed by switching hosts off, host failure and repair,
restarting lost domains elsewhere, pausing, saving and restoring, and changes of settings."""

from __future__ import annotations

from typing import Any

from webapp.model.cloud import migrate, placement
from webapp.model.cloud.args import lab_of
from webapp.model.cloud.state import CloudLab, Migration, MigrationParams
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.operations import AGAIN, Context, MicroStep, Operation, recipe


def new_migration(lab: CloudLab, domid: int, target: int, params: dict[str, Any],
                  plan: int | None = None) -> Migration:
    domain = lab.domains[domid]
    assert domain.host is not None
    mig = Migration(lab.next_mig, domid, domain.name, domain.host, target,
                    MigrationParams(domain.memory_mb, **params),
                    started_s=round(lab.time_s, 3), plan=plan)
    lab.next_mig += 1
    lab.migrations.append(mig)
    domain.busy = "migrate"
    return mig


def _migrate(ctx: Context, op: Operation) -> str | None:
    lab = lab_of(ctx.world)
    if "mig" not in op.args:
        op.args["mig"] = new_migration(lab, op.args["domid"], op.args["to"],
                                       op.args["params"]).mig_id
    mig = next(m for m in lab.migrations if m.mig_id == op.args["mig"])
    return None if migrate.advance(ctx, lab, mig) else AGAIN


def _plan(ctx: Context, op: Operation) -> str | None:
    """One step of an evacuation or a consolidation: the current migration, the next one,
    or switching an emptied host off."""
    lab = lab_of(ctx.world)
    args = op.args
    if "plan" not in args:
        args["plan"], args["next"], args["mig"] = len(lab.plans) + 1, 0, None
        lab.plans[args["plan"]] = {"kind": args["kind"], "moves": args["moves"],
                                   "off": args["off"]}
        ctx.emit(f"cloud.{args['kind']}.planned", (TOOLSTACK,), notable=True,
                 moves=len(args["moves"]), hosts=[lab.hosts[h].name for h in args["off"]])
        lab.pending_dt = migrate.CONTROL_S
        return AGAIN if args["moves"] or args["off"] else None
    if args["mig"] is not None:
        mig = next(m for m in lab.migrations if m.mig_id == args["mig"])
        if not migrate.advance(ctx, lab, mig):
            return AGAIN
        args["mig"] = None
        return AGAIN
    if args["next"] < len(args["moves"]):
        return _next_move(ctx, lab, args)
    return _switch_off_next(ctx, lab, args)


def _next_move(ctx: Context, lab: CloudLab, args: dict[str, object]) -> str | None:
    moves = args["moves"]
    assert isinstance(moves, list) and isinstance(args["next"], int)
    domid, target = moves[args["next"]]
    args["next"] = args["next"] + 1
    domain = lab.domains[domid]
    if domain.state != "running" or domain.busy or lab.hosts[target].state != "on" \
            or placement.free_mb(lab, lab.hosts[target]) < domain.memory_mb:
        ctx.emit("cloud.plan.skipped", (TOOLSTACK,), domain=domain.name,
                 target=lab.hosts[target].name)
        lab.pending_dt = migrate.CONTROL_S
        return AGAIN
    mig = new_migration(lab, domid, target, dict(lab.defaults), plan=int(str(args["plan"])))
    args["mig"] = mig.mig_id
    migrate.advance(ctx, lab, mig)
    return AGAIN


def _switch_off_next(ctx: Context, lab: CloudLab, args: dict[str, object]) -> str | None:
    off = args["off"]
    assert isinstance(off, list)
    while off:
        host = lab.hosts[off.pop(0)]
        if host.state == "on" and not host.domains and not host.reserved_mb:
            host.state = "off"
            ctx.emit("cloud.host.switched_off", (TOOLSTACK,), notable=True, host=host.name)
            lab.pending_dt = migrate.CONTROL_S
            return AGAIN if off else None
        ctx.emit("cloud.host.kept_on", (TOOLSTACK,), host=host.name, count=len(host.domains))
    lab.pending_dt = migrate.CONTROL_S
    return None


def _fail_host(ctx: Context, op: Operation) -> None:
    lab = lab_of(ctx.world)
    host = lab.hosts[op.args["host"]]
    host.state, lost = "failed", []
    for domid in host.domains:
        domain = lab.domains[domid]
        domain.state, domain.host, domain.alloc = "crashed", None, 0.0
        lost.append(domain.name)
    host.domains, host.reserved_mb = [], 0
    ctx.emit("cloud.host.failed", (XEN,), notable=True, host=host.name, domains=lost or ["—"],
             count=len(lost))
    lab.pending_dt = migrate.CONTROL_S


def _host_state(state: str, kind: str) -> MicroStep:
    def step(ctx: Context, op: Operation) -> None:
        lab = lab_of(ctx.world)
        host = lab.hosts[op.args["host"]]
        host.state = state
        ctx.emit(kind, (TOOLSTACK,), notable=True, host=host.name)
        lab.pending_dt = migrate.CONTROL_S
    return step


def _restart(ctx: Context, op: Operation) -> str | None:
    """Build one lost domain again on the first host with room and let it boot from its disk
    (what was in its memory is gone); the boot is still downtime. Then the next one."""
    lab = lab_of(ctx.world)
    booting = op.args.get("booting")
    if booting is not None:
        domain = lab.domains[booting]
        domain.state, op.args["booting"] = "running", None
        ctx.emit("cloud.restart.running", (XEN,), notable=True, domain=domain.name,
                 host=lab.hosts[domain.host or 0].name)
        lab.pending_dt = migrate.CONTROL_S
        return AGAIN if op.args.setdefault("i", 0) < len(op.args["domids"]) else None
    domid = op.args["domids"][op.args.setdefault("i", 0)]
    op.args["i"] += 1
    domain = lab.domains[domid]
    host = placement.first_fit(lab, domain)
    lab.pending_dt = migrate.CONTROL_S
    if host is None or domain.state != "crashed":
        ctx.emit("cloud.restart.no_room", (TOOLSTACK,), notable=True, domain=domain.name)
        return AGAIN if op.args["i"] < len(op.args["domids"]) else None
    domain.state, domain.host, op.args["booting"] = "booting", host.index, domid
    host.domains.append(domid)
    ctx.emit("cloud.restart.booting", (TOOLSTACK, XEN), domain=domain.name, host=host.name,
             boot_s=lab.boot_s)
    lab.pending_dt = lab.boot_s
    return AGAIN


def _domain_step(state: str, kind: str) -> MicroStep:
    def step(ctx: Context, op: Operation) -> None:
        lab = lab_of(ctx.world)
        domain = lab.domains[op.args["domid"]]
        if state == "saved" and domain.host is not None:
            lab.hosts[domain.host].domains.remove(domain.domid)
            domain.host = None
        if domain.host is None and state != "saved":
            host = placement.first_fit(lab, domain)
            assert host is not None
            domain.host = host.index
            host.domains.append(domain.domid)
        domain.state = state
        ctx.emit(kind, (TOOLSTACK,), notable=True, domain=domain.name,
                 host=lab.hosts[domain.host].name if domain.host is not None else "—",
                 memory_mb=domain.memory_mb)
        lab.pending_dt = migrate.CONTROL_S
    return step


def _set(ctx: Context, op: Operation) -> None:
    lab = lab_of(ctx.world)
    what, values = op.args["set"], op.args["values"]
    if what == "prices":
        for key, value in values.items():
            setattr(lab.prices, key, value)
    elif what == "power":
        for key, value in values.items():
            setattr(lab.power, key, value)
    elif what == "defaults":
        lab.defaults = dict(values)
    elif what == "focus":
        lab.focus = values["host"]
    else:
        domain = lab.domains[op.args["domid"]]
        domain.weight, domain.cap = values["weight"], values["cap"]
    ctx.emit(f"cloud.set.{what}", (TOOLSTACK,), notable=True, **{
        k: v for k, v in values.items() if k != "host"},
        **({"domain": lab.domains[op.args["domid"]].name} if what == "sched" else {}),
        **({"host": lab.hosts[values["host"]].name} if what == "focus" else {}))
    lab.pending_dt = migrate.CONTROL_S


recipe("cloud:migrate", _migrate)
recipe("cloud:plan", _plan)
recipe("cloud:fail_host", _fail_host)
recipe("cloud:repair_host", _host_state("on", "cloud.host.repaired"))
recipe("cloud:switch_on", _host_state("on", "cloud.host.switched_on"))
recipe("cloud:switch_off", _host_state("off", "cloud.host.switched_off"))
recipe("cloud:restart", _restart)
recipe("cloud:pause", _domain_step("paused", "cloud.domain.paused"))
recipe("cloud:unpause", _domain_step("running", "cloud.domain.unpaused"))
recipe("cloud:save", _domain_step("saved", "cloud.domain.saved"))
recipe("cloud:restore", _domain_step("running", "cloud.domain.restored"))
recipe("cloud:set", _set)
