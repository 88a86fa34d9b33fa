"""Xen ABI values the boot lab uses (virtualization-facts.md §1; xen.h, xen-x86_64.h, elfnote.h).

Sizes marked [C] were computed by compiling the public headers on x86-64.
"""

from __future__ import annotations

PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
MiB = 1 << 20

#: ``struct start_info``: ``sizeof`` on x86-64 [C] and the command-line buffer.
START_INFO_SIZE = 1168
MAX_GUEST_CMDLINE = 1024
#: ``sizeof(struct dom0_vga_console_info)`` with the 4.13+ fields [C] (dom0's console info
#: follows start_info in the same page: ``info_off = sizeof(struct start_info)``).
DOM0_VGA_CONSOLE_INFO_SIZE = 40

#: ``SIF_*`` flags of ``start_info.flags``.
SIF_PRIVILEGED = 1 << 0
SIF_INITDOMAIN = 1 << 1
SIF_MULTIBOOT_MOD = 1 << 2
SIF_MOD_START_PFN = 1 << 3
SIF_VIRT_P2M_4TOOLS = 1 << 4
#: ``SIF_PM_MASK`` holds Xen's ``xen_processor_pmbits`` (default ``XEN_PROCESSOR_PM_PX`` = 2,
#: platform.h; xen/common/domain.c), which ``dom0_construct_pv`` puts in dom0's flags.
XEN_PROCESSOR_PM_PX = 2
SIF_PM_PX = XEN_PROCESSOR_PM_PX << 8
SIF_NAMES = ((SIF_PRIVILEGED, "SIF_PRIVILEGED"), (SIF_INITDOMAIN, "SIF_INITDOMAIN"),
             (SIF_MULTIBOOT_MOD, "SIF_MULTIBOOT_MOD"), (SIF_MOD_START_PFN, "SIF_MOD_START_PFN"),
             (SIF_VIRT_P2M_4TOOLS, "SIF_VIRT_P2M_4TOOLS"),
             (SIF_PM_PX, "XEN_PROCESSOR_PM_PX << 8 (SIF_PM_MASK)"))

#: Guest type string libxc writes to ``start_info.magic`` for a 64-bit PV domU, and the one
#: Xen writes for dom0: ``"xen-3.0-x86_%d%s"`` with "p" when the kernel's PAE_MODE note says
#: yes (xen/arch/x86/pv/dom0_build.c), as Linux's does.
GUEST_TYPE = "xen-3.0-x86_64"
DOM0_GUEST_TYPE = "xen-3.0-x86_64p"

#: Flat 64-bit selectors (xen-x86_64.h) and the initial vCPU flags (§1.7).
FLAT_KERNEL_CS64 = 0xE033
FLAT_KERNEL_DS64 = 0x0
FLAT_KERNEL_SS64 = 0xE02B
RFLAGS_IF = 1 << 9
VGCF_FLAGS = ("VGCF_in_kernel", "VGCF_online")
X86_DR6_DEFAULT = 0xFFFF0FF0
X86_DR7_DEFAULT = 0x00000400

#: Legacy vCPU slots in ``shared_info`` (every ``evtchn_upcall_mask`` is set to 1 at build).
XEN_LEGACY_MAX_VCPUS = 32
#: Hypercall stubs in the hypercall page are 32 bytes apart.
HYPERCALL_STUB_BYTES = 32

#: ``mmuext_op`` commands used at boot.
MMUEXT_PIN_L4_TABLE = 3
MMUEXT_UNPIN_TABLE = 4

#: Reserved grant references seeded by ``xc_dom_gnttab_init``.
GNTTAB_RESERVED_CONSOLE = 0
GNTTAB_RESERVED_XENSTORE = 1

#: ``CALLBACKTYPE_*`` a Linux PV guest registers (callback.h).
CALLBACKS = (("CALLBACKTYPE_event", 0), ("CALLBACKTYPE_failsafe", 1),
             ("CALLBACKTYPE_syscall", 2))

#: Paging: 9 bits per level, 512 entries per table.
LEVEL_BITS = 9
ENTRIES = 1 << LEVEL_BITS
#: The start-of-day region ends on a 4 MiB boundary and keeps at least 512 KiB of padding.
REGION_ALIGN = 4 * MiB
PADDING = 512 * 1024

#: The P2M list has one 8-byte entry per pseudo-physical frame.
P2M_ENTRY_BYTES = 8


def pages_for(size: int) -> int:
    """4 KiB pages needed for ``size`` bytes."""
    return -(-size // PAGE_SIZE)


def flag_names(flags: int) -> list[str]:
    """The ``SIF_*`` names set in ``flags``."""
    return [name for bit, name in SIF_NAMES if flags & bit]
