"""The devices lab's state, kept in ``world.labs["devices"]``: plain picklable dataclasses.

Xen's side (grant tables, event channels), the shared rings, each driver's private state, the
real disk in dom0, the emulated IDE controller, the agenda of pending micro-steps, the
requests the guests issued and the per-path counters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from webapp.model.devices.evtchn import EventChannels
from webapp.model.devices.grants import GrantTable
from webapp.model.devices.ring import Entry, Ring

LAB = "devices"
PATHS = ("blk", "net", "emulated", "setup")


class XenbusState(IntEnum):
    """``enum xenbus_state`` (xen/include/public/io/xenbus.h)."""

    Unknown = 0
    Initialising = 1
    InitWait = 2
    Initialised = 3
    Connected = 4
    Closing = 5
    Closed = 6
    Reconfiguring = 7
    Reconfigured = 8

    @property
    def label(self) -> str:
        """``XenbusStateConnected (4)``: the code name, never translated."""
        return f"XenbusState{self.name} ({self.value})"


@dataclass
class Task:
    """One pending micro-step: a handler name and its arguments (plain data)."""

    kind: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class OsRequest:
    """A read the guest's block layer asked for (``rid`` is the model's id for it)."""

    rid: int
    path: str  # "blk" or "emulated"
    sector: int
    sectors: int
    pfn: int
    completions: int = 0
    status: str = "queued"  # queued, ring, done, error


@dataclass
class Shadow:
    """``blkfront``'s ``shadow[id]``: the private copy of a request on the ring."""

    id: int
    rid: int
    request: Entry
    pfn: int
    gref: int
    on_ring: bool = True  # on the current ring (False once the connection it was on dropped)


@dataclass
class Pending:
    """``blkback``'s ``pending_req``: a request it consumed and is serving."""

    id: int
    rid: int
    sector: int
    sectors: int
    gref: int
    handle: int | None = None
    status: int = 0  # BLKIF_RSP_OKAY, or BLKIF_RSP_ERROR when the map failed


@dataclass
class Blkfront:
    queue: list[int] = field(default_factory=list)  # rids not yet on the ring
    shadow: dict[int, Shadow] = field(default_factory=dict)
    stopped: bool = False  # blk_mq_stop_hw_queue: the ring was full
    running: bool = False  # blk-mq is calling blkif_queue_rq for the queued requests
    unpushed: int = 0  # requests put on the ring since the last push
    rp: int | None = None  # blkif_interrupt: rsp_prod read at the start of a round
    cursor: int = 0  # blkif_interrupt: the response being handled
    gendisk: bool = False


@dataclass
class Blkback:
    waiting: bool = False  # waiting_reqs
    rp: int | None = None  # the thread's current round (None: asleep)
    pending: dict[int, Pending] = field(default_factory=dict)
    physical: bool = False  # the physical device is open
    stopping: bool = False  # xen_blkif_disconnect: the thread is stopped
    unbinding: bool = False  # the last in-flight I/O is done: the port is being closed
    push_queued: bool = False  # a push of the responses written is on its way


@dataclass
class RxBuffer:
    id: int
    gref: int
    pfn: int


@dataclass
class TxPacket:
    id: int
    pid: int
    gref: int
    pfn: int
    size: int


@dataclass
class Netfront:
    rx_ready: list[RxBuffer] = field(default_factory=list)  # granted, not yet posted
    rx_posted: dict[int, RxBuffer] = field(default_factory=dict)
    tx_pending: dict[int, TxPacket] = field(default_factory=dict)
    delivered: int = 0
    sent: int = 0
    tx_polling: bool = False  # a TX clean-up is running (one at a time, like NAPI)
    rx_polling: bool = False


@dataclass
class Netback:
    rx_queue: list[dict[str, int]] = field(default_factory=list)  # packets waiting for a buffer
    tx_busy: bool = False
    rx_busy: bool = False
    transmitted: int = 0
    hotplug: bool = False  # hotplug-status = connected


