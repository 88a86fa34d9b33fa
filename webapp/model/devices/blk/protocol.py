"""The blkif protocol's constants and the vbd's ring, as the blk steps see them."""

from __future__ import annotations

from typing import Any

from webapp.model.devices.ring import Ring
from webapp.model.devices.state import Device, DevicesLab

BLKIF_OP_READ = 0
BLKIF_RSP_OKAY = 0
BLKIF_RSP_ERROR = -1
SECTORS_PER_PAGE = 8
PATH = "blk"


def vbd(lab: DevicesLab) -> Device:
    return lab.devices["vbd"]


def ring_of(device: Device) -> Ring:
    return device.rings["blkif"]


def indices(ring: Ring) -> dict[str, Any]:
    """The ring's indices, for the narration."""
    return {"req_prod": ring.req_prod, "req_event": ring.req_event, "rsp_prod": ring.rsp_prod,
            "rsp_event": ring.rsp_event, "req_prod_pvt": ring.req_prod_pvt,
            "rsp_cons": ring.rsp_cons, "req_cons": ring.req_cons,
            "rsp_prod_pvt": ring.rsp_prod_pvt}
