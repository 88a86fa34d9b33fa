"""One disk read, end to end, through blkfront, the shared ring and blkback (facts §4.7).

Frontend: the block layer queues a read; blkfront checks ``RING_FULL``, grants the data page to
dom0 (writable: the backend writes into it), fills the next slot and its shadow copy, and after
the batch pushes ``req_prod`` and notifies only if ``req_event`` lies in (old, new].
Backend: woken by the event, blkback's thread copies each request (``req_cons++``), maps its
grant, submits the I/O to the real disk; on completion it unmaps, writes the response, pushes
``rsp_prod`` (notifying by ``rsp_event``) and, once every consumed request is answered, sets
``req_event = req_cons + 1`` so the next push notifies. Frontend again: the upcall reads the
responses, ends grant access, completes the requests and re-arms ``rsp_event``.
"""

from __future__ import annotations

from webapp.model.devices.blk.backend import (
    back_interrupt,
    consume,
    continue_or_sleep,
    disk_complete_owner,
    disk_done,
    final_check,
    map_data,
    push_responses,
    respond,
    submit_bio,
    unmap_data,
)
from webapp.model.devices.blk.completion import (
    complete,
    fail_queue,
    finish,
    front_final,
    front_interrupt,
    interrupt,
    response,
)
from webapp.model.devices.blk.protocol import (
    BLKIF_OP_READ,
    BLKIF_RSP_ERROR,
    BLKIF_RSP_OKAY,
    PATH,
    SECTORS_PER_PAGE,
    indices,
    ring_of,
    vbd,
)
from webapp.model.devices.blk.recovery import abandon_recovery, recover, regrant, requeue
from webapp.model.devices.blk.request import fill, flush, kick, queue, ring_full, submit

__all__ = [
    "BLKIF_OP_READ", "BLKIF_RSP_ERROR", "BLKIF_RSP_OKAY", "PATH", "SECTORS_PER_PAGE",
    "abandon_recovery", "back_interrupt", "complete", "consume", "continue_or_sleep",
    "disk_complete_owner", "disk_done", "fail_queue", "fill", "final_check", "finish", "flush",
    "front_final", "front_interrupt", "indices", "interrupt", "kick", "map_data",
    "push_responses", "queue", "recover", "regrant", "requeue", "respond", "response",
    "ring_full", "ring_of", "submit", "submit_bio", "unmap_data", "vbd",
]
