"""Grant tables (``xen/include/public/grant_table.h``, v1 entries) and Xen's bookkeeping.

A domain (the granter) writes an entry ``{flags, domid, frame}`` to let ``domid`` map or copy
``frame``; the entry's index, the grant reference, is the capability it hands over. Xen keeps a
private *active* entry with pin counts, sets ``GTF_reading``/``GTF_writing`` while the page is
mapped, and records each mapping in the mapping domain's *maptrack* table (the handle).

Every function validates before it changes anything; a failure is a ``Refused`` naming Xen's
status code, so a refused operation leaves the tables as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from webapp.model.errors import Refused

GTF_invalid = 0
GTF_permit_access = 1
GTF_type_mask = 3
GTF_readonly = 1 << 2
GTF_reading = 1 << 3
GTF_writing = 1 << 4

#: what a granter uses an entry for: a sub-sentence ``{"key": "grant.purpose.<kind>", "data"}``
Purpose = dict[str, object]

NR_RESERVED_ENTRIES = 8  # GNTTAB_NR_RESERVED_ENTRIES: 0 console, 1 xenstore
NR_ENTRIES = 512  # one v1 frame: 4096 / 8

STATUS_BITS = ((GTF_readonly, "GTF_readonly"), (GTF_reading, "GTF_reading"),
               (GTF_writing, "GTF_writing"))


def flag_names(flags: int) -> list[str]:
    """``["GTF_permit_access", "GTF_writing"]`` for the bits set (``GTF_invalid`` if none)."""
    names = ["GTF_permit_access"] if flags & GTF_type_mask == GTF_permit_access else []
    names += [name for bit, name in STATUS_BITS if flags & bit]
    return names or ["GTF_invalid"]


@dataclass
class GrantEntry:
    """A v1 shared entry, plus Xen's active pins and what the granter uses it for."""

    flags: int = GTF_invalid
    domid: int = 0
    frame: int = 0
    purpose: Purpose | None = None  # a sub-sentence: {"key": "grant.purpose.*", "data"}
    pins_rw: int = 0  # active entry: read-write mappings
    pins_ro: int = 0  # active entry: read-only mappings
    ended: bool = False  # access was granted, then ended (the entry keeps domid and frame)

    @property
    def permitted(self) -> bool:
        return self.flags & GTF_type_mask == GTF_permit_access

    @property
    def in_use(self) -> bool:
        return bool(self.flags & (GTF_reading | GTF_writing))


@dataclass(frozen=True)
class Mapping:
    """A maptrack entry in the mapping domain: which grant it maps, and how."""

    granter: int
    ref: int
    readonly: bool


@dataclass
class GrantTable:
    """One domain's grant table (as granter) and maptrack (as mapper)."""

    domid: int
    entries: dict[int, GrantEntry] = field(default_factory=dict)
    maptrack: dict[int, Mapping] = field(default_factory=dict)
    deferred: list[int] = field(default_factory=list)  # ends Linux retries once unmapped
    next_ref: int = NR_RESERVED_ENTRIES  # where the search for a free reference starts
    recent_ended: list[int] = field(default_factory=list)  # the last ended references

    def busy(self, ref: int) -> bool:
        entry = self.entries.get(ref)
        return entry is not None and (entry.permitted or entry.in_use or ref in self.deferred)

    def free_ref(self) -> int:
        """The next free reference after the last one handed out (so a fresh grant gets a
        new number), skipping the reserved ones and those granted or in use."""
        span = NR_ENTRIES - NR_RESERVED_ENTRIES
        for step in range(span):
            ref = NR_RESERVED_ENTRIES + (self.next_ref - NR_RESERVED_ENTRIES + step) % span
            if not self.busy(ref):
                return ref
        raise Refused("refused.devices.grant_table_full", domid=self.domid, size=NR_ENTRIES)

    def free_handle(self) -> int:
        handle = 0
        while handle in self.maptrack:
            handle += 1
        return handle


Tables = dict[int, GrantTable]


def purpose(kind: str, **data: object) -> Purpose:
    """What the granter uses an entry for, as a sub-sentence the narration and the page say in
    the reader's language (``grant.purpose.<kind>``)."""
    return {"key": f"grant.purpose.{kind}", "data": data}


def grant_access(table: GrantTable, grantee: int, frame: int, readonly: bool,
                 purpose: Purpose) -> int:
    """``gnttab_grant_foreign_access``: write domid and frame, then (after a barrier) flags."""
    ref = table.free_ref()
    table.next_ref = ref + 1
    flags = GTF_permit_access | (GTF_readonly if readonly else 0)
    table.entries[ref] = GrantEntry(flags, grantee, frame, purpose)
    if ref in table.recent_ended:
        table.recent_ended.remove(ref)
    return ref


