"""Every lab the app lists, opened in a browser, and what a reader sees of it.

Shared by the browser tests: ``start_lab`` (a session started from the landing page's lab
picker, as a reader does), ``open_session`` and ``open_lab`` (a session the browser owns, made by
the API, at a given size, language and view), ``wait_ready`` (lab.js and the lab's view have
started), ``join_class`` (a student joins a class on /join), ``LABS`` (one scenario per lab, the
first the landing page offers) and probes that run in the page (visible text sizes, clipped
table text).
"""

from __future__ import annotations

import re
import time
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


# --- starting a lab ----------------------------------------------------------------------------

READY_S = 20  # how long lab.js may take to start (a loaded machine imports modules slowly)

#: What each lab's view has drawn once it started: a selector and what must hold of it
#: (``visible``; ``filled``: its first match has text; ``some``: at least one match; a number:
#: exactly that many matches). A lab not listed is ready once lab.js has started.
VIEW_DRAWN: dict[str, tuple[tuple[str, str | int], ...]] = {
    "boot": (("#memview", "visible"), ("#native-chips .chip-state", "filled")),
    "categories": ((".cat-column", 4),),
    "cloud": (("#dc-svg .host", "some"),),
    "devices": (("#ring-svg", "visible"),),
    "lifecycle": (("#lifecycle-diagram", "visible"),),
    "memory": (("#walk", "visible"), ("#frames-main .frame.root", 1)),
}


def wait_ready(page: Page) -> None:
    """Wait until the page's script has started: lab.js publishes ``window.hypervisorLab`` last,
    after it imported the lab's view modules, ran the view's init and drew the first picture
    (a test that clicks before that, on a loaded machine, clicks a page that does nothing)."""
    deadline = time.monotonic() + READY_S
    while not page.evaluate("() => Boolean(window.hypervisorLab)"):
        if time.monotonic() > deadline:
            raise AssertionError(f"lab.js did not start within {READY_S} s: {page.url}")
        page.wait_for_timeout(100)


def expect_view_drawn(page: Page, lab: str) -> None:
    """Assert that ``lab``'s view has drawn what it draws as it starts (``VIEW_DRAWN``)."""
    for selector, check in VIEW_DRAWN.get(lab, ()):
        found = page.locator(selector)
        if isinstance(check, int):
            expect(found).to_have_count(check)
        elif check == "visible":
            expect(found).to_be_visible()
        elif check == "filled":
            expect(found.first).not_to_be_empty()
        else:
            expect(found).not_to_have_count(0)


def start_lab(page: Page, scenario: str, *, lang: str = "en", seed: int = 5,
              focus: str | None = None) -> str:
    """Start a session of ``scenario`` as a reader does: the landing page's lab picker, ``seed``
    typed in the scenario's form. Wait until the session page shows step 0, lab.js has started
    and the lab's view has drawn; then click ``focus`` (if given) so that the keyboard works on
    the page, not in a form field. Return the session page's URL."""
    page.goto(f"/?lang={lang}")
    form = page.locator(f"form:has(button[data-scenario='{scenario}'])")
    form.locator("input[name=seed]").fill(str(seed))
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/s/[\w-]+(\?.*)?$"))
    expect(page.locator("#step-now")).to_have_text("0")
    wait_ready(page)
    expect_view_drawn(page, catalog.get(scenario).lab)
    if focus is not None:
        page.locator(focus).click()
    return page.url


def open_session(page: Page, scenario: str, *, lang: str = "en", projector: bool = False) -> str:
    """Start a session of ``scenario`` owned by this browser (by the API, seed ``SEED``), open
    its page and wait until lab.js has started and the page has settled; return the page's URL
    without its query."""
    response = page.request.post("/api/v1/sessions", data={"scenario": scenario, "seed": SEED})
    assert response.ok, response.text()
    url = str(response.json()["url"])
    page.goto(url + f"?lang={lang}" + ("&view=projector" if projector else ""))
    expect(page.locator("#lab")).to_have_attribute("data-mode", "driver")
    wait_ready(page)
    settle(page)
    return url


def open_lab(page: Page, lab: str, *, lang: str = "en", projector: bool = False,
             size: ViewportSize | None = None, steps: int = 1) -> str:
    """Start a session of ``lab`` owned by this browser, open its page, take ``steps`` presses
    of ▶| (so the narration has a step to tell); return the page's URL without its query."""
    page.set_viewport_size(size or (PROJECTOR if projector else LAPTOP))
    url = open_session(page, LABS[lab], lang=lang, projector=projector)
    for _ in range(steps):
        step_forward(page)
    return url


def join_class(page: Page, code: str, name: str, *, lang: str = "en", tap: bool = False) -> None:
    """A student types the class's ``code`` (in lower case, as on a phone) and a name on /join
    and presses Join (a tap on a touch screen); wait until the class's page follows."""
    page.goto(f"/join?lang={lang}")
    page.locator("#join-code").fill(code.lower())
    page.locator("#join-name").fill(name)
    join = page.locator("button.join-submit")
    if tap:
        join.tap()
    else:
        join.click()
    page.wait_for_url(re.compile(rf"/c/{code}/student$"))
    expect(page.locator("#class-panel")).to_have_attribute("data-role", "student")
    expect(page.locator("#lab")).to_have_attribute("data-mode", "follower")
    settle(page)


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
