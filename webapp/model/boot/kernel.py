"""The kernel images the domain builder loads: what ``xc_dom_parse_image`` reads from the ELF
file and its Xen notes (virtualization-facts.md §1.9).

A model assumption, stated to the learner: every kernel path names the same modelled Linux PV
kernel (a 20 MiB loaded image linked at ``0xffffffff80000000`` with its first byte 16 MiB in)
and its initrd; only the file names change, and one thing: whether the kernel declares the two
notes that change the boot layout (errata 4; LNX: arch/x86/xen/xen-head.S).

- Today's x86-64 Linux declares ``XEN_ELFNOTE_MOD_START_PFN = 1`` and ``XEN_ELFNOTE_INIT_P2M``
  = 512 GiB: the builder loads the initrd after the mapped region and passes ``mod_start`` as a
  PFN (``SIF_MOD_START_PFN``), and maps the P2M list at ``p2m_base``, outside the region.
- ``LEGACY_KERNEL`` names a kernel without those notes (as older kernels): the initrd and the
  P2M list lie inside the start-of-day region (§1.6 b, c), so the learner can compare.
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.model.boot.abi import MiB

DEFAULT_KERNEL = "/boot/vmlinuz-6.1-xen"
LEGACY_KERNEL = "/boot/vmlinuz-legacy-xen"
#: ``XEN_ELFNOTE_INIT_P2M``: ``PUD_SIZE * PTRS_PER_PUD``, a 512 GiB-aligned address.
P2M_BASE = 512 << 30


@dataclass(frozen=True)
class KernelImage:
    """One kernel ELF file and the Xen ELF notes the builder reads from it."""

    path: str
    initrd: str
    virt_base: int = 0xFFFF_FFFF_8000_0000  # XEN_ELFNOTE_VIRT_BASE (__START_KERNEL_map)
    kernel_offset: int = 16 * MiB  # first PT_LOAD: virt_kstart - virt_base (LOAD_PHYSICAL_ADDR)
    kernel_bytes: int = 20 * MiB  # text, data and bss as loaded
    entry: int = 0xFFFF_FFFF_8235_E1C0  # XEN_ELFNOTE_ENTRY: startup_xen
    hypercall_page: int = 0xFFFF_FFFF_8100_1000  # XEN_ELFNOTE_HYPERCALL_PAGE
    initrd_bytes: int = 7_654_321  # the initrd file (mod_len is in bytes)
    guest_os: str = "linux"  # XEN_ELFNOTE_GUEST_OS
    xen_version: str = "xen-3.0"  # XEN_ELFNOTE_XEN_VERSION
    loader: str = "generic"  # XEN_ELFNOTE_LOADER
    features: str = "!writable_page_tables|pae_pgdir_above_4gb"  # XEN_ELFNOTE_FEATURES
    mod_start_pfn: bool = True  # XEN_ELFNOTE_MOD_START_PFN: may take mod_start as a PFN
    init_p2m: int | None = P2M_BASE  # XEN_ELFNOTE_INIT_P2M: where to map the P2M list
    pae: bool = True  # XEN_ELFNOTE_PAE_MODE "yes" (dom0's magic gets its "p")

    @property
    def modern(self) -> bool:
        """Both notes: initrd after the region, P2M list at ``p2m_base``."""
        return self.mod_start_pfn and self.init_p2m is not None

    @property
    def virt_kstart(self) -> int:
        return self.virt_base + self.kernel_offset

    def notes(self) -> dict[str, int | str]:
        """The notes as the builder logs them (names from elfnote.h)."""
        return {"XEN_ELFNOTE_ENTRY": self.entry, "XEN_ELFNOTE_VIRT_BASE": self.virt_base,
                "XEN_ELFNOTE_HYPERCALL_PAGE": self.hypercall_page,
                "XEN_ELFNOTE_GUEST_OS": self.guest_os,
                "XEN_ELFNOTE_XEN_VERSION": self.xen_version,
                "XEN_ELFNOTE_LOADER": self.loader, "XEN_ELFNOTE_FEATURES": self.features,
                "XEN_ELFNOTE_PAE_MODE": "yes" if self.pae else "no",
                **({"XEN_ELFNOTE_MOD_START_PFN": 1} if self.mod_start_pfn else {}),
                **({"XEN_ELFNOTE_INIT_P2M": self.init_p2m} if self.init_p2m else {})}


def kernel_image(path: str) -> KernelImage:
    """The modelled image for ``path`` (its initrd is named after it); a path with "legacy"
    in it names a kernel without the MOD_START_PFN and INIT_P2M notes."""
    version = path.rsplit("vmlinuz-", 1)[-1] if "vmlinuz-" in path else "6.1-xen"
    if "legacy" in path:
        return KernelImage(path=path, initrd=f"/boot/initrd.img-{version}",
                           mod_start_pfn=False, init_p2m=None)
    return KernelImage(path=path, initrd=f"/boot/initrd.img-{version}")
