"""``xl list``'s State column and the one-word state, derived from Xen's fields as
``getdomaininfo()`` and ``list_domains()`` derive them (virtualization-facts.md §3.1–3.2)."""

from __future__ import annotations

from typing import Any

import pytest

from webapp.model.domain import (
    REASON_LETTERS,
    Domain,
    DomainConfig,
    Dying,
    ShutdownReason,
    VCpu,
    dominf_flags,
    runstate,
    state_word,
    xl_state,
)


def make(vcpus: int = 2, **fields: Any) -> Domain:
    """A domain that is running normally, unless ``fields`` say otherwise."""
    base = Domain(1, DomainConfig("g", vcpus=vcpus),
                  [VCpu(i, online=True) for i in range(vcpus)], controller_pause_count=0,
                  creation_finished=True)
    for name, value in fields.items():
        setattr(base, name, value)
    return base


def test_a_vcpu_on_a_physical_cpu_shows_r() -> None:
    domain = make()
    domain.vcpus[1].pcpu = 0
    assert (xl_state(domain), state_word(domain)) == ("r-----", "running")


def test_a_runnable_domain_waiting_for_a_cpu_shows_no_letter() -> None:
    assert (xl_state(make()), state_word(make())) == ("------", "runnable")


def test_b_needs_every_online_vcpu_blocked() -> None:
    domain = make()
    domain.vcpus[0].blocked = True
    assert xl_state(domain) == "------"
    domain.vcpus[1].blocked = True
    assert (xl_state(domain), state_word(domain)) == ("-b----", "blocked")


def test_an_offline_vcpu_does_not_count_for_b() -> None:
    domain = make()
    domain.vcpus[0].blocked = True
    domain.vcpus[1].online = False
    assert xl_state(domain) == "-b----"


def test_with_no_vcpu_online_neither_r_nor_b_is_shown() -> None:
    domain = make(vcpus=1)
    domain.vcpus[0].online = False
    domain.vcpus[0].blocked = True
    assert dominf_flags(domain)["running"] is dominf_flags(domain)["blocked"] is False
    assert xl_state(domain) == "------"


def test_p_is_a_controller_pause_count_above_zero() -> None:
    assert xl_state(make(controller_pause_count=1)) == "--p---"
    assert xl_state(make(controller_pause_count=3)) == "--p---"
    assert state_word(make(controller_pause_count=3)) == "paused"


@pytest.mark.parametrize("reason, letter, word", [
    (ShutdownReason.POWEROFF, "-", "shutdown"),
    (ShutdownReason.REBOOT, "r", "shutdown"),
    (ShutdownReason.SUSPEND, "s", "suspended"),
    (ShutdownReason.CRASH, "c", "crashed"),
    (ShutdownReason.WATCHDOG, "w", "shutdown"),
    (ShutdownReason.SOFT_RESET, "S", "shutdown"),
])
def test_a_completed_shutdown_shows_s_and_its_reason_letter(
        reason: ShutdownReason, letter: str, word: str) -> None:
    domain = make(is_shutting_down=True, is_shut_down=True, shutdown_code=reason)
    assert xl_state(domain) == f"---s{letter}-"
    assert state_word(domain) == word
    assert REASON_LETTERS[reason] == letter


def test_the_reason_letter_waits_for_the_shutdown_to_complete() -> None:
    domain = make(is_shutting_down=True, shutdown_code=ShutdownReason.CRASH)
    assert (xl_state(domain), state_word(domain)) == ("------", "shutting_down")


def test_d_is_shown_only_once_the_domain_is_dead() -> None:
    dying = make(is_dying=Dying.DYING, controller_pause_count=1)
    dead = make(is_dying=Dying.DEAD, controller_pause_count=1)
    assert (xl_state(dying), state_word(dying)) == ("--p---", "dying")
    assert (xl_state(dead), state_word(dead)) == ("--p--d", "dead")


def test_a_crashed_domain_being_destroyed_shows_every_column_that_applies() -> None:
    domain = make(is_shutting_down=True, is_shut_down=True, shutdown_code=ShutdownReason.CRASH,
                  controller_pause_count=1, is_dying=Dying.DEAD)
    assert xl_state(domain) == "--pscd"


@pytest.mark.parametrize("fields, expected", [
    ({}, "runnable"),
    ({"controller_pause_count": 1}, "offline"),
    ({"is_shutting_down": True}, "offline"),
    ({"is_dying": Dying.DYING}, "offline"),
])
def test_a_vcpu_of_a_domain_that_cannot_be_scheduled_is_offline(
        fields: dict[str, Any], expected: str) -> None:
    assert runstate(make(**fields), make(**fields).vcpus[0]) == expected


def test_blocked_dominates_offline_in_the_runstate() -> None:
    domain = make(controller_pause_count=1)
    domain.vcpus[0].blocked = True
    assert runstate(domain, domain.vcpus[0]) == "blocked"
