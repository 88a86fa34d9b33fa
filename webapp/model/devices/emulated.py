"""The same disk read on an HVM guest without PV drivers: an emulated IDE (PIIX) controller.

The guest's ATA driver programs the controller register by register. Every ``in``/``out`` to
an I/O port is a VM exit (reason 30, IO_INSTRUCTION); Xen has no emulator for these ports, so
it fills an ``ioreq`` in the page it shares with QEMU (``STATE_IOREQ_READY``) and notifies
QEMU's event channel; QEMU, a process in dom0, takes it (``INPROCESS``), emulates the register,
answers (``STATE_IORESP_READY``) and notifies back; Xen completes the instruction and re-enters
the guest (facts §2.5, ``xen/include/public/hvm/ioreq.h``). The data itself moves when QEMU
reads the disk image and copies into guest memory, then raises IRQ 14.
"""

from __future__ import annotations

from typing import Any

from webapp.model.devices import evtchn
from webapp.model.devices.agenda import QEMU, charge, later, say, task
from webapp.model.devices.blk.protocol import SECTORS_PER_PAGE
from webapp.model.devices.pages import alloc_page, free_page
from webapp.model.devices.state import DevicesLab, DiskIo, Ide, OsRequest
from webapp.model.events import HARDWARE, XEN, guest
from webapp.model.operations import Context

PATH = "emulated"
EXIT_IO_INSTRUCTION = 30
PRD_TABLE = 0x9000  # guest-physical address of the PRD table the driver set up
ATA_CMD_READ_DMA = 0xC8
IRQ = 14


def setup_accesses(sector: int, sectors: int) -> list[dict[str, Any]]:
    """The port writes that start a READ DMA (LBA28) on the primary channel."""
    return [
        _io("out", 0x1F2, sectors, 1, "nsector"),
        _io("out", 0x1F3, sector & 0xFF, 1, "lba_low"),
        _io("out", 0x1F4, (sector >> 8) & 0xFF, 1, "lba_mid"),
        _io("out", 0x1F5, (sector >> 16) & 0xFF, 1, "lba_high"),
        _io("out", 0x1F6, 0xE0 | ((sector >> 24) & 0x0F), 1, "device"),
        _io("out", 0xC004, PRD_TABLE, 4, "bm_prd"),
        _io("out", 0x1F7, ATA_CMD_READ_DMA, 1, "command"),
        _io("out", 0xC000, 0x09, 1, "bm_command"),  # start, direction: to memory
    ]


def isr_accesses() -> list[dict[str, Any]]:
    """The interrupt handler's port accesses (``ata_bmdma_interrupt``)."""
    return [
        _io("in", 0xC002, 0, 1, "bm_status"),
        _io("in", 0x1F7, 0, 1, "status"),  # reading the status acknowledges INTRQ
        _io("out", 0xC002, 0x04, 1, "bm_status"),  # write 1 to clear the interrupt bit
        _io("out", 0xC000, 0x00, 1, "bm_command"),  # stop the bus master
    ]


def _io(direction: str, port: int, value: int, size: int, register: str) -> dict[str, Any]:
    return {"dir": direction, "port": port, "value": value, "size": size, "register": register}


def ide_of(lab: DevicesLab) -> Ide:
    if lab.ide is None:
        raise LookupError("no emulated disk")
    return lab.ide


