"""What each category shares between its isolation units, and what an attacker who holds one
component can reach (the isolation panel's "what if this component is compromised").

Components and assets are ids; the page words them in each language. ``reach`` follows the
course and the facts file §5.2 (isolation boundary row): a container shares the host kernel;
Xen guests share the hypervisor and dom0 (and, for HVM, a device model in dom0).
"""

from __future__ import annotations

from typing import Any

#: what an attacker may reach, from the least to the most
ASSETS = ("own_app", "own_kernel", "device_model", "other_units", "host", "hypervisor")

ISOLATION: dict[str, dict[str, Any]] = {
    "emulation": {
        "shared": ["host_kernel"],
        "surface": ["emulated_cpu", "emulated_devices"],
        "reach": {"app": ["own_app"], "guest_kernel": ["own_app", "own_kernel"],
                  "qemu_dev": ["own_app", "own_kernel", "device_model"],
                  "host_kernel": list(ASSETS[:5])},
    },
    "os_level": {
        "shared": ["host_kernel"],
        "surface": ["syscalls", "namespaces_cgroups"],
        "reach": {"app": ["own_app"], "isolation": ["own_app", "other_units", "host"],
                  "host_kernel": ["own_app", "other_units", "host"]},
    },
    "paravirtualization": {
        "shared": ["xen", "dom0"],
        "surface": ["hypercalls", "backends"],
        "reach": {"app": ["own_app"], "guest_kernel": ["own_app", "own_kernel"],
                  "dom0": ["own_app", "own_kernel", "device_model", "other_units", "host"],
                  "xen": list(ASSETS)},
    },
    "hardware_assisted": {
        "shared": ["xen", "dom0"],
        "surface": ["vm_exits", "emulated_devices"],
        "reach": {"app": ["own_app"], "guest_kernel": ["own_app", "own_kernel"],
                  "qemu": ["own_app", "own_kernel", "device_model", "other_units", "host"],
                  "xen": list(ASSETS)},
    },
}
