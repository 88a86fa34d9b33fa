"""Effective access rights and the protection check (Intel SDM Vol. 3A §4.6, §4.7).

Rights combine over every entry used by the walk, the leaf included:

* R/W (bit 1) and U/S (bit 2) are ANDed: one entry with the bit clear withholds the right;
* XD/NX (bit 63) is ORed, and counts only when IA32_EFER.NXE = 1.

The order in which a protection fault is *named* (the error code does not depend on it,
SDM §4.7) is fixed here and documented in ``protection_violation``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from webapp.model.paging.results import Access, Violation

P_BIT = 1 << 0
RW_BIT = 1 << 1
US_BIT = 1 << 2
ACCESSED_BIT = 1 << 5
DIRTY_BIT = 1 << 6
PS_BIT = 1 << 7
NX_BIT = 1 << 63

ERROR_P = 1 << 0
ERROR_WR = 1 << 1
ERROR_US = 1 << 2
ERROR_RSVD = 1 << 3
ERROR_ID = 1 << 4


@dataclass(frozen=True)
class CpuConfig:
    """Control bits that change the walk.

    ``wp`` is CR0.WP, ``nxe`` is IA32_EFER.NXE, ``smep``/``smap`` are CR4.SMEP/SMAP
    (EFLAGS.AC is taken as 0, so SMAP applies to every supervisor data access), ``pse``
    is CR4.PSE (32-bit paging only), ``maxphyaddr`` is MAXPHYADDR (x86-64 only).
    """

    wp: bool = True
    nxe: bool = True
    smep: bool = False
    smap: bool = False
    pse: bool = True
    maxphyaddr: int = 52


#: The defaults of the translate API: CR0.WP = 1, EFER.NXE = 1, no SMEP/SMAP.
DEFAULT_CPU = CpuConfig()


@dataclass(frozen=True)
class Rights:
    """The rights a whole walk grants: AND of R/W and U/S, OR of NX."""

    writable: bool
    user: bool
    no_execute: bool


def effective_rights(entries: Iterable[int], nxe: bool) -> Rights:
    """Combine the rights of every entry used by a walk (SDM §4.6)."""
    values = tuple(entries)
    return Rights(
        writable=all(e & RW_BIT for e in values),
        user=all(e & US_BIT for e in values),
        no_execute=nxe and any(e & NX_BIT for e in values),
    )


def protection_violation(
    rights: Rights, access: Access, user: bool, cpu: CpuConfig
) -> Violation | None:
    """The rule an access breaks, or None. Checked in this order (SDM §4.6.1):

    1. a user access (CPL 3) needs U/S = 1 at every level, else ``user_supervisor``;
    2. a write needs effective R/W = 1 when it is a user write, or a supervisor write
       with CR0.WP = 1, else ``read_only``;
    3. a fetch needs effective NX = 0 (when EFER.NXE = 1), else ``no_execute``;
    4. with CR4.SMEP, a supervisor fetch from a user page is refused: ``smep``;
    5. with CR4.SMAP, a supervisor data access to a user page is refused: ``smap``.
    """
    if user and not rights.user:
        return Violation.USER_SUPERVISOR
    if access is Access.WRITE and not rights.writable and (user or cpu.wp):
        return Violation.READ_ONLY
    if access is Access.EXEC and rights.no_execute:
        return Violation.NO_EXECUTE
    return _supervisor_violation(rights, access, user, cpu)


def _supervisor_violation(
    rights: Rights, access: Access, user: bool, cpu: CpuConfig
) -> Violation | None:
    if user or not rights.user:
        return None
    if access is Access.EXEC:
        return Violation.SMEP if cpu.smep else None
    return Violation.SMAP if cpu.smap else None


def error_code(
    access: Access,
    user: bool,
    cpu: CpuConfig,
    *,
    present: bool,
    reserved: bool = False,
    pae: bool = True,
) -> int:
    """The #PF error code (SDM §4.7): P, W/R, U/S, RSVD and I/D.

    I/D is set for a fetch only when SMEP is on, or NXE is on with PAE/4-level paging.
    """
    code = ERROR_P if present or reserved else 0
    code |= ERROR_WR if access is Access.WRITE else 0
    code |= ERROR_US if user else 0
    code |= ERROR_RSVD if reserved else 0
    fetch_reported = cpu.smep or (pae and cpu.nxe)
    return code | (ERROR_ID if access is Access.EXEC and fetch_reported else 0)
