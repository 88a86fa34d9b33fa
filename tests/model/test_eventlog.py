"""The narrated history a page at a time: whole steps, newest first, bounded, nothing moves;
pages put together give the whole history."""

from __future__ import annotations

from webapp.model import eventlog
from webapp.model.events import Event
from webapp.model.timeline import Timeline

from .support import shipped

SEED = 11


def played(scenario_id: str, steps: int) -> Timeline:
    timeline = Timeline(shipped(scenario_id), SEED)
    timeline.step(steps)
    return timeline


def keys(events: list[Event]) -> list[tuple[int, str]]:
    return [(e.step, e.kind) for e in events]


def test_pages_read_backwards_give_the_whole_history_in_order() -> None:
    timeline = played("lifecycle-crash", 300)
    history, before = timeline.history(), timeline.cursor + 1
    pages: list[list[Event]] = []
    while before > 1:
        page = eventlog.page(history, before, 10)
        assert page.last == before - 1 and page.first <= page.last
        pages.insert(0, page.events)
        before = page.first
    whole = [event for events in pages for event in events]
    assert keys(whole) == keys(timeline.events_between(1, timeline.cursor))


def test_a_page_holds_whole_steps_and_counts_only_what_is_not_scheduler_churn() -> None:
    timeline = played("lifecycle-crash", 60)
    page = eventlog.page(timeline.history(), 61, 5)
    counted = [e for e in page.events if not eventlog.is_filler(e)]
    assert len(counted) >= 5
    first_step = timeline.events_between(page.first, page.first)
    assert keys(first_step) == keys([e for e in page.events if e.step == page.first])
    assert all(page.first <= e.step <= page.last for e in page.events)


def test_a_page_is_bounded_in_steps_replayed_and_events_returned() -> None:
    timeline = played("lifecycle-basics", 2_500)  # nothing but the scheduler: all filler
    page = eventlog.page(timeline.history(), 2_501, 50)
    assert page.last == 2_500
    assert page.last - page.first < eventlog.MAX_SCAN + 1
    assert 0 < len(page.events) <= eventlog.MAX_EVENTS


def test_reading_a_page_moves_nothing_and_stops_at_the_recorded_history() -> None:
    timeline = played("lifecycle-crash", 50)
    timeline.seek(20)
    page = eventlog.page(timeline.history(), 10**9, 50)
    assert page.last == 50 and timeline.cursor == 20
    assert eventlog.page(timeline.history(), 1, 50).events == []


def test_the_model_is_quiet_when_only_scheduler_ticks_can_follow() -> None:
    timeline = Timeline(shipped("lifecycle-crash"), SEED)
    assert not timeline.quiet()  # the script has crashes to come
    timeline.step(200)
    assert timeline.quiet()
    timeline.act("destroy", "kept")
    assert not timeline.quiet()  # an operation in flight
    timeline.seek(10)
    assert not timeline.quiet()  # a recorded action ahead
