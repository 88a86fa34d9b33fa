"""The real disk in dom0: its driver completes one I/O and interrupts (whoever submitted it
gets the completion: blkback's ``end_block_io_op`` or QEMU's AIO callback)."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import blk, emulated
from webapp.model.devices.agenda import task
from webapp.model.devices.state import DevicesLab
from webapp.model.operations import Context


@task("disk:complete")
def complete(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    if args["owner"] == "qemu":
        emulated.disk_done(ctx, lab, args)
    else:
        blk.disk_complete_owner(ctx, lab, args)
