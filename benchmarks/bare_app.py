"""The floor the stack costs: a bare Flask + Flask-SocketIO app, served like the real one.

The benchmarks serve this app with the Procfile's exact gunicorn command (only the app spec
changes) and the same ``SOCKETIO_ASYNC_MODE``, so every figure of the real app is printed next
to what the same server, worker model and transport cost with no model, no SQL and no diff:

* socket ``prime`` ``{"name", "payload"}`` (acknowledged): keep a payload, e.g. a copy of a
  real ``state`` message, so the baselines send the same size and shape of JSON;
* socket ``echo`` ``{"name"}``: emit ``echo`` with that payload back to the sender only;
* socket ``join`` ``{"room"}`` (acknowledged) and ``blast`` ``{"room", "name"}``: emit the
  payload to everyone in the room, as a step broadcasts ``state`` to a session's followers;
* ``POST /parse``: parse a JSON body and answer a small JSON (the floor of a JSON endpoint);
* ``GET /page``: a minimal page that loads the same vendored Socket.IO client, opens a socket,
  draws an SVG and defines ``window.hypervisorLab`` (the floor of a lab page's first render);
* ``GET /healthz``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, request
from flask_socketio import SocketIO, emit, join_room

ROOT = Path(__file__).resolve().parents[1]
SOCKET_IO_CLIENT = "vendor/socket.io-4.8.4.min.js"

PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare</title>
<link rel="icon" href="data:,">
<script src="/static/{SOCKET_IO_CLIENT}" defer></script>
<script type="module" src="/bare.js"></script>
</head><body><main><section class="picture"><svg viewBox="0 0 100 100"></svg></section>
</main></body></html>
"""

SCRIPT = """const socket = window.io({ transports: ["websocket", "polling"] });
socket.on("connect", () => socket.emit("join", { room: "page" }));
const svg = document.querySelector(".picture svg");
const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
rect.setAttribute("width", "50");
rect.setAttribute("height", "50");
svg.append(rect);
window.hypervisorLab = { socket };
"""


def create_app() -> Flask:
    app = Flask(__name__, static_folder=str(ROOT / "static"))
    socketio = SocketIO(app, async_mode=os.environ.get("SOCKETIO_ASYNC_MODE", "threading"))
    payloads: dict[str, Any] = {}
    _routes(app)
    _events(socketio, payloads)
    return app


def _routes(app: Flask) -> None:
    @app.get("/healthz")
    def healthz() -> Any:
        return jsonify({"status": "ok"})

    @app.post("/parse")
    def parse() -> Any:
        body = request.get_json(force=True)
        if not isinstance(body, dict):
            return jsonify({"error": {"code": "invalid_body"}}), 400
        return jsonify({"ok": True, "keys": len(body)})

    @app.get("/page")
    def page() -> Response:
        return Response(PAGE, mimetype="text/html")

    @app.get("/bare.js")
    def script() -> Response:
        return Response(SCRIPT, mimetype="text/javascript")


def _events(socketio: SocketIO, payloads: dict[str, Any]) -> None:
    @socketio.on("prime")
    def prime(data: dict[str, Any]) -> bool:
        payloads[data["name"]] = data["payload"]
        return True

    @socketio.on("echo")
    def echo(data: dict[str, Any]) -> None:
        emit("echo", payloads[data["name"]], to=request.sid)  # type: ignore[attr-defined]

    @socketio.on("join")
    def join(data: dict[str, Any]) -> bool:
        join_room(data["room"])
        return True

    @socketio.on("blast")
    def blast(data: dict[str, Any]) -> None:
        socketio.emit("blast", payloads[data["name"]], to=data["room"])
