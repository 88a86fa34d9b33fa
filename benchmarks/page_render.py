"""Time to first render and page weight of each lab page, in headless Chromium.

For each lab (the first scenario of each lab in ``GET /api/v1/scenarios``), a new session is
created through the API and its page opened in a fresh browser context (a cold cache). Time to
first render: from navigation start (``performance.timeOrigin``) to the first moment the lab's
SVG is in the document *and* ``window.hypervisorLab`` is defined (lab.js sets it after its first
render) — recorded inside the page by an init script, so no polling delay is added. Page
weight: the bytes transferred for the document and every resource (Resource Timing
``transferSize``) once the network is idle; the socket's frames are not counted.
Baseline: ``/page`` of ``benchmarks/bare_app.py`` (same Procfile command), a minimal page that
loads the same vendored Socket.IO client, opens a socket, draws an SVG and defines
``window.hypervisorLab``. Debian's Chromium through Playwright (never ``playwright install``).
No targets are set for these yet: they are reported.

    python benchmarks/page_render.py [--repeat 5] [--procfile Procfile]
"""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (  # noqa: E402
    APP,
    BARE,
    describe_server,
    figure,
    median,
    missed,
    parser,
    served,
    session_from,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TIMEOUT_MS = 15_000
SVG = ".picture svg, #lab svg"

#: Runs before any script of the page: notes performance.now() when the lab's SVG exists and
#: window.hypervisorLab is set (checked on every DOM mutation and when the global is assigned).
INSTRUMENT = """(() => {
  let lab, done = false;
  const check = () => {
    if (done || lab === undefined) return;
    const svg = document.querySelector(SELECTOR);
    if (!svg) return;
    done = true;
    window.__firstRender = { ms: performance.now(), svg: svg.id || svg.className.baseVal || "svg" };
  };
  Object.defineProperty(window, "hypervisorLab", {
    configurable: true, get() { return lab; }, set(value) { lab = value; check(); },
  });
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();""".replace("SELECTOR", json.dumps(SVG))

WEIGHT = """() => {
  const entries = [...performance.getEntriesByType("navigation"),
                   ...performance.getEntriesByType("resource")];
  return { bytes: entries.reduce((sum, e) => sum + (e.transferSize || 0), 0),
           requests: entries.length };
}"""


def api(url: str, path: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def labs(url: str) -> dict[str, str]:
    """The first scenario of each lab, in the catalog's order."""
    first: dict[str, str] = {}
    for scenario in api(url, "/api/v1/scenarios"):
        first.setdefault(scenario["lab"], scenario["id"])
    return first


def visit(browser: Browser, url: str) -> dict[str, Any]:
    """Open ``url`` in a fresh context: time to first render (ms), weight, requests."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(INSTRUMENT)
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function("() => window.__firstRender !== undefined",
                               timeout=TIMEOUT_MS)
        first = page.evaluate("() => window.__firstRender")
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        return {**first, **page.evaluate(WEIGHT)}
    finally:
        context.close()


def measure_lab(browser: Browser, url: str, scenario: str, repeat: int) -> list[dict[str, Any]]:
    visits = []
    for _ in range(repeat + 1):  # the first visit warms the server up and is dropped
        session, _token = session_from(api(url, "/api/v1/sessions", {"scenario": scenario}))
        visits.append(visit(browser, f"{url}/s/{session}"))
    return visits[1:]


def report(name: str, visits: list[dict[str, Any]], bare: list[dict[str, Any]]) -> None:
    figure(f"first render, {name} lab median", median([v["ms"] for v in visits]),
           "bare page", median([v["ms"] for v in bare]), "ms", None, 1)
    figure(f"page weight, {name} lab", visits[-1]["bytes"] / 1024, "bare page",
           bare[-1]["bytes"] / 1024, "KiB", None, 1)
    print(f"  ({visits[-1]['requests']} requests vs {bare[-1]['requests']}; "
          f"SVG waited for: #{visits[-1]['svg']})")


def run(app_url: str, bare_url: str, repeat: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            visit(browser, f"{bare_url}/page")  # warm-up
            bare = [visit(browser, f"{bare_url}/page") for _ in range(repeat)]
            for name, scenario in labs(app_url).items():
                print(f"  {name}: scenario {scenario}, {repeat} visits, each a new session")
                report(name, measure_lab(browser, app_url, scenario, repeat), bare)
        finally:
            browser.close()


def main() -> int:
    options = parser(__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=5, help="visits per lab")
    args = options.parse_args()
    print("Lab pages in headless Chromium: time to first render and page weight")
    print(f"  {describe_server(args.procfile)}")
    with served(APP, args.procfile) as app, served(BARE, args.procfile) as bare:
        try:
            run(app.url, bare.url, args.repeat)
        except Exception as error:  # a browser error must not hide the other figures
            missed("first render", f"{type(error).__name__}: {str(error).splitlines()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
