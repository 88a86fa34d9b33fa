"""The kernel images the domain builder loads: what ``xc_dom_parse_image`` reads from the ELF
file and its Xen notes (virtualization-facts.md §1.9).

A model assumption, stated to the learner: every kernel path names the same modelled Linux PV
kernel (a 20 MiB loaded image linked at ``0xffffffff80000000`` with its first byte 16 MiB in)
and its initrd; only the file names change. It does not ask for ``XEN_ELFNOTE_INIT_P2M``, so
the builder puts the P2M list inside the start-of-day region (§1.6 c).
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.model.boot.abi import MiB

DEFAULT_KERNEL = "/boot/vmlinuz-6.1-xen"


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

    @property
    def virt_kstart(self) -> int:
        return self.virt_base + self.kernel_offset

    def notes(self) -> dict[str, int | str]:
        """The notes as the builder logs them (names from elfnote.h)."""
        return {"XEN_ELFNOTE_ENTRY": self.entry, "XEN_ELFNOTE_VIRT_BASE": self.virt_base,
                "XEN_ELFNOTE_HYPERCALL_PAGE": self.hypercall_page,
                "XEN_ELFNOTE_GUEST_OS": self.guest_os,
                "XEN_ELFNOTE_XEN_VERSION": self.xen_version,
                "XEN_ELFNOTE_LOADER": self.loader, "XEN_ELFNOTE_FEATURES": self.features}


def kernel_image(path: str) -> KernelImage:
    """The modelled image for ``path`` (its initrd is named after it)."""
    version = path.rsplit("vmlinuz-", 1)[-1] if "vmlinuz-" in path else "6.1-xen"
    return KernelImage(path=path, initrd=f"/boot/initrd.img-{version}")
