"""The cycle model: what each mechanism costs. **Model assumptions, not measurements.**

The defaults come from the facts file §6.3 where it gives one (a system call 150, a PV
hypercall 500, a VM exit and entry 1,000, an exit to QEMU in dom0 and back 10,000+: the exit's
1,000 plus 9,000 for the trip, a cached 4-level walk 20–30 cycles: about 6 per reference);
the others are the lab's own assumptions, said so in ``BASIS``. Every value can be changed in
a session (the ``set_cost`` command) or by a scenario (``extra.costs``).
"""

from __future__ import annotations

DEFAULT_COSTS: dict[str, int] = {
    "native_instruction": 1,
    "translate_instruction": 30,
    "emulated_instruction": 6,
    "helper_call": 50,
    "syscall": 150,
    "trap": 500,
    "hypercall": 500,
    "validate_entry": 50,
    "vm_exit": 1_000,
    "device_model_trip": 9_000,
    "walk_ref": 6,
    "isolation_check": 40,
    "context_switch": 300,
}
MAX_COST = 1_000_000

#: where each default comes from: "§6.3" (the facts file's suggested budget) or "assumption"
BASIS: dict[str, str] = {
    "native_instruction": "assumption", "translate_instruction": "assumption",
    "emulated_instruction": "assumption", "helper_call": "assumption", "syscall": "§6.3",
    "trap": "assumption", "hypercall": "§6.3", "validate_entry": "assumption",
    "vm_exit": "§6.3", "device_model_trip": "§6.3", "walk_ref": "§6.3",
    "isolation_check": "assumption", "context_switch": "assumption",
}
