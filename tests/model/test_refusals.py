"""Refused actions name the state and what is allowed instead, and change nothing at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from webapp.model.domain import state_word
from webapp.model.errors import InvalidCommand, ModelError, Refused, UnknownTarget
from webapp.model.lifecycle.rules import DOMAIN_ACTIONS, allowed_actions
from webapp.model.narration import LANGUAGES
from webapp.model.narration.vocabulary import ACTIONS, STATES
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot

from .support import domain, drain, until

Setup = Callable[[Simulation], None]


def nothing(sim: Simulation) -> None:
    for _ in range(3):
        sim.step()


def shutting_down(name: str) -> Setup:
    def setup(sim: Simulation) -> None:
        nothing(sim)
        sim.submit("shutdown", name)
    return setup


def destroyed(name: str) -> Setup:
    def setup(sim: Simulation) -> None:
        sim.submit("destroy", name)
        drain(sim)
    return setup


def saving(sim: Simulation) -> None:
    sim.submit("save", "web")
    until(sim, "save.stream_headers")


def saved(sim: Simulation) -> None:
    sim.submit("save", "web")
    drain(sim)


def restored(sim: Simulation) -> None:
    saved(sim)
    sim.submit("restore", "web.save")
    drain(sim)


def building(sim: Simulation) -> None:
    sim.submit("create", None, {"name": "twin", "memory_mb": 64})


def dying(sim: Simulation) -> None:
    sim.submit("destroy", "web")
    until(sim, "destroy.dying")


Case = tuple[str, Setup, str, Any, dict[str, Any], type[ModelError], str]
REFUSALS: list[Case] = [
    ("unpause a running domain", nothing, "unpause", "db", {}, Refused, "refused.unpause.*"),
    ("save a paused domain", nothing, "save", "batch", {}, Refused, "refused.save.paused"),
    ("crash a paused domain", nothing, "crash", "batch", {}, Refused, "refused.crash.paused"),
    ("let a paused domain's watchdog fire", nothing, "watchdog", "batch", {}, Refused,
     "refused.state"),
    ("pause a domain that is shutting down", shutting_down("web"), "pause", "web", {}, Refused,
     "refused.busy"),
    ("save a domain that is busy", shutting_down("db"), "save", "db", {}, Refused,
     "refused.busy"),
    ("save a dying domain", dying, "save", "web", {}, Refused, "refused.busy"),
    ("save a destroyed domain", destroyed("web"), "save", "web", {}, UnknownTarget,
     "target.unknown_domain"),
    ("unpause a destroyed domain", destroyed("batch"), "unpause", "batch", {}, UnknownTarget,
     "target.unknown_domain"),
    ("act on a domain that never existed", nothing, "pause", "ghost", {}, UnknownTarget,
     "target.unknown_domain"),
    ("restore an image that does not exist", nothing, "restore", "nope.save", {}, UnknownTarget,
     "target.unknown_image"),
    ("restore an image still being written", saving, "restore", "web.save", {}, Refused,
     "refused.restore.incomplete"),
    ("save to a file another save is writing", saving, "save", "db", {"file": "web.save"},
     Refused, "refused.save.file_busy"),
    ("restore while the domain exists again", restored, "restore", "web.save", {}, Refused,
     "refused.restore.name_in_use"),
    ("create a name in use", nothing, "create", None, {"name": "web"}, Refused,
     "refused.create.name_in_use"),
    ("create a name being built", building, "create", None, {"name": "twin"}, Refused,
     "refused.name_being_built"),
    ("an unknown action", nothing, "fly", "web", {}, InvalidCommand, "command.unknown"),
    ("create without a name", nothing, "create", None, {}, InvalidCommand, "command.bad_arg"),
    ("create with a bad name", nothing, "create", None, {"name": "a b"}, InvalidCommand,
     "command.bad_arg"),
    ("create with zero vCPUs", nothing, "create", None, {"name": "v", "vcpus": 0},
     InvalidCommand, "command.bad_arg"),
    ("create with memory as text", nothing, "create", None, {"name": "m", "memory_mb": "lots"},
     InvalidCommand, "command.bad_arg"),
    ("create with an unknown setting", nothing, "create", None, {"name": "m", "colour": "red"},
     InvalidCommand, "command.bad_arg"),
    ("create with a bad on_crash", nothing, "create", None, {"name": "m", "on_crash": "explode"},
     InvalidCommand, "command.bad_arg"),
    ("create larger than the host", nothing, "create", None,
     {"name": "m", "memory_mb": 9000}, InvalidCommand, "command.bad_arg"),
    ("save to a path", nothing, "save", "web", {"file": "../etc/passwd"}, InvalidCommand,
     "command.bad_arg"),
    ("pause with an argument", nothing, "pause", "web", {"force": True}, InvalidCommand,
     "command.bad_arg"),
]
DOM0: list[Case] = [
    (f"{action} dom0 by {target!r}", nothing, action, target, {}, Refused, "refused.control")
    for action in DOMAIN_ACTIONS for target in ("Domain-0", 0, "0")]


def assert_changes_nothing(sim: Simulation, attempt: Callable[[], Any]) -> ModelError:
    before, blob, step = snapshot(sim), sim.checkpoint(), sim.step_no
    with pytest.raises(ModelError) as raised:
        attempt()
    assert (snapshot(sim), sim.checkpoint(), sim.step_no) == (before, blob, step)
    return raised.value


@pytest.mark.parametrize("case", REFUSALS + DOM0, ids=lambda case: case[0])
def test_a_refused_action_raises_a_named_error_and_changes_nothing(
        sim: Simulation, case: Case) -> None:
    _, setup, action, target, args, error, key = case
    setup(sim)
    raised = assert_changes_nothing(sim, lambda: sim.submit(action, target, dict(args)))
    assert type(raised) is error
    assert raised.key == key or (key.endswith("*") and raised.key.startswith(key[:-1]))
    for lang, text in raised.messages().items():
        assert text and "{" not in text and "}" not in text and text != raised.key, lang


@pytest.mark.parametrize("action, target", [
    ("unpause", "db"), ("save", "batch"), ("crash", "batch"), ("watchdog", "batch"),
])
def test_a_state_refusal_names_the_state_and_the_allowed_actions(
        sim: Simulation, action: str, target: str) -> None:
    nothing(sim)
    with pytest.raises(Refused) as refused:
        sim.submit(action, target)
    found = domain(sim, target)
    data = refused.value.data
    assert data["state"] == state_word(found) and data["action"] == action
    assert data["allowed"] == list(allowed_actions(found)) and data["allowed"]
    for lang in LANGUAGES:
        text = refused.value.message(lang)
        assert STATES[data["state"]][lang] in text
        assert all(ACTIONS[allowed][lang] in text for allowed in data["allowed"])


def test_a_busy_refusal_names_the_operation_in_flight(sim: Simulation) -> None:
    sim.submit("reboot", "web")
    with pytest.raises(Refused) as refused:
        sim.submit("pause", "web")
    assert refused.value.key == "refused.busy" and refused.value.data["allowed"] == []
    assert "reboot" in refused.value.data.values()
    for lang in LANGUAGES:
        assert ACTIONS["reboot"][lang] in refused.value.message(lang)


def test_dom0_and_busy_domains_offer_no_actions(sim: Simulation) -> None:
    assert allowed_actions(domain(sim, "Domain-0")) == ()
    sim.submit("shutdown", "web")
    assert allowed_actions(domain(sim, "web")) == ()
    assert allowed_actions(domain(sim, "db")) != ()


def test_a_refused_scripted_action_is_narrated_and_the_scenario_goes_on(host_with: Callable[
        ..., Simulation]) -> None:
    sim = host_with({"name": "g", "memory_mb": 64, "paused": True},
                    script=({"at": 2, "action": "save", "target": "g"},))
    sim.step()
    events = sim.step()
    refusals = [event for event in events if event.kind == "script.refused"]
    assert refusals and refusals[0].data["why"]["key"] == "refused.save.paused"
    assert not sim.busy() and "{" not in refusals[0].narration()["fr"]
