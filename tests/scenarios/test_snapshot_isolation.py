"""A snapshot shares nothing mutable with the model: the socket layer keeps the last one sent
and diffs the next against it, so a list shared with the model would silently hide a change.
Checked along every golden run, which exercises each lab's own actions."""

from __future__ import annotations

import json

import pytest

from webapp.catalog import scenarios
from webapp.model.snapshot import snapshot
from webapp.model.timeline import Timeline

from .test_golden import RUNS, SEED


@pytest.mark.parametrize("scenario_id", sorted(RUNS))
def test_no_snapshot_changes_after_it_was_taken(scenario_id: str) -> None:
    steps, log = RUNS[scenario_id]
    timeline = Timeline(scenarios()[scenario_id], SEED)
    actions = {action.step: action for action in log}
    while timeline.cursor < steps:
        taken = snapshot(timeline.sim)
        frozen = json.loads(json.dumps(taken))
        action = actions.get(timeline.cursor)
        if action is None:
            timeline.step(1)
        else:
            timeline.act(action.action, action.target, action.args)
        assert taken == frozen, f"step {timeline.cursor}: the previous snapshot changed"
