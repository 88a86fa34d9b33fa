"""The toolstack's part of the handshake: libxl writes both xenstore directories, then the
hotplug script names the physical device."""

from __future__ import annotations

from typing import Any

from webapp.model.devices import xs
from webapp.model.devices.agenda import say, task
from webapp.model.devices.handshake.xenbus import SPECS, device_of, ends, host_of, state_node
from webapp.model.devices.state import Device, DevicesLab
from webapp.model.events import TOOLSTACK, XENSTORED
from webapp.model.operations import Context


def toolstack_nodes(ctx: Context, device: Device) -> dict[str, str]:
    """The nodes libxl writes in one transaction (libxl_disk.c / libxl_nic.c)."""
    back, front = xs.backend_dir(device), xs.frontend_dir(device)
    name = ctx.world.host.domains[device.frontend].name
    common_back = {"frontend": front, "frontend-id": str(device.frontend), "online": "1",
                   "state": "1"}
    common_front = {"backend": back, "backend-id": str(device.backend), "state": "1"}
    if device.kind == "vbd":
        back_nodes = {**common_back, "removable": "0", "bootable": "1", "dev": "xvda",
                      "type": "phy", "mode": "w", "device-type": "disk",
                      "params": f"/dev/vg0/{name}-disk"}
        front_nodes = {**common_front, "virtual-device": str(device.devid),
                       "device-type": "disk", "trusted": "1"}
    else:
        mac = f"00:16:3e:5a:{device.frontend:02x}:{device.devid:02x}"
        back_nodes = {**common_back, "script": "vif-bridge", "mac": mac, "bridge": "xenbr0",
                      "handle": str(device.devid), "type": "vif"}
        front_nodes = {**common_front, "handle": str(device.devid), "mac": mac}
    return {**{f"{back}/{k}": v for k, v in back_nodes.items()},
            **{f"{front}/{k}": v for k, v in front_nodes.items()}}


def add_device(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """``connect``: libxl writes both directories in one transaction and waits for InitWait."""
    kind = str(args["device"])
    device = Device(kind, SPECS[kind].devid, lab.frontend, lab.backend)
    lab.devices[kind] = device
    host = host_of(ctx)
    for path, perms in xs.device_perms(device).items():
        host.xenstore.set_perms(path, perms)
    written = xs.write_all(lab, host, toolstack_nodes(ctx, device))
    say(ctx, "xenbus.toolstack_added", (TOOLSTACK, XENSTORED), notable=True, **ends(device),
        nodes=len(written), back_dir=xs.backend_dir(device), front_dir=xs.frontend_dir(device))
    xs.watch(lab, host.xenstore, state_node(device, "back"), f"libxl-wait:{kind}",
             device.backend)


@task("toolstack:hotplug")
def hotplug(ctx: Context, lab: DevicesLab, args: dict[str, Any]) -> None:
    """libxl saw InitWait: the hotplug script (``block`` / ``vif-bridge``) does its work."""
    device = device_of(lab, args)
    base = xs.backend_dir(device)
    if device.kind == "vbd":
        values = {f"{base}/physical-device": "fd:0", f"{base}/physical-device-path": "/dev/dm-0"}
        key = "xenbus.hotplug_block"
    else:
        values = {f"{base}/hotplug-status": "connected"}
        key = "xenbus.hotplug_vif"
    xs.write_all(lab, host_of(ctx), values)
    say(ctx, key, (TOOLSTACK, XENSTORED), **ends(device), path=list(values)[0])
