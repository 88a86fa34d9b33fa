"""Every lab the app lists, opened in a browser, and what a reader sees of it.

Shared by the presentation, accessibility and screenshot tests: ``LABS`` (one scenario per lab,
the first the landing page offers), ``open_lab`` (a session the browser owns, at a given size,
language and view) and probes that run in the page (visible text sizes, clipped table text).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, ViewportSize, expect

from webapp import catalog

SEED = 7
LAPTOP: ViewportSize = {"width": 1280, "height": 720}
PROJECTOR: ViewportSize = {"width": 1920, "height": 1080}

#: The parts of a page that belong to a lab's own picture (its view's templates and CSS), not
#: to the shared chrome (header, cursor bar, timeline, narration, guide, actions bar, xl list).
PICTURE = ".picture, .side .panel, #actions"
SHARED_IN_PICTURE = ("#domain-table, #actions-title, .domain-actions, .create-form, .restore-form,"
                     " .exercises")


def first_scenarios() -> dict[str, str]:
    """Each lab of the catalog -> its first scenario as the landing page orders them."""
    found: dict[str, Any] = {}
    for scenario in catalog.scenarios().values():
        key = (scenario.guide.level if scenario.guide else 9, scenario.title["en"])
        if scenario.lab not in found or key < found[scenario.lab][0]:
            found[scenario.lab] = (key, scenario.id)
    return {lab: found[lab][1] for lab in sorted(found)}


LABS = first_scenarios()


def open_lab(page: Page, lab: str, *, lang: str = "en", projector: bool = False,
             size: ViewportSize | None = None, steps: int = 1) -> str:
    """Start a session of ``lab`` owned by this browser, open its page, take ``steps`` presses
    of ▶| (so the narration has a step to tell); return the page's URL without its query."""
    page.set_viewport_size(size or (PROJECTOR if projector else LAPTOP))
    response = page.request.post("/api/v1/sessions", data={"scenario": LABS[lab], "seed": SEED})
    assert response.ok, response.text()
    url = str(response.json()["url"])
    query = f"?lang={lang}" + ("&view=projector" if projector else "")
    page.goto(url + query)
    expect(page.locator("#lab")).to_have_attribute("data-mode", "driver")
    page.wait_for_function("() => window.hypervisorLab !== undefined")
    for _ in range(steps):
        step_forward(page)
    return url


def step_now(page: Page) -> int:
    return int(page.locator("#step-now").inner_text())


def step_forward(page: Page) -> None:
    """Press ▶| (the key n) and wait until the step moves or the page says why it did not."""
    before = step_now(page)
    page.locator("#narration-title").click()  # the keyboard's focus on the page, not a field
    page.keyboard.press("n")
    page.wait_for_function(
        "before => Number(document.getElementById('step-now').textContent) !== before"
        " || !document.getElementById('status').hidden", arg=before)
    settle(page)


def settle(page: Page) -> None:
    """Wait until htmx panels and the view's motion have finished (no timing assumptions)."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => Promise.all(document.getAnimations().filter(a => a.effect?.getTiming()"
                  ".iterations !== Infinity).map(a => a.finished.catch(() => null)))")


# --- probes that run in the page ---------------------------------------------------------------

PROBES = (Path(__file__).resolve().parent / "probes.js").read_text(encoding="utf-8")
AREAS = {"picture": PICTURE, "shared": SHARED_IN_PICTURE}


def probe(page: Page, function: str, *args: Any) -> Any:
    """Call ``function`` of ``probes.js`` in the page."""
    return page.evaluate(f"(args) => {{ {PROBES}\n return {function}(...args); }}", list(args))


def text_sizes(page: Page) -> list[dict[str, Any]]:
    """Every visible text of the page with its rendered size in CSS px and its region."""
    result: list[dict[str, Any]] = probe(page, "textSizes", AREAS)
    return result


def clipped_table_text(page: Page) -> list[dict[str, Any]]:
    """The texts of visible table cells that a box with hidden overflow cuts off."""
    result: list[dict[str, Any]] = probe(page, "clippedTableText", AREAS)
    return result


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
