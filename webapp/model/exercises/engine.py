"""The exercise engine: a kind makes a problem from a seed and a level; the model grades it.

Nothing is an answer key. A kind's ``make`` draws a variant from ``random.Random`` seeded by
(kind, seed, level) — often by running a scratch simulation or a page walker — and keeps what
the model computed as the problem's ``truth`` and ``facts``, which never leave the server
before a worked answer is asked for. ``check`` compares an answer with what the model computed
and, when it is wrong, says where to look (a hint, never the answer); ``explain`` gives the
worked answer, step by step, with what the lab's own views need to draw it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

Texts = dict[str, str]
#: what ``make`` returns: the public question, the expected answer, private facts
Made = tuple[dict[str, Any], Any, dict[str, Any]]
#: a problem is drawn again (same random source, further on) when its question would leak
MAX_DRAWS = 24


class AnswerError(ValueError):
    """An answer of the wrong shape: it is not graded and does not count as an attempt."""

    def __init__(self, texts: Texts) -> None:
        super().__init__(texts["en"])
        self.texts = texts


@dataclass(frozen=True)
class Problem:
    """One variant of a kind: the question anyone may see, and what only grading may read."""

    kind: str
    seed: int
    level: int
    question: dict[str, Any]
    truth: Any
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    correct: bool
    feedback: Texts


@dataclass(frozen=True)
class Kind:
    """An exercise kind: its lab, title, levels and the three functions that make it work.

    ``check(problem, answer, attempt)`` gets the attempt's number (1 for the first), so hints
    may grow more precise; ``secrets(problem)`` lists what the question must never contain.
    """

    id: str
    lab: str
    title: Texts
    levels: tuple[Texts, ...]
    make: Callable[[random.Random, int], Made]
    check: Callable[[Problem, Any, int], Verdict]
    explain: Callable[[Problem], dict[str, Any]]
    secrets: Callable[[Problem], Iterable[str | int]] = lambda problem: ()


REGISTRY: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    REGISTRY[kind.id] = kind
    return kind


def kinds(lab: str | None = None) -> list[Kind]:
    """The registered kinds (of one lab), in registration order."""
    return [kind for kind in REGISTRY.values() if lab is None or kind.lab == lab]


def generate(kind_id: str, seed: int, level: int) -> Problem:
    """The problem of ``kind_id`` for this seed and level (the same every time)."""
    kind = REGISTRY[kind_id]
    if not 1 <= level <= len(kind.levels):
        raise ValueError(f"{kind_id} has levels 1 to {len(kind.levels)}")
    rng = random.Random(f"{kind_id}:{seed}:{level}")
    problem = _draw(kind, rng, seed, level)
    for _ in range(MAX_DRAWS):
        if not leaks(problem.question, kind.secrets(problem)):
            break
        problem = _draw(kind, rng, seed, level)
    return problem


def _draw(kind: Kind, rng: random.Random, seed: int, level: int) -> Problem:
    question, truth, facts = kind.make(rng, level)
    envelope = {"kind": kind.id, "lab": kind.lab, "level": level, "seed": seed, **question}
    return Problem(kind.id, seed, level, envelope, truth, facts)


def grade(problem: Problem, answer: Any, attempt: int = 1) -> Verdict:
    """Whether ``answer`` is right, with a hint when it is not (``AnswerError``: not an
    answer at all)."""
    return REGISTRY[problem.kind].check(problem, answer, attempt)


def worked(problem: Problem) -> dict[str, Any]:
    """The worked answer: ``answer``, ``steps`` ({en, fr} each) and a ``view`` to draw."""
    return REGISTRY[problem.kind].explain(problem)


# -- helpers every kind uses --------------------------------------------------------------------

def both(en: str, fr: str, **values: Any) -> Texts:
    """A sentence in both languages, ``str.format``-ed with the same values (a value that is
    itself ``{"en", "fr"}`` gives each language its own words)."""
    return {lang: text.format(**{name: value[lang] if isinstance(value, dict) else value
                                 for name, value in values.items()})
            for lang, text in (("en", en), ("fr", fr))}


def joined(parts: Iterable[Texts], sep: str = " ") -> Texts:
    """Sentences put together, language by language."""
    items = list(parts)
    return {lang: sep.join(part[lang] for part in items) for lang in ("en", "fr")}


def choice_list(values: Iterable[tuple[str, Texts]]) -> list[dict[str, Any]]:
    """``[{"value", "label": {en, fr}}]`` for a multiple-choice form."""
    return [{"value": value, "label": label} for value, label in values]


def right(texts: Texts | None = None) -> Verdict:
    return Verdict(True, texts or both("Right.", "Juste."))


def wrong(hint: Texts) -> Verdict:
    return Verdict(False, joined([both("Not quite.", "Pas tout à fait."), hint]))


def chosen(answer: Any, allowed: Iterable[str]) -> str:
    """A choice's value, or an ``AnswerError`` naming the values allowed."""
    options = list(allowed)
    if not isinstance(answer, str) or answer not in options:
        raise AnswerError(both("Choose one of: {options}.", "Choisissez parmi : {options}.",
                               options=", ".join(options)))
    return answer


_NUMBER = re.compile(r"(0[xX][0-9a-fA-F]{1,16}|[0-9]{1,20})")


def number(answer: Any, name: Texts) -> int:
    """A whole number typed as ``1234`` or ``0x4d2`` (or a JSON integer)."""
    if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < 1 << 64:
        return answer
    text = answer.strip() if isinstance(answer, str) else ""
    if not _NUMBER.fullmatch(text):
        raise AnswerError({"en": f"{name['en']} must be a number, in decimal or as 0x… hex.",
                           "fr": f"{name['fr']} doit être un nombre, en décimal ou en "
                                 "hexadécimal 0x…."})
    return int(text, 16) if text.lower().startswith("0x") else int(text)


def leaks(question: Any, secrets: Iterable[str | int]) -> bool:
    """Whether the question shows one of ``secrets`` as a value, or as a word of a text."""
    wanted = {str(secret).lower() for secret in secrets}
    if not wanted:
        return False
    return any(value.lower() in wanted or any(word in wanted for word in _words(value))
               for value in _scalars(question))


def _words(text: str) -> list[str]:
    return re.findall(r"[0-9a-zA-Z_]+", text.lower())


def _scalars(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _scalars(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _scalars(item)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        yield str(value)
        yield hex(value)
    else:
        yield str(value)


def plain(value: Any) -> Any:
    """``value`` as plain JSON data (tuples become lists), for the question and the view."""
    return json.loads(json.dumps(value))
