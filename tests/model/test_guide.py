"""Every scenario states a goal and a path the model checks: a learner who presses only the
chapters' buttons and "next event" reaches the goal; a chapter is done from the step its
condition held, on every cursor; a malformed path is refused by name."""

from __future__ import annotations

from typing import Any

import pytest

from webapp.model.errors import ModelError, ScenarioError
from webapp.model.events import Event
from webapp.model.guide.labels import LABELS, label
from webapp.model.guide.state import state_of
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation
from webapp.model.snapshot import snapshot
from webapp.model.timeline import Timeline

from .support import SHIPPED, shipped

SEED = 2024
MAX_PRESSES = 120  # presses of "next event" a path may need (40 reads on a ring: ~55)


def guide(timeline: Timeline) -> dict[str, Any]:
    found: dict[str, Any] = snapshot(timeline.sim)["guide"]
    return found


def next_event(timeline: Timeline) -> int:
    """What ▶| does: steps up to one with a notable event, or until the model is quiet."""
    taken = 0
    while not timeline.quiet() and taken < 10_000:
        events = timeline.step(1)
        taken += 1
        if any(event.notable for event in events) or timeline.quiet():
            break
    return taken


def follow(timeline: Timeline, index: int) -> None:
    """Do what chapter ``index`` asks: press its button (if any), then "next event" until the
    model says it is done."""
    chapter = guide(timeline)["chapters"][index]
    if chapter["action"] is not None:
        action = chapter["action"]
        timeline.act(action["action"], action["target"], action["args"])
    for _ in range(MAX_PRESSES):
        if guide(timeline)["chapters"][index]["done"] or next_event(timeline) == 0:
            break


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_a_shipped_scenario_states_its_goal_level_and_path_in_both_languages(
        scenario_id: str) -> None:
    found = shipped(scenario_id).guide
    assert found is not None and found.level in (1, 2, 3)
    assert 2 <= len(found.chapters) <= 6
    texts = [found.goal, found.next] + [t for c in found.chapters for t in (c.title, c.look, c.do)]
    texts += [c.action.button for c in found.chapters if c.action]
    for words in texts:
        assert words["en"] and words["fr"] and words["en"] != words["fr"], words


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_following_the_path_with_its_buttons_and_next_event_reaches_the_goal(
        scenario_id: str) -> None:
    timeline = Timeline(shipped(scenario_id), SEED)
    assert guide(timeline)["current"] == 0 and not guide(timeline)["chapters"][0]["done"]
    for index in range(len(guide(timeline)["chapters"])):
        follow(timeline, index)
        done_at = guide(timeline)["chapters"][index]["done_at"]
        assert done_at is not None and done_at <= timeline.cursor, (index, guide(timeline))
    assert guide(timeline)["finished"] and guide(timeline)["current"] is None


def test_every_level_one_lab_has_an_introductory_scenario() -> None:
    levels: dict[str, set[int]] = {}
    for scenario_id in SHIPPED:
        scenario = shipped(scenario_id)
        assert scenario.guide is not None
        levels.setdefault(scenario.lab, set()).add(scenario.guide.level)
    assert all(1 in found for found in levels.values()), levels


def test_done_is_the_state_at_the_cursor_it_stays_done_and_stepping_back_undoes_it() -> None:
    timeline = Timeline(shipped("lifecycle-basics"), SEED)
    timeline.act("pause", "web")
    assert guide(timeline)["chapters"][0]["done_at"] == 1 and guide(timeline)["current"] == 1
    timeline.act("unpause", "web")  # web is no longer paused: the chapter stays done
    assert guide(timeline)["chapters"][0]["done"] and guide(timeline)["chapters"][1]["done"]
    timeline.seek(0)
    assert not any(c["done"] for c in guide(timeline)["chapters"])
    timeline.seek(2)
    assert [c["done_at"] for c in guide(timeline)["chapters"][:2]] == [1, 2]
    past, _ = timeline.history().at(1)  # a viewer's cursor reads the same
    assert [c["done"] for c in snapshot(past)["guide"]["chapters"][:2]] == [True, False]


