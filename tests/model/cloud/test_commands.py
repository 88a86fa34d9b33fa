"""Refusals change nothing; failures during a migration roll back or lose the domain."""

from __future__ import annotations

import pickle

import pytest

from webapp.model.cloud.view import section
from webapp.model.errors import InvalidCommand, Refused, UnknownTarget

from .support import act, lab, run_until_idle, timeline


@pytest.mark.parametrize(("action", "target", "args", "error"), [
    ("migrate", "nobody", {"to": "host2"}, UnknownTarget),
    ("migrate", "web1", {"to": "host9"}, UnknownTarget),
    ("migrate", "web1", {"to": "host1"}, Refused),
    ("migrate", "web1", {"to": "host2", "bandwidth_mbps": 0}, InvalidCommand),
    ("migrate", "web1", {"to": "host2", "colour": 1}, InvalidCommand),
    ("migrate", "web1", {"to": "host2", "max_rounds": True}, InvalidCommand),
    ("switch_off", "host1", {}, Refused),
    ("restart_domains", None, {}, Refused),
    ("set_prices", None, {"vcpu_hour": -1}, InvalidCommand),
    ("set_power", None, {"idle_w": 300, "max_w": 200}, InvalidCommand),
])
def test_refused_commands_change_nothing(action: str, target: object, args: dict[str, object],
                                         error: type[Exception]) -> None:
    t = timeline()
    t.step(2)
    before = pickle.dumps(t.sim.world)
    with pytest.raises(error):
        t.act(action, target, args)
    assert pickle.dumps(t.sim.world) == before


def test_a_busy_domain_refuses_a_second_migration() -> None:
    t = timeline()
    t.act("migrate", "web1", {"to": "host2"})
    with pytest.raises(Refused):
        t.act("migrate", "web1", {"to": "host3"})


def test_a_failed_target_rolls_back_and_the_source_resumes() -> None:
    t = timeline()
    t.act("migrate", "web1", {"to": "host2"})
    t.step(3)
    events = t.act("fail_host", "host2") + run_until_idle(t)
    cloud = lab(t)
    web1 = cloud.domains[1]
    assert any(e.kind == "cloud.migrate.rollback" for e in events)
    assert web1.state == "running" and web1.host == 0 and cloud.migrations[0].phase == "aborted"
    assert cloud.hosts[1].reserved_mb == 0


def test_a_failed_source_loses_the_domain() -> None:
    t = timeline()
    t.act("migrate", "web1", {"to": "host2"})
    t.step(3)
    events = t.act("fail_host", "host1") + run_until_idle(t)
    cloud = lab(t)
    assert any(e.kind == "cloud.migrate.lost" for e in events)
    assert cloud.domains[1].state == "crashed" and cloud.hosts[1].reserved_mb == 0


def test_evacuation_empties_the_host_and_switches_it_off() -> None:
    t = timeline()
    act(t, "evacuate", "host1")
    cloud = lab(t)
    assert cloud.hosts[0].state == "off" and cloud.hosts[0].domains == []
    assert sorted(m.phase for m in cloud.migrations) == ["done", "done"]


def test_a_restarted_domain_boots_elsewhere() -> None:
    t = timeline("cloud-host-failure")
    act(t, "fail_host", "host2")
    act(t, "restart_domains")
    cloud = lab(t)
    assert all(d.state == "running" and d.host != 1 for d in cloud.domains.values())
    assert cloud.tenants["acme"].violations >= 1


def test_time_travel_replays_the_same_datacenter() -> None:
    t = timeline()
    t.act("migrate", "web1", {"to": "host2"})
    t.step(20)
    seen = section(t.sim.world)
    t.seek(3)
    t.seek(21)
    assert section(t.sim.world) == seen
