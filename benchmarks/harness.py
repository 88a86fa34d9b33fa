"""What the serving benchmarks share: the Procfile's server, figures beside baselines, RSS.

Every server is started by :class:`tests.e2e.server.ServerProcess`, i.e. the ``web:`` command
of the Procfile with only the bind address changed (and, for the baselines, the app spec:
``benchmarks/bare_app.py``), so the app and its baseline run under the same gunicorn command,
worker model and ``SOCKETIO_ASYNC_MODE``. Rate limits are off (``RATE_LIMITS=off``).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.server import (  # noqa: E402
    DEFAULT_APP,
    PROCFILE,
    ServerProcess,
    async_mode_for,
    procfile_command,
)

APP = DEFAULT_APP
BARE = "benchmarks.bare_app:create_app()"
BENCH_ENV = {"RATE_LIMITS": "off", "SECRET_KEY": "bench"}
START_ATTEMPTS = 3  # others edit webapp/ while we run: a start may meet a file mid-edit


def parser(description: str) -> argparse.ArgumentParser:
    """An argument parser with the options every serving benchmark takes."""
    result = argparse.ArgumentParser(description=description)
    result.add_argument("--procfile", type=Path, default=PROCFILE,
                        help="the Procfile whose web: command serves both apps")
    return result


def describe_server(procfile: Path) -> str:
    command = procfile_command(procfile=procfile)
    return f"server: {command}  [SOCKETIO_ASYNC_MODE={async_mode_for(command)}]"


def exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so ``served()`` still stops its servers (they run in
    their own process groups and would outlive a benchmark killed by a plain ``kill``)."""

    def leave(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, leave)


@contextlib.contextmanager
def served(app: str = APP, procfile: Path = PROCFILE,
           extra_env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    """The Procfile's server for ``app`` in a scratch folder; stopped and removed after."""
    exit_on_sigterm()
    folder = Path(tempfile.mkdtemp(prefix="hl-bench-"))
    server = None
    try:
        server = start(app, procfile, folder, {**BENCH_ENV, **(extra_env or {})})
        yield server
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def start(app: str, procfile: Path, folder: Path, env: dict[str, str]) -> ServerProcess:
    for attempt in range(1, START_ATTEMPTS + 1):
        server = ServerProcess(folder / f"{'bare' if app == BARE else 'app'}-{attempt}",
                               app=app, extra_env=env, procfile=procfile)
        try:
            return server.start()
        except RuntimeError as error:
            if attempt == START_ATTEMPTS:
                raise
            print(f"  (server start failed, retrying: {str(error).splitlines()[0]})")
            time.sleep(1.0)
    raise AssertionError("unreachable")


# -- figures ------------------------------------------------------------------------------------

def check(ratio: float, target: tuple[str, float] | None) -> tuple[str, bool]:
    """The target's text and whether ``ratio`` meets it (``("<=", 1.5)`` or ``(">=", 0.8)``)."""
    if target is None:
        return "(no target)", True
    op, bound = target
    met = ratio <= bound if op == "<=" else ratio >= bound
    return f"(target {op} {bound:g}x)", met


def figure(label: str, value: float, baseline_label: str, baseline: float, unit: str,
           target: tuple[str, float] | None, digits: int = 2) -> bool:
    """Print ``label value vs baseline = ratio (target)`` and MISSED when it misses."""
    ratio = value / baseline if baseline else float("inf")
    text, met = check(ratio, target)
    print(f"{label} {value:,.{digits}f} {unit} vs {baseline_label} {baseline:,.{digits}f} "
          f"{unit} = {ratio:.2f}x {text}{'' if met else '  MISSED'}")
    return met


def missed(label: str, why: str) -> None:
    """A figure that could not be measured counts as missed."""
    print(f"{label}: not measured, {why} (target not checked)  MISSED")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ms(seconds: float) -> float:
    return seconds * 1000


# -- memory -------------------------------------------------------------------------------------

def group_rss_kib(group: int) -> int:
    """The resident memory (VmRSS, KiB) of every process of process group ``group``."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) != group:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


# -- the JSON API -------------------------------------------------------------------------------

def session_from(body: dict[str, Any]) -> tuple[str, str | None]:
    """A created session's id and owner token (None while the API hands out none)."""
    return body["id"], body.get("owner_token")


def drive(session: str, token: str | None, **body: Any) -> dict[str, Any]:
    """A socket message driving ``session``, carrying the owner token when there is one."""
    return {"session": session, **({"token": token} if token else {}), **body}


async def create_session(http: Any, url: str, scenario: str) -> tuple[str, str | None]:
    """``POST /api/v1/sessions`` with an aiohttp session; (id, owner token)."""
    async with http.post(f"{url}/api/v1/sessions", json={"scenario": scenario}) as response:
        if response.status != 201:
            raise RuntimeError(f"creating a {scenario} session: {response.status} "
                               f"{await response.text()}")
        return session_from(await response.json())
