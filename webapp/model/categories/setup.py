"""A categories scenario's world at step 0, from its ``extra`` section:

```yaml
extra:
  workload: basics            # a preset name, or a list of operations (see workload.py)
  hvm_paging: ept             # or shadow (first-generation VT-x, no EPT)
  seccomp: docker-default     # or unconfined
  costs: {vm_exit: 2000}      # optional overrides of the cost table (model assumptions)
```
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.categories import workload
from webapp.model.categories.commands import OPTIONS
from webapp.model.categories.costs import DEFAULT_COSTS, MAX_COST
from webapp.model.categories.presets import PRESETS
from webapp.model.categories.state import LAB, CategoriesLab
from webapp.model.errors import ModelError, ScenarioError
from webapp.model.host import World
from webapp.model.scenario import Scenario


def _bad(field: str, problem: str) -> ScenarioError:
    return ScenarioError("scenario.bad_field", field=field, problem=problem)


def _costs(doc: Any) -> dict[str, int]:
    costs = dict(DEFAULT_COSTS)
    for name, value in dict(doc or {}).items():
        if name not in costs or not isinstance(value, int) or not 0 <= value <= MAX_COST:
            raise _bad(f"extra.costs.{name}", "a known cost, an integer")
        costs[name] = value
    return costs


def _workload(doc: Any) -> list[Any]:
    ops = PRESETS.get(doc, doc) if isinstance(doc, str) else doc
    try:
        return workload.parse_workload(ops)
    except ModelError as error:
        raise _bad("extra.workload", str(error.data.get("problem", ""))) from error


def build(world: World, scenario: Scenario, rng: random.Random) -> None:
    """Register with ``extensions.setup("categories", build)``."""
    extra = scenario.extra
    options = {name: extra.get(name, values[0]) for name, values in OPTIONS.items()}
    for name, value in options.items():
        if value not in OPTIONS[name]:
            raise _bad(f"extra.{name}", " | ".join(OPTIONS[name]))
    world.labs[LAB] = CategoriesLab(workload=_workload(extra.get("workload", "basics")),
                                    costs=_costs(extra.get("costs")), **options)
