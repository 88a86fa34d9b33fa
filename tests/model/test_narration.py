"""Every sentence the model can say exists in English and French and renders completely."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import Any

import pytest

from webapp.model.domain import ON_ACTIONS, ShutdownReason
from webapp.model.errors import ModelError
from webapp.model.events import Event
from webapp.model.lifecycle.rules import ALLOWED, DOMAIN_ACTIONS, HOST_ACTIONS
from webapp.model.narration import LANGUAGES, TEMPLATES, render
from webapp.model.narration.vocabulary import ACTIONS, REASONS, STATES
from webapp.model.simulation import Simulation

from .boot.tour import BOOT_PLANS
from .support import drain, shipped

MODEL = Path(__file__).resolve().parents[2] / "webapp" / "model"
#: Narration keys look like ``create.domain_created`` or ``refused.unpause.running``.
KEY = re.compile(r"^[a-z_]+(\.[a-z_0-9]+)+$")
PREFIXES = {key.split(".")[0] for key in TEMPLATES}


def lab_sources() -> list[Path]:
    """The model's modules that speak through the narration catalog (paging has its own texts,
    and exercise kinds are named like keys — ``boot.rsi`` — without being events)."""
    return [path for path in sorted(MODEL.rglob("*.py"))
            if "paging" not in path.parts and "exercises" not in path.parts]


def lifecycle_sources() -> list[Path]:
    """The engine and the lifecycle lab: what the tour below exercises."""
    return [path for path in lab_sources()
            if path.parent == MODEL or "lifecycle" in path.parts or "narration" in path.parts]


def emit_arguments(tree: ast.AST) -> list[ast.expr]:
    """The first argument of every ``ctx.emit(...)``."""
    return [node.args[0] for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args
            and isinstance(node.func, ast.Attribute) and node.func.attr == "emit"]


def key_constants(tree: ast.AST) -> set[str]:
    """Every string constant that looks like a narration key (emitted, raised or returned)."""
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and KEY.match(node.value)
            and node.value.split(".")[0] in PREFIXES}


def emitted_kinds() -> set[str]:
    """Event kinds the engine and the lifecycle lab emit: literal first arguments of ``emit``,
    or the literals of a conditional expression assigned to the name passed."""
    kinds: set[str] = set()
    for path in lifecycle_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned = {target.id: node.value for node in ast.walk(tree)
                    if isinstance(node, ast.Assign) for target in node.targets
                    if isinstance(target, ast.Name)}
        for arg in emit_arguments(tree):
            if isinstance(arg, ast.Name) and arg.id in assigned:
                arg = assigned[arg.id]
            kinds |= {n.value for n in ast.walk(arg) if isinstance(n, ast.Constant)
                      and isinstance(n.value, str) and KEY.match(n.value)}
    return kinds


def all_keys_in_code() -> set[str]:
    keys: set[str] = set()
    for path in lab_sources():
        keys |= key_constants(ast.parse(path.read_text(encoding="utf-8")))
    return keys


def state_refusals() -> set[str]:
    """The specific refusals ``rules._refusal`` looks up: ``refused.<action>.<state>``."""
    return {f"refused.{action}.{state}" for action in DOMAIN_ACTIONS for state in ALLOWED}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def tour() -> list[Event]:
    """A run through every scenario that makes the model say everything it can say."""
    events: list[Event] = []
    plans: dict[str, list[tuple[str, str | None, dict[str, Any]]]] = {
        "lifecycle-basics": [("pause", "web", {}), ("pause", "web", {}), ("unpause", "web", {}),
                             ("unpause", "web", {}), ("reboot", "db", {}),
                             ("create", None, {"name": "p", "vcpus": 2, "paused": True}),
                             ("unpause", "p", {}), ("shutdown", "p", {}),
                             ("save", "web", {}), ("restore", "web.save", {}),
                             ("pause", "web", {}), ("shutdown", "web", {}),
                             ("unpause", "web", {})],
        "lifecycle-crash": [("destroy", "kept", {})],
        "lifecycle-full-host": [("create", None, {"name": "big", "memory_mb": 1024}),
                                ("destroy", "beta", {})],
        "lifecycle-save-restore": [("save", "cache", {})],
        **BOOT_PLANS,
    }
    for scenario_id, plan in plans.items():
        sim = Simulation(shipped(scenario_id), 3)
        for _ in range(45):
            events += sim.step()
        for action, target, args in plan:
            events += sim.submit(action, target, args) + drain(sim)
        events += refused_script(scenario_id)
    return events


def refused_script(scenario_id: str) -> list[Event]:
    """A scripted action the scenario cannot do: narrated as ``script.refused``."""
    if scenario_id != "lifecycle-crash":
        return []
    sim = Simulation(shipped(scenario_id), 3)
    sim.submit("destroy", "kept")
    return [event for _ in range(6) for event in sim.step()]


@pytest.fixture(scope="module")
def spoken() -> list[Event]:
    return tour()


def test_every_template_has_every_language() -> None:
    for key, texts in TEMPLATES.items():
        assert set(LANGUAGES) <= set(texts), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key


def test_both_languages_of_a_template_use_the_same_placeholders() -> None:
    for key, texts in TEMPLATES.items():
        assert fields(texts["en"]) == fields(texts["fr"]), key


def test_every_event_kind_and_error_key_in_the_code_has_a_template() -> None:
    keys = all_keys_in_code()
    assert {"sched.tick", "create.domain_created", "refused.busy", "memory.enomem"} <= keys
    assert keys - set(TEMPLATES) == set()


def test_every_template_is_said_somewhere() -> None:
    assert set(TEMPLATES) - all_keys_in_code() - state_refusals() == set()


def test_the_tour_emits_every_event_kind_the_code_can_emit(spoken: list[Event]) -> None:
    assert emitted_kinds() - {event.kind for event in spoken} == set()


def test_every_event_renders_in_every_language_without_placeholders(spoken: list[Event]) -> None:
    for event in spoken:
        for lang, text in event.narration().items():
            assert "{" not in text and "}" not in text, (event.kind, lang, text)
            assert text != event.kind and event.kind in TEMPLATES


def test_every_specific_state_refusal_renders_without_placeholders() -> None:
    for key in state_refusals() & set(TEMPLATES):
        action, state = key.split(".")[1:]
        error = ModelError(key, domain="web", state=state, action=action,
                           allowed=list(ALLOWED[state]), busy_action="")
        for text in error.messages().values():
            assert "{" not in text and "}" not in text and "web" in text, key


def test_the_vocabulary_names_every_state_action_and_reason_in_every_language() -> None:
    words = [(STATES, state) for state in ALLOWED]
    words += [(ACTIONS, action) for action in (*DOMAIN_ACTIONS, *HOST_ACTIONS, *ON_ACTIONS)]
    words += [(REASONS, reason.word) for reason in ShutdownReason]
    for vocabulary, word in words:
        assert set(LANGUAGES) <= set(vocabulary[word]), word


def test_states_actions_and_reasons_are_translated_in_the_sentence() -> None:
    data = {"domain": "web", "state": "paused", "action": "save", "allowed": ["unpause"]}
    french = render("refused.state", data, "fr")
    assert "en pause" in french and "sauvegarder" in french and "reprendre" in french
    assert "aucune" in render("refused.state", {**data, "allowed": []}, "fr")


def test_an_unknown_key_renders_as_itself_and_an_unknown_language_as_english() -> None:
    assert render("no.such.key", {}, "fr") == "no.such.key"
    assert render("destroy.gone", {"domid": 3, "domain": "web"}, "de") == render(
        "destroy.gone", {"domid": 3, "domain": "web"}, "en")
