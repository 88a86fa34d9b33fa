"""The network path: netfront and netback with separate TX and RX rings of 256 slots each
(facts §4.8, ``io/netif.h``), one event channel for both.

Transmit: netfront grants the packet's page read-only, puts a TX request, pushes; netback
consumes it, has Xen copy the data out (``GNTTABOP_copy``), sends it on the bridge, answers.
Receive: the guest posts empty buffers (granted writable) on the RX ring in advance; when a packet
arrives, netback takes a posted buffer, has Xen copy the packet into it (grant copy: no page
changes hands, as in today's backends), answers with the length, and the guest re-posts.
"""

from __future__ import annotations

from webapp.model.devices.net.completion import (
    front_interrupt,
    interrupt,
    rx_done,
    rx_grant,
    rx_post,
    rx_push,
    tx_done,
)
from webapp.model.devices.net.device import (
    NETIF_RSP_OKAY,
    PATH,
    abandoned,
    back_live,
    front_live,
    ring,
    vif,
)
from webapp.model.devices.net.rx import arrive, rx_consume, rx_copy, rx_respond
from webapp.model.devices.net.tx import (
    back_interrupt,
    transmit,
    tx_consume,
    tx_copy,
    tx_deliver,
    tx_fill,
    tx_final,
    tx_push,
    tx_respond,
)

__all__ = [
    "NETIF_RSP_OKAY", "PATH", "abandoned", "arrive", "back_interrupt", "back_live",
    "front_interrupt", "front_live", "interrupt", "ring", "rx_consume", "rx_copy", "rx_done",
    "rx_grant", "rx_post", "rx_push", "rx_respond", "transmit", "tx_consume", "tx_copy",
    "tx_deliver", "tx_done", "tx_fill", "tx_final", "tx_push", "tx_respond", "vif",
]
