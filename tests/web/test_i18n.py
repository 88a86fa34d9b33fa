"""Every UI string has a French translation, the compiled catalog is up to date, and code names
in a sentence show as code (the ``prose`` filter and its script twin)."""

from __future__ import annotations

import json

from babel.messages.mofile import read_mo
from markupsafe import escape

from webapp.i18n import CODE_PATTERN, prose
from webapp.translations.build import HERE, ROOT, catalog


def test_every_ui_string_has_a_french_translation() -> None:
    _, missing = catalog()
    assert missing == [], f"run python -m webapp.translations.build; missing: {missing}"


def test_the_compiled_catalog_matches_the_sources() -> None:
    expected, _ = catalog()
    with open(HERE / "fr" / "LC_MESSAGES" / "messages.mo", "rb") as mo:
        compiled = read_mo(mo)
    want = {m.id: m.string for m in expected if m.id}
    have = {m.id: m.string for m in compiled if m.id}
    assert have == want, "run python -m webapp.translations.build"


def test_prose_puts_code_names_in_code_and_escapes_the_rest() -> None:
    assert prose("`xl save` <b>") == "<code>xl save</code> &lt;b&gt;"
    assert prose("`<i>`") == "<code>&lt;i&gt;</code>"
    assert prose("start_info.mod_start vaut 3. Fin.") == (
        "<code>start_info.mod_start</code> vaut 3. Fin.")
    assert prose("on_crash=preserve, XenbusStateConnected, schedule()") == (
        "<code>on_crash=preserve</code>, <code>XenbusStateConnected</code>, "
        "<code>schedule()</code>")
    assert prose("xen: xen/common/sched/core.c, /local/domain/1") == (
        "xen: <code>xen/common/sched/core.c</code>, <code>/local/domain/1</code>")
    words = "2 vCPU, pCPU0, dom0, domU, 512 Mio, E/S, TX/RX, c.-à-d. « Début / Fin »"
    assert prose(words) == escape(words)


def test_the_scripts_draw_code_names_with_the_same_pattern() -> None:
    script = (ROOT / "static" / "js" / "prose.js").read_text(encoding="utf-8")
    assert f"new RegExp({json.dumps(CODE_PATTERN)}, \"g\")" in script
