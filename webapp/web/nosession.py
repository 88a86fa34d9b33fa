"""No Flask session cookie: the app keeps its state in the database and its own cookies
(``hl_s_<id>``, ``hl_c_<code>``, ``hl_client``, ``lang``), so parsing and signing Flask's
session cookie on every request is work for nothing."""

from __future__ import annotations

from typing import Any

from flask.sessions import SessionInterface


class NoSession(SessionInterface):
    def open_session(self, app: Any, request: Any) -> None:
        return None  # Flask then hands out a null session, which nothing here uses

    def save_session(self, app: Any, session: Any, response: Any) -> None:
        return None
