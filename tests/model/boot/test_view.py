"""What the boot page reads: the snapshot section, the bucketed views, the exercises."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.boot import exercises
from webapp.model.boot.view import memory_buckets, p2m_buckets, record_for, section
from webapp.model.errors import InvalidCommand, Refused
from webapp.model.memory import p2m_lookup
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot

from ..support import shipped
from .helpers import build, domain, host_sim

HEX = re.compile(r"^0x[0-9a-f]+$")


@pytest.fixture(scope="module")
def built() -> Simulation:
    sim = host_sim(fragmentation=1.0)
    build(sim, memory_mb=256, vcpus=2, cmdline="root=/dev/xvda1 quiet")
    return sim


@settings(max_examples=60, deadline=None)
@given(first=st.integers(0, 600_000), count=st.integers(1, 600_000),
       buckets=st.integers(1, 2000))
def test_buckets_account_for_every_frame_exactly_once(first: int, count: int,
                                                      buckets: int) -> None:
    sim = host_sim(fragmentation=2.0)
    memory = sim.world.host.memory
    view = memory_buckets(memory, first, count, buckets)
    assert len(view["buckets"]) <= min(buckets, 4096)
    position = view["first"]
    for start, size, owners in view["buckets"]:
        assert start == position and sum(owners.values()) == size
        position += size
    assert position == view["first"] + view["count"] <= memory.total_frames


def test_the_whole_memory_in_buckets_matches_the_owners() -> None:
    sim = host_sim(fragmentation=2.0)
    memory = sim.world.host.memory
    totals: dict[str, int] = {}
    for _, _, owners in memory_buckets(memory, 0, memory.total_frames, 1024)["buckets"]:
        for owner, frames in owners.items():
            totals[owner] = totals.get(owner, 0) + frames
    assert totals == {"free" if o == -1 else "xen" if o == 0x7FF2 else f"d{o}": n
                      for o, n in memory.owners().items()}


def test_a_64_gib_host_is_shown_in_1024_cells_not_16_mi_entries() -> None:
    sim = Simulation(shipped("boot-big-host"), 1)
    sim.step()  # the scripted fragmentation
    memory = sim.world.host.memory
    view = memory_buckets(memory, 0, memory.total_frames, 1024)
    assert memory.total_frames == 16 << 20 and len(view["buckets"]) == 1024
    assert view["frames_per_bucket"] == 16384
    assert len(json.dumps(view)) < 200_000


def test_p2m_buckets_agree_with_the_p2m(built: Simulation) -> None:
    guest = domain(built)
    view = p2m_buckets(built.world.host, guest, 0, guest.nr_pages, 64)
    for bucket in view["buckets"]:
        for pfn, mfn, count in bucket["pieces"]:
            assert p2m_lookup(guest.p2m, pfn) == mfn
            assert p2m_lookup(guest.p2m, pfn + count - 1) == mfn + count - 1
    one = p2m_buckets(built.world.host, guest, 5, 1, 64)["buckets"]
    assert one == [{"first": 5, "count": 1, "pieces": [[5, p2m_lookup(guest.p2m, 5), 1]],
                    "more": 0, "segment": None}]
    kernel = p2m_buckets(built.world.host, guest, 0x1000, 1, 1)["buckets"][0]
    assert kernel["segment"] == "kernel"


def test_the_section_is_json_with_addresses_as_hex_strings(built: Simulation) -> None:
    boot = snapshot(built)["boot"]
    json.dumps(boot)
    guest = next(d for d in boot["domains"] if d["name"] == "g")
    assert guest["stage"] == "init" and guest["steps"][-1] == "guest:init"
    assert all(HEX.match(value) for _, value in guest["registers"])
    layout = guest["layout"]
    assert HEX.match(layout["virt_base"]) and all(HEX.match(s["vstart"])
                                                   for s in layout["segments"])
    fields = {row["field"]: row["value"] for row in guest["start_info"]}
    assert HEX.match(fields["mfn_list"]) and HEX.match(fields["pt_base"])
    assert fields["nr_pages"] == 65536 and fields["cmd_line"] == "root=/dev/xvda1 quiet"
    assert all(row["filled"] for row in guest["start_info"])
    assert all(table["filled"] for table in guest["tables"])


def test_domains_built_before_the_scenario_get_the_record_the_builder_would_make() -> None:
    sim = Simulation(shipped("lifecycle-basics"), 1)
    host = sim.world.host
    web = host.find("web")
    record = record_for(host, web)
    assert record is not None and record.did("prebuilt") and record.origin == "prebuilt"
    assert record.start_info["nr_pages"] == web.nr_pages
    dom0 = record_for(host, host.domains[0])
    assert dom0 is not None and dom0.origin == "dom0" and dom0.start_info["flags"] & 3 == 3
    assert section(sim.world)["native"]["stage"] == "off"


def test_a_failed_build_is_in_the_section_with_its_sentence() -> None:
    sim = host_sim(memory_mb=1024)
    build(sim, memory_mb=900)
    failure = section(sim.world)["failure"]
    assert failure["key"] == "create.failed_enomem"
    assert "ENOMEM" in failure["message"]["en"] and "ENOMEM" in failure["message"]["fr"]


# -- exercises -------------------------------------------------------------------------------


def test_questions_are_generated_from_the_model_and_checked_against_it(built: Simulation
                                                                       ) -> None:
    guest = domain(built)
    record = guest.boot
    asked = exercises.questions(guest, record, "7:100")
    assert [q["kind"] for q in asked] == list(exercises.KINDS)
    lookup = next(q for q in asked if q["kind"] == "p2m_lookup")
    pfn = lookup["params"]["pfn"]
    mfn = p2m_lookup(guest.p2m, pfn)
    for answer in (mfn, str(mfn), hex(mfn), hex(mfn).upper().replace("X", "x")):
        verdict = exercises.check(guest, record, "p2m_lookup", lookup["params"], answer)
        assert verdict["correct"] and verdict["expected"] == hex(mfn)
    wrong = exercises.check(guest, record, "p2m_lookup", lookup["params"], mfn + 1)
    assert not wrong["correct"] and str(mfn) in wrong["explanation"]["en"]
    assert exercises.check(guest, record, "p2m_field", {}, "mfn_list")["correct"]
    assert not exercises.check(guest, record, "p2m_field", {}, "pt_base")["correct"]
    assert exercises.check(guest, record, "pt_readonly", {}, "validate")["correct"]
    rsi = exercises.check(guest, record, "rsi", {}, "start_info")
    assert rsi["correct"] and hex(record.registers["rsi"]) in rsi["explanation"]["fr"]
    assert exercises.check(guest, record, "shared_info", {}, record.shared_info_mfn)["correct"]


def test_exercises_refuse_bad_input_and_questions_asked_too_early() -> None:
    sim = host_sim()
    sim.submit("build", None, {"name": "g", "memory_mb": 128})
    sim.step()
    guest = domain(sim)
    assert exercises.questions(guest, guest.boot, "t") == []
    with pytest.raises(Refused):
        exercises.check(guest, guest.boot, "rsi", {}, "start_info")
    with pytest.raises(InvalidCommand):
        exercises.check(guest, guest.boot, "nonsense", {}, 1)
    build_sim = host_sim()
    build(build_sim)
    done = domain(build_sim)
    with pytest.raises(InvalidCommand):
        exercises.check(done, done.boot, "p2m_lookup", {"pfn": done.nr_pages}, 1)
