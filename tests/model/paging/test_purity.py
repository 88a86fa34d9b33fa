"""The paging model is pure: standard library and webapp.model only, no I/O, no clock."""

from __future__ import annotations

import ast
from pathlib import Path

import webapp.model.paging as paging

ALLOWED = {"__future__", "collections", "dataclasses", "enum", "json", "re", "types", "typing"}
PACKAGE = Path(paging.__file__).parent


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_every_module_imports_only_the_allowed_standard_library_and_the_model() -> None:
    for path in PACKAGE.glob("*.py"):
        for name in imported_modules(path):
            allowed = name.startswith("webapp.model.") or name.split(".")[0] in ALLOWED
            assert allowed, f"{path.name} imports {name}"


def test_modules_stay_small() -> None:
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text().splitlines()) < 400, path.name


def test_no_assert_statements_guard_the_model() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text())
        assert not any(isinstance(node, ast.Assert) for node in ast.walk(tree)), path.name
