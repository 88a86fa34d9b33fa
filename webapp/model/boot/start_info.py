"""The ``start_info`` page: the groups of fields the builder's hook fills, one field or small
group per step (``xc_dom_boot_image``; Xen's own builder for dom0).
"""

from __future__ import annotations

from typing import Any

from webapp.model.boot import layout as lay
from webapp.model.boot.abi import flag_names
from webapp.model.boot.common import by, domain_of, hexa, mark, mfn_lookup, names, record_of
from webapp.model.boot.kernel import kernel_image
from webapp.model.boot.start_of_day import layout_of
from webapp.model.boot.state import BootRecord
from webapp.model.domain import Domain
from webapp.model.memory import frames_for_mb
from webapp.model.operations import AGAIN, Context, Operation

START_INFO_EVENTS = {"magic": "boot.si_magic", "shared_info": "boot.si_shared_info",
                     "flags": "boot.si_flags", "store": "boot.si_store",
                     "console": "boot.si_console", "pt_base": "boot.si_pt_base",
                     "mfn_list": "boot.si_mfn_list", "module": "boot.si_module",
                     "cmd_line": "boot.si_cmd_line"}
DOM0_START_INFO_EVENTS = {"store": "boot.si_store_dom0", "console": "boot.si_console_dom0"}


def start_info_groups(domain: Domain, record: BootRecord
                      ) -> list[tuple[str, dict[str, int | str]]]:
    """The groups of ``start_info`` fields for ``domain``, with the model's values."""
    image = kernel_image(domain.config.kernel)
    return lay.start_info_groups(
        layout_of(record), mfn_lookup(domain.p2m), nr_pages=frames_for_mb(domain.config.memory_mb),
        shared_info_mfn=record.shared_info_mfn or 0, store_port=domain.store_port or 0,
        console_port=domain.console_port or 0, cmdline=domain.config.cmdline,
        dom0=record.origin == "dom0", initrd_bytes=image.initrd_bytes)


def event_of(group: str, record: BootRecord) -> str:
    """The narration of one group: dom0's variants, and those of a kernel with the notes."""
    dom0, modern = record.origin == "dom0", layout_of(record).modern
    if group == "module" and modern:
        return "boot.si_module_dom0" if dom0 else "boot.si_module_pfn"
    if group == "mfn_list" and modern:
        return "boot.si_mfn_list_p2m"
    if dom0 and group in ("store", "console"):
        return DOM0_START_INFO_EVENTS[group]
    return START_INFO_EVENTS[group]


def fill_start_info(ctx: Context, op: Operation) -> str | None:
    """The ``start_info`` hook fills the structure, one field or small group per step."""
    domain = domain_of(ctx, op)
    record = record_of(domain)
    groups = start_info_groups(domain, record)
    done = sum(1 for step in record.steps if step.startswith("start_info:"))
    group, fields = groups[done]
    record.start_info.update(fields)
    mark(record, f"start_info:{group}")
    shown: dict[str, Any] = {
        key.replace(".", "_"): hexa(value) if key in HEX_FIELDS and isinstance(value, int)
        else value for key, value in fields.items()}
    if group == "flags":
        shown["flag_names"] = " | ".join(flag_names(int(fields["flags"]))) or "0"
    ctx.emit(event_of(group, record), by(record), **shown, **names(domain))
    return AGAIN if done + 1 < len(groups) else None


#: start_info fields written as hex: addresses (and machine frame numbers read as such).
HEX_FIELDS = ("shared_info", "pt_base", "mfn_list", "mod_start", "flags")
