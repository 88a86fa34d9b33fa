"""The domains the boot exercises ask about: built by the real builder in a scratch simulation.

Level 1 builds a guest on a quiet host (its P2M one run); level 2 fragments the host's free
memory first; level 3 fragments it more (and, for start_info, asks about dom0, which Xen builds
itself). What the questions read — the P2M, start_info, the registers, the layout — is what
the builder produced.
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.boot.start_info import HEX_FIELDS
from webapp.model.boot.state import BootRecord
from webapp.model.domain import Domain
from webapp.model.exercises import scratch
from webapp.model.exercises.engine import both

HOST = {"name": "xenhost", "pcpus": 2, "memory_mb": 4096, "xen_mb": 64,
        "dom0": {"memory_mb": 512, "vcpus": 1}}
DOM0_HOST = {"name": "xenhost", "pcpus": 2, "memory_mb": 2048, "xen_mb": 64,
             "dom0": {"memory_mb": 1024, "vcpus": 1,
                      "cmdline": "root=/dev/sda2 ro console=hvc0"}}
FRAGMENTS = {1: 0, 2: 60, 3: 160}

#: What each start_info field is for (virtualization-facts.md §1.5).
MEANINGS: dict[str, dict[str, str]] = {
    "nr_pages": both("how many pages the domain has", "le nombre de pages du domaine"),
    "shared_info": both("the machine address of the shared_info page",
                        "l'adresse machine de la page shared_info"),
    "flags": both("the SIF_* flags (privileged, initial domain…)",
                  "les drapeaux SIF_* (privilégié, domaine initial…)"),
    "store_mfn": both("the machine frame of the xenstore ring",
                      "le cadre machine de l'anneau xenstore"),
    "store_evtchn": both("the event channel to xenstored",
                         "le canal d'événements vers xenstored"),
    "console.domU.mfn": both("the machine frame of the console ring",
                             "le cadre machine de l'anneau de la console"),
    "console.domU.evtchn": both("the event channel of the console",
                                "le canal d'événements de la console"),
    "console.dom0.info_off": both("the offset of the VGA console information",
                                  "le décalage des informations de la console VGA"),
    "pt_base": both("the virtual address of the top-level page table",
                    "l'adresse virtuelle de la table des pages de plus haut niveau"),
    "nr_pt_frames": both("how many frames of bootstrap page tables",
                         "le nombre de cadres de tables des pages de démarrage"),
    "mfn_list": both("the virtual address of the P2M list", "l'adresse virtuelle de la liste P2M"),
    "mod_start": both("where the initrd is (a virtual address, or a PFN)",
                      "où se trouve l'initrd (une adresse virtuelle, ou un PFN)"),
    "mod_len": both("the initrd's size in bytes", "la taille de l'initrd en octets"),
}
SEGMENTS = {"kernel": both("kernel", "noyau"), "initrd": both("initrd", "initrd"),
            "p2m": both("P2M list", "liste P2M"), "start_info": both("start_info", "start_info"),
            "xenstore": both("xenstore ring", "anneau xenstore"),
            "console": both("console ring", "anneau de la console"),
            "pagetables": both("page tables", "tables des pages"),
            "stack": both("boot stack", "pile de démarrage")}


def guest(rng: random.Random, level: int, memory_mb: int) -> Domain:
    """A guest built by ``xl create`` on a host fragmented as the level says."""
    for _ in range(8):
        sim = scratch.start(scratch.scenario("boot", HOST), rng)
        if FRAGMENTS[level]:
            scratch.run(sim, "fragment", None, {"allocations": FRAGMENTS[level]})
        scratch.run(sim, "build", None, {"name": "guest", "memory_mb": memory_mb})
        domain = sim.world.host.find("guest")
        if domain is not None and domain.boot is not None and domain.boot.did("guest:init"):
            return domain
    raise RuntimeError("the exercise's guest could not be built")


def dom0(rng: random.Random) -> Domain:
    """Domain-0 as Xen builds it when the host powers on (no toolstack yet)."""
    built = scratch.scenario("boot", DOM0_HOST, {"dom0_boot": True})
    sim = scratch.start(built, rng)
    scratch.run(sim, "power_on")
    return sim.world.host.domains[0]


def record(domain: Domain) -> BootRecord:
    assert domain.boot is not None and domain.boot.layout is not None
    return domain.boot


def layout_rows(domain: Domain, with_addresses: bool) -> list[dict[str, Any]]:
    """The start-of-day region's segments: name, first PFN, pages (and virtual address)."""
    layout = record(domain).layout
    assert layout is not None
    rows = []
    for segment in layout.segments:
        label = SEGMENTS.get(segment.name, both(segment.name, segment.name))
        row: dict[str, Any] = {"segment": segment.name, "label": label, "pfn": segment.pfn,
                               "pages": segment.pages}
        if with_addresses:
            row["vstart"] = hex(segment.vstart)
        rows.append(row)
    return rows


def shown(field: str, value: int | str) -> str:
    """A start_info value as the boot page shows it: addresses and frames in hex."""
    if isinstance(value, int) and field in (*HEX_FIELDS, "store_mfn", "console.domU.mfn"):
        return hex(value)
    return str(value)
