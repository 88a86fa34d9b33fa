"""Invariants of the boot model, whatever the memory size, the fragmentation, the command line
and the order of actions (hypothesis):

- every PFN 0..nr_pages-1 maps to exactly one machine frame, owned by the domain;
- m2p[p2m[pfn]] == pfn;
- no machine frame has two owners, none is in two P2Ms;
- a domain's frames are free again after destroy;
- start_info agrees with the start-of-day layout;
- a build that fails (ENOMEM, or a region that does not fit) leaves nothing allocated.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.domain import Domain
from webapp.model.errors import ModelError
from webapp.model.host import Host
from webapp.model.memory import p2m_lookup
from webapp.model.snapshot import snapshot

from ..support import check_invariants
from .helpers import host_sim, m2p, m2p_lookup, owned_by, run_to_end

SETTINGS = settings(max_examples=40, deadline=None)


def check_p2m(host: Host, domain: Domain, rng: random.Random) -> None:
    """Every PFN maps to one machine frame of the domain, and the M2P maps it back."""
    memory, table = host.memory, m2p(host)
    pfn = 0
    for run in domain.p2m:
        assert run.pfn == pfn, "the PFNs are contiguous from 0"
        assert owned_by(memory, run.mfn, run.count) == {domain.domid}
        pfn += run.count
    assert pfn == domain.nr_pages == memory.frames_of(domain.domid)
    probes = {0, domain.nr_pages - 1, *(run.pfn for run in domain.p2m),
              *(rng.randrange(domain.nr_pages) for _ in range(50))}
    for probe in probes:
        assert m2p_lookup(table, p2m_lookup(domain.p2m, probe)) == (domain.domid, probe)


def check_start_info(domain: Domain) -> None:
    """The fields filled so far agree with the layout and the P2M."""
    record = domain.boot
    if record is None or record.layout is None:
        return
    info, layout = record.start_info, record.layout
    seg = {s.name: s for s in layout.segments}
    expected = {"nr_pages": lambda: domain.config.memory_mb * 256,
                "pt_base": lambda: seg["pagetables"].vstart,
                "nr_pt_frames": lambda: layout.nr_pt_frames, "mfn_list": lambda: seg["p2m"].vstart,
                "cmd_line": lambda: domain.config.cmdline[:1023],
                "shared_info": lambda: (record.shared_info_mfn or 0) << 12}
    if "initrd" in seg:  # a PFN when the initrd is not mapped (SIF_MOD_START_PFN)
        initrd = seg["initrd"]
        expected["mod_start"] = lambda: initrd.pfn if initrd.where == "unmapped" else (
            initrd.vstart)
    if "xenstore" in seg:
        expected["store_mfn"] = lambda: p2m_lookup(domain.p2m, seg["xenstore"].pfn)
        expected["console.domU.mfn"] = lambda: p2m_lookup(domain.p2m, seg["console"].pfn)
    for field, value in expected.items():
        if field in info:
            assert info[field] == value(), field
    if record.registers:
        assert record.registers["rsi"] == seg["start_info"].vstart
        assert record.registers["cr3"] >> 12 == p2m_lookup(domain.p2m, seg["pagetables"].pfn)


configs = st.fixed_dictionaries({
    "memory_mb": st.sampled_from((16, 32, 44, 48, 64, 100, 256, 640, 1500, 2000)),
    "vcpus": st.integers(1, 3),
    "cmdline": st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
})


@SETTINGS
@given(config=configs, scatter=st.integers(0, 80), action=st.sampled_from(("build", "create")),
       seed=st.integers(0, 10_000))
def test_a_build_keeps_every_invariant_or_leaves_nothing(config: dict[str, Any], scatter: int,
                                                         action: str, seed: int) -> None:
    sim = host_sim(memory_mb=2048)
    if scatter:
        sim.submit("fragment", None, {"allocations": scatter})
    runs = list(sim.world.host.memory.runs)
    sim.submit(action, None, {"name": "g", **config})
    while sim.busy():
        sim.step()
        check_invariants(sim)
        for domain in sim.world.host.domains.values():
            check_start_info(domain)
    built = sim.world.host.find("g")
    if built is None:  # ENOMEM, or a region that does not fit: nothing left allocated
        assert sim.world.host.memory.runs == runs
        assert sim.world.labs["boot"].failure["domain"] == "g"
        return
    check_p2m(sim.world.host, built, random.Random(seed))
    check_start_info(built)
    sim.submit("destroy", "g")
    run_to_end(sim)
    assert sim.world.host.memory.runs == runs, "its frames are free again"


Move = tuple[Any, ...]
moves = st.lists(st.one_of(
    st.tuples(st.just("step"), st.integers(1, 30)),
    st.tuples(st.just("act"), st.sampled_from(("build", "boot_both", "create")),
              st.fixed_dictionaries({"name": st.sampled_from(("a", "b")),
                                     "memory_mb": st.sampled_from((48, 64, 300, 1200))})),
    st.tuples(st.just("act"), st.sampled_from(("power_on", "power_off")), st.just({})),
    st.tuples(st.just("act"), st.just("fragment"), st.fixed_dictionaries(
        {"allocations": st.integers(1, 40)})),
    st.tuples(st.just("act"), st.just("destroy"), st.sampled_from(("a", "b"))),
), max_size=25)


@SETTINGS
@given(script=moves, seed=st.integers(0, 1000))
def test_any_sequence_of_boot_actions_keeps_the_world_consistent(script: list[Move],
                                                                 seed: int) -> None:
    sim = host_sim(memory_mb=3072, fragmentation=0.5)
    rng = random.Random(seed)
    for move in script:
        if move[0] == "step":
            for _ in range(move[1]):
                sim.step()
                check_invariants(sim)
            continue
        action = move[1]
        target = move[2] if action == "destroy" else None
        args = {} if action == "destroy" else dict(move[2])
        before, blob = snapshot(sim), sim.checkpoint()
        try:
            sim.submit(action, target, args)
        except ModelError:
            assert (snapshot(sim), sim.checkpoint()) == (before, blob), "a refusal changes nothing"
            continue
        check_invariants(sim)
    run_to_end(sim, limit=2000)
    check_invariants(sim)
    m2p(sim.world.host)  # no machine frame in two P2Ms
    for domain in sim.world.host.domains.values():
        if domain.creation_finished:
            check_p2m(sim.world.host, domain, rng)
            check_start_info(domain)
