"""Property-based fuzzing of every HTTP route (hypothesis): never a 500, ever.

The routes come from ``app.url_map`` (one test per route), so a new route is fuzzed without
editing this file. Path variables are real ids (one session of every scenario), real lab and
partial names, or random text; methods, query strings, form fields and bodies (JSON of every
shape, huge numbers, malformed JSON, invalid UTF-8, wrong content types) are random. Whatever
arrives:

* the status is below 500;
* under ``/api/`` (and ``/healthz``) an error is JSON ``{"error": {"code", "message"}}``;
  elsewhere an error is an HTML page;
* a refused request (status >= 400) changes nothing: ``GET /api/v1/sessions/<id>`` of the
  session it names reads the same before and after.

Driving a session needs its owner's token: a request comes from the client that created the
sessions (it holds their cookies) or from a stranger, with or without the owner's
``X-Session-Token`` (when the API hands one out); 403 and 429 are refusals like any other.
Random search rarely meets one exact bad value, so deterministic sweeps also send the worst
values to every route, every method and every session.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import Rule

from tests.web.conftest import database_url, make_app, pause_all, stop_app
from webapp.model.operations import COMMANDS
from webapp.web.errors import MAX_BODY_BYTES
from webapp.web.labs import PAGES

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
HUGE = "9" * 5000
NUMBERS = ["²", "٣", "１２", HUGE, "-1", "1e3", "1.5", "0x10", "0x" + "f" * 40, " 1", "+1",
           "4294967296", "99999999999999999999", "%ff", ""]
WORST = ["²", "٣", HUGE, "-1", "0x" + "f" * 40, "4294967296", "%ff", ""]  # the sweeps' values
NASTY = NUMBERS + ["0", "1", "\x00", "\n", "evil\n", "é", "../..", "a/b", "null", "[]", "{}",
                   "true", "<script>", "Domain-0", "web"]
#: no integer in the middle of a range: a valid "count" of 90,000 would take seconds to run
INTS = st.one_of(st.integers(-3, 40), st.sampled_from(
    [2**31 - 1, 2**31, 2**32, 2**63, -(2**63), 10**9 + 1, 100_001, 10**30]))
SCALARS = st.one_of(st.none(), st.booleans(), INTS, st.floats(), st.text(max_size=12),
                    st.sampled_from(NASTY))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)
TEXT = st.one_of(st.sampled_from(NASTY), st.sampled_from(NUMBERS), st.text(max_size=16),
                 st.integers(-3, 60).map(str))
CONTENT_TYPES = ["application/json", "text/plain", "application/x-www-form-urlencoded",
                 "multipart/form-data", "multipart/form-data; boundary=x", "application/xml",
                 "application/json; charset=utf-16", ""]
MALFORMED = [b"{", b'{"count":', b"[1,", b"nul", b'{"a": 1}}', b"\xff\xfe{}", b"\xc3\x28",
             b'{"count": ' + HUGE.encode() + b"}", b'{"step": 1e400}', b'"\xed\xa0\x80"',
             b"\x00" * 8]
QUERY_KEYS = ["step", "since", "first", "count", "buckets", "domain", "lang", "view", "key",
              "seed"]
BODY_KEYS = ["count", "step", "seed", "scenario", "action", "target", "args", "text",
             "document", "kind", "params", "answer", "domain", "speed", "token", "paging",
             "root", "memory", "va"]
FORM_KEYS = ["scenario", "seed", "text", "domain", "key"]
ARG_KEYS = ["name", "file", "memory_mb", "vcpus", "workload", "paused", "device", "count",
            "sector", "sectors", "size", "mapper", "granter", "ref", "domid", "port", "path",
            "value", "va", "access", "user", "mode", "ptr", "val", "pfn", "answer", "document"]
TARGETS = ["web", "db", "Domain-0", "guest", "dom0", 0, 1, 2, 7, "db.save", "web.save"]
VARIABLE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def routes(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda rule: (rule.rule, rule.endpoint))


def _route_names() -> list[str]:
    app = make_app("sqlite://")
    try:
        return [f"{rule.rule} {rule.endpoint}" for rule in routes(app)]
    finally:
        stop_app(app)


ROUTES = _route_names()  # read from a throw-away app: a new route gets its own test


@dataclass(frozen=True)
class Call:
    """One request: who sends it, and the session it may change."""

    method: str
    path: str
    query: str
    body: dict[str, Any]
    watched: str
    as_owner: bool
    token: bool

    def api(self) -> bool:
        return self.path.startswith("/api/") or self.path == "/healthz"


@dataclass
class World:
    """The app under fuzz, one session of every scenario, and two clients."""

    app: Flask
    owner: FlaskClient  # created the sessions: holds their cookies
    stranger: FlaskClient  # holds no cookie
    sessions: list[str]
    scenarios: list[str]
    tokens: dict[str, str] = field(default_factory=dict)  # when the API gives owner tokens
    per_lab: list[str] = field(default_factory=list)  # the first session of each lab
    codes: list[str] = field(default_factory=list)  # a live class on the first session
    strategies: dict[str, st.SearchStrategy[Call]] = field(default_factory=dict)

    def rule(self, name: str) -> Rule:
        return next(r for r in routes(self.app) if f"{r.rule} {r.endpoint}" == name)

    def calls(self, name: str) -> st.SearchStrategy[Call]:
        """The strategy of requests to one route, built once (building one is slow)."""
        if name not in self.strategies:
            self.strategies[name] = calls(self, self.rule(name))
        return self.strategies[name]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One app for the module (a session of every scenario is made once), rate limits off:
    a 429 would hide the validation behind it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RATE_LIMITS", "off")
        app = make_app(database_url(tmp_path_factory.mktemp("fuzz")))
    try:
        yield populate(app, app.test_client())
    finally:
        stop_app(app)


def populate(app: Flask, client: FlaskClient) -> World:
    listed = client.get("/api/v1/scenarios").get_json()
    scenarios = [s["id"] for s in listed]
    found = World(app, client, app.test_client(), [], scenarios)
    labs = set()
    for scenario, lab in ((s["id"], s["lab"]) for s in listed):
        response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": 5})
        assert response.status_code == 201, response.get_data(as_text=True)
        body = response.get_json()
        found.sessions.append(body["id"])
        if lab not in labs:
            labs.add(lab)
            found.per_lab.append(body["id"])
        if "owner_token" in body:
            found.tokens[body["id"]] = body["owner_token"]
    code = client.post("/api/v1/classes", json={"session": found.sessions[0]}).get_json()["code"]
    found.stranger.post(f"/api/v1/classes/{code}/students", json={"name": "Fuzz"})
    client.post(f"/api/v1/classes/{code}/polls", json={"question": {
        "text": "?", "choices": ["a", "b"], "answer": 0}})
    found.codes.append(code)
    return found


# --- strategies ---------------------------------------------------------------------------------

def known_values(world: World, name: str, converter: str) -> list[str]:
    """Real values of a path variable (other variables: small numbers, or the session ids)."""
    if converter in ("int", "uint"):
        return ["0", "1", "2"]
    partials = sorted({p for page in PAGES.values() for p in page.partials})
    return {"session_id": world.sessions, "lab": sorted(PAGES), "name": partials,
            "code": world.codes or ["NOCODE"],
            "filename": ["css/lab.css", "js/lab.js", "nope.js"]}.get(name, world.per_lab)


def segment(world: World, name: str, converter: str) -> st.SearchStrategy[str]:
    """A value for the path variable ``name``: mostly a real one, else random or nasty text."""
    known = st.sampled_from(known_values(world, name, converter))
    safe = "/" if converter == "path" else ""
    random = st.text(min_size=1, max_size=24).map(lambda text: quote(text, safe=safe))
    nasty = st.sampled_from(["%ff", "%00", "%c3%28", "%2e%2e", "0", HUGE, "%C2%B2"])
    return st.one_of(known, known, known, random, nasty)


def fill(rule: Rule, values: dict[str, str]) -> str:
    return VARIABLE.sub(lambda match: values[match.group(2)], rule.rule)


def queries() -> st.SearchStrategy[str]:
    """Query strings: random pairs, or every known parameter set to one bad number."""
    key = st.one_of(*[st.sampled_from(QUERY_KEYS)] * 3, st.text(max_size=6))
    value = st.one_of(st.sampled_from(["en", "fr", "projector"]), TEXT)
    pairs = st.lists(st.tuples(key, value), max_size=4).map(urlencode)
    every = st.sampled_from(NUMBERS).map(lambda bad: urlencode({k: bad for k in QUERY_KEYS}))
    raw = st.sampled_from(["", "&step=%ff", "&since=%c3%28", "&%ff=1", "&lang"])  # bad UTF-8
    return st.builds(lambda query, tail: query + tail, st.one_of(pairs, every), raw)


def objects(world: World) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects with the fields the handlers read, holding junk or plausible values."""
    args = st.dictionaries(st.sampled_from(ARG_KEYS), st.sampled_from(TARGETS) | JSON,
                           max_size=4)
    optional: dict[str, st.SearchStrategy[Any]] = {
        "action": st.sampled_from(sorted(COMMANDS) or ["pause"]) | JSON,
        "target": st.sampled_from(TARGETS) | JSON, "args": args | JSON,
        "scenario": st.sampled_from(world.scenarios) | JSON,
        "text": st.sampled_from(["PDBR: " + HUGE, "Page Table (from entry 0"]) | JSON}
    extra = st.dictionaries(st.sampled_from(BODY_KEYS) | st.text(max_size=8), INTS | JSON,
                            max_size=4)
    return st.builds(lambda fixed, more: {**more, **fixed},
                     st.fixed_dictionaries({}, optional=optional), extra)


