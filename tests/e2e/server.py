"""A real gunicorn server process for end-to-end tests (and the benchmarks).

Browser tests, crash tests and capacity tests need the app served the way production serves
it, not the Flask test client: :class:`ServerProcess` runs exactly the ``web:`` command of the
``Procfile`` (through ``sh -c 'exec ...'``, as a Procfile runner does), with only the bind
address changed to ``127.0.0.1:<free port>`` (and, for the benchmarks' bare app, the app).
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

REPO_ROOT = Path(__file__).resolve().parents[2]
PROCFILE = REPO_ROOT / "Procfile"
DEFAULT_APP = "webapp:create_app()"
STARTUP_TIMEOUT = 30.0
STOP_TIMEOUT = 5.0
#: ``-b ADDR``, ``--bind ADDR`` or ``--bind=ADDR`` in a gunicorn command line
BIND = re.compile(r"(?<!\S)(-b|--bind)(=|\s+)(\S+)")
#: ``NAME=value`` assignments that may open a Procfile command (``A=1 B='x y' gunicorn ...``)
ASSIGNMENTS = re.compile(r"^((?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|\"[^\"]*\"|[^\s'\"])*\s+)*)")
#: the Socket.IO async mode each gunicorn worker class needs
ASYNC_MODES = {"gevent": "gevent", "eventlet": "eventlet"}


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def group_alive(group: int) -> bool:
    """Whether a process of process group ``group`` is still running (Linux ``/proc``)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _ppid, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except OSError:
            continue  # the process ended while we looked
        if int(pgrp) == group and state != "Z":  # a zombie holds no sockets any more
            return True
    return False


def procfile_command(process: str = "web", procfile: Path = PROCFILE) -> str:
    """The shell command of ``process`` in the Procfile (``web: gunicorn ...``)."""
    for line in procfile.read_text().splitlines():
        name, colon, command = line.partition(":")
        if colon and name.strip() == process:
            return command.strip()
    raise LookupError(f"no {process!r} process in {procfile}")


def serve_command(command: str, port: int, app: str = DEFAULT_APP) -> str:
    """``command`` bound to ``127.0.0.1:port``, serving ``app``, run with ``exec``.

    ``exec`` replaces the shell with gunicorn, so the PID we hold is gunicorn's master and a
    signal to it (or to its group) reaches the server, not a shell that outlives it.
    """
    bind = f"127.0.0.1:{port}"
    command, found = BIND.subn(lambda m: f"{m[1]}{m[2]}{bind}", command)
    if not found:
        command += f" --bind {bind}"
    if app != DEFAULT_APP:
        quoted = [f"'{DEFAULT_APP}'", f'"{DEFAULT_APP}"', DEFAULT_APP]
        spec = next((q for q in quoted if q in command), None)
        if spec is None:
            raise ValueError(f"cannot find the app {DEFAULT_APP!r} in {command!r}")
        command = command.replace(spec, shlex.quote(app), 1)
    assignments = ASSIGNMENTS.match(command)
    prefix = assignments[1] if assignments else ""
    return f"{prefix}exec {command[len(prefix):]}"


def async_mode_for(command: str) -> str:
    """The Socket.IO async mode that fits the command's gunicorn worker class."""
    worker = re.search(r"(?<!\S)(?:-k|--worker-class)(?:=|\s+)(\S+)", command)
    name = worker[1].strip("'\"").rsplit(".", 1)[-1].lower() if worker else "gthread"
    return next((mode for key, mode in ASYNC_MODES.items() if key in name), "threading")


class ServerProcess:
    """The Procfile's server serving ``app`` on a fixed port with a SQLite file in ``tmp_dir``.

    The port and the database survive ``stop()``/``kill()``, so ``start()`` again brings
    back the same server on the same data (what a restart after a crash looks like).
    Output goes to ``tmp_dir/server.log`` (a file, not a pipe, so the server can never
    block on a full pipe buffer). ``SOCKETIO_ASYNC_MODE`` is set to fit the Procfile's worker
    class (``gevent`` for ``-k gevent``), as production's environment sets it; ``extra_env``
    overrides it and anything else.
    """

    def __init__(
        self,
        tmp_dir: Path,
        *,
        app: str = DEFAULT_APP,
        cwd: Path = REPO_ROOT,
        extra_env: dict[str, str] | None = None,
        procfile: Path = PROCFILE,
    ) -> None:
        self.tmp_dir = Path(tmp_dir)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.log_path = self.tmp_dir / "server.log"
        self.db_path = self.tmp_dir / "lab.db"
        self._cwd = cwd
        procfile_line = procfile_command(procfile=procfile)
        self.command = serve_command(procfile_line, self.port, app)
        bin_dir = str(Path(sys.executable).parent)  # the Procfile's `gunicorn` is this venv's
        self._env = {
            **os.environ,
            "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")]),
            "PORT": str(self.port),
            "SOCKETIO_ASYNC_MODE": async_mode_for(procfile_line),
            "DATABASE_URL": f"sqlite:///{self.db_path}",
            "SECRET_KEY": "test",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Base URL of the server, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        """The gunicorn master's PID (it leads its own process group), or None."""
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        """Whether the gunicorn master process is alive."""
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> ServerProcess:
        """Start the Procfile's command and wait until ``GET /healthz`` answers 200."""
        if self.running:
            raise RuntimeError(f"server already running at {self.url}")
        command = ["/bin/sh", "-c", self.command]
        log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            # A new session, so that kill() can take down the worker with the master.
            self._proc = subprocess.Popen(
                command,
                cwd=self._cwd,
                env=self._env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_healthy(log_offset)
        return self

    def stop(self) -> None:
        """Stop gracefully (SIGTERM to gunicorn); SIGKILL everything after 5 s."""
        if self._proc is None:
            return
        self._proc.send_signal(signal.SIGTERM)  # a no-op if it has already exited
        try:
            self._proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
        else:
            self._proc = None

    def kill(self) -> None:
        """Crash the server: SIGKILL the master and its worker, with no cleanup."""
        if self._proc is None:
            return
        group = self._proc.pid  # start_new_session: the master leads its own group
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass  # the whole group is already gone
        self._proc.wait()
        self._proc = None
        # The worker is not our child: wait until it is dead too, or it may still hold
        # the listening socket (connections get reset, a restart cannot bind the port).
        deadline = time.monotonic() + STOP_TIMEOUT
        while group_alive(group) and time.monotonic() < deadline:
            time.sleep(0.01)

    def log_text(self, offset: int = 0) -> str:
        """What the server has written to its log so far (from byte ``offset``)."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace")

    def _wait_healthy(self, log_offset: int) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if not self.running:
                code = self._proc.returncode if self._proc else None
                self.kill()
                raise RuntimeError(
                    f"server exited with code {code} before it was healthy:\n"
                    + self.log_text(log_offset)
                )
            if self._healthz_ok():
                return
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(
            f"server not healthy after {STARTUP_TIMEOUT:.0f} s:\n" + self.log_text(log_offset)
        )

    def _healthz_ok(self) -> bool:
        try:
            with urlopen(f"{self.url}/healthz", timeout=1) as response:
                return bool(response.status == 200)
        except HTTPError as error:
            error.close()
            return False
        except (URLError, OSError):
            return False

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
