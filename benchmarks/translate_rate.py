"""Memory-lab benchmark: the x86-64 translate endpoint's request rate, and the step time of a
session stepping through a 10,000-access trace.

Targets (issue 3): at least 2,000 requests/s for ``POST /api/v1/translate`` (x86-64) on this
machine, and a median step under 1 ms for a session running a 10,000-access trace. Every figure
is printed next to a same-run baseline, so a slow machine shows as slow baselines too:

* translate: the bare ``walk_x86_64`` call, and ``translate(document)`` (validation included)
  in-process; then the endpoint through Flask's test client; then a real gunicorn server on
  loopback (the Procfile's command, as in production) driven by a bounded pool of keep-alive
  client threads;
* stepping: ``Timeline.step`` of the memory lab, against a scheduler tick of a lifecycle
  session; then the same steps through ``SessionService`` (persisted to SQLite, snapshot,
  diff and broadcast, as a socket ``step`` message does).

    python benchmarks/translate_rate.py [--requests 5000] [--accesses 10000] [--no-server]

Exits with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from webapp import create_app  # noqa: E402
from webapp.catalog import scenarios  # noqa: E402
from webapp.model.paging import Access, PhysicalMemory, translate, walk_x86_64  # noqa: E402
from webapp.model.scenario import Scenario  # noqa: E402
from webapp.model.timeline import Timeline  # noqa: E402

TARGET_RATE = 2000.0
TARGET_STEP_MS = 1.0
SEED = 7


def document() -> dict[str, Any]:
    """A 4-level x86-64 walk of a user write: four frames, the usual API request."""
    zero = ["0x0"] * 512
    pml4, pdpt, pd, pt = list(zero), list(zero), list(zero), list(zero)
    pml4[0], pdpt[0], pd[2], pt[1] = "0x2007", "0x3007", "0x4007", "0x8000000000201007"
    return {"paging": "x86_64", "root": "0x1000", "va": "0x401008", "access": "write",
            "user": True, "memory": {"1": pml4, "2": pdpt, "3": pd, "4": pt}}


def rate(call: Callable[[], Any], count: int) -> float:
    """Calls per second of ``call`` over ``count`` calls (after a short warm-up)."""
    for _ in range(min(100, count)):
        call()
    start = time.perf_counter()
    for _ in range(count):
        call()
    return count / (time.perf_counter() - start)


def in_process(requests: int) -> dict[str, float]:
    doc = document()
    frames = {int(k): tuple(int(e, 16) for e in v) for k, v in doc["memory"].items()}
    memory = PhysicalMemory.of(frames)
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "bench",
                      "SOCKETIO_ASYNC_MODE": "threading", "MESSAGE_QUEUE": None})
    client = app.test_client()
    body = json.dumps(doc)
    response = client.post("/api/v1/translate", data=body, content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)
    health = rate(lambda: client.get("/healthz"), requests)
    return {
        "baseline: GET /healthz, Flask test client": health,
        "walk_x86_64 (bare walk)": rate(
            lambda: walk_x86_64(memory, 0x1000, 0x401008, Access.WRITE, True), requests * 4),
        "translate(document)": rate(lambda: translate(doc), requests),
        "endpoint, Flask test client": rate(
            lambda: client.post("/api/v1/translate", data=body,
                                content_type="application/json"), requests),
    }


# -- a real server on loopback ------------------------------------------------------------------

def served(requests: int, clients: int) -> dict[str, float]:
    """Requests/s of the Procfile's server on loopback (``benchmarks/harness.py``: the same
    command as production, rate limits off), driven by ``clients`` keep-alive client threads
    sending ``requests`` requests in all."""
    from benchmarks.harness import served as procfile_server

    with procfile_server() as server:
        port = server.port
        body = json.dumps(document()).encode()
        load(port, "POST", "/api/v1/translate", body, clients, 200)  # warm-up
        return {
            f"endpoint, gunicorn on loopback ({clients} keep-alive clients)":
                load(port, "POST", "/api/v1/translate", body, clients, requests),
            f"baseline: GET /healthz on the same server ({clients} keep-alive clients)":
                load(port, "GET", "/healthz", None, clients, requests),
        }


def load(port: int, method: str, path: str, body: bytes | None, clients: int,
         requests: int) -> float:
    """Requests per second of a bounded loop: ``clients`` threads, ``requests`` in total."""
    headers = {"Content-Type": "application/json"} if body else {}
    per_client = max(1, requests // clients)
    failures: list[str] = []

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for _ in range(per_client):
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures.append(str(response.status))
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise RuntimeError(f"{len(failures)} failed requests: {failures[:3]}")
    return per_client * clients / elapsed


# -- stepping through a 10,000-access trace -------------------------------------------------------

def trace_scenario(accesses: int, mode: str) -> Scenario:
    """memory-native-tlb with a seeded trace of ``accesses`` accesses: mostly a working set of
    mapped pages (so the TLB hits), some misses, faults and #GP."""
    base = scenarios()["memory-native-tlb"]
    rng = random.Random(SEED)
    pages = [("0x400000", "exec", True), ("0x401000", "read", True), ("0x401000", "write", True),
             ("0x402000", "write", True), ("0x7ffffffde000", "write", True),
             ("0xffff888000300000", "write", False), ("0xffffffff81000000", "exec", False),
             ("0x403000", "read", True), ("0x800000000000", "read", True)]
    weights = [20, 25, 10, 10, 15, 10, 8, 1, 1]
    trace = []
    for _ in range(accesses):
        va, access, user = rng.choices(pages, weights)[0]
        trace.append({"va": hex(int(va, 16) + rng.randrange(0, 4096, 8)), "access": access,
                      "user": user})
    mappings = [m for m in base.extra["mappings"] if mode != "pv" or "size" not in m]
    extra = {**base.extra, "trace": trace, "mode": mode, "mappings": mappings}
    return Scenario(base.id, base.lab, base.title, base.description, base.hosts, (), extra)


