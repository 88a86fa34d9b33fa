"""Xenstore as the drivers use it: writes that fire watches, watches registered (and fired once
at once, as xenstored does), permissions as libxl sets them for a device."""

from __future__ import annotations

from webapp.model.devices.agenda import later
from webapp.model.devices.state import Device, DevicesLab
from webapp.model.host import Host
from webapp.model.xenstore import Permission, Watch, Xenstore, home

BUS_TOKENS = ("backend-bus", "frontend-bus")


def backend_dir(device: Device) -> str:
    """``/local/domain/0/backend/vbd/1/51712``."""
    return f"{home(device.backend)}/backend/{device.kind}/{device.frontend}/{device.devid}"


def frontend_dir(device: Device) -> str:
    """``/local/domain/1/device/vbd/51712``."""
    return f"{home(device.frontend)}/device/{device.kind}/{device.devid}"


def device_perms(device: Device) -> dict[str, tuple[Permission, ...]]:
    """libxl: each directory owned by its end, readable by the other (libxl_device.c)."""
    return {backend_dir(device): (Permission(device.backend, "n"),
                                  Permission(device.frontend, "r")),
            frontend_dir(device): (Permission(device.frontend, "n"),
                                   Permission(device.backend, "r"))}


def write_all(lab: DevicesLab, host: Host, values: dict[str, str]) -> list[str]:
    """Write ``values`` (one transaction: they appear together); fire the watches once each.
    The paths written, in order."""
    for path, value in values.items():
        host.xenstore.write(path, value)
    fire(lab, host.xenstore, list(values))
    return list(values)


def write(lab: DevicesLab, host: Host, path: str, value: str) -> None:
    write_all(lab, host, {path: value})


def remove(lab: DevicesLab, host: Host, path: str) -> int:
    count = host.xenstore.remove(path)
    fire(lab, host.xenstore, [path], removed=True)
    return count


def fire(lab: DevicesLab, xenstore: Xenstore, paths: list[str], removed: bool = False) -> None:
    """Queue one WATCH_EVENT per watch that ``paths`` fire (a watch fires once per change)."""
    fired: list[Watch] = []
    for path in paths:
        for watch in xenstore.watchers(path, removed):
            if watch not in fired and _wanted(lab, watch):
                fired.append(watch)
                later(lab, "xs:fire", path=path, token=watch.token, watched=watch.path,
                      domid=watch.domid)


def watch(lab: DevicesLab, xenstore: Xenstore, path: str, token: str, domid: int) -> None:
    """``XS_WATCH``: register, and (as xenstored does) fire it once at once."""
    xenstore.watch(path, token, domid)
    later(lab, "xs:fire", path=path, token=token, watched=path, domid=domid)


def _wanted(lab: DevicesLab, watch: Watch) -> bool:
    """A bus watch (xenbus's watch on the whole ``backend``/``device`` directory) matters only
    when a device appears: xenbus ignores the changes below a device it already knows, so the
    model does not show those firings."""
    if watch.token not in BUS_TOKENS:
        return True
    side = "back" if watch.token == "backend-bus" else "front"
    return any(not getattr(device, f"{side}_probed") for device in lab.devices.values()
               if watch.domid == (device.backend if side == "back" else device.frontend))
