"""Built-in workloads a learner can load with the ``preset`` command (the scenarios use them
too)."""

from __future__ import annotations

from typing import Any

PRESETS: dict[str, list[dict[str, Any]]] = {
    "basics": [{"op": "arith", "count": 200}, {"op": "syscall", "name": "getpid"},
               {"op": "cpuid"}, {"op": "page_fault"}, {"op": "timer"}],
    "memory": [{"op": "pt_update", "count": 8}, {"op": "page_fault"}, {"op": "write_cr3"},
               {"op": "pt_update", "count": 8}, {"op": "page_fault"},
               {"op": "timer"}],
    "io": [{"op": "syscall", "name": "getpid"}, {"op": "disk_read"}, {"op": "net_send"},
           {"op": "hlt"}, {"op": "timer"}],
    "privileged": [{"op": "cli"}, {"op": "hlt"}, {"op": "cpuid"}, {"op": "write_cr3"},
                   {"op": "syscall", "name": "uname"}, {"op": "syscall", "name": "mount"}],
}
