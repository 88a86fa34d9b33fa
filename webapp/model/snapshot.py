"""The one serializer: a JSON-safe snapshot of a simulation, and the difference of two.

Pages, the JSON API, every socket message and the charts all read this dictionary, so they can
never disagree. Keys keep a stable order; 64-bit values would travel as hex strings.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import lru_cache
from typing import Any

from webapp.model.domain import (
    Domain,
    DomainConfig,
    dominf_flags,
    runstate,
    state_word,
    xl_state,
)
from webapp.model.extensions import SECTIONS
from webapp.model.host import Host, SavedImage
from webapp.model.lifecycle.rules import allowed_actions
from webapp.model.memory import DOMID_XEN, FRAME_SIZE, FREE, MachineMemory, Run
from webapp.model.operations import RECIPES, Operation
from webapp.model.simulation import Simulation, action_of

MAX_RUNS_SHOWN = 512


def snapshot(sim: Simulation) -> dict[str, Any]:
    """Everything a page shows about ``sim`` at its current step."""
    host = sim.world.host
    state = {
        "step": sim.step_no,
        "scenario": sim.scenario.id,
        "lab": sim.scenario.lab,
        "busy": sim.busy(),
        "hosts": [host_snapshot(h) for h in sim.world.hosts],
        "domains": [domain_snapshot(host, d) for d in host.domains.values()],
        "operations": [operation_snapshot(sim, op) for op in sim.operations],
        "images": [image_snapshot(image) for image in sim.world.images.values()],
        "xenstore": host.xenstore.subtree("/local/domain"),
    }
    for name, section in SECTIONS.items():
        extra = section(sim.world)
        if extra is not None:
            state[name] = extra
    return state


_SPECIAL_OWNERS = {FREE: "free", DOMID_XEN: "xen"}


def owner_label(owner: int) -> str:
    """``free``, ``xen`` or ``d<domid>``: the owner of a machine frame."""
    return _SPECIAL_OWNERS.get(owner) or f"d{owner}"


def host_snapshot(host: Host) -> dict[str, Any]:
    return {
        "name": host.name,
        "pcpus": [{"id": cpu.pcpu_id,
                   "current": f"d{cpu.current[0]}v{cpu.current[1]}" if cpu.current else None}
                  for cpu in host.pcpus],
        "memory": memory_snapshot(host.memory),
    }


#: the last memory JSON of each machine memory, with the ``runs`` list it was made from: the
#: model replaces that list on every change, so the same list object means the same JSON
_MEMORY_JSON: dict[int, tuple[list[Run], dict[str, Any]]] = {}


def memory_snapshot(memory: MachineMemory) -> dict[str, Any]:
    """Who owns the machine frames (computed again only when the ownership changed)."""
    found = _MEMORY_JSON.get(id(memory))
    if found is not None and found[0] is memory.runs:
        return found[1]
    owners = memory.owners()
    made = {"frame_size": FRAME_SIZE, "total_frames": memory.total_frames,
            "free_frames": owners.get(FREE, 0),
            "owners": {owner_label(o): n for o, n in owners.items()},
            "runs": [[run.start, run.count, owner_label(run.owner)]
                     for run in memory.runs[:MAX_RUNS_SHOWN]],
            "runs_total": len(memory.runs)}
    if len(_MEMORY_JSON) > 256:
        _MEMORY_JSON.clear()
    _MEMORY_JSON[id(memory)] = (memory.runs, made)
    return made


def domain_snapshot(host: Host, domain: Domain) -> dict[str, Any]:
    flags = dominf_flags(domain)
    return {
        "id": domain.domid,
        "name": domain.name,
        "state": state_word(domain),
        "xl_state": xl_state(domain, flags),
        "dominf": flags,
        "controller_pause_count": domain.controller_pause_count,
        "is_dying": domain.is_dying.value,
        "shutdown_reason": domain.shutdown_code.word if domain.shutdown_code is not None
        else None,
        "creation_finished": domain.creation_finished,
        "memory_mb": domain.nr_pages * FRAME_SIZE // (1 << 20),
        "nr_pages": domain.nr_pages,
        "p2m_runs": len(domain.p2m),
        "cpu_ticks": sum(v.ticks["running"] for v in domain.vcpus),
        "vcpus": [vcpu_snapshot(domain, i) for i in range(len(domain.vcpus))],
        "config": config_json(domain.config),
        "busy": domain.busy,
        "allowed_actions": list(allowed_actions(domain)),
    }


@lru_cache(maxsize=512)
def config_json(config: DomainConfig) -> dict[str, Any]:
    """A domain's configuration as JSON (configurations are frozen: computed once, shared)."""
    return asdict(config)


def vcpu_snapshot(domain: Domain, index: int) -> dict[str, Any]:
    vcpu = domain.vcpus[index]
    return {"id": vcpu.vcpu_id, "runstate": runstate(domain, vcpu), "pcpu": vcpu.pcpu,
            "online": vcpu.online, "blocked": vcpu.blocked, "ticks": dict(vcpu.ticks)}


def operation_snapshot(sim: Simulation, op: Operation) -> dict[str, Any]:
    domain = sim.world.hosts[op.host].domains.get(op.domid) if op.domid is not None else None
    return {"id": op.op_id, "kind": op.kind, "action": action_of(op),
            "domain": domain.name if domain else op.args.get("config", {}).get("name"),
            "phase": op.phase, "steps": len(RECIPES[op.kind])}


def image_snapshot(image: SavedImage) -> dict[str, Any]:
    return {"file": image.name, "domain": image.config.name, "nr_pages": image.nr_pages,
            "from_domid": image.from_domid, "pages_written": image.pages_written,
            "complete": image.complete, "records": list(image.records[-12:])}


def diff(old: Any, new: Any, path: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """What changed from ``old`` to ``new``: ``{"path": [...], "value": v}`` or ``"removed"``."""
    if old is new or old == new:  # shared or equal (C speed): most of a snapshot at each step
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out = [{"path": [*path, key], "removed": True} for key in old if key not in new]
        for key, value in new.items():
            before = old.get(key, _ABSENT)
            if before is _ABSENT:
                out.append({"path": [*path, key], "value": value})
            elif before is not value and before != value:
                out += diff(before, value, (*path, key))
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [change for i, (a, b) in enumerate(zip(old, new, strict=True))
                if a is not b and a != b for change in diff(a, b, (*path, i))]
    return [{"path": list(path), "value": new}]


_ABSENT = object()
