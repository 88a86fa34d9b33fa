"""Every UI string has a French translation, and the compiled catalog is up to date."""

from __future__ import annotations

from babel.messages.mofile import read_mo

from webapp.translations.build import HERE, catalog


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