def bodies(world: World) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments of ``client.open`` for a body (or none)."""
    kind = st.sampled_from(CONTENT_TYPES)
    as_json = st.builds(lambda value, ct: {"data": json.dumps(value), "content_type": ct},
                        objects(world) | JSON, st.just("application/json") | kind)
    raw = st.builds(lambda data, ct: {"data": data, "content_type": ct},
                    st.binary(max_size=40) | st.sampled_from(MALFORMED), kind)
    form = st.builds(lambda fields: {"data": fields}, st.dictionaries(
        st.sampled_from(FORM_KEYS) | st.text(max_size=6),
        st.sampled_from(world.scenarios) | TEXT, max_size=4))
    big = st.just({"data": b"{" + b" " * (MAX_BODY_BYTES + 8) + b"}",
                   "content_type": "application/json"})
    return st.one_of(st.just({}), as_json, as_json, raw, form, big)


def calls(world: World, rule: Rule) -> st.SearchStrategy[Call]:
    variables = VARIABLE.findall(rule.rule)
    path = st.fixed_dictionaries({name: segment(world, name, converter)
                                  for converter, name in variables})
    own = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}) or ["GET"]
    method = st.sampled_from(own) | st.sampled_from(METHODS)

    def build(values: dict[str, str], *rest: Any) -> Call:
        session = values.get("session_id")
        watched = session if session in world.sessions else rest[-1]
        return Call(rest[0], fill(rule, values), rest[1], rest[2], watched, rest[3], rest[4])

    return st.builds(build, path, method, queries(), bodies(world), st.booleans(),
                     st.booleans(), st.sampled_from(world.sessions))


# --- the checks ---------------------------------------------------------------------------------

def seen(world: World, session: str) -> Any:
    response = world.owner.get(f"/api/v1/sessions/{session}")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()


def send(world: World, call: Call) -> Any:
    client = world.owner if call.as_owner else world.stranger
    token = world.tokens.get(call.watched)
    headers = {"X-Session-Token": token} if call.token and token else {}
    response = client.open(call.path, method=call.method, query_string=call.query,
                           headers=headers, **call.body)
    response.close()  # a static file is streamed from an open file
    return response


def check_shape(call: Call, response: Any) -> None:
    status = response.status_code
    assert status < 500, f"{call}: {status} {response.get_data(as_text=True)[:500]}"
    if status < 400:
        return
    if call.api():
        assert response.mimetype == "application/json", f"{call}: {response.mimetype}"
        if call.method != "HEAD":
            error = response.get_json()["error"]
            assert isinstance(error["code"], str) and isinstance(error["message"], str), call
    else:
        assert response.mimetype == "text/html", f"{call}: {response.mimetype}"
        if call.method != "HEAD":
            page = response.get_data(as_text=True)
            assert "<html" in page and "Traceback" not in page, call


def check(world: World, call: Call) -> None:
    pause_all(world.app)  # stop every play ticker: only the request changes a session
    before = seen(world, call.watched)
    response = send(world, call)
    check_shape(call, response)
    if response.status_code >= 400:
        assert seen(world, call.watched) == before, f"{call} refused, yet changed the session"


# --- the tests ----------------------------------------------------------------------------------

def test_every_route_of_the_app_is_fuzzed(world: World) -> None:
    """The routes read at collection are the app's, and each is reached with real values."""
    assert [f"{r.rule} {r.endpoint}" for r in routes(world.app)] == ROUTES
    adapter = world.app.url_map.bind("localhost")
    for rule in routes(world.app):
        values = {name: known_values(world, name, converter)[0]
                  for converter, name in VARIABLE.findall(rule.rule)}
        method = sorted((rule.methods or {"GET"}) - {"HEAD", "OPTIONS"})[0]
        assert adapter.match(fill(rule, values), method=method)[0] == rule.endpoint, rule.rule


