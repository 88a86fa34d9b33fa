"""The memory lab's golden runs (registered in test_golden.RUNS): each scenario, a fixed
log of accesses, TLB operations, page-table updates and a mode switch."""

from __future__ import annotations

from typing import Any

from webapp.model.timeline import LoggedAction


def access(step: int, va: str, kind: str = "read", user: bool = True) -> LoggedAction:
    return LoggedAction(step, "access", None, {"va": va, "access": kind, "user": user})


def act(step: int, action: str, **args: Any) -> LoggedAction:
    return LoggedAction(step, action, None, args)


MEMORY_RUNS: dict[str, tuple[int, list[LoggedAction]]] = {
    "memory-native-tlb": (64, [
        access(0, "0x401010", "write"), access(14, "0x401ff0"), act(16, "write_cr3"),
        access(18, "0x800000000000"), access(22, "0x401000", "exec"),
        access(36, "0xffffffff81001234", "exec", False), act(50, "invlpg", va="0x401000"),
        act(52, "quiz_new"),
    ]),
    "memory-pv-mmu": (48, [
        access(0, "0x401008"), act(14, "write_pte", va="0x405000", pfn="0x2c80",
                                   flags="P US NX"),
        access(20, "0x405010", "read", False), act(34, "invlpg", va="0x405000"),
        access(36, "0x403000"),
    ]),
    "memory-shadow-vs-ept": (80, [
        access(0, "0x401010", "write"), act(30, "write_pte", va="0x401000", pfn="0x2402",
                                            flags="P RW US NX"),
        act(34, "set_mode", mode="ept"), access(36, "0x401010", "write"),
    ]),
    "memory-ostep": (48, [act(0, "run_trace")]),
}
