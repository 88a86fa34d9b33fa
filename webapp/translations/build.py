"""Rebuild the French catalog: extract every UI string, fill it from ``fr_strings/*.json``,
write ``fr/LC_MESSAGES/messages.po`` and compile ``messages.mo``.

Run ``python -m webapp.translations.build`` after changing a template's words. Each lab keeps its
own ``fr_strings/<lab>.json`` (English msgid → French), so labs never edit the same file.
``tests/web/test_i18n.py`` fails when a string lacks a French translation or the .mo is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
METHODS = [("webapp/**.py", "python"), ("templates/**.html", "jinja2")]


def french() -> dict[str, str]:
    """Every English → French pair from the per-lab files."""
    pairs: dict[str, str] = {}
    for path in sorted((HERE / "fr_strings").glob("*.json")):
        pairs.update(json.loads(path.read_text(encoding="utf-8")))
    return pairs


def catalog() -> tuple[Catalog, list[str]]:
    """The French catalog of every extracted string, and the strings with no translation."""
    pairs, missing = french(), []
    result = Catalog(locale="fr", domain="messages", project="hypervisor-lab")
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), METHODS,
                                                                       keywords=keywords):
        if not message or isinstance(message, tuple):
            continue
        if message not in pairs:
            missing.append(message)
        result.add(message, pairs.get(message, ""))
    return result, sorted(set(missing))


def main() -> int:
    result, missing = catalog()
    folder = HERE / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "messages.po", "wb") as po:
        write_po(po, result, width=100, omit_header=True, sort_output=True)
    with open(folder / "messages.mo", "wb") as mo:
        write_mo(mo, result)
    for message in missing:
        print(f"missing French: {message!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
