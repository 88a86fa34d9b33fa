"""Fixtures for the model tests: scenarios (shipped or made to measure) and simulations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation

from .support import shipped

SEED = 7

Factory = Callable[..., Simulation]


@pytest.fixture
def basics() -> Scenario:
    """Dom0, web (2 vCPUs), db (1 vCPU) and a paused batch domain on an 8 GiB host."""
    return shipped("lifecycle-basics")


@pytest.fixture
def sim(basics: Scenario) -> Simulation:
    """The basics scenario at step 0."""
    return Simulation(basics, SEED)


@pytest.fixture
def host_with() -> Factory:
    """A simulation of one host with the given guests (dicts as in a scenario's ``domains``),
    and optionally a scenario script."""

    def build(*guests: dict[str, Any], memory_mb: int = 4096,
              script: tuple[dict[str, Any], ...] = (), **host: Any) -> Simulation:
        doc = {"id": "test", "lab": "lifecycle", "title": "test", "description": "test",
               "script": list(script),
               "host": {"memory_mb": memory_mb, "dom0": {"memory_mb": 512, "vcpus": 1},
                        "domains": list(guests), **host}}
        return Simulation(Scenario.from_dict(doc), SEED)

    return build
