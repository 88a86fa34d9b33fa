"""A traditional machine boots beside the domain: firmware (BIOS or UEFI) probes the hardware
and builds the e820 memory map, the bootloader loads the kernel and the initrd and hands over
``boot_params`` (the "zero page"), the kernel initialises, init starts.

This is where the BIOS information comes from on real hardware: the firmware finds it at power
on, and the bootloader passes it to the kernel. A PV domain has no firmware: Xen and the domain
builder write the equivalent into ``start_info``. On the Xen host itself (profile ``xen``), the
bootloader loads Xen and dom0's kernel and initrd as multiboot modules, and Xen builds dom0.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from webapp.model.boot.abi import MiB
from webapp.model.boot.kernel import kernel_image
from webapp.model.boot.state import E820Entry, NativeMachine, lab_of
from webapp.model.events import HARDWARE, XEN
from webapp.model.memory import DOMID_XEN
from webapp.model.operations import Context, Operation

NATIVE = "native"  # actor id of the traditional machine's kernel
GiB = 1 << 30
LOAD_PHYSICAL_ADDR = 16 * MiB  # where the decompressed kernel runs (x86-64 default)
E820_USABLE, E820_RESERVED, E820_ACPI = 1, 2, 3


def e820_map(memory_mb: int) -> list[E820Entry]:
    """The memory map a PC firmware reports: low RAM below the EBDA, the BIOS area, RAM up to
    the PCI hole (ACPI tables at its top), the local/IO APIC and flash range below 4 GiB, and
    the RAM hidden by the hole remapped above 4 GiB."""
    total = memory_mb * MiB
    low_top = min(total, 3 * GiB)
    entries = [E820Entry(0, 0x9FC00, E820_USABLE), E820Entry(0x9FC00, 0x400, E820_RESERVED),
               E820Entry(0xF0000, 0x10000, E820_RESERVED),
               E820Entry(0x100000, low_top - 0x100000 - 0x20000, E820_USABLE),
               E820Entry(low_top - 0x20000, 0x20000, E820_ACPI),
               E820Entry(0xFEC00000, 4 * GiB - 0xFEC00000, E820_RESERVED)]
    if total > low_top:
        entries.append(E820Entry(4 * GiB, total - low_top, E820_USABLE))
    return entries


def usable_mb(entries: list[E820Entry]) -> int:
    return sum(e.size for e in entries if e.kind == E820_USABLE) // MiB


def machine(ctx: Context) -> NativeMachine:
    return lab_of(ctx.world).native


def _step(ctx: Context, name: str) -> NativeMachine:
    native = machine(ctx)
    native.steps.append(name)
    return native


# -- firmware ------------------------------------------------------------------------------------


def power_on(ctx: Context, op: Operation) -> None:
    lab_of(ctx.world).native.pending = False
    native = _step(ctx, "power_on")
    ctx.emit("native.power_on", (HARDWARE, NATIVE), notable=True, firmware=native.firmware)


#: "POST of the UEFI" / "POST du BIOS": the firmware's name as French needs it.
FIRMWARE_OF = {"BIOS": "native.firmware_of.bios", "UEFI": "native.firmware_of.uefi"}


def post(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "post")
    ctx.emit("native.post", (HARDWARE, NATIVE), cpus=native.cpus, memory_mb=native.memory_mb,
             firmware=native.firmware,
             firmware_of={"key": FIRMWARE_OF.get(native.firmware, "native.firmware_of.bios")})


def probe(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "probe")
    native.devices = ["00:01.1 SATA controller (sda)", "00:03.0 Ethernet controller (eth0)",
                      "00:02.0 VGA compatible controller"]
    native.facts["acpi"] = f"RSDP, MADT ×{native.cpus} LAPIC, FADT"
    ctx.emit("native.probe", (HARDWARE, NATIVE), devices=native.devices,
             acpi=str(native.facts["acpi"]))


def build_e820(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "e820")
    native.e820 = e820_map(native.memory_mb)
    query = "GetMemoryMap()" if native.firmware == "UEFI" else "INT 15h, EAX=E820h"
    ctx.emit("native.e820", (HARDWARE, NATIVE), entries=len(native.e820),
             usable_mb=usable_mb(native.e820), query=query, firmware=native.firmware)


# -- bootloader ----------------------------------------------------------------------------------


def bootloader(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "bootloader")
    where = "ESP" if native.firmware == "UEFI" else "MBR"
    ctx.emit("native.bootloader", (NATIVE,), firmware=native.firmware, where=where)


def load_kernel(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "load_kernel")
    image = kernel_image(str(native.facts.get("kernel", "/boot/vmlinuz-6.1")))
    initrd_at = min(native.memory_mb * MiB, 3 * GiB) - 0x20000 - image.initrd_bytes
    initrd_at &= ~0xFFFFF  # GRUB puts the initrd as high as it may, 1 MiB aligned
    native.facts.update(kernel_at=0x100000, initrd_at=initrd_at, initrd_bytes=image.initrd_bytes)
    ctx.emit("native.load_kernel", (NATIVE,), kernel_at=hex(0x100000), initrd_at=hex(initrd_at),
             initrd_bytes=image.initrd_bytes)


def boot_params(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "boot_params")
    native.boot_params = {"e820_entries": len(native.e820), "cmd_line_ptr": 0x20000,
                          "ramdisk_image": int(native.facts["initrd_at"]),
                          "ramdisk_size": int(native.facts["initrd_bytes"]),
                          "code32_start": 0x100000, "cmdline": native.cmdline}
    ctx.emit("native.boot_params", (NATIVE,), entries=len(native.e820), cmdline=native.cmdline)


# -- kernel and init (Linux) ---------------------------------------------------------------------


def decompress(ctx: Context, op: Operation) -> None:
    _step(ctx, "decompress")
    ctx.emit("native.decompress", (NATIVE,), at=hex(LOAD_PHYSICAL_ADDR))


def memblock(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "memblock")
    native.facts["memblock_mb"] = usable_mb(native.e820)
    ctx.emit("native.memblock", (NATIVE,), entries=len(native.e820),
             usable_mb=usable_mb(native.e820))


def paging(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "paging")
    ctx.emit("native.paging", (NATIVE,), usable_mb=usable_mb(native.e820))


def start_kernel(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "start_kernel")
    ctx.emit("native.start_kernel", (NATIVE,), cpus=native.cpus)


def drivers(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "drivers")
    root = next((word.split("=", 1)[1] for word in native.cmdline.split()
                 if word.startswith("root=")), "/dev/sda1")
    ctx.emit("native.drivers", (NATIVE, HARDWARE), devices=len(native.devices), root=root)


def run_init(ctx: Context, op: Operation) -> None:
    _step(ctx, "init")
    ctx.emit("native.init", (NATIVE,))


def running(ctx: Context, op: Operation) -> None:
    _step(ctx, "running")
    ctx.emit("native.running", (NATIVE,), notable=True)


# -- the Xen host: the bootloader loads Xen, Xen builds dom0 ----------------------------------


def load_xen(ctx: Context, op: Operation) -> None:
    """GRUB loads ``xen.gz`` (multiboot2) with dom0's kernel and initrd as modules; the
    modules sit in machine memory until Xen has built dom0."""
    native = _step(ctx, "load_xen")
    host = ctx.world.host
    image = kernel_image(str(native.facts.get("kernel", "/boot/vmlinuz-6.1-xen")))
    kernel_pages = image.kernel_bytes // 2 // 4096  # the compressed bzImage file
    initrd_pages = -(-image.initrd_bytes // 4096)
    pieces = host.memory.take_frames(DOMID_XEN, kernel_pages + initrd_pages)
    first = pieces[0][0]
    native.facts.update(module_mfn=first, module_pages=kernel_pages,
                        initrd_mfn=first + kernel_pages, initrd_pages=initrd_pages)
    lab = lab_of(ctx.world)
    lab.recent, lab.recent_step = tuple(pieces), ctx.step
    ctx.emit("native.load_xen", (NATIVE,), kernel=image.path, initrd=image.initrd,
             module_mfn=first, initrd_mfn=first + kernel_pages, pages=kernel_pages + initrd_pages)


def multiboot(ctx: Context, op: Operation) -> None:
    native = _step(ctx, "multiboot")
    native.boot_params = {"mmap_entries": len(native.e820), "mods_count": 2,
                          "cmdline": native.cmdline}
    ctx.emit("native.multiboot", (NATIVE, XEN), entries=len(native.e820), cmdline=native.cmdline)


def xen_start(ctx: Context, op: Operation) -> None:
    """``__start_xen``: the e820 map becomes Xen's heap; the M2P table; the scheduler."""
    native = _step(ctx, "xen_start")
    ctx.emit("native.xen_start", (XEN,), notable=True, usable_mb=usable_mb(native.e820),
             cpus=native.cpus)