def step_times(timeline: Timeline) -> list[float]:
    times = []
    while timeline.sim.busy():
        start = time.perf_counter()
        timeline.step()
        times.append(time.perf_counter() - start)
    return times


def stepping(accesses: int, modes: list[str]) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    lifecycle = Timeline(scenarios()["lifecycle-basics"], SEED)
    ticks = []
    for _ in range(2000):
        start = time.perf_counter()
        lifecycle.step()
        ticks.append(time.perf_counter() - start)
    results["baseline: lifecycle scheduler tick, Timeline.step"] = ticks
    for mode in modes:
        timeline = Timeline(trace_scenario(accesses, mode), SEED)
        timeline.act("run_trace")
        results[f"memory lab, {mode}: Timeline.step"] = step_times(timeline)
    return results


def session_stepping(accesses: int, limit: int) -> list[float]:
    """The same trace through SessionService: persist, snapshot, diff, broadcast per step."""
    from webapp.store import Store
    from webapp.web.sessions import SessionService

    folder = tempfile.mkdtemp(prefix="translate-bench-")
    service = SessionService(Store(f"sqlite:///{folder}/bench.db"))
    scenario = trace_scenario(accesses, "native")
    import webapp.catalog as catalog

    original = catalog.get
    catalog.get = lambda scenario_id: scenario if scenario_id == scenario.id else original(
        scenario_id)
    try:
        live = service.create(scenario.id, SEED)
        service.change(live.id, lambda t: t.act("run_trace"), acted=True)
        times = []
        while live.timeline.sim.busy() and len(times) < limit:
            start = time.perf_counter()
            service.change(live.id, lambda t: t.step())
            times.append(time.perf_counter() - start)
        return times
    finally:
        catalog.get = original


def describe(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    median = statistics.median(ordered) * 1000
    p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000
    return (f"  {name}: {len(times):,} steps, median {median:.3f} ms, p90 "
            f"{ordered[int(len(ordered) * 0.9) - 1] * 1000:.3f} ms, p99 {p99:.3f} ms, "
            f"max {ordered[-1] * 1000:.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--accesses", type=int, default=10_000)
    parser.add_argument("--session-steps", type=int, default=5000,
                        help="steps measured through SessionService (SQLite each step)")
    parser.add_argument("--no-server", action="store_true")
    options = parser.parse_args()
    ok = True

    print(f"POST /api/v1/translate, x86-64 4-level document ({options.requests:,} requests)")
    figures = in_process(options.requests)
    if not options.no_server:
        figures |= served(options.requests, options.clients)
    for name, value in figures.items():
        print(f"  {name}: {value:,.0f} /s")
    for name, value in figures.items():
        if name.startswith("endpoint") and value < TARGET_RATE:
            print(f"  MISSED: {name} below {TARGET_RATE:,.0f} requests/s")
            ok = False

    print(f"\nA session stepping through a {options.accesses:,}-access trace")
    for name, times in stepping(options.accesses, ["native", "pv", "shadow", "ept"]).items():
        print(describe(name, times))
        if name.startswith("memory") and statistics.median(times) * 1000 >= TARGET_STEP_MS:
            print(f"  MISSED: median step of {name} is not under {TARGET_STEP_MS} ms")
            ok = False
    session = session_stepping(options.accesses, options.session_steps)
    print(describe("memory lab, native: SessionService.change (SQLite + snapshot + diff)",
                   session))
    print(f"\ntargets: endpoint >= {TARGET_RATE:,.0f} requests/s, median step < "
          f"{TARGET_STEP_MS} ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