def submit(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``emulated_read``: the HVM guest's block layer queues reads for its IDE disk."""
    ide = ide_of(lab)
    hvm = lab.hvm if lab.hvm is not None else -1
    rids = []
    for sector in args["sectors"]:
        rid = lab.next_rid
        lab.next_rid += 1
        lab.requests[rid] = OsRequest(rid, PATH, int(sector), SECTORS_PER_PAGE,
                                      alloc_page(lab, hvm))
        ide.rids.append(rid)
        rids.append(rid)
    charge(lab, PATH, requests=len(rids))
    say(ctx, "emu.submitted", (guest(hvm),), notable=True, count=len(rids),
        rids=[f"r{r}" for r in rids])
    if ide.current is None:
        later(lab, "emu:start")


@task("emu:start")
def start(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``ata_piix`` takes the next read and starts programming the controller."""
    ide = ide_of(lab)
    rid = ide.rids.pop(0)
    ide.current = rid
    request = lab.requests[rid]
    request.status = "ring"
    ide.plan = setup_accesses(request.sector, request.sectors)
    say(ctx, "emu.started", (guest(_hvm(lab)),), rid=f"r{rid}", sector=request.sector,
        accesses=len(ide.plan))
    later(lab, "emu:exit")


def _hvm(lab: DevicesLab) -> int:
    return lab.hvm if lab.hvm is not None else -1


def _access(ide: Ide) -> dict[str, Any]:
    return ide.plan[0]


def _what(access: dict[str, Any]) -> dict[str, Any]:
    return {"instruction": f"{access['dir']} 0x{access['port']:x}", "port": f"0x{access['port']:x}",
            "register": access["register"], "value": f"0x{access['value']:x}",
            "size": access["size"]}


@task("emu:exit")
def vm_exit(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """The guest executes ``in``/``out``: a VM exit (IO_INSTRUCTION) into Xen."""
    access = _access(ide_of(lab))
    charge(lab, PATH, vm_exits=1)
    say(ctx, "emu.vm_exit_out" if access["dir"] == "out" else "emu.vm_exit_in",
        (guest(_hvm(lab)), XEN), exit_reason=EXIT_IO_INSTRUCTION, **_what(access))
    later(lab, "emu:ioreq")


@task("emu:ioreq")
def ioreq(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """No emulator for this port in Xen: fill the ioreq (READY) and notify QEMU."""
    ide = ide_of(lab)
    access = _access(ide)
    ide.ioreq = {"state": "STATE_IOREQ_READY", "type": "IOREQ_TYPE_PIO",
                 "addr": f"0x{access['port']:x}", "size": access["size"],
                 "dir": "IOREQ_READ" if access["dir"] == "in" else "IOREQ_WRITE",
                 "data": f"0x{access['value']:x}" if access["dir"] == "out" else "—"}
    if lab.backend in lab.evtchn:
        evtchn.set_pending(lab.evtchn[lab.backend], ide.qemu_port)
    charge(lab, PATH, notifications=1)
    say(ctx, "emu.ioreq_sent", (XEN, QEMU), evtchn_port=ide.qemu_port, **_what(access))
    later(lab, "emu:qemu_take")


@task("emu:qemu_take")
def qemu_take(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """dom0's upcall wakes QEMU, which takes the ioreq (INPROCESS)."""
    ide = ide_of(lab)
    if lab.backend in lab.evtchn:
        evtchn.take_pending(lab.evtchn[lab.backend])
    ide.ioreq["state"] = "STATE_IOREQ_INPROCESS"
    charge(lab, PATH, upcalls=1, context_switches=1)
    say(ctx, "emu.qemu_took", (guest(lab.backend), QEMU), **_what(_access(ide)))
    later(lab, "emu:emulate")


@task("emu:emulate")
def emulate(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """QEMU emulates the register access, answers (IORESP_READY) and notifies Xen."""
    ide = ide_of(lab)
    access = _access(ide)
    register = str(access["register"])
    if access["dir"] == "out":
        value = _write(ide, register, int(access["value"]))
    else:
        value = ide.regs[register]
        if register == "status" and ide.irq:
            ide.irq = False  # reading the status register acknowledges the interrupt
            charge(lab, PATH, hypercalls=1)  # QEMU lowers IRQ 14: XEN_DMOP_set_isa_irq_level
    ide.ioreq["state"] = "STATE_IORESP_READY"
    ide.ioreq["data"] = f"0x{value:x}"
    if lab.backend in lab.evtchn and ide.qemu_port in lab.evtchn[lab.backend].ports:
        evtchn.send(lab.evtchn, lab.backend, ide.qemu_port)
    charge(lab, PATH, device_model_trips=1, hypercalls=1, notifications=1)
    say(ctx, "emu.emulated_out" if access["dir"] == "out" else "emu.emulated_in", (QEMU,),
        result=f"0x{value:x}", **_what(access))
    later(lab, "emu:resume")
    if register == "bm_command" and value & 1:
        later(lab, "emu:dma_submit")


def _write(ide: Ide, register: str, value: int) -> int:
    if register == "bm_status":
        ide.regs[register] &= ~value & 0xFF  # write-1-to-clear bits
        return ide.regs[register]
    ide.regs[register] = value
    if register == "command":
        ide.regs["status"] = 0x80 | 0x08  # BSY | DRQ while the command runs
    return value


@task("emu:resume")
def resume(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """Xen completes the instruction (an ``in`` gets QEMU's value) and re-enters the guest."""
    ide = ide_of(lab)
    access = ide.plan.pop(0)
    hvm = _hvm(lab)
    if hvm in lab.evtchn:
        evtchn.take_pending(lab.evtchn[hvm])
    ide.ioreq = {"state": "STATE_IOREQ_NONE"}
    charge(lab, PATH, context_switches=1)
    say(ctx, "emu.resumed", (XEN, guest(hvm)), left=len(ide.plan), **_what(access))
    if ide.plan:
        later(lab, "emu:exit")
    elif access["register"] == "bm_command" and access["value"] == 0:
        later(lab, "emu:complete")
    else:
        say(ctx, "emu.waits", (guest(hvm),), irq=IRQ)


@task("emu:dma_submit")
def dma_submit(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """QEMU's block layer reads the disk image: a ``preadv`` system call into dom0's kernel,
    served by the same real disk blkback uses."""
    ide = ide_of(lab)
    request = lab.requests[ide.current if ide.current is not None else -1]
    lab.disk.queue.append(DiskIo("qemu", request.rid, request.sector, request.sectors,
                                 lab.disk.latency))
    charge(lab, PATH, syscalls=1)
    say(ctx, "emu.dma_submitted", (QEMU, HARDWARE), rid=f"r{request.rid}",
        sector=request.sector, disk=lab.disk.name)


def disk_done(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """QEMU's I/O completes: it copies the data into guest memory (its map cache of the guest),
    sets the bus master's interrupt bit and raises IRQ 14."""
    ide = lab.ide
    if ide is None or ide.current != int(args["tag"]):
        say(ctx, "blk.disk_orphan", (HARDWARE,), sector=int(args["sector"]))
        return
    ide.regs["bm_status"] |= 0x04
    ide.regs["status"] = 0x50  # DRDY | DSC
    charge(lab, PATH, syscalls=1)
    say(ctx, "emu.dma_done", (HARDWARE, QEMU), rid=f"r{ide.current}", sector=int(args["sector"]))
    later(lab, "emu:irq")


@task("emu:irq")
def raise_irq(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``XEN_DMOP_set_isa_irq_level``: Xen asserts IRQ 14 in the virtual interrupt controller
    and injects it at the next VM entry; the guest's interrupt handler starts."""
    ide = ide_of(lab)
    ide.irq = True
    ide.plan = isr_accesses()
    charge(lab, PATH, hypercalls=1, context_switches=1)
    say(ctx, "emu.irq", (QEMU, XEN, guest(_hvm(lab))), irq=IRQ, accesses=len(ide.plan))
    later(lab, "emu:exit")


@task("emu:complete")
def complete(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    ide = ide_of(lab)
    rid = ide.current if ide.current is not None else -1
    ide.current = None
    finish_emulated(lab, rid)
    say(ctx, "emu.completed", (guest(_hvm(lab)),), notable=True, rid=f"r{rid}",
        left=len(ide.rids))
    if ide.rids:
        later(lab, "emu:start")


def finish_emulated(lab: DevicesLab, rid: int) -> None:
    request = lab.requests[rid]
    request.completions += 1
    request.status = "done"
    free_page(lab, _hvm(lab), request.pfn)
    charge(lab, PATH, completed=1)
