"""The xenbus handshake that connects a frontend to its backend, one micro-step at a time
(facts §4.2, XEN:xen/include/public/io/blkif.h "STATE DIAGRAMS", libxl_device.c).

The toolstack writes both xenstore directories; the backend probes and moves to InitWait; the
hotplug script names the physical device; the frontend allocates and grants its ring page(s),
allocates an unbound event channel, publishes ``ring-ref`` and ``event-channel`` and moves to
Initialised; the backend's watch fires, it maps the ring, binds the channel, publishes its
features and moves to Connected; the frontend reads them and moves to Connected.
"""

from __future__ import annotations

from webapp.model.devices.handshake.backend import (
    BACK_CONNECT,
    BACK_FEATURES,
    back_bind,
    back_connect,
    back_connect_ring,
    back_connected,
    back_initwait,
    back_map_ring,
    back_physical,
    back_probe,
    back_reinitwait,
    maybe_connect,
)
from webapp.model.devices.handshake.frontend import (
    front_alloc_evtchn,
    front_alloc_ring,
    front_connected,
    front_connected_read,
    front_grant_ring,
    front_initialised,
    front_probe,
    front_publish,
    front_reinit,
    post_rx,
    talk_to_backend,
)
from webapp.model.devices.handshake.toolstack import add_device, hotplug, toolstack_nodes
from webapp.model.devices.handshake.xenbus import (
    SPECS,
    Spec,
    Why,
    device_of,
    ends,
    host_of,
    read_state,
    spec_of,
    state_node,
    switch,
)

__all__ = [
    "BACK_CONNECT", "BACK_FEATURES", "SPECS", "Spec", "Why", "add_device", "back_bind",
    "back_connect", "back_connect_ring", "back_connected", "back_initwait", "back_map_ring",
    "back_physical", "back_probe", "back_reinitwait", "device_of", "ends",
    "front_alloc_evtchn", "front_alloc_ring", "front_connected", "front_connected_read",
    "front_grant_ring", "front_initialised", "front_probe", "front_publish", "front_reinit",
    "host_of", "hotplug", "maybe_connect", "post_rx", "read_state", "spec_of", "state_node",
    "switch", "talk_to_backend", "toolstack_nodes",
]
