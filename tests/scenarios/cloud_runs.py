"""The cloud lab's golden runs (registered in test_golden.RUNS): a live migration followed by
a non-converging one, a consolidation, and a host failure with restarts."""

from __future__ import annotations

from webapp.model.timeline import LoggedAction

CLOUD_RUNS: dict[str, tuple[int, list[LoggedAction]]] = {
    "cloud-live-migration": (40, [
        LoggedAction(2, "migrate", "web1", {"to": "host2"}),
        LoggedAction(14, "set_migration", None, {"dirty_rate": 40000, "wws_pages": 20000}),
        LoggedAction(16, "migrate", "web2", {"to": "host1"}),
    ]),
    "cloud-consolidation": (60, [LoggedAction(3, "consolidate")]),
    "cloud-host-failure": (30, [
        LoggedAction(3, "fail_host", "host2"),
        LoggedAction(8, "restart_domains"),
        LoggedAction(20, "set_prices", None, {"gib_hour": 0.01}),
    ]),
}
