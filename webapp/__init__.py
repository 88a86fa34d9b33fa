"""Hypervisor Lab: watch a Xen-like hypervisor work, one step at a time."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the web application: configuration, store, sessions, blueprints, sockets."""
    from webapp.web.jsonio import FastJSONProvider
    from webapp.web.nosession import NoSession

    app = Flask(__name__, template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "static"), instance_path=str(ROOT / "instance"))
    app.json = FastJSONProvider(app)
    app.session_interface = NoSession()
    _configure(app, test_config)
    _wire(app)
    if app.config["SOCKETIO_ASYNC_MODE"] == "gevent":  # a serving worker, not a test or a CLI
        _tune_gc()
    return app


def _tune_gc() -> None:
    """Fewer, cheaper garbage collections: what the app loaded (catalog, templates, modules)
    leaves the collector's view, and the youngest generation is collected less often — a
    step's snapshot allocates thousands of short-lived dicts, freed by reference counting."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def _configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    from webapp.web.errors import MAX_BODY_BYTES

    Path(app.instance_path).mkdir(exist_ok=True)
    default_db = f"sqlite:///{Path(app.instance_path) / 'hypervisor-lab.db'}"
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY", "dev-only-not-secret"),
        DATABASE_URL=os.environ.get("DATABASE_URL", default_db),
        SOCKETIO_ASYNC_MODE=os.environ.get("SOCKETIO_ASYNC_MODE") or default_async_mode(),
        MESSAGE_QUEUE=os.environ.get("MESSAGE_QUEUE") or None,
        # several processes serve the same sessions (default: when there is a message queue)
        SHARED_SESSIONS=os.environ.get("SHARED_SESSIONS", "") not in ("", "0", "off"),
        RATE_LIMITS=os.environ.get("RATE_LIMITS", "on"),
        RATE_LIMIT_STORAGE=os.environ.get("RATE_LIMIT_STORAGE", "memory://"),
        # who may frame the pages (Content-Security-Policy frame-ancestors), e.g. a course site
        FRAME_ANCESTORS=os.environ.get("FRAME_ANCESTORS", "'self'"),
        # reading stops one byte past the limit, so a body sent without Content-Length
        # (chunked) is refused too (json_body); a declared length is checked before reading
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES + 1,
    )
    if test_config:
        app.config.update(test_config)


def default_async_mode() -> str:
    """``gevent`` when the server patched the standard library for it (gunicorn's gevent
    worker, as the Procfile runs), else ``threading`` (tests, ``flask run``)."""
    try:
        from gevent import monkey
    except ImportError:
        return "threading"
    return "gevent" if monkey.is_module_patched("socket") else "threading"


def _wire(app: Flask) -> None:
    from webapp.i18n import init_i18n
    from webapp.store import Store
    from webapp.web import api, pages, progress, ratelimit, security, sharing, translate_api
    from webapp.web.classes import api as class_api
    from webapp.web.classes import pages as class_pages
    from webapp.web.classes.live import init_class_live
    from webapp.web.classes.service import ClassService
    from webapp.web.classes.store import ClassStore
    from webapp.web.errors import register_error_handlers
    from webapp.web.exercises import bp as exercises_bp
    from webapp.web.glossary import bp as glossary_bp
    from webapp.web.live import init_live
    from webapp.web.sessions import SessionService

    store = Store(app.config["DATABASE_URL"])
    app.extensions["sessions"] = SessionService(
        store, shared=bool(app.config["SHARED_SESSIONS"] or app.config["MESSAGE_QUEUE"]))
    app.extensions["classes"] = ClassService(ClassStore(store), app.extensions["sessions"])
    init_i18n(app)
    register_error_handlers(app)
    security.init_security(app)
    ratelimit.init_rate_limits(app)
    for blueprint in (pages.bp, api.bp, sharing.bp, translate_api.bp, class_api.bp,
                      class_pages.bp, exercises_bp, glossary_bp):
        app.register_blueprint(blueprint)
    init_live(app)
    init_class_live(app)
    progress.init_progress(app)  # last: it wraps the broadcast init_live sets
