"""axe-core on every lab page the app lists, in English, in French and in projector view.

axe-core is vendored for the tests (``tests/e2e/vendor``, pinned in its ``SHA256SUMS``); it runs
in the page (the test's browser context bypasses the page's CSP so that the script can be added).
A serious or critical violation fails. A violation in the shared chrome must never happen; a
lab whose own picture still has one is an expected failure that names its files (its view's
owner fixes it), so the check keeps running for every lab, new ones included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.e2e.labpages import AREAS, LABS, open_lab, probe
from tests.e2e.test_presentation import lab_cases

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1.min.js"
SERIOUS = {"serious", "critical"}
VIEWS = [("en", False), ("fr", False), ("en", True), ("fr", True)]
#: Serious violations left in a lab's own picture, by lab: the file and element to fix (its
#: view's owner); a strict expected failure each. None is left.
PICTURE_VIOLATIONS: dict[str, str] = {}

RUN_AXE = """
async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations;
}
"""


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """axe is added to the page as a script: the page's own CSP would refuse it."""
    return {**browser_context_args, "bypass_csp": True}


def violations(page: Page) -> list[dict[str, Any]]:
    """The serious and critical violations, one line per element, with its region."""
    page.add_script_tag(path=str(AXE))
    found = []
    for rule in page.evaluate(RUN_AXE):
        for node in rule["nodes"]:
            if (node.get("impact") or rule["impact"]) not in SERIOUS:
                continue
            target = node["target"][0] if isinstance(node["target"][0], str) else None
            region = probe(page, "regionOf", target, AREAS) if target else "picture"
            found.append({"rule": rule["id"], "region": region, "target": node["target"],
                          "summary": node.get("failureSummary", "")[:300]})
    return found


def view_id(view: tuple[str, bool]) -> str:
    return f"{view[0]}-projector" if view[1] else view[0]


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
@pytest.mark.parametrize("lab", sorted(LABS))
def test_the_shared_chrome_of_every_lab_page_passes_axe(page: Page, lab: str,
                                                        view: tuple[str, bool]) -> None:
    open_lab(page, lab, lang=view[0], projector=view[1])
    assert [v for v in violations(page) if v["region"] == "chrome"] == []


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
@pytest.mark.parametrize("lab", lab_cases(PICTURE_VIOLATIONS))
def test_every_lab_page_passes_axe(page: Page, lab: str, view: tuple[str, bool]) -> None:
    open_lab(page, lab, lang=view[0], projector=view[1])
    assert violations(page) == []