def check_map(tables: Tables, mapper: int, granter: int, ref: int, readonly: bool) -> GrantEntry:
    """What ``GNTTABOP_map_grant_ref`` checks, in Xen's order; the entry if it may be mapped."""
    table = tables.get(granter)
    if table is None:
        raise Refused("refused.devices.grant_bad_domain", mapper=mapper, granter=granter,
                      ref=ref, gntst="GNTST_bad_domain (-2)")
    if not 0 <= ref < NR_ENTRIES:
        raise Refused("refused.devices.grant_bad_ref", mapper=mapper, granter=granter, ref=ref,
                      gntst="GNTST_bad_gntref (-3)", limit=NR_ENTRIES)
    entry = table.entries.get(ref, GrantEntry())
    if not entry.permitted:
        key = "refused.devices.grant_ended" if entry.ended else "refused.devices.grant_never"
        raise Refused(key, mapper=mapper, granter=granter, ref=ref,
                      gntst="GNTST_general_error (-1)", grantee=entry.domid)
    if entry.domid != mapper:
        raise Refused("refused.devices.grant_other_domain", mapper=mapper, granter=granter,
                      ref=ref, grantee=entry.domid, gntst="GNTST_general_error (-1)")
    if entry.flags & GTF_readonly and not readonly:
        raise Refused("refused.devices.grant_readonly", mapper=mapper, granter=granter, ref=ref,
                      gntst="GNTST_general_error (-1)")
    return entry


def map_grant(tables: Tables, mapper: int, granter: int, ref: int, readonly: bool) -> int:
    """``GNTTABOP_map_grant_ref``: pin the entry, set GTF_reading/GTF_writing; the handle."""
    entry = check_map(tables, mapper, granter, ref, readonly)
    if readonly:
        entry.pins_ro += 1
    else:
        entry.pins_rw += 1
    _sync_status(entry)
    own = tables[mapper]
    handle = own.free_handle()
    own.maptrack[handle] = Mapping(granter, ref, readonly)
    return handle


def unmap_grant(tables: Tables, mapper: int, handle: int) -> Mapping:
    """``GNTTABOP_unmap_grant_ref``: drop the pin; the status bits clear at the last one."""
    own = tables[mapper]
    mapping = own.maptrack.get(handle)
    if mapping is None:
        raise Refused("refused.devices.grant_bad_handle", mapper=mapper, handle=handle,
                      gntst="GNTST_bad_handle (-4)")
    del own.maptrack[handle]
    granter = tables.get(mapping.granter)
    entry = granter.entries.get(mapping.ref) if granter else None
    if entry is not None:
        if mapping.readonly:
            entry.pins_ro = max(0, entry.pins_ro - 1)
        else:
            entry.pins_rw = max(0, entry.pins_rw - 1)
        _sync_status(entry)
    return mapping


def _sync_status(entry: GrantEntry) -> None:
    entry.flags &= ~(GTF_reading | GTF_writing)
    if entry.pins_ro or entry.pins_rw:
        entry.flags |= GTF_reading
    if entry.pins_rw:
        entry.flags |= GTF_writing


def check_end(table: GrantTable, ref: int) -> GrantEntry:
    """What the granter's ``gnttab_end_foreign_access_ref`` checks; the entry if it may end."""
    entry = table.entries.get(ref)
    if entry is None or not entry.permitted:
        raise Refused("refused.devices.end_not_granted", domid=table.domid, ref=ref,
                      ended=bool(entry and entry.ended))
    if entry.in_use:
        raise Refused("refused.devices.end_in_use", domid=table.domid, ref=ref,
                      grantee=entry.domid, flags=flag_names(entry.flags),
                      pins=entry.pins_ro + entry.pins_rw)
    return entry


def end_access(table: GrantTable, ref: int) -> None:
    """Compare-and-swap the flags to 0 (the entry keeps its domid and frame)."""
    entry = check_end(table, ref)
    entry.flags = GTF_invalid
    entry.ended = True
    if ref in table.deferred:
        table.deferred.remove(ref)
    _remember_ended(table, ref)


RECENT_ENDED = 8


def _remember_ended(table: GrantTable, ref: int) -> None:
    """Keep the last few ended entries (flags 0, domid and frame kept); forget older ones."""
    if ref in table.recent_ended:
        table.recent_ended.remove(ref)
    table.recent_ended.append(ref)
    while len(table.recent_ended) > RECENT_ENDED:
        old = table.recent_ended.pop(0)
        if old in table.entries and not table.busy(old):
            del table.entries[old]


def try_end(table: GrantTable, ref: int) -> bool:
    """Linux's ``gnttab_end_foreign_access``: end now, or defer while the grantee still maps
    the page (a later retry ends it); whether it ended now."""
    entry = table.entries.get(ref)
    if entry is None or not entry.permitted:
        return True
    if entry.in_use:
        if ref not in table.deferred:
            table.deferred.append(ref)
        return False
    end_access(table, ref)
    return True


def check_copy(tables: Tables, caller: int, granter: int, ref: int, write: bool) -> GrantEntry:
    """``GNTTABOP_copy`` with a grant reference on one side: the same checks as a map."""
    return check_map(tables, caller, granter, ref, readonly=not write)
