"""The guide's state in the world, checked after every step, and its snapshot section.

``world.labs["guide"]`` counts the events each event condition matched so far and the step at which
each chapter was done. A chapter is done from the first step at which its condition holds and
stays done at every later step, even if the state it looked at changes again (a domain paused,
then unpaused). It is a function of the state at the cursor like everything else: stepping back
before that step un-does it, stepping forward again re-does it, on every cursor alike.

``script_end`` is the step at which a scenario's script is over when nobody acts: the last
scripted action's step, then as long as operations are in flight (a dry run of the model).

The path itself (its texts and conditions) belongs to the scenario: a checkpoint does not carry
it (some 2 KB each), a restored simulation gets it back from its scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from webapp.model.events import Event
from webapp.model.guide.conditions import Look
from webapp.model.guide.path import Chapter, Guide
from webapp.model.host import World

if TYPE_CHECKING:
    from webapp.model.simulation import Simulation

KEY = "guide"
SCRIPT_TAIL = 10_000  # steps a dry run may take after the last scripted action
_SCRIPT_ENDS: dict[tuple[str, int], int] = {}  # memo: (scenario, seed) -> script end


@dataclass
class GuideState:
    guide: Guide | None  # None only between unpickling and ``restored``
    script_end: int | None = None
    seen: dict[int, int] = field(default_factory=dict)  # event condition -> events matched
    met: dict[int, int] = field(default_factory=dict)  # chapter index -> step it was done

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "guide": None}


def state_of(world: World) -> GuideState | None:
    found = world.labs.get(KEY)
    return found if isinstance(found, GuideState) else None


def start(sim: Simulation) -> None:
    """Give a new simulation of a guided scenario its guide (checked at step 0 already)."""
    guide = sim.scenario.guide
    if guide is not None:
        sim.world.labs[KEY] = GuideState(guide, script_end(sim))
        observe(sim.world, 0, [])


def restored(sim: Simulation) -> None:
    """A simulation restored from a checkpoint: its guide comes from its scenario."""
    state = state_of(sim.world)
    if state is not None:
        state.guide = sim.scenario.guide


def observe(world: World, step: int, events: list[Event]) -> None:
    """After each step: count the events each event condition matched, then mark the chapters
    done (one that reads only events can become done only at a step where one matched)."""
    state = state_of(world)
    if state is None or state.guide is None or len(state.met) == len(state.guide.chapters):
        return
    matched = False
    for event in events:
        for condition in state.guide.matching(event):
            state.seen[condition.ref] = state.seen.get(condition.ref, 0) + 1
            matched = True
    if not (matched or state.guide.stateful):
        return
    look = Look(world, tuple(events), state.seen)
    for index, chapter in enumerate(state.guide.chapters):
        if index not in state.met and (matched or chapter.stateful) and chapter.done.holds(look):
            state.met[index] = step


def script_end(sim: Simulation) -> int | None:
    """The step at which the scenario's script is over when nobody acts (None: no script)."""
    script = sim.scenario.script
    if not script:
        return None
    key = (repr(sim.scenario), sim.seed)
    if key not in _SCRIPT_ENDS:
        if len(_SCRIPT_ENDS) > 256:
            _SCRIPT_ENDS.clear()
        _SCRIPT_ENDS[key] = _dry_run(sim, max(item.at for item in script))
    return _SCRIPT_ENDS[key]


def _dry_run(sim: Simulation, last: int) -> int:
    scratch = type(sim).restore(sim.scenario, sim.seed, sim.checkpoint())
    while scratch.step_no < last or (scratch.busy() and scratch.step_no < last + SCRIPT_TAIL):
        scratch.step()
    return scratch.step_no


def section(world: World) -> dict[str, Any] | None:
    """``snapshot()["guide"]``: the goal, the chapters (done or not) and the current one."""
    state = state_of(world)
    if state is None or state.guide is None:
        return None
    guide = state.guide
    chapters = [chapter_json(c, state.met.get(i)) for i, c in enumerate(guide.chapters)]
    current = next((i for i, c in enumerate(chapters) if not c["done"]), None)
    return {"goal": dict(guide.goal), "level": guide.level, "chapters": chapters,
            "current": current, "finished": current is None, "next": dict(guide.next),
            "script_end": state.script_end}


def chapter_json(chapter: Chapter, done_at: int | None) -> dict[str, Any]:
    return {"title": dict(chapter.title), "look": dict(chapter.look), "do": dict(chapter.do),
            "action": chapter.action.to_json() if chapter.action else None,
            "done": done_at is not None, "done_at": done_at}