@dataclass
class Device:
    """A split-driver pair: a frontend in the guest, a backend in dom0, and what joins them."""

    kind: str  # vbd or vif
    devid: int
    frontend: int
    backend: int
    front_state: int = XenbusState.Initialising
    back_state: int = XenbusState.Initialising
    phase: str = "connecting"  # connecting, connected, closing, reconnecting
    rings: dict[str, Ring] = field(default_factory=dict)
    front_port: int | None = None
    back_port: int | None = None
    online: bool = True
    front_probed: bool = False
    back_probed: bool = False
    front_setup: bool = False  # the frontend saw InitWait and is setting up its ring(s)
    blkfront: Blkfront = field(default_factory=Blkfront)
    blkback: Blkback = field(default_factory=Blkback)
    netfront: Netfront = field(default_factory=Netfront)
    netback: Netback = field(default_factory=Netback)

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.frontend}/{self.devid}"

    def connected(self) -> bool:
        return (self.front_state == XenbusState.Connected
                and self.back_state == XenbusState.Connected)


@dataclass
class DiskIo:
    """An I/O the real disk is serving: ``ticks`` steps of latency left."""

    owner: str  # blkback or qemu
    tag: int  # the blkback request id, or the emulated read's rid
    sector: int
    sectors: int
    ticks: int


@dataclass
class Disk:
    name: str
    latency: int
    queue: list[DiskIo] = field(default_factory=list)
    served: int = 0


@dataclass
class Ide:
    """QEMU's emulated PIIX IDE controller (primary channel) for the HVM guest."""

    regs: dict[str, int] = field(default_factory=lambda: {
        "nsector": 0, "lba_low": 0, "lba_mid": 0, "lba_high": 0, "device": 0xA0,
        "command": 0, "status": 0x50, "bm_command": 0, "bm_status": 0, "bm_prd": 0})
    ioreq: dict[str, Any] = field(default_factory=lambda: {"state": "STATE_IOREQ_NONE"})
    irq: bool = False
    plan: list[dict[str, Any]] = field(default_factory=list)  # accesses left in this phase
    rids: list[int] = field(default_factory=list)  # reads waiting for the controller
    current: int | None = None  # the read being done
    xen_port: int = 0  # the HVM guest's ioreq port (Xen signals QEMU through it)
    qemu_port: int = 0  # QEMU's port in dom0


@dataclass
class Counters:
    """What one I/O path cost, in counts and modelled cycles (see ``costs.py``)."""

    requests: int = 0
    completed: int = 0
    vm_exits: int = 0
    context_switches: int = 0
    hypercalls: int = 0
    notifications: int = 0
    suppressed: int = 0  # pushes that needed no notification (the event index rule)
    upcalls: int = 0
    grant_ops: int = 0
    syscalls: int = 0
    device_model_trips: int = 0
    cycles: int = 0


@dataclass
class DevicesLab:
    """Everything the devices lab changes."""

    backend: int  # dom0
    frontend: int  # the PV guest with blkfront and netfront
    hvm: int | None  # the HVM guest without PV drivers
    disk: Disk
    grants: dict[int, GrantTable] = field(default_factory=dict)
    evtchn: dict[int, EventChannels] = field(default_factory=dict)
    devices: dict[str, Device] = field(default_factory=dict)  # by kind: vbd, vif
    ide: Ide | None = None
    agenda: list[Task] = field(default_factory=list)
    pump_op: int | None = None
    requests: dict[int, OsRequest] = field(default_factory=dict)
    next_rid: int = 1
    next_pid: int = 1
    free_pages: dict[int, list[int]] = field(default_factory=dict)  # domid -> free pfns
    counters: dict[str, Counters] = field(default_factory=lambda: {p: Counters() for p in PATHS})
    gone: list[int] = field(default_factory=list)  # domains reaped after they were destroyed
    rx_buffers: int = 4  # receive buffers netfront posts when it connects
