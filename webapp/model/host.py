"""The world a simulation runs: hosts (each with Xen, physical CPUs, memory, domains, xenstore)
and the saved images on the shared storage.

Several hosts are allowed from the start (the cloud lab migrates domains between them); the
single-host labs use ``world.hosts[0]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from webapp.model.domain import Domain, DomainConfig
from webapp.model.memory import MachineMemory
from webapp.model.xenstore import Xenstore


@dataclass
class PhysicalCpu:
    """One physical CPU and the vCPU it runs now (``(domid, vcpu_id)``), if any."""

    pcpu_id: int
    current: tuple[int, int] | None = None


@dataclass
class SavedImage:
    """A file written by ``xl save``: the xl header, the config, and the libxc stream."""

    name: str
    config: DomainConfig
    nr_pages: int
    from_domid: int
    records: list[str] = field(default_factory=list)
    pages_written: int = 0
    complete: bool = False


@dataclass
class Host:
    """One physical machine running Xen."""

    name: str
    pcpus: list[PhysicalCpu]
    memory: MachineMemory
    domains: dict[int, Domain] = field(default_factory=dict)
    xenstore: Xenstore = field(default_factory=Xenstore)
    next_domid: int = 1
    next_port: int = 1
    run_order: list[tuple[int, int]] = field(default_factory=list)  # scheduler's run queue

    def find(self, target: Any) -> Domain | None:
        """The live domain named ``target`` or with domid ``target`` (int or digit string).

        A name wins over a domid, as ``xl`` resolves a name first."""
        if target is None or isinstance(target, bool):
            return None
        for domain in self.domains.values():
            if domain.name == target:
                return domain
        for domain in self.domains.values():
            if str(domain.domid) == str(target):
                return domain
        return None

    def allocate_domid(self) -> int:
        domid = self.next_domid
        self.next_domid += 1
        return domid

    def allocate_port(self) -> int:
        port = self.next_port
        self.next_port += 1
        return port


@dataclass
class World:
    """Everything a simulation changes."""

    hosts: list[Host]
    images: dict[str, SavedImage] = field(default_factory=dict)
    labs: dict[str, Any] = field(default_factory=dict)  # each lab's own state, by lab id

    @property
    def host(self) -> Host:
        """The host of the single-host labs."""
        return self.hosts[0]
