"""The two OSTEP homework page tables (Arpaci-Dusseau, *Operating Systems: Three Easy
Pieces*, chapters 18 and 20), with the semantics of their simulators.

``paging-multilevel-translate.py``: 32-byte pages, 128 physical pages (4 KiB), 15-bit
virtual addresses split as PDE index = VA[14:10], PTE index = VA[9:5], offset = VA[4:0].
The PDBR is the page number of the page directory. A PDE or PTE is one byte:
``valid (bit 7) | 7-bit PFN``. PDE address = PDBR·32 + PDE index; PTE address =
PDE.PFN·32 + PTE index; PA = PTE.PFN·32 + offset, and the value is the byte at PA.
A clear valid bit in the PDE or the PTE is a fault at that level.

``paging-linear-translate.py``: one linear page table of ``address_space / page_size``
32-bit entries, ``valid (bit 31) | PFN``; VPN = VA / page_size, PA = PFN·page_size +
offset; an entry with a clear valid bit is an invalid address. The page table has no
base register in that simulator, so a reference's ``entry_address`` is its byte offset in
the table (4-byte entries).
"""

from __future__ import annotations

from collections.abc import Sequence

from webapp.model.paging.errors import PagingDocumentError
from webapp.model.paging.results import (
    InvalidEntry,
    Level,
    Reference,
    SimpleTranslation,
    Walk,
)

OSTEP_PAGE_SIZE = 32
OSTEP_PAGES = 128
OSTEP_VA_BITS = 15
OSTEP_VALID = 0x80
LINEAR_VALID = 0x8000_0000
LINEAR_ENTRY_BYTES = 4


def ostep_entry_address(page: int, index: int) -> int:
    """The byte address of entry ``index`` of the table held in ``page``."""
    return page * OSTEP_PAGE_SIZE + index


def walk_ostep(memory: Sequence[int], pdbr: int, va: int) -> Walk:
    """Translate ``va`` like ``paging-multilevel-translate.py -c`` does.

    ``memory`` is the flat list of the 4096 bytes of physical memory.
    """
    vpn = va >> 5
    pde_address = ostep_entry_address(pdbr, (va >> 10) & 0x1F)
    pde = Reference(Level.PD, pde_address, memory[pde_address])
    if not pde.entry & OSTEP_VALID:
        return Walk((pde,), InvalidEntry(Level.PD, vpn))
    pte_address = ostep_entry_address(pde.entry & 0x7F, vpn & 0x1F)
    pte = Reference(Level.PT, pte_address, memory[pte_address])
    if not pte.entry & OSTEP_VALID:
        return Walk((pde, pte), InvalidEntry(Level.PT, vpn))
    pa = (pte.entry & 0x7F) * OSTEP_PAGE_SIZE + (va & 0x1F)
    return Walk((pde, pte), SimpleTranslation(pa, memory[pa]))


def walk_linear(page_table: Sequence[int], page_size: int, va: int) -> Walk:
    """Translate ``va`` like ``paging-linear-translate.py -c`` does."""
    vpn, offset = divmod(va, page_size)
    if vpn >= len(page_table):
        raise PagingDocumentError(f"address {va:#x} is beyond the address space")
    ref = Reference(Level.PT, vpn * LINEAR_ENTRY_BYTES, page_table[vpn])
    if not ref.entry & LINEAR_VALID:
        return Walk((ref,), InvalidEntry(Level.PT, vpn))
    pfn = ref.entry & (LINEAR_VALID - 1)
    return Walk((ref,), SimpleTranslation(pfn * page_size + offset))
