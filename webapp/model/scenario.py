"""Scenarios are data: the initial hosts and domains, and optionally a script of actions.

The web layer reads the YAML files; this module only validates the parsed document and builds
the initial world from it (with the simulation's seeded random source).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from webapp.model.domain import ON_ACTIONS, WORKLOADS, Domain, DomainConfig, VCpu
from webapp.model.errors import ScenarioError
from webapp.model.extensions import SETUPS
from webapp.model.host import Host, PhysicalCpu, World
from webapp.model.memory import DOMID_XEN, FREE, MachineMemory, frames_for_mb
from webapp.model.xenstore import Xenstore, home

if TYPE_CHECKING:
    from webapp.model.guide.path import Guide

LABS = ("lifecycle", "memory", "boot", "devices", "categories", "cloud")
_CONFIG_KEYS = {f.name for f in fields(DomainConfig)}


@dataclass(frozen=True)
class ScriptedAction:
    """An action the scenario performs by itself when the clock reaches step ``at``."""

    at: int
    action: str
    target: Any = None
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GuestSpec:
    config: DomainConfig
    paused: bool = False


@dataclass(frozen=True)
class HostSpec:
    name: str
    pcpus: int
    memory_mb: int
    xen_mb: int
    dom0: DomainConfig
    guests: tuple[GuestSpec, ...]
    fragmentation: float = 0.0


@dataclass(frozen=True)
class Scenario:
    """A validated scenario document."""

    id: str
    lab: str
    title: dict[str, str]
    description: dict[str, str]
    hosts: tuple[HostSpec, ...]
    script: tuple[ScriptedAction, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    guide: Guide | None = None  # the goal, level and path (webapp/model/guide)

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> Scenario:
        """Validate a parsed scenario document; ScenarioError names what is wrong."""
        from webapp.model.guide.path import parse_guide  # the guide reads the labs' state

        lab = _require(doc, "lab", str)
        if lab not in LABS:
            raise ScenarioError("scenario.bad_field", field="lab", problem=f"unknown lab {lab!r}")
        hosts = doc.get("hosts") or [doc.get("host", {})]
        return cls(id=_require(doc, "id", str), lab=lab, title=_texts(doc, "title"),
                   description=_texts(doc, "description"),
                   hosts=tuple(_host(h, i) for i, h in enumerate(hosts)),
                   script=tuple(_scripted(item) for item in doc.get("script", [])),
                   extra=dict(doc.get("extra", {})), guide=parse_guide(doc))

    def build_world(self, rng: random.Random) -> World:
        """The world at step 0 (then the lab's own setup, if it has one)."""
        world = World(hosts=[_build_host(spec, rng) for spec in self.hosts])
        lab_setup = SETUPS.get(self.lab)
        if lab_setup is not None:
            lab_setup(world, self, rng)
        return world


def _require(doc: dict[str, Any], key: str, kind: type) -> Any:
    value = doc.get(key)
    if not isinstance(value, kind):
        raise ScenarioError("scenario.bad_field", field=key, problem=f"needs a {kind.__name__}")
    return value


def _texts(doc: dict[str, Any], key: str) -> dict[str, str]:
    value = doc.get(key)
    if isinstance(value, str):
        return {"en": value, "fr": value}
    if not isinstance(value, dict) or "en" not in value:
        raise ScenarioError("scenario.bad_field", field=key, problem="needs English text")
    return {"en": value["en"], "fr": value.get("fr", value["en"])}


def domain_config(doc: dict[str, Any]) -> DomainConfig:
    """A DomainConfig from a mapping; unknown keys or bad values raise ScenarioError."""
    unknown = set(doc) - _CONFIG_KEYS - {"paused"}
    if unknown:
        raise ScenarioError("scenario.bad_field", field=sorted(unknown)[0], problem="unknown")
    config = DomainConfig(**{k: v for k, v in doc.items() if k in _CONFIG_KEYS})
    if config.workload not in WORKLOADS:
        raise ScenarioError("scenario.bad_field", field="workload", problem=config.workload)
    for key in ("on_poweroff", "on_reboot", "on_crash", "on_watchdog"):
        if getattr(config, key) not in ON_ACTIONS:
            raise ScenarioError("scenario.bad_field", field=key, problem=getattr(config, key))
    return config


def _host(doc: dict[str, Any], index: int) -> HostSpec:
    dom0 = domain_config({"name": "Domain-0", "memory_mb": 1024, "vcpus": 2,
                          "workload": "idle", **doc.get("dom0", {})})
    guests = tuple(GuestSpec(domain_config(g), bool(g.get("paused", False)))
                   for g in doc.get("domains", []))
    return HostSpec(name=str(doc.get("name", f"host{index}")), pcpus=int(doc.get("pcpus", 2)),
                    memory_mb=int(doc.get("memory_mb", 8192)), xen_mb=int(doc.get("xen_mb", 64)),
                    dom0=dom0, guests=guests, fragmentation=float(doc.get("fragmentation", 0)))


def _scripted(doc: dict[str, Any]) -> ScriptedAction:
    return ScriptedAction(at=int(_require(doc, "at", int)), action=_require(doc, "action", str),
                          target=doc.get("target"), args=dict(doc.get("args", {})))


def _build_host(spec: HostSpec, rng: random.Random) -> Host:
    memory = MachineMemory(frames_for_mb(spec.memory_mb))
    memory.allocate(DOMID_XEN, frames_for_mb(spec.xen_mb), superpages=False)
    host = Host(name=spec.name, pcpus=[PhysicalCpu(i) for i in range(spec.pcpus)],
                memory=memory, xenstore=Xenstore())
    boot_domain(host, 0, spec.dom0)
    _scatter_xen_heap(memory, spec.fragmentation, rng)
    for guest_spec in spec.guests:
        domain = boot_domain(host, host.allocate_domid(), guest_spec.config)
        domain.controller_pause_count = 1 if guest_spec.paused else 0
    return host


def _scatter_xen_heap(memory: MachineMemory, fragmentation: float, rng: random.Random) -> None:
    """Xen's own heap allocations sprinkled over free memory make later allocations scattered."""
    for _ in range(int(fragmentation * 48)):
        run = rng.choice([run for run in memory.runs if run.owner == FREE])
        start = rng.randrange(run.start, run.end)
        size = min(rng.randint(1, 700), run.end - start)
        memory.set_owner(start, size, DOMID_XEN)


def boot_domain(host: Host, domid: int, config: DomainConfig) -> Domain:
    """A domain that was built and started before the scenario begins."""
    domain = Domain(domid=domid, config=config, controller_pause_count=0, creation_finished=True,
                    vcpus=[VCpu(i, online=True) for i in range(config.vcpus)])
    domain.p2m = host.memory.allocate(domid, frames_for_mb(config.memory_mb))
    domain.nr_pages = frames_for_mb(config.memory_mb)
    domain.store_port, domain.console_port = host.allocate_port(), host.allocate_port()
    host.domains[domid] = domain
    write_domain_nodes(host, domain)
    return domain


def write_domain_nodes(host: Host, domain: Domain) -> None:
    """The xenstore nodes libxl writes for a domain (``libxl__build_post``)."""
    base = home(domain.domid)
    for key, value in (("name", domain.name), ("domid", str(domain.domid)),
                       ("memory/target", str(domain.config.memory_mb * 1024)),
                       ("image/ostype", "linux"), ("image/kernel", domain.config.kernel),
                       ("image/cmdline", domain.config.cmdline),
                       ("control/feature-poweroff", "1"), ("control/feature-reboot", "1"),
                       ("control/feature-suspend", "1"), ("control/shutdown", "")):
        host.xenstore.write(f"{base}/{key}", value)