def test_a_refused_action_changes_nothing_in_the_guide() -> None:
    timeline = Timeline(shipped("lifecycle-basics"), SEED)
    before = guide(timeline)
    with pytest.raises(ModelError):  # the control domain refuses every action
        timeline.act("pause", "Domain-0")
    assert guide(timeline) == before and timeline.cursor == 0


def test_the_script_end_is_where_the_scripted_operations_are_over() -> None:
    timeline = Timeline(shipped("lifecycle-save-restore"), SEED)
    end = guide(timeline)["script_end"]
    assert end is not None and end > 30  # restore starts at 30 and takes a dozen steps
    timeline.seek(end - 1)
    timeline.step(end - timeline.cursor)
    assert timeline.cursor == end and not timeline.sim.busy() and timeline.quiet()
    assert guide(Timeline(shipped("lifecycle-basics"), SEED))["script_end"] is None


def test_a_checkpoint_does_not_carry_the_path_and_a_restored_simulation_gets_it_back() -> None:
    sim = Simulation(shipped("memory-shadow-vs-ept"), SEED)
    blob = sim.checkpoint()
    assert b"two-dimensional" not in blob and b"Switch to EPT" not in blob
    restored = Simulation.restore(sim.scenario, SEED, blob)
    assert snapshot(restored)["guide"] == snapshot(sim)["guide"]


def test_the_guide_section_shows_the_current_chapter_and_its_action() -> None:
    section = guide(Timeline(shipped("lifecycle-basics"), SEED))
    assert list(section) == ["goal", "level", "chapters", "current", "finished", "next",
                             "script_end"]
    first = section["chapters"][0]
    assert set(first) == {"title", "look", "do", "action", "done", "done_at"}
    assert first["action"] == {"action": "pause", "target": "web", "args": {},
                               "button": {"en": "Pause web", "fr": "Mettre web en pause"}}
    assert section["chapters"][3]["action"] is None


# -- the condition language --------------------------------------------------------------------

def guided(*chapters: dict[str, Any], **extra: Any) -> Simulation:
    doc = {"id": "t", "lab": "lifecycle", "title": "t", "description": "d",
           "goal": {"en": "g", "fr": "b"}, "level": 1, "next": {"en": "n", "fr": "s"},
           "path": [{"title": {"en": "t", "fr": "t"}, "look": {"en": "l", "fr": "r"},
                     "do": {"en": "d", "fr": "f"}, **chapter} for chapter in chapters],
           "host": {"memory_mb": 4096, "dom0": {"memory_mb": 512},
                    "domains": [{"name": "web"}, {"name": "db"}]}, **extra}
    return Simulation(Scenario.from_dict(doc), SEED)


def met(sim: Simulation) -> dict[int, int]:
    state = state_of(sim.world)
    assert state is not None
    return dict(state.met)


def run(sim: Simulation, *actions: tuple[str, str], steps: int = 30) -> None:
    for action, target in actions:
        sim.submit(action, target)
    for _ in range(steps):
        sim.step()


def test_an_event_condition_matches_its_kind_its_data_and_its_count() -> None:
    sim = guided({"done": {"event": "pause.paused", "data": {"domain": "db"}}},
                 {"done": {"event": "pause.*"}},
                 {"done": {"event": "pause.paused", "times": 2}})
    run(sim, ("pause", "web"), steps=2)
    assert met(sim) == {1: 1}
    run(sim, ("pause", "db"), steps=2)
    assert met(sim) == {1: 1, 0: 4, 2: 4}


def test_a_domain_condition_reads_the_state_now_and_gone_means_no_such_domain() -> None:
    sim = guided({"done": {"domain": "web", "state": "paused"}},
                 {"done": {"domain": "db", "state": ["shutdown", "gone"]}})
    assert met(sim) == {}
    run(sim, ("pause", "web"), ("shutdown", "db"))
    assert set(met(sim)) == {0, 1}


def test_all_combines_events_of_different_steps_and_any_needs_one() -> None:
    sim = guided({"done": {"all": [{"event": "pause.paused"}, {"event": "pause.unpaused"}]}},
                 {"done": {"any": [{"event": "crash.panic"}, {"domain": "web",
                                                             "state": "paused"}]}})
    run(sim, ("pause", "web"), steps=3)
    assert met(sim) == {1: 1}
    run(sim, ("unpause", "web"), steps=1)
    assert met(sim) == {1: 1, 0: 5}


