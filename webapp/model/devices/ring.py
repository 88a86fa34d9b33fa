"""Shared I/O rings, as ``xen/include/public/io/ring.h`` defines them.

One page holds the shared indices (``req_prod``, ``req_event``, ``rsp_prod``, ``rsp_event``) and
an array of slots, each the union of a request and a response. Each side also keeps private
indices: the frontend ``req_prod_pvt`` and ``rsp_cons``, the backend ``rsp_prod_pvt`` and
``req_cons``. Indices are free-running 32-bit counters; a slot is ``index & (size - 1)``.

Producers publish with the *event index* hold-off: after moving the producer index from ``old``
to ``new`` they notify only if the consumer's event index lies in ``(old, new]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MASK = 0xFFFFFFFF
BLKIF_RING_SIZE = 32  # (4096 - 64) // 112 = 36, rounded down to a power of two
NETIF_RING_SIZE = 256  # netif tx and rx

Entry = dict[str, Any]


def notify_rule(old: int, new: int, event: int) -> bool:
    """``(new - event) < (new - old)`` in unsigned 32-bit: ``event`` lies in ``(old, new]``."""
    return ((new - event) & MASK) < ((new - old) & MASK)


@dataclass(frozen=True)
class Push:
    """What one ``RING_PUSH_*_AND_CHECK_NOTIFY`` did."""

    old: int
    new: int
    event: int
    notify: bool


@dataclass
class Ring:
    """A shared ring page and both sides' private indices."""

    name: str
    size: int
    pfn: int  # the guest page that holds it
    gref: int | None = None  # its grant reference, once granted to the backend
    req_prod: int = 0
    req_event: int = 1  # SHARED_RING_INIT sets both event indices to 1
    rsp_prod: int = 0
    rsp_event: int = 1
    slots: list[Entry | None] = field(default_factory=list)
    req_prod_pvt: int = 0  # frontend private
    rsp_cons: int = 0  # frontend private
    rsp_prod_pvt: int = 0  # backend private
    req_cons: int = 0  # backend private
    handle: int | None = None  # the backend's maptrack handle while it maps the page

    def __post_init__(self) -> None:
        if not self.slots:
            self.slots = [None] * self.size

    def slot(self, index: int) -> int:
        return index & (self.size - 1)

    # -- frontend ---------------------------------------------------------------------------

    def free_requests(self) -> int:
        """``RING_FREE_REQUESTS``: ``size - (req_prod_pvt - rsp_cons)``."""
        return self.size - ((self.req_prod_pvt - self.rsp_cons) & MASK)

    def full(self) -> bool:
        """``RING_FULL``: every slot holds a request whose response is not consumed yet."""
        return self.free_requests() == 0

    def put_request(self, entry: Entry) -> int:
        """Fill the slot at ``req_prod_pvt`` (private until pushed); the index used."""
        index = self.req_prod_pvt
        self.slots[self.slot(index)] = {"kind": "request", **entry}
        self.req_prod_pvt = (index + 1) & MASK
        return index

    def push_requests(self) -> Push:
        """``RING_PUSH_REQUESTS_AND_CHECK_NOTIFY``."""
        old, new = self.req_prod, self.req_prod_pvt
        self.req_prod = new
        return Push(old, new, self.req_event, notify_rule(old, new, self.req_event))

    def unconsumed_responses(self) -> int:
        return (self.rsp_prod - self.rsp_cons) & MASK

    def final_check_responses(self) -> bool:
        """``RING_FINAL_CHECK_FOR_RESPONSES``: ask for a notification for the next response
        (``rsp_event = rsp_cons + 1``), then look again; whether responses are waiting."""
        if self.unconsumed_responses():
            return True
        self.rsp_event = (self.rsp_cons + 1) & MASK
        return bool(self.unconsumed_responses())

    # -- backend ----------------------------------------------------------------------------

    def unconsumed_requests(self) -> int:
        """``RING_HAS_UNCONSUMED_REQUESTS``, bounded by what the ring can hold."""
        published = (self.req_prod - self.req_cons) & MASK
        room = self.size - ((self.req_cons - self.rsp_prod_pvt) & MASK)
        return min(published, room)

    def take_request(self) -> tuple[int, Entry]:
        """Copy the request at ``req_cons`` into private memory and advance ``req_cons``."""
        index = self.req_cons
        entry = dict(self.slots[self.slot(index)] or {})
        self.req_cons = (index + 1) & MASK
        return index, entry

    def put_response(self, entry: Entry) -> int:
        """Write a response at ``rsp_prod_pvt`` (it overwrites the answered request's slot)."""
        index = self.rsp_prod_pvt
        self.slots[self.slot(index)] = {"kind": "response", **entry}
        self.rsp_prod_pvt = (index + 1) & MASK
        return index

    def push_responses(self) -> Push:
        """``RING_PUSH_RESPONSES_AND_CHECK_NOTIFY``."""
        old, new = self.rsp_prod, self.rsp_prod_pvt
        self.rsp_prod = new
        return Push(old, new, self.rsp_event, notify_rule(old, new, self.rsp_event))

    def final_check_requests(self) -> bool:
        """``RING_FINAL_CHECK_FOR_REQUESTS``: ``req_event = req_cons + 1``, then look again."""
        if self.unconsumed_requests():
            return True
        self.req_event = (self.req_cons + 1) & MASK
        return bool(self.unconsumed_requests())

    def outstanding(self) -> int:
        """Requests the frontend has put on the ring and not yet seen answered."""
        return (self.req_prod_pvt - self.rsp_cons) & MASK
