"""Where a domain can go: a host that is on, has the memory free (after what it already holds
and has reserved for incoming migrations), and would stay under the consolidation threshold
of CPU. First fit, in host order (a simple, stated placement policy)."""

from __future__ import annotations

from webapp.model.cloud.state import CloudDomain, CloudHost, CloudLab


def used_mb(lab: CloudLab, host: CloudHost) -> int:
    return sum(lab.domains[d].memory_mb for d in host.domains
               if lab.domains[d].holds_memory()) + host.reserved_mb


def free_mb(lab: CloudLab, host: CloudHost) -> int:
    return host.memory_mb - used_mb(lab, host)


def cpu_load(lab: CloudLab, host: CloudHost) -> float:
    """pCPUs its domains used at the last step."""
    return sum(lab.domains[d].alloc for d in host.domains)


def fits(lab: CloudLab, host: CloudHost, domain: CloudDomain, extra_mb: int = 0,
         extra_cpu: float = 0.0) -> bool:
    if host.state != "on" or domain.host == host.index:
        return False
    cpu_ok = (cpu_load(lab, host) + extra_cpu + domain.alloc
              <= lab.consolidation_threshold * host.pcpus)
    return free_mb(lab, host) - extra_mb >= domain.memory_mb and cpu_ok


def first_fit(lab: CloudLab, domain: CloudDomain, avoid: frozenset[int] = frozenset()
              ) -> CloudHost | None:
    for host in lab.hosts:
        if host.index not in avoid and fits(lab, host, domain):
            return host
    return None


def consolidation(lab: CloudLab) -> tuple[list[tuple[int, int]], list[int]]:
    """Empty the least loaded hosts while the others can take their domains: the moves
    (domid, target host) and the hosts to switch off afterwards."""
    moves: list[tuple[int, int]] = []
    emptied: list[int] = []
    added_mb: dict[int, int] = {}
    added_cpu: dict[int, float] = {}
    on = [h for h in lab.hosts if h.state == "on"]
    targets: set[int] = set()
    for host in sorted(on, key=lambda h: (cpu_load(lab, h), h.index)):
        if host.index in targets or len(emptied) + 1 >= len(on):
            continue
        plan = _empty(lab, host, set(emptied) | {host.index}, added_mb, added_cpu)
        if plan is None:
            continue
        moves += plan
        targets.update(target for _, target in plan)
        emptied.append(host.index)
    return moves, emptied


def _empty(lab: CloudLab, host: CloudHost, avoid: set[int], added_mb: dict[int, int],
           added_cpu: dict[int, float]) -> list[tuple[int, int]] | None:
    trial_mb, trial_cpu = dict(added_mb), dict(added_cpu)
    plan: list[tuple[int, int]] = []
    for domid in host.domains:
        domain = lab.domains[domid]
        if domain.state != "running" or domain.busy:
            return None
        target = next((h for h in lab.hosts if h.index not in avoid and fits(
            lab, h, domain, trial_mb.get(h.index, 0), trial_cpu.get(h.index, 0.0))), None)
        if target is None:
            return None
        trial_mb[target.index] = trial_mb.get(target.index, 0) + domain.memory_mb
        trial_cpu[target.index] = trial_cpu.get(target.index, 0.0) + domain.alloc
        plan.append((domid, target.index))
    added_mb.update(trial_mb)
    added_cpu.update(trial_cpu)
    return plan
