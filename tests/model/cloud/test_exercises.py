"""The cloud exercises: what the question shows leads to the answer the model grades right,
worked out here independently (the pre-copy loop by hand, the bills line by line)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model import exercises

SEEDS = st.integers(0, 2**31 - 1)
SETTINGS = settings(max_examples=20, deadline=None)


def by_hand(data: dict[str, float]) -> tuple[int, str, float]:
    """Live rounds, why they stop and the downtime (ms) of libxc's loop on these parameters:
    round 1 sends every page; a later round sends what the round before dirtied; stop after
    sending fewer than ``stop_pages`` or after ``max_rounds`` rounds; a pass with nothing
    dirty sends nothing and is no round."""
    pages, wws = int(data["pages"]), min(int(data["wws_pages"]), int(data["pages"]))
    seconds = lambda n: n * 4096 * 8 / (data["bandwidth_mbps"] * 1e6)  # noqa: E731
    dirty, rounds, passes = pages, 0, 0
    while True:
        passes += 1
        rounds += dirty > 0
        sent, below = dirty, dirty < data["stop_pages"] and passes > 1
        dirty = min(wws, math.floor(data["dirty_rate"] * seconds(sent)))
        if below:
            why = "threshold"
            break
        if passes >= data["max_rounds"]:
            why = "cap"
            break
    return rounds, why, seconds(dirty) * 1000 + data["overhead_ms"]


@SETTINGS
@given(seed=SEEDS, level=st.integers(1, 3))
def test_the_rounds_follow_the_policy_from_the_question_s_parameters(seed: int,
                                                                    level: int) -> None:
    problem = exercises.generate("cloud.precopy_rounds", seed, level)
    rounds, why, _downtime = by_hand(problem.question["data"])
    assert problem.truth == f"{rounds}:{why}"
    assert rounds >= 2
    values = [c["value"] for c in problem.question["form"]["choices"]]
    assert len(set(values)) == len(values) >= 3
    assert [exercises.grade(problem, v).correct for v in values].count(True) == 1


@SETTINGS
@given(seed=SEEDS, level=st.integers(1, 2))
def test_the_downtime_is_the_last_dirty_pages_plus_the_overhead(seed: int, level: int) -> None:
    problem = exercises.generate("cloud.downtime", seed, level)
    _rounds, _why, downtime = by_hand(problem.question["data"])
    assert problem.truth == round(downtime)
    assert exercises.grade(problem, str(problem.truth + 1)).correct  # to the nearest ms
    assert not exercises.grade(problem, "10").correct


@SETTINGS
@given(seed=SEEDS, level=st.integers(1, 3))
def test_the_largest_bill_is_usage_times_price_summed(seed: int, level: int) -> None:
    problem = exercises.generate("cloud.largest_bill", seed, level)
    data = problem.question["data"]
    totals = {name: sum(used[k] * data["prices"][k] for k in used)
              for name, used in data["usage"].items()}
    assert problem.truth == max(totals, key=lambda name: totals[name])
    text = problem.question["text"]["en"]
    assert all(name in text for name in totals)
