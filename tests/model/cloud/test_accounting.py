"""Accounting is conserved: CPU time, runstates, energy, bills; memory billed while held."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.model.cloud import billing, meter
from webapp.model.cloud.sched import Claim, shares

from .support import act, lab, timeline


def test_cpu_time_of_domains_equals_the_busy_time_of_the_pcpus() -> None:
    t = timeline()
    t.step(5)
    act(t, "migrate", "web1", to="host2")
    act(t, "set_sched", "batch1", cap=50)
    t.step(10)
    cloud = lab(t)
    domains = sum(d.meter.cpu_s for d in cloud.domains.values())
    hosts = sum(h.busy_s for h in cloud.hosts)
    assert domains > 0 and math.isclose(domains, hosts, rel_tol=1e-9)


def test_each_vcpu_is_in_exactly_one_runstate_all_the_time() -> None:
    t = timeline("cloud-host-failure")
    t.step(3)
    act(t, "fail_host", "host2")
    t.step(3)
    act(t, "restart_domains")
    cloud = lab(t)
    start = 36000.0
    for domain in cloud.domains.values():
        total = sum(domain.meter.runstate.values())
        assert math.isclose(total, domain.vcpus * (cloud.time_s - start), rel_tol=1e-9)


def test_energy_integrates_power_over_each_step() -> None:
    t = timeline("cloud-consolidation")
    cloud = lab(t)
    expected = 0.0
    for _ in range(8):
        before = cloud.time_s
        t.step(1)
        expected += sum(h.power_w for h in cloud.hosts) * (cloud.time_s - before)
    assert math.isclose(cloud.energy_j, expected, rel_tol=1e-9)
    assert math.isclose(cloud.energy_j, sum(h.energy_j for h in cloud.hosts), rel_tol=1e-9)


def test_consolidation_switches_hosts_off_and_power_falls() -> None:
    t = timeline("cloud-consolidation")
    t.step(2)
    before = sum(h.power_w for h in lab(t).hosts)
    events = act(t, "consolidate")
    t.step(1)
    after = sum(h.power_w for h in lab(t).hosts)
    assert any(e.kind == "cloud.host.switched_off" for e in events)
    assert after < before - 100
    assert all(d.state == "running" for d in lab(t).domains.values())


def test_the_bill_is_usage_times_price() -> None:
    t = timeline()
    t.step(6)
    act(t, "set_prices", None, vcpu_hour=1.5, gib_hour=0.25)
    t.step(4)
    cloud = lab(t)
    for tenant in cloud.tenants:
        used = billing.tenant_usage(cloud, tenant)
        bill = billing.bill(used, cloud.prices)
        by_hand = sum(billing.usage(d.meter)[k] * cloud.prices.as_dict()[k]
                      for d in cloud.domains.values() if d.tenant == tenant
                      for k in billing.LINES)
        assert math.isclose(bill["total"], by_hand, abs_tol=1e-6)
        assert math.isclose(bill["total"], sum(x["amount"] for x in bill["lines"].values()),
                            abs_tol=1e-5)


def test_a_paused_domain_holds_memory_a_saved_one_does_not() -> None:
    t = timeline()
    act(t, "pause_domain", "db1")
    held = lab(t).domains[2].meter.mem_gib_s
    t.step(2)
    assert lab(t).domains[2].meter.mem_gib_s > held
    cpu = lab(t).domains[2].meter.cpu_s
    act(t, "save_domain", "db1")
    held = lab(t).domains[2].meter.mem_gib_s
    t.step(3)
    assert lab(t).domains[2].meter.mem_gib_s == held
    assert lab(t).domains[2].meter.cpu_s == cpu


def test_memory_is_billed_once_across_a_migration() -> None:
    t = timeline()
    web1 = lab(t).domains[1]
    before_s, before = lab(t).time_s, web1.meter.mem_gib_s
    act(t, "migrate", "web1", to="host2")
    assert math.isclose(web1.meter.mem_gib_s - before, 0.5 * (lab(t).time_s - before_s),
                        rel_tol=1e-9)


def test_migration_downtime_is_counted_in_the_tenants_service_record() -> None:
    t = timeline()
    act(t, "migrate", "web1", to="host2")
    acme = lab(t).tenants["acme"]
    assert math.isclose(acme.downtime_s, 0.030164, abs_tol=1e-6)
    assert acme.violations == 0


def test_a_long_downtime_is_a_violation() -> None:
    t = timeline()
    act(t, "set_migration", None, dirty_rate=40000, wws_pages=20000)
    act(t, "migrate", "web1", to="host2")
    acme = lab(t).tenants["acme"]
    assert acme.violations == 1 and acme.recent[0].kind == "interruption"


CLAIMS = st.lists(st.tuples(st.integers(1, 1000), st.floats(0, 8), st.one_of(
    st.none(), st.floats(0.01, 8))), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 16), CLAIMS)
def test_fair_shares_never_exceed_capacity_or_limits_and_waste_nothing(
        pcpus: int, raw: list[tuple[int, float, float | None]]) -> None:
    claims = [Claim(i, w, want, cap) for i, (w, want, cap) in enumerate(raw)]
    got = shares(float(pcpus), claims)
    assert sum(got.values()) <= pcpus + 1e-9
    assert all(got[c.key] <= c.limit + 1e-9 for c in claims)
    wanted = sum(c.limit for c in claims)
    assert math.isclose(sum(got.values()), min(pcpus, wanted), rel_tol=1e-9, abs_tol=1e-9)


def test_the_observer_advances_the_clock_by_a_tick_when_nothing_runs() -> None:
    t = timeline()
    start = lab(t).time_s
    t.step(3)
    assert lab(t).time_s == start + 3 * lab(t).tick_s
    assert meter.TIMELINE_STEPS >= len(lab(t).timeline)
