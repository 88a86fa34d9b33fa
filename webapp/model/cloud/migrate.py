"""A live migration in the datacenter, one phase or one pre-copy round per step, with the
``xl migrate`` handshake (tools/xl/xl_migrate.c) and Clark et al.'s stages.

``advance(ctx, lab, mig)`` takes the next micro-step and returns whether the migration is
over; it also sets how long the step lasted (``lab.pending_dt``). A failed target rolls the
migration back (the sender resumes its copy); a failed source loses the domain.
"""

from __future__ import annotations

from webapp.model.cloud import precopy
from webapp.model.cloud.state import CloudDomain, CloudHost, CloudLab, Migration
from webapp.model.events import TOOLSTACK, XEN
from webapp.model.operations import Context

CONTROL_S = 0.05  # a control message or a rename (an assumption)
BANNER = "xl migration receiver ready, send binary domain data."
READY = "domain received, ready to unpause"
GO = "domain is yours, you are cleared to unpause"
REPORT = "my copy unpause results are as follows"


def advance(ctx: Context, lab: CloudLab, mig: Migration) -> bool:
    source, target = lab.hosts[mig.source], lab.hosts[mig.target]
    domain = lab.domains[mig.domid]
    if source.state != "on" or domain.state == "crashed":
        return _lost(ctx, lab, mig, domain, target)
    if target.state != "on":
        return _rollback(ctx, lab, mig, domain, target)
    step = PHASE_STEPS[mig.phase]
    return step(ctx, lab, mig, domain, source, target)


def _premigration(ctx: Context, lab: CloudLab, mig: Migration, domain: CloudDomain,
                  source: CloudHost, target: CloudHost) -> bool:
    mig.messages.append(f"ssh {target.name} xl migrate-receive")
    mig.messages.append(BANNER)
    ctx.emit("cloud.migrate.premigration", (TOOLSTACK,), notable=True, domain=domain.name,
             source=source.name, target=target.name, banner=BANNER)
    mig.phase, lab.pending_dt = "reservation", CONTROL_S
    return False


def _reservation(ctx: Context, lab: CloudLab, mig: Migration, domain: CloudDomain,
                 source: CloudHost, target: CloudHost) -> bool:
    target.reserved_mb += domain.memory_mb
    precopy.begin(mig)
    mig.messages.append(f"{domain.name}--incoming: created paused on {target.name}")
    ctx.emit("cloud.migrate.reservation", (TOOLSTACK, XEN), notable=True, domain=domain.name,
             target=target.name, memory_mb=domain.memory_mb, pages=mig.memory_pages)
    mig.phase, lab.pending_dt = "precopy", CONTROL_S
    return False


def _precopy(ctx: Context, lab: CloudLab, mig: Migration, domain: CloudDomain,
             source: CloudHost, target: CloudHost) -> bool:
    before = len(mig.rounds)
    again, why = precopy.iterate(mig)
    sent = mig.rounds[before:]
    lab.pending_dt = sum(r.duration_ms for r in sent) / 1000 or CONTROL_S
    for r in sent:
        ctx.emit("cloud.migrate.round", (TOOLSTACK,), notable=True, domain=domain.name,
                 round=r.round, pages_sent=r.pages_sent, pages_dirtied=r.pages_dirtied,
                 duration_ms=r.duration_ms)
    if not again:
        key = "cloud.migrate.stop_threshold" if why == "threshold" else "cloud.migrate.stop_cap"
        ctx.emit(key, (TOOLSTACK,), domain=domain.name, dirty=max(0, mig.dirty_count),
                 stop_pages=mig.params.stop_pages, rounds=mig.iteration or mig.x)
        mig.phase = "stop_and_copy"
    return False


def _stop_and_copy(ctx: Context, lab: CloudLab, mig: Migration, domain: CloudDomain,
                   source: CloudHost, target: CloudHost) -> bool:
    domain.state = "suspended"
    lab.pending_dt = precopy.stop_and_copy(mig)
    last = mig.rounds[-1]
    ctx.emit("cloud.migrate.stop_and_copy", (TOOLSTACK, XEN), notable=True, domain=domain.name,
             pages=last.pages_sent, duration_ms=last.duration_ms, downtime_ms=mig.downtime_ms)
    mig.phase = "commitment"
    return False


def _commitment(ctx: Context, lab: CloudLab, mig: Migration, domain: CloudDomain,
                source: CloudHost, target: CloudHost) -> bool:
    mig.messages += [READY, f"{domain.name} → {domain.name}--migratedaway", GO]
    ctx.emit("cloud.migrate.commitment", (TOOLSTACK,), notable=True, domain=domain.name,
             ready=READY, go=GO, consistent=precopy.consistent(mig))
    mig.phase, lab.pending_dt = "activation", mig.params.overhead_ms / 1000
    return False


def _activation(ctx: Context, lab: CloudLab, mig: Migration, domain: CloudDomain,
                source: CloudHost, target: CloudHost) -> bool:
    source.domains.remove(domain.domid)
    target.domains.append(domain.domid)
    target.reserved_mb -= domain.memory_mb
    domain.host, domain.state, domain.busy = target.index, "running", None
    mig.messages += [f"{REPORT}: 0", "Migration successful."]
    ctx.emit("cloud.migrate.activated", (TOOLSTACK, XEN), notable=True, domain=domain.name,
             source=source.name, target=target.name, report=REPORT,
             downtime_ms=mig.downtime_ms)
    _finish(lab, mig, "done", CONTROL_S)
    return True


def _rollback(ctx: Context, lab: CloudLab, mig: Migration, domain: CloudDomain,
              target: CloudHost) -> bool:
    """The receiver is gone before the go-ahead: the sender renames and resumes its copy."""
    target.reserved_mb = max(0, target.reserved_mb - domain.memory_mb)
    domain.state, domain.busy = "running", None
    mig.messages.append("Migration failed, resuming at sender.")
    ctx.emit("cloud.migrate.rollback", (TOOLSTACK,), notable=True, domain=domain.name,
             target=target.name, phase_state=mig.phase)
    _finish(lab, mig, "aborted", CONTROL_S, "target_failed")
    return True


def _lost(ctx: Context, lab: CloudLab, mig: Migration, domain: CloudDomain,
          target: CloudHost) -> bool:
    """The source died mid-way: the incomplete copy on the target is destroyed."""
    target.reserved_mb = max(0, target.reserved_mb - domain.memory_mb)
    domain.busy = None
    ctx.emit("cloud.migrate.lost", (TOOLSTACK,), notable=True, domain=domain.name,
             target=target.name)
    _finish(lab, mig, "aborted", CONTROL_S, "source_failed")
    return True


def _finish(lab: CloudLab, mig: Migration, phase: str, dt: float, reason: str | None = None
            ) -> None:
    mig.phase, mig.reason, lab.pending_dt = phase, reason, dt
    mig.ended_s = round(lab.time_s + dt, 3)
    mig.src_versions, mig.dst_versions, mig.dirty, mig.written = [], [], [], []


PHASE_STEPS = {"premigration": _premigration, "reservation": _reservation,
               "precopy": _precopy, "stop_and_copy": _stop_and_copy,
               "commitment": _commitment, "activation": _activation}
