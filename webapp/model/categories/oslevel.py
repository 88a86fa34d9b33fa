"""OS-level virtualization (a container): no guest kernel. The application's instructions run
natively; its system calls enter the one host kernel every container shares, through the
container's seccomp filter, namespaces and cgroups; what a guest kernel would do (page tables,
interrupts, idling, address-space switches) the host kernel does itself, natively, in ring 0."""

from __future__ import annotations

from webapp.model.categories.hops import HANDLER, hop, word
from webapp.model.categories.state import CategoriesLab, Column, Hop, Op

APP, ISO, HOST, HW = "app", "isolation", "host_kernel", "hardware"
LEVELS = 4
#: what Docker's default seccomp profile answers (mount needs CAP_SYS_ADMIN, which a default
#: container lacks, so the profile returns EPERM)
DENIED = {"docker-default": ("mount",), "unconfined": ()}
NAMESPACE = {"getpid": "pid", "uname": "uts", "mount": "mnt", "read": "mnt", "sendto": "net"}


def _limit(controller: str) -> str:
    """The cgroup v2 file that caps ``controller`` (``memory.max``, ``cpu.max``, ``io.max``)."""
    return f"{controller}.max"


def allowed(lab: CategoriesLab, name: str) -> bool:
    """The seccomp filter's verdict for system call ``name``."""
    return name not in DENIED.get(lab.seccomp, ())


def _syscall(lab: CategoriesLab, name: str, *work: tuple[str, ...]) -> list[Hop]:
    verdict = "SECCOMP_RET_ALLOW" if allowed(lab, name) else "SECCOMP_RET_ERRNO"
    entry = hop([APP, ISO], "cat.seccomp", ("crossing",), ("check",), name=name,
                verdict=verdict, profile=lab.seccomp)
    if verdict != "SECCOMP_RET_ALLOW":
        return [entry, hop([ISO, APP], "cat.seccomp_denied", name=name, errno="EPERM")]
    return [entry,
            hop([ISO, HOST], "cat.namespace", ("check",), ("native", HANDLER["syscall"]), *work,
                name=name, namespace=NAMESPACE.get(name, "pid")),
            hop([HOST, APP], "cat.sysret", name=name)]


def plan(op: Op, column: Column, lab: CategoriesLab) -> list[Hop]:
    kind = op.kind
    if kind == "arith":
        return [hop([APP, HW, APP], "cat.native", ("native", op.count), count=op.count,
                    what="arith")]
    if kind == "syscall":
        return _syscall(lab, op.name)
    if kind == "cpuid":
        return [hop([APP, HW, APP], "cat.native", ("native", 1), count=1, what="cpuid")]
    if kind in ("pt_update", "cli", "write_cr3", "hlt"):
        effects: list[tuple[str, ...] | tuple[str, int]] = [
            ("native", op.count + 1 if kind == "pt_update" else 1)]
        if kind in ("write_cr3", "hlt"):
            effects.append(("switch",))
        return [hop([HOST, HW, HOST], "cat.host_does_it", *effects, what=kind)]
    if kind == "page_fault":
        return [hop([APP, HW, HOST], "cat.fault_to_kernel", ("walk", LEVELS), ("trap",),
                    refs=LEVELS),
                hop([HOST, ISO], "cat.cgroup_charge", ("check",),
                    ("native", HANDLER["page_fault"]), controller="memory",
                    limit=_limit("memory")),
                hop([ISO, HW, APP], "cat.retry_walk", ("walk", LEVELS), refs=LEVELS)]
    if kind == "timer":
        return [hop([HW, HOST], "cat.interrupt", ("crossing",), ("native", HANDLER["timer"])),
                hop([HOST, ISO, APP], "cat.cgroup_charge", ("check",), controller="cpu",
                    limit=_limit("cpu"))]
    if kind == "disk_read":
        calls = _syscall(lab, "read", ("check",))
        return [*calls[:2],
                hop([HOST, HW], "cat.host_io", ("native", HANDLER["io"]), ("switch",), ("io",),
                    device=word("disk"), limit=_limit("io")),
                hop([HW, HOST, APP], "cat.io_done", ("crossing",), ("switch",),
                    device=word("disk"))]
    calls = _syscall(lab, "sendto")
    return [*calls[:2],
            hop([HOST, HW, APP], "cat.host_io", ("native", HANDLER["io"]), ("io",),
                device=word("veth_nic"), limit="—")]
