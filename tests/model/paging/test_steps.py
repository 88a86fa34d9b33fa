"""micro_steps: a walk as one reference or one check per step."""

from __future__ import annotations

import dataclasses

import pytest

from webapp.model.paging import (
    Access,
    Ept,
    PhysicalMemory,
    Stage,
    StepKind,
    micro_steps,
    walk_document,
    walk_nested,
    walk_ostep,
    walk_x86_64,
)

from .tables import STANDARD_VA, Tables, four_level

KINDS = StepKind


def memory(tables: Tables) -> PhysicalMemory:
    return PhysicalMemory.of({f: tuple(t) for f, t in tables.frames.items()})


def test_a_4k_walk_is_four_reads_a_check_four_write_backs_and_the_result() -> None:
    walk = walk_x86_64(memory(four_level()), 0x1000, STANDARD_VA, Access.READ, user=False)
    steps = micro_steps(walk)
    assert [s.kind for s in steps] == [KINDS.READ_ENTRY] * 4 + [KINDS.CHECK_RIGHTS] + [
        KINDS.WRITE_BACK
    ] * 4 + [KINDS.TRANSLATED]
    assert [s.number for s in steps] == list(range(1, 11))
    assert steps[0].address == 0x1008 and steps[0].value == 0x2007
    assert steps[-1].address == 0xABCDABC
    assert "0xabcdabc" in steps[-1].text


def test_a_not_present_walk_ends_with_the_fault_and_no_check() -> None:
    tables = four_level().set(3, 3, 0)
    steps = micro_steps(walk_x86_64(memory(tables), 0x1000, STANDARD_VA, Access.WRITE, True))
    assert [s.kind for s in steps] == [KINDS.READ_ENTRY] * 3 + [KINDS.FAULT]
    assert "not_present" in steps[-1].text


def test_a_protection_fault_is_reads_then_the_check_then_the_fault() -> None:
    tables = four_level((7, 7, 7, 5))
    steps = micro_steps(walk_x86_64(memory(tables), 0x1000, STANDARD_VA, Access.WRITE, True))
    assert [s.kind for s in steps][-2:] == [KINDS.CHECK_RIGHTS, KINDS.FAULT]


def test_a_non_canonical_address_is_one_fault_step() -> None:
    steps = micro_steps(walk_x86_64(memory(four_level()), 0x1000, 1 << 47, Access.READ, False))
    assert [(s.kind, s.stage) for s in steps] == [(KINDS.FAULT, Stage.NATIVE)]


def test_steps_are_frozen() -> None:
    step = micro_steps(walk_x86_64(memory(four_level()), 0x1000, 0, Access.READ, False))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.number = 5  # type: ignore[misc]


def test_in_a_2d_walk_the_guest_check_comes_before_the_data_ept_walk() -> None:
    guest = four_level().set(4, 4, 0x10007)
    ept = Tables().set(0x100, 0, 0x101007).set(0x101, 0, 0x102007).set(0x102, 0, 0x87)
    ept_tables = Ept(0x100000, memory(ept))
    walk = walk_nested(memory(guest), 0x1000, ept_tables, STANDARD_VA, Access.READ, False)
    kinds = [s.kind for s in micro_steps(walk)]
    assert kinds.index(KINDS.CHECK_RIGHTS) == 16  # after 4 x (3 EPT + 1 guest) reads
    assert kinds[17:20] == [KINDS.READ_ENTRY] * 3  # the EPT walk of the data address
    assert kinds[-1] is KINDS.TRANSLATED


def test_an_ostep_walk_has_no_rights_check() -> None:
    memory_bytes = [0] * 4096
    memory_bytes[3 * 32] = 0x80 | 5  # PDE 0 of the directory in page 3 → PT page 5
    memory_bytes[5 * 32] = 0x80 | 9  # PTE 0 → page 9
    steps = micro_steps(walk_ostep(memory_bytes, 3, 0x4))
    assert [s.kind for s in steps] == [KINDS.READ_ENTRY] * 2 + [KINDS.TRANSLATED]
    assert steps[-1].address == 9 * 32 + 4


def test_a_document_can_be_replayed_step_by_step() -> None:
    document = {
        "paging": "x86_64",
        "root": "0x1000",
        "memory": four_level().json(),
        "va": hex(STANDARD_VA),
        "access": "read",
        "user": False,
    }
    steps = micro_steps(walk_document(document))
    assert len(steps) == 10
