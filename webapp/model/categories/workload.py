"""The guest operations a workload is made of, and how a workload is read and checked.

A workload is a list of ``{"op": kind, ...}`` objects: ``arith`` (``count`` instructions),
``syscall`` (``name``: getpid, uname or mount), ``pt_update`` (``count`` page-table entries in
one batch), ``page_fault``, ``cli``, ``hlt``, ``cpuid``, ``write_cr3``, ``disk_read``,
``net_send``, ``timer``.
"""

from __future__ import annotations

from typing import Any

from webapp.model.categories.state import Op
from webapp.model.errors import InvalidCommand

KINDS = ("arith", "syscall", "pt_update", "page_fault", "cli", "hlt", "cpuid", "write_cr3",
         "disk_read", "net_send", "timer")
SYSCALLS = ("getpid", "uname", "mount")
MAX_OPS = 24
MAX_ARITH = 10_000
MAX_ENTRIES = 64
DEFAULT_COUNT = {"arith": 200, "pt_update": 4}


def _bad(field: str, problem: str) -> InvalidCommand:
    return InvalidCommand("command.bad_arg", field=field, problem=problem)


def _count(doc: dict[str, Any], kind: str, where: str) -> int:
    if kind not in DEFAULT_COUNT:
        if "count" in doc:
            raise _bad(f"{where}.count", f"{kind} takes no count")
        return 1
    value = doc.get("count", DEFAULT_COUNT[kind])
    high = MAX_ARITH if kind == "arith" else MAX_ENTRIES
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        raise _bad(f"{where}.count", f"an integer 1–{high}")
    return value


def parse_op(doc: Any, where: str = "op") -> Op:
    """One operation from its JSON form; ``InvalidCommand`` names what is wrong."""
    if isinstance(doc, str):
        doc = {"op": doc}
    if not isinstance(doc, dict):
        raise _bad(where, "an object {op: …}")
    kind = doc.get("op")
    if kind not in KINDS:
        raise _bad(f"{where}.op", " | ".join(KINDS))
    unknown = sorted(set(doc) - {"op", "count", "name"})
    if unknown:
        raise _bad(f"{where}.{unknown[0]}", "not a field of an operation")
    name = ""
    if kind == "syscall":
        name = doc.get("name", "getpid")
        if name not in SYSCALLS:
            raise _bad(f"{where}.name", " | ".join(SYSCALLS))
    elif "name" in doc:
        raise _bad(f"{where}.name", f"{kind} takes no name")
    return Op(str(kind), _count(doc, str(kind), where), str(name))


def parse_workload(docs: Any) -> list[Op]:
    """A whole workload (1 to ``MAX_OPS`` operations)."""
    if not isinstance(docs, list) or not 1 <= len(docs) <= MAX_OPS:
        raise _bad("ops", f"a list of 1–{MAX_OPS} operations")
    return [parse_op(doc, f"ops[{i}]") for i, doc in enumerate(docs)]
