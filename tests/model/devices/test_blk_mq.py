"""Issue 11, item 10: blkfront is blk-mq today (blkif_queue_rq, blk_mq_stop_hw_queue,
BLK_STS_DEV_RESOURCE); the older request_fn names appear only as history."""

from __future__ import annotations

from webapp.model.narration.devices import TEMPLATES

from .support import act, simulation


def test_a_full_ring_stops_the_blk_mq_hardware_queue() -> None:
    events = act(simulation(connected=("vbd",)), "batch", count=40)
    full = next(e for e in events if e.kind == "blk.ring_full").narration()["en"]
    assert "blk_mq_stop_hw_queue" in full and "BLK_STS_DEV_RESOURCE" in full
    restarted = next(e for e in events if e.kind == "blk.restarted").narration()["en"]
    assert "blk_mq_start_stopped_hw_queues" in restarted


def test_the_request_fn_names_are_only_history() -> None:
    for key, texts in TEMPLATES.items():
        for lang, text in texts.items():
            for old in ("do_blkif_request", "blk_stop_queue"):
                if old in text:
                    assert "blk-mq" in text.split(old)[0][-40:], (key, lang)
