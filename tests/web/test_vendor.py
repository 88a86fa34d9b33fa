"""Vendored front-end assets are pinned, intact, and the only scripts pages load.

A classroom network is unreliable: pages must load their JavaScript and CSS from
``static/vendor`` (checked against ``SHA256SUMS``), never from a CDN. The browser tests' own
scripts (axe-core) are pinned the same way in ``tests/e2e/vendor``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
VENDOR = REPO_ROOT / "static" / "vendor"
TEST_VENDOR = REPO_ROOT / "tests" / "e2e" / "vendor"
VENDORED = [VENDOR, TEST_VENDOR]
TEMPLATES = REPO_ROOT / "templates"
NOT_ASSETS = {"SHA256SUMS", "README.md"}

# A <script src=...> or <link href=...> whose URL is absolute (http:, https:) or
# protocol-relative (//host/...).
REMOTE_ASSET = re.compile(
    r"""<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)


def read_sums(folder: Path = VENDOR) -> dict[str, str]:
    """File name -> expected SHA-256, from ``folder/SHA256SUMS`` (sha256sum format)."""
    sums: dict[str, str] = {}
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.lstrip("*")] = digest
    return sums


def remote_assets(html: str) -> list[str]:
    """The script/link tags in ``html`` that load something from another host."""
    return [match.group(0) for match in REMOTE_ASSET.finditer(html)]


@pytest.mark.parametrize("folder", VENDORED, ids=lambda f: str(f.relative_to(REPO_ROOT)))
def test_sha256sums_lists_every_vendored_file(folder: Path) -> None:
    on_disk = {p.name for p in folder.iterdir() if p.is_file() and p.name not in NOT_ASSETS}
    assert on_disk, f"{folder} holds no assets"
    assert set(read_sums(folder)) == on_disk


@pytest.mark.parametrize(("folder", "name"), [(folder, name) for folder in VENDORED
                                              for name in sorted(read_sums(folder))])
def test_vendored_file_matches_its_checksum(folder: Path, name: str) -> None:
    path = folder / name
    assert path.is_file(), f"{name} is listed in {folder}/SHA256SUMS but missing"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == read_sums(folder)[name]


def test_axe_core_is_loaded_by_the_tests_only() -> None:
    """axe-core checks pages in the browser tests; no page ships it."""
    assert any(name.startswith("axe-core-") for name in read_sums(TEST_VENDOR))
    pages = " ".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("**/*.html"))
    assert "axe-core" not in pages and "axe.min" not in pages


@pytest.mark.parametrize(
    ("html", "remote"),
    [
        ('<script src="https://unpkg.com/htmx.org"></script>', True),
        ("<script defer src='http://cdn.example/x.js'></script>", True),
        ('<link rel="stylesheet" href="//fonts.example/css">', True),
        ("<LINK REL=preconnect HREF=https://cdn.example>", True),
        ("<script src=\"{{ url_for('static', filename='vendor/x.js') }}\"></script>", False),
        ('<link rel="icon" href="data:,">', False),
        ('<a href="https://xenproject.org">Xen</a>', False),
    ],
)
def test_remote_asset_detector(html: str, remote: bool) -> None:
    assert bool(remote_assets(html)) is remote


def test_templates_load_no_remote_scripts_or_styles() -> None:
    offenders = {
        str(path.relative_to(REPO_ROOT)): found
        for path in sorted(TEMPLATES.glob("**/*.html"))
        if (found := remote_assets(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
