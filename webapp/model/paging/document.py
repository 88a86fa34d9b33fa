"""``translate(document)``: validate a JSON translation document and walk it.

One access, evaluated on the tables given, with no TLB. ``"paging"`` chooses the
format: ``x86_64`` (4-level), ``x86_32`` (2-level, non-PAE), ``ostep`` or ``linear``
(see ``document_ostep``); ``"mode": "nested"`` walks x86-64 guest tables under an EPT.

x86 documents: ``"root"`` (CR3, hex), ``"memory"`` (``{"<frame>": [entries as hex]}``:
512 entries per frame for x86-64, 1024 four-byte entries for x86_32), ``"va"`` (hex),
``"access"`` (``read``/``write``/``exec``), ``"user"`` (bool) and an optional ``"cpu"``
object (``wp``, ``nxe``, ``smep``, ``smap``, ``maxphyaddr``; ``pse`` instead of ``nxe``
and ``maxphyaddr`` for x86_32). Defaults: CR0.WP = 1, EFER.NXE = 1, CR4.PSE = 1, no SMEP
or SMAP, MAXPHYADDR 52. A nested document adds ``"ept": {"root": EPTP, "memory": ...}``;
its own ``root`` and ``memory`` are then the guest's CR3 and guest-physical frames.
Fields not named here are ignored (so an imported document's ``"addresses"`` may stay).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from webapp.model.paging.document_ostep import linear_walk, ostep_walk
from webapp.model.paging.errors import MissingFrameError
from webapp.model.paging.fields import (
    as_bool,
    as_choice,
    as_hex,
    as_int,
    as_object,
    check_keys,
    fail,
    frames,
    require,
)
from webapp.model.paging.memory import FRAME_SHIFT, PhysicalMemory
from webapp.model.paging.nested import Ept, walk_nested
from webapp.model.paging.results import Access, Walk
from webapp.model.paging.rights import DEFAULT_CPU, CpuConfig
from webapp.model.paging.serialize import walk_to_json
from webapp.model.paging.x86_32 import FRAME_BITS, walk_x86_32
from webapp.model.paging.x86_64 import ADDRESS_BITS, walk_x86_64

ACCESSES = {access.value: access for access in Access}
CPU_KEYS_64 = frozenset({"wp", "nxe", "smep", "smap", "maxphyaddr"})
CPU_KEYS_32 = frozenset({"wp", "pse", "smep", "smap"})
EPT_KEYS = frozenset({"root", "memory"})


def translate(document: Mapping[str, object]) -> dict[str, object]:
    """Walk one access described by a JSON document; see the module docstring.

    Returns ``{"result", "references", "entry_updates"}``; raises
    ``PagingDocumentError`` naming what is wrong with an invalid document.
    """
    return walk_to_json(walk_document(document))


def walk_document(document: Mapping[str, object]) -> Walk:
    """The model form of ``translate``: the ``Walk`` (e.g. for ``micro_steps``)."""
    checked = as_object(document, "the document")
    try:
        return _walk_document(checked)
    except MissingFrameError as missing:
        field = "ept.memory" if missing.space == "host-physical" else "memory"
        raise fail(f'{missing}: add it to "{field}"') from missing


def _walk_document(document: Mapping[str, object]) -> Walk:
    modes = {"native": "native", "nested": "nested"}
    if as_choice(document.get("mode", "native"), "mode", modes) == "nested":
        return nested_walk(document)
    builders: dict[str, Callable[[Mapping[str, object]], Walk]] = {
        "x86_64": x86_64_walk,
        "x86_32": x86_32_walk,
        "ostep": ostep_walk,
        "linear": linear_walk,
    }
    return as_choice(require(document, "paging"), "paging", builders)(document)


def cpu_config(value: object, allowed: frozenset[str]) -> CpuConfig:
    """The optional ``"cpu"`` object; absent fields keep the defaults."""
    if value is None:
        return DEFAULT_CPU
    cpu = as_object(value, "cpu")
    check_keys(cpu, allowed, "cpu")
    flags = {key: as_bool(cpu[key], f"cpu.{key}") for key in allowed & set(cpu) - {"maxphyaddr"}}
    width = as_int(cpu.get("maxphyaddr", 52), "cpu.maxphyaddr", 32, 52)
    return CpuConfig(**flags, maxphyaddr=width)


def access_of(document: Mapping[str, object]) -> tuple[Access, bool]:
    """The ``access`` kind and the ``user`` flag."""
    access = as_choice(require(document, "access"), "access", ACCESSES)
    return access, as_bool(require(document, "user"), "user")


def memory_of(
    document: Mapping[str, object], entries: int, space: str, label: str = "memory"
) -> PhysicalMemory:
    """The frames of ``document["memory"]`` as a memory of 8- or 4-byte entries."""
    entry_bits = 64 if entries == 512 else 32
    frame_bits = 40 if entries == 512 else 20
    value = require(document, "memory", label.rpartition(".")[0] or "the document")
    table = frames(value, label, entries, entry_bits, frame_bits)
    return PhysicalMemory.of(table, entry_bits // 8, space)


def root_of(
    document: Mapping[str, object], memory: PhysicalMemory, mask: int, label: str = "root"
) -> int:
    """The root register (CR3 or EPTP): hex, and its table must be in the memory given."""
    where = label.rpartition(".")[0] or "the document"
    root = as_hex(require(document, "root", where), label, 64)
    frame = (root & mask) >> FRAME_SHIFT
    if not memory.has_frame(frame):
        raise fail(f"{label} {root:#x} points to frame {frame}, which is not in memory")
    return root


def x86_64_walk(document: Mapping[str, object]) -> Walk:
    """Translate an ``x86_64`` document."""
    cpu = cpu_config(document.get("cpu"), CPU_KEYS_64)
    memory = memory_of(document, 512, "physical")
    root = root_of(document, memory, ADDRESS_BITS)
    va = as_hex(require(document, "va"), "va", 64)
    return walk_x86_64(memory, root, va, *access_of(document), cpu)


def x86_32_walk(document: Mapping[str, object]) -> Walk:
    """Translate an ``x86_32`` document."""
    cpu = cpu_config(document.get("cpu"), CPU_KEYS_32)
    memory = memory_of(document, 1024, "physical")
    root = root_of(document, memory, FRAME_BITS)
    if root >> 32:
        raise fail(f"root {root:#x} is wider than the 32-bit CR3 of 32-bit paging")
    va = as_hex(require(document, "va"), "va", 32)
    return walk_x86_32(memory, root, va, *access_of(document), cpu)


def nested_walk(document: Mapping[str, object]) -> Walk:
    """Translate a ``"mode": "nested"`` document (x86-64 guest under a 4-level EPT)."""
    if document.get("paging", "x86_64") != "x86_64":
        raise fail('nested mode walks x86-64 guest tables: "paging" must be "x86_64"')
    cpu = cpu_config(document.get("cpu"), CPU_KEYS_64)
    guest = memory_of(document, 512, "guest-physical")
    guest_cr3 = root_of(document, guest, ADDRESS_BITS)
    va = as_hex(require(document, "va"), "va", 64)
    return walk_nested(guest, guest_cr3, ept_of(document), va, *access_of(document), cpu)


def ept_of(document: Mapping[str, object]) -> Ept:
    """The ``"ept"`` object: EPTP in ``root``, host-physical frames in ``memory``."""
    ept = as_object(require(document, "ept"), "ept")
    check_keys(ept, EPT_KEYS, "ept")
    memory = memory_of(ept, 512, "host-physical", "ept.memory")
    return Ept(root_of(ept, memory, ADDRESS_BITS, "ept.root"), memory)
