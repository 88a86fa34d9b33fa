"""Issue 11, items 5, 6 and 13: what the guest kernel does with its page tables, how a PV kernel
does its privileged operations, and when it asks for its memory map."""

from __future__ import annotations

from webapp.model.narration import TEMPLATES, render

from .helpers import build, host_sim, kinds


def test_the_kernel_writes_its_new_tables_directly_then_pins_them() -> None:
    """xen_setup_kernel_pagetable: plain writes while the pages are ordinary, read-only, pin;
    Xen validates at pin. Not "every write an mmu_update"."""
    text = render("boot.guest_pagetables", {"pt_base": "0x1", "nr_pt_frames": 3})
    assert "directly" in text and "validates the whole tree at the pin" in text
    assert "every write" not in text
    why = TEMPLATES["exercise.pt_readonly.why"]["en"]
    assert "only with mmu_update" not in why and "at the pin" in why


def test_pv_privileged_operations_are_hypercalls_traps_or_emulation() -> None:
    text = render("boot.guest_start_info", {"magic": "m", "nr_pages": 1, "flags": "0x0",
                                            "flag_names": "0"})
    for words in ("forced-emulation prefix", "MSR accesses and CR0 writes trap",
                  "CR2 is read from vcpu_info", "CR3"):
        assert words in text
    cr3 = TEMPLATES["hypercall.new_baseptr"]["en"]
    assert "may not write CR3" not in cr3 and "new_guest_cr3" in cr3


def test_the_memory_map_is_asked_for_in_setup_arch_before_xenbus() -> None:
    events = kinds(build(host_sim()))
    assert events.index("boot.guest_memory_map") < events.index("boot.guest_xenbus")
    assert "XENMEM_memory_map" in TEMPLATES["boot.guest_memory_map"]["en"]
    assert "XENMEM_machine_memory_map" not in TEMPLATES["boot.guest_dom0_services"]["en"]
