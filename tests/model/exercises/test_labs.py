"""Boot, lifecycle and devices exercises: what the learner can read in the question leads to the
answer the model graded right (computed here independently from the question's data), and the
levels make the problems harder."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model import exercises
from webapp.model.devices.ring import MASK
from webapp.model.devices.state import XenbusState

SEEDS = st.integers(0, 2**31 - 1)
SETTINGS = settings(max_examples=12, deadline=None)


@SETTINGS
@given(seed=SEEDS, level=st.integers(1, 3))
def test_the_mfn_is_read_from_the_runs_the_question_shows(seed: int, level: int) -> None:
    problem = exercises.generate("boot.p2m_lookup", seed, level)
    data = problem.question["data"]
    pfn = data["pfn"]
    first, mfn, _count = next(r for r in data["runs"] if r[0] <= pfn < r[0] + r[2])
    assert problem.truth == mfn + pfn - first
    assert exercises.grade(problem, hex(problem.truth)).correct
    assert not exercises.grade(problem, pfn).correct


def test_fragmentation_makes_more_runs() -> None:
    runs = {level: max(len(exercises.generate("boot.p2m_lookup", s, level)
                           .question["data"]["runs"]) for s in range(4)) for level in (1, 2, 3)}
    assert runs[1] == 1 < runs[2] < runs[3]


@SETTINGS
@given(seed=SEEDS, level=st.integers(2, 3))
def test_rsi_is_virt_base_plus_start_info_s_pfn(seed: int, level: int) -> None:
    problem = exercises.generate("boot.rsi", seed, level)
    data = problem.question["data"]
    base = int(data["virt_base"], 16)
    if level == 2:
        pfn = next(row["pfn"] for row in data["layout"] if row["segment"] == "start_info")
    else:
        rows = data["layout"]
        at = next(i for i, row in enumerate(rows) if row["segment"] == "start_info")
        pfn = data["first_pfn"] + sum(row["pages"] for row in rows[:at])
    assert problem.truth == hex(base + pfn * 4096)
    assert "rsi" not in data["registers"]


def test_rsi_level_one_is_a_choice_of_structures() -> None:
    problem = exercises.generate("boot.rsi", 5, 1)
    values = [c["value"] for c in problem.question["form"]["choices"]]
    assert "start_info" in values and problem.truth == "start_info"
    assert [exercises.grade(problem, v).correct for v in values].count(True) == 1


@pytest.mark.parametrize("level", [1, 2, 3])
def test_exactly_one_start_info_field_holds_it(level: int) -> None:
    for seed in range(5):
        problem = exercises.generate("boot.start_info_field", seed, level)
        values = [c["value"] for c in problem.question["form"]["choices"]]
        assert [exercises.grade(problem, v).correct for v in values].count(True) == 1
        assert problem.truth in values
    dom0 = exercises.generate("boot.start_info_field", 1, 3)
    assert dom0.question["data"]["domain"] == "Domain-0"


@SETTINGS
@given(seed=SEEDS, level=st.integers(1, 3))
def test_the_state_after_an_action_follows_the_configuration(seed: int, level: int) -> None:
    problem = exercises.generate("lifecycle.after_action", seed, level)
    data, truth = problem.question["data"], problem.truth
    action, config = data["action"], data["config"]
    on = {"shutdown": "on_poweroff", "reboot": "on_reboot", "crash": "on_crash",
          "watchdog": "on_watchdog"}.get(action)
    if action in ("destroy", "save") or (on and config[on] == "destroy"):
        assert truth == {"state": "nothing", "flags": ""}
    elif on and config[on] == "preserve":
        assert truth["flags"][3] == "s"
        assert truth["state"] == ("crashed" if action == "crash" else "shutdown")
    elif on:  # restart: a new domain of the same name, not shut down
        assert truth["state"] in ("running", "runnable", "blocked") and "s" not in truth["flags"]
    elif action == "pause" or data["before"]["pause_count"] > 1:
        assert truth["state"] == "paused" and truth["flags"][2] == "p"
    else:  # the last unpause
        assert truth["state"] != "paused" and truth["flags"][2] == "-"


def test_the_flags_column_is_named_at_the_second_attempt() -> None:
    problem = next(p for s in range(40)
                   if (p := exercises.generate("lifecycle.after_action", s, 1)).truth["flags"])
    flags = problem.truth["flags"]
    wrong = {"state": problem.truth["state"], "flags": ("x" + flags[1:])}
    assert "column" not in exercises.grade(problem, wrong, 1).feedback["en"]
    assert "column 1 " in exercises.grade(problem, wrong, 2).feedback["en"]


CAUSAL = ("blk.granted", "blk.filled", "blk.pushed_notify", "blk.consumed", "blk.mapped",
          "blk.bio_submitted", "blk.disk_done", "blk.unmapped", "blk.responded",
          "blk.interrupt", "blk.ended", "blk.completed")


@SETTINGS
@given(seed=SEEDS, level=st.integers(1, 3))
def test_a_disk_read_s_steps_come_in_the_drivers_order(seed: int, level: int) -> None:
    problem = exercises.generate("devices.read_order", seed, level)
    items = [item["value"] for item in problem.question["form"]["items"]]
    assert sorted(items) == sorted(problem.truth) and items != problem.truth
    assert len(items) == {1: 4, 2: 6, 3: 8}[level]
    steps = [step for step, _kind, _text in problem.facts["steps"]]
    assert steps == sorted(steps)
    chain = [kind for kind in problem.truth if kind in CAUSAL]
    assert chain == sorted(chain, key=CAUSAL.index)


@SETTINGS
@given(seed=SEEDS, level=st.integers(1, 3))
def test_the_push_notifies_exactly_by_ring_h_s_rule(seed: int, level: int) -> None:
    problem = exercises.generate("devices.push_notify", seed, level)
    data = problem.question["data"]
    old, new, event = data["req_prod"], data["req_prod_pvt"], data["req_event"]
    assert new == (old + data["count"]) & MASK
    rule = ((new - event) & MASK) < ((new - old) & MASK)
    assert problem.truth == ("yes" if rule else "no")


def test_pushes_near_the_wrap_cross_it() -> None:
    data = [exercises.generate("devices.push_notify", s, 3).question["data"] for s in range(20)]
    assert any(d["req_prod_pvt"] < d["req_prod"] for d in data)


@SETTINGS
@given(seed=SEEDS, level=st.integers(1, 3))
def test_the_next_xenbus_state_is_a_change_the_model_made(seed: int, level: int) -> None:
    problem = exercises.generate("devices.xenbus_next", seed, level)
    data = problem.question["data"]
    now = XenbusState[problem.truth]
    assert now != data["state"][data["end"]]
    changes = problem.facts["changes"]
    asked = changes[problem.facts["index"]]
    assert asked[1] == data["end"] and asked[3] == now
    assert problem.truth in [c["value"] for c in problem.question["form"]["choices"]]


def test_closing_ends_closed_and_reconnecting_starts_over() -> None:
    closing = {exercises.generate("devices.xenbus_next", s, 2).truth for s in range(20)}
    assert closing <= {"Closing", "Closed"} and "Closed" in closing
    again = {exercises.generate("devices.xenbus_next", s, 3).truth for s in range(30)}
    assert {"Initialising", "Connected"} <= again