def xen_builds_dom0(ctx: Context, op: Operation) -> None:
    """No toolstack exists yet: Xen builds dom0 itself (``dom0_construct_pv``)."""
    native = _step(ctx, "xen_dom0")
    config = native.facts.get("dom0_config")
    ctx.emit("native.xen_dom0", (XEN,), memory_mb=int(native.facts.get("dom0_mb", 0)))
    ctx.spawn("build_dom0", None, {"config": config, "action": "boot"})


def power_off(ctx: Context, op: Operation) -> None:
    """Power off: everything the machine knew at boot is gone (it is found again next time)."""
    lab = lab_of(ctx.world)
    native = lab.native
    lab.native = NativeMachine(**{**asdict(native), "steps": [], "e820": [], "devices": [],
                                  "boot_params": {}, "facts": _kept(native.facts)})
    ctx.emit("native.power_off", (HARDWARE,), notable=True)


def _kept(facts: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in facts.items()
            if key in ("kernel", "dom0_mb", "dom0_config")}


FIRMWARE_STEPS = (power_on, post, probe, build_e820)
LINUX_STEPS = (*FIRMWARE_STEPS, bootloader, load_kernel, boot_params, decompress, memblock,
               paging, start_kernel, drivers, run_init, running)
XEN_HOST_STEPS = (*FIRMWARE_STEPS, bootloader, load_xen, multiboot, xen_start, xen_builds_dom0)

#: Each step's stage: the eight boxes of the traditional pipeline the page draws.
STAGES = {"power_on": "power", "post": "power", "probe": "probe", "e820": "e820",
          "bootloader": "bootloader", "load_kernel": "load", "load_xen": "load",
          "boot_params": "params", "multiboot": "params", "decompress": "kernel",
          "memblock": "kernel", "paging": "kernel", "start_kernel": "kernel", "drivers": "kernel",
          "xen_start": "kernel", "xen_dom0": "kernel", "init": "init", "running": "init"}
#: The last step of each recipe: the machine is up (or Xen has handed over to dom0).
FINISHED = ("running", "xen_dom0")