@pytest.mark.parametrize("route", ROUTES)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_random_requests(world: World, route: str, data: st.DataObject) -> None:
    check(world, data.draw(world.calls(route)))


def sweep_bodies(bad: str, index: int) -> list[dict[str, Any]]:
    """``bad`` in every body field, as JSON and as a form; and one malformed body."""
    fields = {**{key: bad for key in BODY_KEYS + FORM_KEYS},
              "text": f"PDBR: {bad}\npage {bad}: 00\nARG page size {bad}"}
    return [{"data": json.dumps(fields), "content_type": "application/json"}, {"data": fields},
            {"data": MALFORMED[index % len(MALFORMED)], "content_type": "text/plain"}]


def sweep_calls(world: World, rule: Rule) -> list[Call]:
    """Each of the worst values in every query parameter and body field of the route, with
    each of its methods (bodies: as JSON, as a form, malformed), from the owner or from a
    stranger holding the owner's token."""
    methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    places = itertools.cycle([world.sessions[0], "%ff", HUGE])
    found = []
    for index, (method, bad) in enumerate(itertools.product(methods, WORST)):
        session = next(places)
        path = VARIABLE.sub(lambda _match, s=session: s, rule.rule)
        watched = session if session in world.sessions else world.sessions[0]
        query = urlencode({key: bad for key in QUERY_KEYS})
        for body in sweep_bodies(bad, index) if method != "GET" else [{}]:
            found.append(Call(method, path, query, body, watched, as_owner=index % 2 == 0,
                              token=index % 2 == 1))
    return found


@pytest.mark.parametrize("route", ROUTES)
def test_the_worst_values_on_every_route(world: World, route: str) -> None:
    """Not left to chance: each of the route's methods, every worst value everywhere."""
    rule = world.rule(route)
    for call in sweep_calls(world, rule):
        check(world, call)
    path = fill(rule, {name: world.sessions[0] for _c, name in VARIABLE.findall(rule.rule)})
    for method in ("HEAD", "OPTIONS", "PATCH"):
        check(world, Call(method, path, "", {}, world.sessions[0], True, False))


def test_every_route_answers_for_every_lab_and_name(world: World) -> None:
    """A session of every lab in every path, with every lab and partial name."""
    for rule in routes(world.app):
        variables = VARIABLE.findall(rule.rule)
        if not variables:
            continue
        names = [name for _converter, name in variables]
        options = [world.per_lab if name == "session_id" else known_values(world, name, conv)
                   for conv, name in variables]
        method = sorted((rule.methods or {"GET"}) - {"HEAD", "OPTIONS"})[0]
        for chosen in itertools.product(*options):
            values = dict(zip(names, chosen, strict=True))
            watched = values.get("session_id", world.sessions[0])
            check(world, Call(method, fill(rule, values), "", {}, watched, True, False))
