"""Questions the model asks about its own future, with the answer it computes itself.

A class poll (or a "predict the next step" prompt) is anchored to a step: from a copy of the
simulation at that step, the model runs ahead — replaying the session's recorded actions, as
the timeline would — and finds what happens next. Nothing is a fixed answer key:

- ``next_event``: which of the next notable events comes first (the choices are the next few
  notable events, in a shuffled order);
- ``next_state``: which state a domain reaches next (``state_word`` of the domain, Xen's fields);
- ``xenbus_next``: which ``XenbusState`` a device end moves to next (xenbus.h);
- ``step_event``: what the very next step does (its notable event, else its first one; the
  wrong choices are events of the steps after it, of kinds the next step does not have).

``show_steps`` is how many steps the session must advance to show the answer happen.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from webapp.model.devices.state import XenbusState
from webapp.model.domain import state_word
from webapp.model.events import Event
from webapp.model.narration.vocabulary import STATES
from webapp.model.simulation import Simulation

HORIZON = 1_500  # steps the model looks ahead for an answer
STEP_AHEAD = 40  # steps read for the wrong choices of ``step_event``
Texts = dict[str, str]
Replay = Callable[[Simulation], list[Event]]


@dataclass(frozen=True)
class Question:
    kind: str
    text: Texts
    choices: list[Texts]
    answer: int
    show_steps: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "choices": self.choices,
                "answer": self.answer, "show_steps": self.show_steps}


KINDS: dict[str, Texts] = {
    "next_event": {"en": "Which of these happens first?",
                   "fr": "Lequel de ces événements se produit en premier ?"},
    "next_state": {"en": "Which state does the domain reach next?",
                   "fr": "Dans quel état le domaine passe-t-il ensuite ?"},
    "xenbus_next": {"en": "Which XenbusState does the device end reach next?",
                    "fr": "Dans quel XenbusState l'extrémité du périphérique passe-t-elle "
                          "ensuite ?"},
    "step_event": {"en": "What happens at the very next step?",
                   "fr": "Que se passe-t-il au pas suivant ?"},
}


def ahead(sim: Simulation, replay: Replay, horizon: int = HORIZON
          ) -> Iterator[tuple[int, Simulation, list[Event]]]:
    """Run a copy of ``sim`` forward: (steps taken, the copy, that step's events)."""
    scratch = Simulation.restore(sim.scenario, sim.seed, sim.checkpoint())
    for taken in range(1, horizon + 1):
        yield taken, scratch, replay(scratch)


def ask(kind: str, sim: Simulation, replay: Replay, seed: int) -> Question | None:
    """A question of ``kind`` about what follows ``sim``'s step, or None if there is none."""
    maker = MAKERS.get(kind)
    return maker(sim, replay, random.Random(seed)) if maker else None


def available(sim: Simulation, replay: Replay) -> list[str]:
    """The kinds that have a question at this step."""
    return [kind for kind in MAKERS if ask(kind, sim, replay, 0) is not None]


def _shuffled(answer: Texts, others: list[Texts], rng: random.Random) -> tuple[list[Texts], int]:
    choices = [answer, *others]
    rng.shuffle(choices)
    return choices, choices.index(answer)


def _next_event(sim: Simulation, replay: Replay, rng: random.Random) -> Question | None:
    found: list[tuple[int, Event]] = []
    for taken, _scratch, events in ahead(sim, replay):
        for event in events:
            if event.notable and all(event.kind != seen.kind for _, seen in found):
                found.append((taken, event))
        if len(found) >= 4:
            break
    if len(found) < 3:
        return None
    (first_step, first), others = found[0], [event.narration() for _, event in found[1:]]
    choices, answer = _shuffled(first.narration(), others, rng)
    return Question("next_event", KINDS["next_event"], choices, answer, first_step)


def _next_state(sim: Simulation, replay: Replay, rng: random.Random) -> Question | None:
    before = {d.domid: state_word(d) for d in sim.world.host.domains.values()}
    for taken, scratch, _events in ahead(sim, replay):
        for domid, word in before.items():
            domain = scratch.world.host.domains.get(domid)
            now = state_word(domain) if domain is not None else "dead"
            if now != word and now in STATES:
                return _state_question(scratch, domid, word, now, taken, rng)
    return None


def _state_question(sim: Simulation, domid: int, was: str, now: str, taken: int,
                    rng: random.Random) -> Question:
    domain = sim.world.host.domains.get(domid)
    name = domain.name if domain is not None else f"d{domid}"
    pool = [w for w in ("running", "blocked", "paused", "shutting_down", "shutdown",
                        "crashed", "dying", "dead") if w not in (now, was)]
    others = [STATES[w] for w in rng.sample(pool, 3)]
    choices, answer = _shuffled(STATES[now], others, rng)
    text = {"en": f"{name} is {STATES[was]['en']}. Which state does it reach next?",
            "fr": f"{name} est {STATES[was]['fr']}. Dans quel état passe-t-il ensuite ?"}
    return Question("next_state", text, choices, answer, taken)


def _ends(sim: Simulation) -> dict[tuple[str, str], int]:
    lab = sim.world.labs.get("devices")
    devices = getattr(lab, "devices", {})
    return {(kind, side): int(getattr(device, f"{side}_state"))
            for kind, device in devices.items() for side in ("front", "back")}


def _xenbus_next(sim: Simulation, replay: Replay, rng: random.Random) -> Question | None:
    before = _ends(sim)
    if not before:
        return None
    for taken, scratch, _events in ahead(sim, replay):
        for end, value in _ends(scratch).items():
            if before.get(end) != value:
                return _xenbus_question(end, before.get(end, 0), value, taken, rng)
    return None


def _xenbus_question(end: tuple[str, str], was: int, now: int, taken: int,
                     rng: random.Random) -> Question:
    kind, side = end
    names = {"front": {"en": "frontend", "fr": "frontal"},
             "back": {"en": "backend", "fr": "dorsal"}}[side]
    label = {s: {"en": s.name, "fr": s.name} for s in XenbusState}
    pool = [s for s in XenbusState if s not in (now, was) and s <= XenbusState.Closed]
    others = [label[s] for s in rng.sample(pool, 3)]
    choices, answer = _shuffled(label[XenbusState(now)], others, rng)
    state = XenbusState(was).name
    text = {"en": f"The {kind} {names['en']} is in {state}. Which XenbusState comes next?",
            "fr": f"Le {names['fr']} {kind} est en {state}. Quel XenbusState vient ensuite ?"}
    return Question("xenbus_next", text, choices, answer, taken)


def _step_event(sim: Simulation, replay: Replay, rng: random.Random) -> Question | None:
    steps = [events for _taken, _scratch, events in islice(ahead(sim, replay), STEP_AHEAD)]
    if not steps or not steps[0]:
        return None
    answer = next((event for event in steps[0] if event.notable), steps[0][0])
    seen = {event.kind for event in steps[0]}
    others: list[Event] = []
    for event in (event for events in steps[1:] for event in events):
        if event.kind not in seen:
            seen.add(event.kind)
            others.append(event)
    others.sort(key=lambda event: not event.notable)
    if len(others) < 2:
        return None
    choices, index = _shuffled(answer.narration(), [e.narration() for e in others[:3]], rng)
    return Question("step_event", KINDS["step_event"], choices, index, 1)


MAKERS: dict[str, Callable[[Simulation, Replay, random.Random], Question | None]] = {
    "next_event": _next_event, "next_state": _next_state, "xenbus_next": _xenbus_next,
    "step_event": _step_event,
}
