"""Grant tables: v1 entries, map/unmap with pins and status bits, ending access."""

from __future__ import annotations

import pytest

from webapp.model.devices import grants
from webapp.model.devices.grants import (
    GrantTable,
    GTF_permit_access,
    GTF_reading,
    GTF_readonly,
    GTF_writing,
)
from webapp.model.errors import Refused


@pytest.fixture
def tables() -> dict[int, GrantTable]:
    return {0: GrantTable(0), 1: GrantTable(1), 2: GrantTable(2)}


def test_a_grant_is_a_v1_entry_past_the_reserved_ones(tables: dict[int, GrantTable]) -> None:
    ref = grants.grant_access(tables[1], 0, 0x1234, False, "data")
    entry = tables[1].entries[ref]
    assert ref == 8 and (entry.flags, entry.domid, entry.frame) == (GTF_permit_access, 0, 0x1234)
    assert grants.grant_access(tables[1], 0, 0x1235, True, "tx") == 9
    assert tables[1].entries[9].flags == GTF_permit_access | GTF_readonly


def test_mapping_sets_the_status_bits_and_unmapping_clears_them(
        tables: dict[int, GrantTable]) -> None:
    ref = grants.grant_access(tables[1], 0, 0x10, False, "data")
    handle = grants.map_grant(tables, 0, 1, ref, readonly=False)
    entry = tables[1].entries[ref]
    assert entry.flags == GTF_permit_access | GTF_reading | GTF_writing and entry.pins_rw == 1
    assert tables[0].maptrack[handle] == grants.Mapping(1, ref, False)
    second = grants.map_grant(tables, 0, 1, ref, readonly=True)
    grants.unmap_grant(tables, 0, handle)
    assert entry.flags == GTF_permit_access | GTF_reading, "a read-only pin remains"
    grants.unmap_grant(tables, 0, second)
    assert entry.flags == GTF_permit_access and not tables[0].maptrack


@pytest.mark.parametrize("case, key", [
    ("never", "refused.devices.grant_never"),
    ("ended", "refused.devices.grant_ended"),
    ("other", "refused.devices.grant_other_domain"),
    ("readonly", "refused.devices.grant_readonly"),
    ("range", "refused.devices.grant_bad_ref"),
    ("domain", "refused.devices.grant_bad_domain"),
])
def test_xen_refuses_a_map_that_is_not_a_right_and_changes_nothing(
        tables: dict[int, GrantTable], case: str, key: str) -> None:
    ref = grants.grant_access(tables[1], 0, 0x10, case == "readonly", "data")
    if case == "ended":
        grants.end_access(tables[1], ref)
    mapper, granter = (2 if case == "other" else 0), (7 if case == "domain" else 1)
    target = {"never": 300, "range": 9999}.get(case, ref)
    before = repr(tables)
    with pytest.raises(Refused) as refused:
        grants.map_grant(tables, mapper, granter, target, readonly=False)
    assert refused.value.key == key
    assert repr(tables) == before


def test_access_still_mapped_cannot_be_ended_but_linux_defers_it(
        tables: dict[int, GrantTable]) -> None:
    ref = grants.grant_access(tables[1], 0, 0x10, False, "data")
    handle = grants.map_grant(tables, 0, 1, ref, readonly=False)
    with pytest.raises(Refused) as refused:
        grants.end_access(tables[1], ref)
    assert refused.value.key == "refused.devices.end_in_use"
    assert not grants.try_end(tables[1], ref) and tables[1].deferred == [ref]
    grants.unmap_grant(tables, 0, handle)
    grants.end_access(tables[1], ref)
    entry = tables[1].entries[ref]
    assert entry.flags == 0 and entry.ended and entry.domid == 0 and not tables[1].deferred


def test_fresh_grants_get_fresh_numbers_and_old_ended_entries_are_forgotten(
        tables: dict[int, GrantTable]) -> None:
    refs = []
    for _ in range(12):
        ref = grants.grant_access(tables[1], 0, 0x10, False, "data")
        grants.end_access(tables[1], ref)
        refs.append(ref)
    assert refs == list(range(8, 20))
    assert sorted(tables[1].entries) == refs[-grants.RECENT_ENDED:]


def test_a_copy_needs_the_same_right_as_a_map(tables: dict[int, GrantTable]) -> None:
    ref = grants.grant_access(tables[1], 0, 0x10, True, "tx")
    assert grants.check_copy(tables, 0, 1, ref, write=False).flags & GTF_readonly
    with pytest.raises(Refused):
        grants.check_copy(tables, 0, 1, ref, write=True)
