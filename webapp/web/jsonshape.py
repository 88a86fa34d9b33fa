"""Check a JSON document against a JSON Schema, naming the field that is wrong.

The files people upload (an exercise set, a progress file) are described by a JSON Schema
(``exercise_set.schema.json``, ``progress_file.schema.json``); this module checks a document
against the subset of JSON Schema (draft 2020-12) those schemas use, so the schema *is* the
rule: ``type`` (one or a list), ``properties``, ``required``, ``additionalProperties: false``,
``items``, ``minItems``, ``maxItems``, ``uniqueItems``, ``enum``, ``const``, ``minimum``,
``maximum``, ``minLength``, ``maxLength``, ``pattern``, ``oneOf`` (branches told apart by a
``const`` property) and local ``$ref`` (``#/$defs/<name>``). The first problem found is raised
as :class:`ShapeError` with the field's path (``goals[1].level``) and a sentence in the
request's language. Integers are JSON integers: ``true`` and ``1.0`` are not.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from flask_babel import gettext as _

HERE = Path(__file__).resolve().parent
KEYS = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ShapeError(Exception):
    """A document that does not fit its schema: which field, and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema shipped beside this module (``webapp/web/<name>``)."""
    schema: dict[str, Any] = json.loads((HERE / name).read_text(encoding="utf-8"))
    return schema


def check(document: Any, schema: dict[str, Any]) -> None:
    """Raise :class:`ShapeError` for the first field of ``document`` that ``schema`` refuses."""
    _check(document, schema, "", schema)


def label(path: str) -> str:
    return path or _("the file")


def _check(value: Any, rule: dict[str, Any], path: str, root: dict[str, Any]) -> None:
    rule = _resolve(rule, root)
    if "oneOf" in rule:
        branches = [_resolve(branch, root) for branch in rule["oneOf"]]
        return _check(value, _branch(value, branches, path), path, root)
    _check_type(value, rule, path)
    _check_choice(value, rule, path)
    if isinstance(value, dict):
        _check_object(value, rule, path, root)
    elif isinstance(value, list):
        _check_list(value, rule, path, root)
    elif isinstance(value, str):
        _check_text(value, rule, path)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        _check_number(value, rule, path)
    return None


def _resolve(rule: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in rule:
        return rule
    found: dict[str, Any] = root["$defs"][rule["$ref"].removeprefix("#/$defs/")]
    return found


TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}


def type_words(kind: str) -> str:
    return str({"object": _("an object"), "array": _("a list"), "string": _("a string"),
            "boolean": _("true or false"), "null": _("null"), "integer": _("an integer"),
            "number": _("a number")}[kind])


def _check_type(value: Any, rule: dict[str, Any], path: str) -> None:
    kinds = rule.get("type")
    if kinds is None:
        return
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if not any(TYPES[kind](value) for kind in kinds):
        words = _(" or ").join(type_words(kind) for kind in kinds)
        raise ShapeError(path, _("%(field)s must be %(kind)s.", field=label(path), kind=words))


def _check_choice(value: Any, rule: dict[str, Any], path: str) -> None:
    choices = [rule["const"]] if "const" in rule else rule.get("enum")
    if choices is not None and not any(_same(value, choice) for choice in choices):
        raise ShapeError(path, _("%(field)s must be one of: %(choices)s.", field=label(path),
                                 choices=", ".join(json.dumps(c) for c in choices)))


def _same(value: Any, choice: Any) -> bool:
    return type(value) is type(choice) and value == choice


def _check_object(value: dict[str, Any], rule: dict[str, Any], path: str,
                  root: dict[str, Any]) -> None:
    known = rule.get("properties", {})
    for name in rule.get("required", []):
        if name not in value:
            raise ShapeError(_join(path, name), _("%(field)s is missing.",
                                                  field=_join(path, name)))
    for name, item in value.items():
        if name in known:
            _check(item, known[name], _join(path, name), root)
        elif rule.get("additionalProperties", True) is False:
            field = _join(path, name if KEYS.match(str(name)) else json.dumps(name)[:40])
            raise ShapeError(field, _("%(field)s is not a known field.", field=field))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _check_list(value: list[Any], rule: dict[str, Any], path: str,
                root: dict[str, Any]) -> None:
    low, high = rule.get("minItems", 0), rule.get("maxItems")
    if len(value) < low or (high is not None and len(value) > high):
        raise ShapeError(path, _("%(field)s must be a list of %(low)s to %(high)s items.",
                                 field=label(path), low=low, high=high))
    if rule.get("uniqueItems"):
        seen = [json.dumps(item, sort_keys=True) for item in value]
        if len(set(seen)) != len(seen):
            raise ShapeError(path, _("%(field)s lists the same item twice.", field=label(path)))
    if "items" in rule:
        for index, item in enumerate(value):
            _check(item, rule["items"], f"{path}[{index}]", root)


def _check_text(value: str, rule: dict[str, Any], path: str) -> None:
    low, high = rule.get("minLength", 0), rule.get("maxLength")
    if len(value) < low or (high is not None and len(value) > high):
        raise ShapeError(path, _("%(field)s must be %(low)s to %(high)s characters long.",
                                 field=label(path), low=low, high=high))
    if "pattern" in rule and not re.search(rule["pattern"], value):
        raise ShapeError(path, _("%(field)s must match %(pattern)s.", field=label(path),
                                 pattern=rule["pattern"]))


def _check_number(value: float, rule: dict[str, Any], path: str) -> None:
    low, high = rule.get("minimum"), rule.get("maximum")
    if not math.isfinite(value) or (low is not None and value < low) \
            or (high is not None and value > high):
        kind = "integer" if rule.get("type") == "integer" else "number"
        message = (_("%(field)s must be an integer from %(low)s to %(high)s.", field=label(path),
                     low=low, high=high) if kind == "integer" else
                   _("%(field)s must be a number from %(low)s to %(high)s.", field=label(path),
                     low=low, high=high))
        raise ShapeError(path, message)


def _branch(value: Any, branches: list[dict[str, Any]], path: str) -> dict[str, Any]:
    """The ``oneOf`` branch whose ``const`` property the value carries."""
    key = next(name for name, rule in branches[0]["properties"].items() if "const" in rule)
    choices = [branch["properties"][key]["const"] for branch in branches]
    if not isinstance(value, dict):
        raise ShapeError(path, _("%(field)s must be %(kind)s.", field=label(path),
                                 kind=type_words("object")))
    for branch, choice in zip(branches, choices, strict=True):
        if _same(value.get(key), choice):
            return branch
    field = _join(path, key)
    if key not in value:
        raise ShapeError(field, _("%(field)s is missing.", field=field))
    raise ShapeError(field, _("%(field)s must be one of: %(choices)s.", field=field,
                              choices=", ".join(json.dumps(c) for c in choices)))
