"""Issue 11, item 11: an EPT misconfiguration (VM exit 49) is not an EPT violation (VM exit 48):
they are different exits, narrated apart."""

from __future__ import annotations

from webapp.model.memlab.views import P2M

from .support import lab, last_result, run, simulation


def test_a_write_only_ept_entry_is_a_misconfiguration_exit_49() -> None:
    sim = simulation("ept")
    domain = sim.world.host.domains[lab(sim).domid]
    target = P2M(domain.p2m).mfn(0x201)
    frames = lab(sim).ept_frames
    for frame, row in frames.items():
        for index, entry in enumerate(row):
            if entry & 7 == 7 and (entry >> 12) & 0xFF_FFFF_FFFF == target:
                frames[frame] = row[:index] + ((entry & ~7) | 2,) + row[index + 1:]
    events = run(sim, "access", va="0x401008", access="read", user=True)
    exit_event = events[-1]
    assert exit_event.kind == "exit.ept_misconfig" and exit_event.data["exit_reason"] == 49
    text = exit_event.narration()
    assert "misconfiguration" in text["en"] and "48" in text["en"]
    assert "violation EPT serait 48" in text["fr"]
    assert last_result(sim)["kind"] == "ept_misconfig"
