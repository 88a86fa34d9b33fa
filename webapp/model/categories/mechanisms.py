"""The mechanisms a hop carries out, and what each one counts and costs.

A hop's effects are plain tuples ``(mechanism, argument...)``; ``apply`` runs them on a column,
so every counter moves because a mechanism ran, and every cycle lands in one bucket of the
"where the time goes" chart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.model.categories.state import Column

Effect = tuple[Any, ...]
Costs = dict[str, int]


def _charge(column: Column, bucket: str, cycles: int) -> None:
    column.counters["cycles"] += cycles
    column.time[bucket] += cycles


def _count(column: Column, name: str, amount: int = 1) -> None:
    column.counters[name] += amount


def native(column: Column, costs: Costs, count: int) -> None:
    """Instructions the real CPU runs directly."""
    _count(column, "native_instructions", count)
    _charge(column, "native", count * costs["native_instruction"])


def translate(column: Column, costs: Costs, block: str, count: int) -> None:
    """TCG translates a block of guest code into host code (once per block)."""
    column.code_cache.append(block)
    _count(column, "translations")
    _charge(column, "translation", count * costs["translate_instruction"])


def emulate(column: Column, costs: Costs, count: int) -> None:
    """Guest instructions executed by translated host code."""
    _count(column, "instructions_emulated", count)
    _charge(column, "emulation", count * costs["emulated_instruction"])


def helper(column: Column, costs: Costs, count: int = 1) -> None:
    """A call out of translated code into a TCG helper (or QEMU's device model)."""
    _count(column, "helper_calls", count)
    _charge(column, "emulation", count * costs["helper_call"])


def crossing(column: Column, costs: Costs) -> None:
    """The real CPU enters a kernel from user mode (system call or interrupt) and returns."""
    _count(column, "kernel_crossings")
    _charge(column, "kernel", costs["syscall"])


def trap(column: Column, costs: Costs) -> None:
    """An exception the CPU raises and a more privileged layer handles."""
    _count(column, "traps")
    _charge(column, "traps", costs["trap"])


def vm_exit(column: Column, costs: Costs, reason: str) -> None:
    """A VM exit and the VM entry back (the round trip of §6.3)."""
    _count(column, "vm_exits")
    column.exits_by_reason[reason] = column.exits_by_reason.get(reason, 0) + 1
    _charge(column, "vm_exits", costs["vm_exit"])


def hypercall(column: Column, costs: Costs, name: str) -> None:
    _count(column, "hypercalls")
    column.hypercalls_by_name[name] = column.hypercalls_by_name.get(name, 0) + 1
    _charge(column, "hypercalls", costs["hypercall"])


def validate(column: Column, costs: Costs, entries: int) -> None:
    """Xen checks each page-table entry a guest asks it to write."""
    _charge(column, "hypercalls", entries * costs["validate_entry"])


def switch(column: Column, costs: Costs) -> None:
    _count(column, "context_switches")
    _charge(column, "switches", costs["context_switch"])


def check(column: Column, costs: Costs) -> None:
    """One isolation check: a seccomp filter run, a namespace lookup, a cgroup charge."""
    _count(column, "isolation_checks")
    _charge(column, "isolation", costs["isolation_check"])


def walk(column: Column, costs: Costs, refs: int) -> None:
    """A TLB miss and the page walk it costs: ``refs`` memory references."""
    _count(column, "tlb_misses")
    _count(column, "walk_refs", refs)
    _charge(column, "memory", refs * costs["walk_ref"])


def device_model(column: Column, costs: Costs) -> None:
    """Xen hands an exit to QEMU in dom0 and waits for its answer (the trip's extra cost)."""
    _count(column, "device_model_trips")
    _charge(column, "device_model", costs["device_model_trip"])


def io(column: Column, costs: Costs) -> None:
    """The real device does the work: the same time in every column, not counted."""


MECHANISMS: dict[str, Callable[..., None]] = {
    "native": native, "translate": translate, "emulate": emulate, "helper": helper,
    "crossing": crossing, "trap": trap, "vm_exit": vm_exit, "hypercall": hypercall,
    "validate": validate, "switch": switch, "check": check, "walk": walk,
    "device_model": device_model, "io": io,
}


def apply(column: Column, costs: Costs, effects: list[Effect]) -> None:
    """Carry out a hop's effects on ``column``."""
    for name, *args in effects:
        MECHANISMS[name](column, costs, *args)
