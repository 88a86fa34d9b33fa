"""The categories exercises are graded by the model: the chooser's recommendation, the layer
the operation's first hop reached, the VM exits the HVM column counted."""

from __future__ import annotations

import pytest

from webapp.model import exercises
from webapp.model.categories.chooser import choose

from .support import columns, run


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("level", [1, 2, 3])
def test_the_case_has_one_recommendation_and_it_is_the_answer(seed: int, level: int) -> None:
    problem = exercises.generate("categories.fit", seed, level)
    assert exercises.grade(problem, problem.truth).correct
    choices = problem.question["form"]["choices"]
    others = [c["value"] for c in choices if c["value"] != problem.truth]
    assert not any(exercises.grade(problem, other).correct for other in others)
    ranking = problem.facts["ranking"]
    assert choose({})["recommended"] != [] and ranking[0]["category"] == problem.truth


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("level", [1, 2, 3])
def test_the_layer_is_where_the_first_hop_goes(seed: int, level: int) -> None:
    problem = exercises.generate("categories.layer", seed, level)
    assert problem.truth == problem.facts["path"][1]
    assert problem.truth in [c["value"] for c in problem.question["form"]["choices"]]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("level", [1, 2, 3])
def test_the_exit_count_is_what_the_hvm_column_counted(seed: int, level: int) -> None:
    problem = exercises.generate("categories.exits", seed, level)
    ops = problem.question["data"]["ops"]
    paging = "shadow" if level == 3 else "ept"
    counted = columns(run(ops, hvm_paging=paging)[0])["hardware_assisted"]["counters"]
    assert problem.truth == counted["vm_exits"] == sum(problem.facts["per_op"])
    assert exercises.grade(problem, str(problem.truth)).correct
    assert not exercises.grade(problem, problem.truth + 1).correct
