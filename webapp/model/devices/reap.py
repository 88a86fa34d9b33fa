"""When a domain of the lab is destroyed (a lifecycle command), Xen tears down its side: its
ports close (peers go back to unbound), its grant table and mappings go, and its devices are
gone. The lab forgets them at its next step, in one micro-step."""

from __future__ import annotations

from webapp.model.devices import evtchn
from webapp.model.devices.agenda import say
from webapp.model.devices.state import DevicesLab
from webapp.model.events import XEN
from webapp.model.operations import Context


def _known(lab: DevicesLab) -> set[int]:
    ids = {lab.backend, lab.frontend, *lab.grants, *lab.evtchn}
    return ids | ({lab.hvm} if lab.hvm is not None else set())


def reap(ctx: Context, lab: DevicesLab) -> bool:
    """Forget the domains that no longer exist; whether there were any."""
    alive = set(ctx.world.host.domains)
    dead = sorted(_known(lab) - alive - set(lab.gone))
    if not dead:
        return False
    for domid in dead:
        _forget(ctx, lab, domid)
    lab.gone = sorted({*lab.gone, *dead})
    say(ctx, "devices.domain_gone", (XEN,), notable=True, domids=[f"d{d}" for d in dead])
    return True


def _forget(ctx: Context, lab: DevicesLab, domid: int) -> None:
    xenstore = ctx.world.host.xenstore
    for kind, device in list(lab.devices.items()):
        if domid in (device.frontend, device.backend):
            for token in (f"back-otherend:{kind}", f"back-physical:{kind}",
                          f"front-otherend:{kind}", f"libxl-wait:{kind}", f"libxl-close:{kind}"):
                for owner in (device.frontend, device.backend):
                    xenstore.unwatch(token, owner)
            del lab.devices[kind]
            lab.agenda = [t for t in lab.agenda if t.args.get("device") != kind]
    if lab.hvm == domid:
        lab.ide = None
        lab.agenda = [t for t in lab.agenda if not t.kind.startswith("emu:")]
    chans = lab.evtchn.get(domid)
    for port in sorted(chans.ports) if chans else []:
        evtchn.close(lab.evtchn, domid, port)
    lab.evtchn.pop(domid, None)
    lab.grants.pop(domid, None)
    for table in lab.grants.values():
        table.maptrack = {h: m for h, m in table.maptrack.items() if m.granter != domid}
    lab.free_pages.pop(domid, None)
    lab.agenda = [t for t in lab.agenda if t.args.get("domid") != domid]
    for request in lab.requests.values():
        if request.status in ("queued", "ring") and _owner(lab, request.path) == domid:
            request.status = "gone"


def _owner(lab: DevicesLab, path: str) -> int | None:
    return lab.hvm if path == "emulated" else lab.frontend
