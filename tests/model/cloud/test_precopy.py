"""The pre-copy loop against hand-computed cases and libxc's policy, and its properties."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.cloud import precopy
from webapp.model.cloud.state import MigrationParams


def rows(params: MigrationParams) -> list[tuple[int, int, int, bool]]:
    mig = precopy.simulate(params)
    return [(r.round, r.pages_sent, r.pages_dirtied, r.live) for r in mig.rounds]


def test_simple_precopy_policy_is_libxcs() -> None:
    assert precopy.policy(49, 1) == precopy.STOP
    assert precopy.policy(50, 1) == precopy.CONTINUE
    assert precopy.policy(-1, 4) == precopy.CONTINUE
    assert precopy.policy(-1, 5) == precopy.STOP
    assert precopy.policy(10_000, 5) == precopy.STOP
    assert precopy.policy(0, 0) == precopy.STOP


def test_a_converging_migration_by_hand() -> None:
    # 512 MiB = 131072 pages at 1 Gbit/s: 131072 × 32768 bit / 1e9 = 4.294967 s, during which
    # 5000 pages/s would dirty 21474 pages, capped at the 8192-page working set; then
    # 8192 pages take 0.268435 s → 1342; 1342 → 0.043976 s → 219; 219 → 0.007176 s → 35;
    # 35 < 50: the policy stops but that batch still goes live (0.001147 s → 5 pages).
    assert rows(MigrationParams(512)) == [
        (1, 131072, 8192, True), (2, 8192, 1342, True), (3, 1342, 219, True),
        (4, 219, 35, True), (5, 35, 5, True), (6, 5, 0, False)]
    # downtime: 5 pages × 32768 bit / 1e9 = 0.164 ms, plus the 30 ms overhead
    assert precopy.simulate(MigrationParams(512)).downtime_ms == 30.164


def test_a_migration_that_does_not_converge_stops_after_five_live_rounds() -> None:
    params = MigrationParams(512, dirty_rate=40000, wws_pages=20000)
    assert rows(params) == [(1, 131072, 20000, True)] + [
        (n, 20000, 20000, True) for n in range(2, 6)] + [(6, 20000, 0, False)]
    # 20000 pages × 32768 bit / 1e9 = 655.36 ms + 30 ms
    assert precopy.simulate(params).downtime_ms == 685.36


def test_a_tiny_guest_goes_in_one_round() -> None:
    params = MigrationParams(0, dirty_rate=1000, wws_pages=10)
    assert precopy.simulate(params).rounds[-1].live is False


def test_the_threshold_and_the_cap_are_parameters() -> None:
    assert len(rows(MigrationParams(512, max_rounds=2))) == 3
    many = rows(MigrationParams(512, stop_pages=0, max_rounds=30, dirty_rate=100))
    assert many[-1][1] == 0 or len(many) <= 31


def test_postcopy_sends_every_page_once_with_the_overhead_as_downtime() -> None:
    post = precopy.postcopy(MigrationParams(512))
    assert post["pages_sent"] == 131072 and post["downtime_ms"] == 30.0
    assert post["remote_faults"] == 8192


PARAMS = st.builds(
    MigrationParams, memory_mb=st.integers(1, 1024), dirty_rate=st.integers(0, 200_000),
    wws_pages=st.integers(0, 65536), bandwidth_mbps=st.floats(10, 40_000),
    stop_pages=st.integers(0, 5000), max_rounds=st.integers(1, 12),
    overhead_ms=st.floats(0, 500))


@settings(max_examples=120, deadline=None)
@given(PARAMS)
def test_rounds_follow_the_policy(params: MigrationParams) -> None:
    mig = precopy.simulate(params)
    live = [r for r in mig.rounds if r.live]
    assert live[0].pages_sent == mig.memory_pages  # round 1 sends every page
    for before, after in zip(mig.rounds, mig.rounds[1:], strict=False):
        assert after.pages_sent == before.pages_dirtied  # exactly the pages dirtied before
    assert len(live) <= params.max_rounds
    assert not mig.rounds[-1].live and all(r.live for r in mig.rounds[:-1])
    assert all(r.pages_dirtied <= precopy.wws_size(params) for r in mig.rounds)
    assert precopy.consistent(mig)  # the destination's memory equals the source's
    final = mig.rounds[-1].pages_sent
    assert math.isclose(mig.downtime_ms or 0,
                        round(final * 32768 / (params.bandwidth_mbps * 1e6) * 1000
                              + params.overhead_ms, 3), abs_tol=2e-3)


@settings(max_examples=60, deadline=None)
@given(PARAMS)
def test_a_live_round_before_the_cap_ends_only_under_the_threshold(params: MigrationParams
                                                                   ) -> None:
    live = [r for r in precopy.simulate(params).rounds if r.live]
    for r in live[1:-1]:
        assert r.pages_sent >= params.stop_pages
