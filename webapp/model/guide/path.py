"""A scenario's goal and path, read from its YAML (``goal``, ``level``, ``path``, ``next``).

```yaml
goal: {en: "...", fr: "..."}
level: 1                       # 1 introductory, 2, 3 advanced
next: {en: "...", fr: "..."}   # what to try once the path is done (or the script is over)
path:                          # 2 to 6 chapters
  - title: {en: "...", fr: "..."}
    look: {en: "...", fr: "..."}    # what to look at
    do: {en: "...", fr: "..."}      # what to do
    action: pause                   # optional: the action the chapter's button sends...
    target: web                     # ...with its target and args, as the socket's `action`
    args: {}
    button: {en: "Pause web", fr: "Mettre web en pause"}   # the button's words
    done: {event: pause.paused, data: {domain: web}}       # see conditions.py
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from webapp.model.events import Event
from webapp.model.guide import lab_conditions  # noqa: F401  (registers the lab kinds)
from webapp.model.guide.conditions import Condition, EventCondition, bad, parse, stateful

LEVELS = (1, 2, 3)
MIN_CHAPTERS, MAX_CHAPTERS = 2, 6
Texts = dict[str, str]


@dataclass(frozen=True)
class ChapterAction:
    """What a chapter's button sends: the socket's ``action`` body, and the button's words."""

    action: str
    target: Any
    args: dict[str, Any]
    button: Texts

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action, "target": self.target, "args": dict(self.args),
                "button": dict(self.button)}


@dataclass(frozen=True)
class Chapter:
    title: Texts
    look: Texts
    do: Texts
    action: ChapterAction | None
    done: Condition
    stateful: bool = True  # reads the state now (else only events: see conditions.stateful)


@dataclass(frozen=True)
class Guide:
    """The goal, the level and the chapters of a scenario, and its event conditions by the
    kind (or ``family.*``) they match (the guide's state counts their events, step by step)."""

    goal: Texts
    level: int
    next: Texts
    chapters: tuple[Chapter, ...]
    events: dict[str, tuple[EventCondition, ...]] = field(default_factory=dict)
    stateful: bool = True  # a chapter reads the state now: check every step

    def matching(self, event: Event) -> list[EventCondition]:
        """The event conditions ``event`` meets."""
        family = event.kind.split(".", 1)[0] + ".*"
        candidates = self.events.get(event.kind, ()) + self.events.get(family, ())
        return [condition for condition in candidates if condition.matches(event)]


def texts(doc: dict[str, Any], key: str) -> Texts:
    """``{en, fr}`` (both required: a path is read by learners in both languages)."""
    value = doc.get(key)
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) and value[k]
                                              for k in ("en", "fr")):
        raise bad("needs English and French text {en: ..., fr: ...}", key)
    return {"en": value["en"], "fr": value["fr"]}


def parse_guide(doc: dict[str, Any]) -> Guide | None:
    """The scenario's guide, or None when the document has no ``path``."""
    if "path" not in doc:
        return None
    chapters = doc["path"]
    if not isinstance(chapters, list) or not MIN_CHAPTERS <= len(chapters) <= MAX_CHAPTERS:
        raise bad(f"needs {MIN_CHAPTERS} to {MAX_CHAPTERS} chapters", "path")
    level = doc.get("level")
    if level not in LEVELS or isinstance(level, bool):
        raise bad("needs 1 (introductory), 2 or 3 (advanced)", "level")
    events: list[EventCondition] = []
    parsed = tuple(_chapter(chapter, events) for chapter in chapters)
    by_key: dict[str, tuple[EventCondition, ...]] = {}
    for condition in events:
        by_key[condition.key] = (*by_key.get(condition.key, ()), condition)
    return Guide(texts(doc, "goal"), int(level), texts(doc, "next"), parsed, by_key,
                 any(chapter.stateful for chapter in parsed))


CHAPTER_KEYS = {"title", "look", "do", "action", "target", "args", "button", "done"}


def _chapter(doc: Any, events: list[EventCondition]) -> Chapter:
    if not isinstance(doc, dict):
        raise bad("each chapter is a mapping", "path")
    unknown = sorted(set(doc) - CHAPTER_KEYS)
    if unknown:
        raise bad("not a field of a chapter", unknown[0])
    if "done" not in doc:
        raise bad("every chapter needs a condition", "done")
    done = parse(doc["done"], events)
    return Chapter(texts(doc, "title"), texts(doc, "look"), texts(doc, "do"), _action(doc),
                   done, stateful(done))


def _action(doc: dict[str, Any]) -> ChapterAction | None:
    action = doc.get("action")
    if action is None:
        return None
    if not isinstance(action, str) or not isinstance(doc.get("args", {}), dict):
        raise bad("needs an action id (and args a mapping)", "action")
    return ChapterAction(action, doc.get("target"), dict(doc.get("args", {})),
                         texts(doc, "button"))