def test_lab_conditions_are_false_in_a_world_without_that_lab() -> None:
    sim = guided({"done": {"device": "vbd", "connected": True}}, {"done": {"ring_full": True}},
                 {"done": {"reads_done": 1}}, {"done": {"paging_mode": "native"}})
    run(sim, steps=5)
    assert met(sim) == {}


def test_the_devices_and_memory_conditions_read_their_labs() -> None:
    timeline = Timeline(shipped("devices-block-read"), SEED)
    timeline.step(40)
    assert guide(timeline)["chapters"][1]["done"]  # {device: vbd, connected: true}
    memory = Timeline(shipped("memory-shadow-vs-ept"), SEED)
    memory.act("set_mode", None, {"mode": "ept"})
    memory.step(3)
    assert guide(memory)["chapters"][2]["done"]  # {paging_mode: ept}


@pytest.mark.parametrize("change, field", [
    ({"path": []}, "path"),
    ({"level": 4}, "level"),
    ({"level": True}, "level"),
    ({"goal": {"en": "only English"}}, "goal"),
    ({"next": None}, "next"),
])
def test_a_malformed_guide_is_refused_naming_the_field(change: dict[str, Any], field: str
                                                       ) -> None:
    with pytest.raises(ScenarioError) as error:
        guided({"done": {"event": "pause.paused"}}, {"done": {"event": "pause.paused"}},
               **change)
    assert error.value.data["field"] == field


@pytest.mark.parametrize("chapter, field, words", [
    ({"done": {"colour": "red"}}, "done", "unknown condition"),
    ({"done": {"event": "paused"}}, "done", "event kind"),
    ({"done": {"event": "blk.ring.*"}}, "done", "family"),
    ({"done": {"event": "pause.paused", "dat": {}}}, "done", "'dat'"),
    ({"done": {"event": "pause.paused", "times": 0}}, "done", "times"),
    ({"done": {"domain": "web"}}, "done", "state"),
    ({"done": {"all": []}}, "done", "list"),
    ({"done": {"device": "usb"}}, "done", "vbd"),
    ({"done": {"paging_mode": "magic"}}, "done", "paging_mode"),
    ({"done": {"event": "pause.paused"}, "action": "pause"}, "button", "French"),
    ({"done": {"event": "pause.paused"}, "hint": "x"}, "hint", "chapter"),
    ({}, "done", "condition"),
])
def test_a_malformed_chapter_is_refused_naming_the_field(chapter: dict[str, Any], field: str,
                                                         words: str) -> None:
    with pytest.raises(ScenarioError) as error:
        guided(chapter, {"done": {"event": "pause.paused"}})
    assert error.value.data["field"] == field
    assert words in error.value.message("en")


def test_a_scenario_without_a_path_has_no_guide_section() -> None:
    doc = {"id": "t", "lab": "lifecycle", "title": "t", "description": "d",
           "host": {"domains": [{"name": "g"}]}}
    sim = Simulation(Scenario.from_dict(doc), SEED)
    assert "guide" not in snapshot(sim) and state_of(sim.world) is None


# -- marker labels -----------------------------------------------------------------------------

def notable_kinds(events: list[Event]) -> set[str]:
    return {event.kind for event in events if event.notable}


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_notable_event_of_a_path_has_a_label_in_words(scenario_id: str) -> None:
    timeline = Timeline(shipped(scenario_id), SEED)
    for index in range(len(guide(timeline)["chapters"])):
        follow(timeline, index)
    seen = notable_kinds(timeline.events_between(1, timeline.cursor))
    assert seen and seen <= set(LABELS), seen - set(LABELS)


def test_a_kind_without_a_label_falls_back_on_its_family_then_on_words() -> None:
    assert label("crash.something_new") == {"en": "crash", "fr": "plantage"}
    assert label("zzz.new")["en"] == "notable event"
    assert label("pause.paused")["fr"] == "mis en pause"
