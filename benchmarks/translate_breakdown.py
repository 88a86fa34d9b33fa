"""Where a ``POST /api/v1/translate`` request's time goes, in process, against the bare route.

``translate_throughput.py`` measures the served ratio (target >= 0.8x). This script says why it
lands where it does, without sockets or a load generator (so it is steady on a busy machine):
each line is CPU time per request, rounds interleaved, median of the rounds.

* the bare app's ``POST /parse`` and our ``POST /api/v1/translate``, called as WSGI apps with
  the same 14 KB body (the same Flask + Flask-SocketIO middleware the server runs);
* our app with the translate view replaced by "parse the body, answer a small JSON": our
  framework, hooks and orjson parse, i.e. what we add before any model work;
* the model's pieces on a freshly parsed body: checking the 2,048 hex entries of the four
  frames (``frames``), and the walk with its JSON answer;
* the check used before (collect the distinct entries, then one regex), for comparison.

The last line is the best served ratio this design allows: the bare route's cost over our
framework's cost plus the entry check, as if the walk were free.

    python benchmarks/translate_breakdown.py [--requests 2000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bare_app import create_app as create_bare  # noqa: E402
from benchmarks.translate_throughput import body  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.model.paging.document import memory_of, walk_document  # noqa: E402
from webapp.model.paging.serialize import walk_to_json  # noqa: E402
from webapp.web.errors import json_body  # noqa: E402

PAYLOAD = body()
CHECK = "parse + frames check (fields.py: every entry joined, one regex)"
ENTRY = re.compile(r"(?:0[xX][0-9a-fA-F]{1,16}+\n)*+")


def environ(path: str) -> dict[str, Any]:
    return {"REQUEST_METHOD": "POST", "PATH_INFO": path, "SERVER_NAME": "bench",
            "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
            "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(PAYLOAD)),
            "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "bench", "wsgi.errors": sys.stderr,
            "wsgi.input": io.BytesIO(PAYLOAD)}


def wsgi_call(app: Any, path: str) -> Callable[[], None]:
    def call() -> None:
        answer = app(environ(path), lambda status, headers: None)
        b"".join(answer)
        getattr(answer, "close", lambda: None)()
    return call


def our_apps(folder: Path) -> tuple[Any, Any]:
    """Our app, and a second one whose translate view only parses the body."""
    config = {"DATABASE_URL": f"sqlite:///{folder / 'bench.db'}", "RATE_LIMITS": "off",
              "SOCKETIO_ASYNC_MODE": "threading", "MESSAGE_QUEUE": None}
    ours, parse_only = create_app(dict(config)), create_app(dict(config))
    parse_only.view_functions["translate_api.translate_access"] = (
        lambda: {"result": {"keys": len(json_body())}})
    return ours, parse_only


def model_pieces() -> dict[str, Callable[[], None]]:
    def frames_check() -> None:
        memory_of(orjson.loads(PAYLOAD), 512, "physical")

    def walk() -> None:
        walk_to_json(walk_document(orjson.loads(PAYLOAD)))

    def distinct_regex() -> None:  # the check before: the distinct entries, one regex
        for items in orjson.loads(PAYLOAD)["memory"].values():
            text = "\n".join(set(items)) + "\n"
            assert ENTRY.fullmatch(text)

    return {"orjson parse alone": lambda: orjson.loads(PAYLOAD),
            CHECK: frames_check,
            "parse + only the distinct entries, one regex (the check before)": distinct_regex,
            "parse + frames check + walk + JSON answer": walk}


def measure(cases: dict[str, Callable[[], None]], requests: int, rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    for case in cases.values():
        case()  # warm-up
    for _ in range(rounds):
        for name, case in cases.items():
            start = time.process_time()
            for _ in range(requests):
                case()
            times[name].append((time.process_time() - start) / requests * 1e6)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--requests", type=int, default=2000)
    options.add_argument("--rounds", type=int, default=5)
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="hl-bench-") as folder:
        ours, parse_only = our_apps(Path(folder))
        cases = {"bare POST /parse (the floor)": wsgi_call(create_bare(), "/parse"),
                 "our POST /api/v1/translate": wsgi_call(ours, "/api/v1/translate"),
                 "ours, translate view = parse only": wsgi_call(parse_only, "/api/v1/translate"),
                 **model_pieces()}
        cost = measure(cases, args.requests, args.rounds)
    print(f"POST /api/v1/translate in process: CPU µs per request ({len(PAYLOAD):,}-byte body)")
    for name, value in cost.items():
        print(f"  {value:7.1f}  {name}")
    bare, ours_cost = cost["bare POST /parse (the floor)"], cost["our POST /api/v1/translate"]
    check = cost[CHECK]
    ceiling = bare / (cost["ours, translate view = parse only"] + check
                      - cost["orjson parse alone"])
    print(f"  in-process ratio bare/ours {bare / ours_cost:.2f}x; best this design allows "
          f"(walk for free) {ceiling:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
