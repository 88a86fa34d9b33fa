"""The scenario catalog: YAML files shipped in ``webapp/model/scenarios``, read once."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from webapp.model.scenario import Scenario


@cache
def scenarios() -> dict[str, Scenario]:
    """Every shipped scenario by id, in file-name order."""
    folder = resources.files("webapp.model").joinpath("scenarios")
    found: dict[str, Scenario] = {}
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith((".yaml", ".yml")):
            scenario = Scenario.from_dict(yaml.safe_load(item.read_text(encoding="utf-8")))
            found[scenario.id] = scenario
    return found


def get(scenario_id: str) -> Scenario | None:
    return scenarios().get(scenario_id)
