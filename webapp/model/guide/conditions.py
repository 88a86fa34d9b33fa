"""The condition language of a scenario's path: data in the YAML, checked by the model.

A chapter is done when its ``done`` condition holds. A condition is a mapping whose first key
known to :data:`KINDS` names its kind; each kind has one parser (which validates the mapping and
refuses it by name) and one evaluator (``holds``):

- ``{event: shutdown.action, data: {domain: web}, times: 1}``: an event of that kind
  (``crash.*`` for any kind under ``crash.``) whose data contains the given values happened at
  or before the cursor (at least ``times`` times, at different steps or not);
- ``{domain: web, state: shutdown}``: the domain named ``web`` is in that state now (a state
  word, a list of them, or ``gone`` when no domain has that name);
- ``{all: [...]}`` / ``{any: [...]}``: every / at least one of the conditions holds;
- lab conditions read a lab's state now: ``{device: vbd, connected: true}``,
  ``{ring_full: true}``, ``{reads_done: 40}`` (devices), ``{paging_mode: ept}`` (memory).

Event conditions remember: the guide's state counts the events each one matched
(``Look.seen``), so ``all`` may combine events of different steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from webapp.model.domain import state_word
from webapp.model.errors import ScenarioError
from webapp.model.events import Event
from webapp.model.host import World


@dataclass(frozen=True)
class Look:
    """What a condition may read: the world now, this step's events, and how many events each
    event condition matched at or before this step."""

    world: World
    events: tuple[Event, ...]
    seen: dict[int, int]


class Condition(Protocol):
    def holds(self, look: Look) -> bool:
        """Whether the condition holds at this step."""
        ...


#: one counter per path: event conditions get consecutive ids as they are parsed
EventIds = list["EventCondition"]
Parser = Callable[[dict[str, Any], EventIds], Condition]
KINDS: dict[str, Parser] = {}


def kind(name: str) -> Callable[[Parser], Parser]:
    """Register the parser of the condition kind ``name``."""

    def register(parser: Parser) -> Parser:
        KINDS[name] = parser
        return parser

    return register


def bad(problem: str, field: str = "done") -> ScenarioError:
    return ScenarioError("scenario.bad_field", field=field, problem=problem)


def parse(doc: Any, events: EventIds) -> Condition:
    """The condition described by ``doc``; event conditions are appended to ``events``."""
    if not isinstance(doc, dict) or not doc:
        raise bad("a condition is a mapping such as {event: pause.paused}")
    name = next((key for key in doc if key in KINDS), None)
    if name is None:
        raise bad(f"unknown condition {sorted(doc)[0]!r}; known: {', '.join(sorted(KINDS))}")
    return KINDS[name](doc, events)


def stateful(condition: Condition) -> bool:
    """Whether the condition reads the state now (else only events: it can become true only
    at a step where one of its events matched)."""
    if isinstance(condition, EventCondition):
        return False
    if isinstance(condition, AllOf | AnyOf):
        return any(stateful(part) for part in condition.parts)
    return True


def only(doc: dict[str, Any], *keys: str) -> None:
    """Refuse a key the condition does not read (a typo must not make a chapter never end)."""
    unknown = sorted(set(doc) - set(keys))
    if unknown:
        raise bad(f"{unknown[0]!r} is not a field of this condition ({', '.join(keys)})")


# -- events ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EventCondition:
    ref: int
    kind: str
    data: tuple[tuple[str, Any], ...] = ()
    times: int = 1

    @property
    def key(self) -> str:
        """What an event's kind is looked up by: the kind, or ``family.*``."""
        return self.kind

    def matches(self, event: Event) -> bool:
        """Whether ``event`` is of this condition's kind (or family) and has its data."""
        family = event.kind.split(".", 1)[0] + ".*"
        return (self.kind in (event.kind, family)
                and all(event.data.get(key) == value for key, value in self.data))

    def holds(self, look: Look) -> bool:
        return look.seen.get(self.ref, 0) >= self.times


@kind("event")
def _event(doc: dict[str, Any], events: EventIds) -> Condition:
    only(doc, "event", "data", "times")
    name, data, times = doc["event"], doc.get("data", {}), doc.get("times", 1)
    if not isinstance(name, str) or "." not in name or (name.endswith("*")
                                                        and name.count(".") != 1):
        raise bad("event needs an event kind such as pause.paused (or a family: pause.*)")
    if not isinstance(data, dict):
        raise bad("data needs a mapping of event data")
    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        raise bad("times needs a positive number")
    found = EventCondition(len(events), name, tuple(sorted(data.items())), times)
    events.append(found)
    return found


# -- domains -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class DomainCondition:
    name: str
    states: tuple[str, ...]

    def holds(self, look: Look) -> bool:
        domain = next((d for d in look.world.host.domains.values() if d.name == self.name),
                      None)
        return ("gone" if domain is None else state_word(domain)) in self.states


@kind("domain")
def _domain(doc: dict[str, Any], events: EventIds) -> Condition:
    only(doc, "domain", "state")
    states = doc.get("state")
    states = [states] if isinstance(states, str) else states
    if not isinstance(doc["domain"], str) or not isinstance(states, list) or not states:
        raise bad("domain needs a domain name and a state (or a list of states)")
    return DomainCondition(doc["domain"], tuple(str(s) for s in states))


# -- combinations ------------------------------------------------------------------------------

@dataclass(frozen=True)
class AllOf:
    parts: tuple[Condition, ...]

    def holds(self, look: Look) -> bool:
        return all(part.holds(look) for part in self.parts)


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]

    def holds(self, look: Look) -> bool:
        return any(part.holds(look) for part in self.parts)


def _parts(doc: dict[str, Any], key: str, events: EventIds) -> tuple[Condition, ...]:
    only(doc, key)
    if not isinstance(doc[key], list) or not doc[key]:
        raise bad(f"{key} needs a list of conditions")
    return tuple(parse(part, events) for part in doc[key])


@kind("all")
def _all(doc: dict[str, Any], events: EventIds) -> Condition:
    """Event parts first: they cost a lookup, and most steps fail on them."""
    return AllOf(tuple(sorted(_parts(doc, "all", events), key=stateful)))


@kind("any")
def _any(doc: dict[str, Any], events: EventIds) -> Condition:
    return AnyOf(_parts(doc, "any", events))
