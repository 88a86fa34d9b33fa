"""The model is sans-I/O: it imports only the standard library and itself, and no clock, file
system, thread, socket or global random source (architecture-guide.md, "Boundaries")."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parents[2] / "webapp" / "model"
SOURCES = sorted(MODEL.rglob("*.py"))

FORBIDDEN = {
    "os", "sys", "time", "datetime", "threading", "multiprocessing", "concurrent", "asyncio",
    "socket", "subprocess", "io", "pathlib", "logging", "tempfile", "shutil", "signal",
    "importlib", "urllib", "http", "secrets", "uuid",
    "flask", "flask_socketio", "socketio", "plotly", "sqlalchemy", "yaml",
}
#: Calls that reach the outside world or the process's own state.
FORBIDDEN_BUILTINS = {"open", "print", "input", "eval", "exec", "__import__", "breakpoint"}


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, top-level module) of every import in ``tree``, nested ones included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def import_problems(tree: ast.AST) -> list[str]:
    problems = []
    for line, module in imported_modules(tree):
        top = module.split(".")[0]
        if top in FORBIDDEN:
            problems.append(f"line {line}: imports {module} (forbidden in the model)")
        elif module != "webapp.model" and not module.startswith("webapp.model.") and (
                top not in sys.stdlib_module_names):
            problems.append(f"line {line}: imports {module} (not stdlib, not webapp.model)")
    return problems


def random_problems(tree: ast.AST) -> list[str]:
    """The global random source is off limits; ``random.Random(seed)`` is the only way in."""
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "random":
            problems += [f"line {node.lineno}: from random import {alias.name}"
                         for alias in node.names if alias.name != "Random"]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (
                node.value.id == "random" and node.attr != "Random"):
            problems.append(f"line {node.lineno}: random.{node.attr} (the global random source)")
        if isinstance(node, ast.Call) and _is_random_class(node.func) and not node.args:
            problems.append(f"line {node.lineno}: random.Random() without a seed")
    return problems


def _is_random_class(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "Random"
            and isinstance(func.value, ast.Name) and func.value.id == "random")


def builtin_problems(tree: ast.AST) -> list[str]:
    return [f"line {node.lineno}: calls {node.func.id}()" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in FORBIDDEN_BUILTINS]


def parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_the_model_has_python_sources_to_check() -> None:
    assert len(SOURCES) > 20
    assert MODEL / "simulation.py" in SOURCES


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(MODEL)))
def test_a_model_module_imports_only_the_standard_library_and_the_model(path: Path) -> None:
    assert import_problems(parsed(path)) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(MODEL)))
def test_a_model_module_draws_randomness_only_from_a_seeded_random_instance(path: Path) -> None:
    assert random_problems(parsed(path)) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(MODEL)))
def test_a_model_module_never_opens_files_prints_or_evaluates_code(path: Path) -> None:
    assert builtin_problems(parsed(path)) == []


@pytest.mark.parametrize("source, problem", [
    ("import os", "imports os"),
    ("from time import monotonic", "imports time"),
    ("import flask_socketio", "imports flask_socketio"),
    ("import numpy", "not stdlib"),
    ("from webapp.web import api", "not stdlib"),
    ("def f():\n    import yaml", "imports yaml"),
])
def test_the_import_check_catches_what_it_must(source: str, problem: str) -> None:
    assert problem in " ".join(import_problems(ast.parse(source)))


@pytest.mark.parametrize("source", [
    "import random\nx = random.random()",
    "import random\nx = random.choice([1, 2])",
    "from random import randint",
    "import random\nr = random.Random()",
])
def test_the_random_check_catches_the_global_random_source(source: str) -> None:
    assert random_problems(ast.parse(source))


def test_the_random_check_allows_a_seeded_instance() -> None:
    source = "import random\nr = random.Random(42)\ndef f(rng: random.Random) -> int:\n" \
             "    return rng.randint(1, 6)"
    assert random_problems(ast.parse(source)) == []
