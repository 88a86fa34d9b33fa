"""Importing this module registers the boot lab: its recipes, actions, scenario setup,
snapshot section and narration."""

from __future__ import annotations

import random
from dataclasses import asdict
from typing import Any

from webapp.model import extensions, narration
from webapp.model.boot import actions, view
from webapp.model.boot.builder import BUILDER_STEPS
from webapp.model.boot.dom0 import DOM0_STEPS, dom0_chunk
from webapp.model.boot.guest import GUEST_STEPS, guest_init
from webapp.model.boot.kernel import DEFAULT_KERNEL, kernel_image
from webapp.model.boot.layout import plan
from webapp.model.boot.native import LINUX_STEPS, XEN_HOST_STEPS, power_off
from webapp.model.boot.state import BootLab, NativeMachine
from webapp.model.errors import ScenarioError
from webapp.model.host import World
from webapp.model.memory import frames_for_mb
from webapp.model.narration.boot import EXERCISES, TEMPLATES
from webapp.model.operations import recipe
from webapp.model.scenario import Scenario
from webapp.model.xenstore import home

FIRMWARES = ("BIOS", "UEFI")

#: ``xl create`` with every micro-step, then the guest kernel's first steps.
BUILD_RECIPE = (*BUILDER_STEPS, *GUEST_STEPS, guest_init)


def setup(world: World, scenario: Scenario, rng: random.Random) -> None:
    """``extra.native`` describes the traditional machine; ``extra.dom0_boot`` starts the
    scenario before dom0 exists (the host powers on, Xen builds dom0)."""
    extra = scenario.extra
    native = _native(extra.get("native") or {})
    if extra.get("dom0_boot"):
        native = _xen_host(world, scenario, native)
    world.labs["boot"] = BootLab(native=native)


def _native(doc: dict[str, Any]) -> NativeMachine:
    unknown = sorted(set(doc) - {"firmware", "memory_mb", "cpus", "cmdline", "kernel"})
    if unknown:
        raise ScenarioError("scenario.bad_field", field=f"extra.native.{unknown[0]}",
                            problem="unknown")
    firmware = str(doc.get("firmware", "BIOS"))
    memory_mb, cpus = doc.get("memory_mb", 1024), doc.get("cpus", 2)
    if firmware not in FIRMWARES:
        raise ScenarioError("scenario.bad_field", field="extra.native.firmware",
                            problem="BIOS or UEFI")
    if not isinstance(memory_mb, int) or not 64 <= memory_mb <= 1 << 20:
        raise ScenarioError("scenario.bad_field", field="extra.native.memory_mb",
                            problem="an integer 64–1048576")
    if not isinstance(cpus, int) or not 1 <= cpus <= 64:
        raise ScenarioError("scenario.bad_field", field="extra.native.cpus", problem="1–64")
    return NativeMachine(firmware=firmware, memory_mb=memory_mb, cpus=cpus,
                         cmdline=str(doc.get("cmdline", "root=/dev/sda1 ro quiet")),
                         facts={"kernel": str(doc.get("kernel", "/boot/vmlinuz-6.1"))})


def _xen_host(world: World, scenario: Scenario, native: NativeMachine) -> NativeMachine:
    """The host before dom0 exists: dom0's frames and nodes are not there yet."""
    host, spec = world.host, scenario.hosts[0]
    dom0 = host.domains.pop(0)
    host.memory.release(0)
    host.xenstore.remove(home(0))
    image = kernel_image(dom0.config.kernel)
    pages = frames_for_mb(dom0.config.memory_mb)
    needed = pages + dom0_chunk(plan(image, pages, dom0=True).region_pages) + (
        image.kernel_bytes + image.initrd_bytes) // 4096
    if needed > host.memory.free_frames():  # Xen would panic: no host to show
        raise ScenarioError("scenario.bad_field", field="dom0.memory_mb",
                            problem="dom0 does not fit on the host")
    return NativeMachine(profile="xen", firmware=native.firmware, memory_mb=spec.memory_mb,
                         cpus=len(host.pcpus),
                         cmdline=f"dom0_mem={dom0.config.memory_mb}M console=vga",
                         facts={"kernel": dom0.config.kernel or DEFAULT_KERNEL,
                                "dom0_config": asdict(dom0.config),
                                "dom0_mb": dom0.config.memory_mb})


recipe("build", *BUILD_RECIPE)
recipe("build_dom0", *DOM0_STEPS)
recipe("native_boot", *LINUX_STEPS)
recipe("native_boot_xen", *XEN_HOST_STEPS)
recipe("native_off", power_off)
recipe("fragment", actions.scatter)
actions.register()
extensions.setup("boot", setup)
extensions.section("boot", view.section)
narration.register(TEMPLATES)
narration.register(EXERCISES)
