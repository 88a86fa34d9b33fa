"""The rule of the French tests (issue 12, "French, fully"): what is English in a French page.

A French page's visible words — text nodes and the ``title``, ``aria-label``, ``alt`` and
``placeholder`` attributes — outside ``<code>``, ``<kbd>``, ``<samp>``, ``<script>`` and
``<style>`` and outside any element marked ``lang="en"`` (the glossary's English column, the
language switch) must hold:

* no **English sentence of the catalog**: a msgid of the page catalog (``messages.po``) whose
  French differs, or a fixed part of the model's English narration or marker labels (the text
  between placeholders, at least 3 words);
* no **identifier**: a snake_case word (``boot_params``, ``populate_2m``), a dotted name
  (``crash.panic``), a camelCase name (``XenbusState``) or a call (``schedule()``) — code names
  stay in English, but inside a code element;
* no **English-only word**: a word of the English catalog and narration that no French text of
  the project uses (``free``, ``preempt``, ``Space``…) — the list is built, not written.

``ALLOWED`` is the short list of names a French sentence keeps as they are: proper names and
Xen's own short names that French practice does not translate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "webapp" / "translations" / "fr" / "LC_MESSAGES" / "messages.po"

#: products' names, said as they are in every language (not English words; a CamelCase one
#: such as VirtualBox is a name, not an identifier)
PROPER_NAMES = ("VirtualBox", "gVisor", "Parallels", "Docker", "LXC", "ESXi", "Hyper-V", "KVM",
                "VMware")

#: names kept as they are in French (proper names, Xen's short names, units and acronyms the
#: glossary keeps); a word here is never "English-only"
ALLOWED = frozenset("""
    xen linux qemu dom0 domu xl libxl xenstore xenstored vcpu vcpus pcpu pcpus ostep hvm pv pvh
    ept npt tlb mmu mfn pfn gfn p2m m2p cr3 iommu uefi bios grub ovmf elf initrd kernel toolstack
    frontend backend blkfront blkback netfront netback xenbus evtchn qr ok htmx json id ids
    playwright chromium vm vms io mmio ram cpu cpus dma nvme virtio ide sata ahci pci
""".split()) | frozenset(w.lower() for name in PROPER_NAMES for w in name.split("-"))

#: words French shares with English that no French text of the project happens to use yet
FRENCH_TOO = frozenset({"native", "natives", "content", "exact", "initial", "long", "large",
                        "issue", "passes", "places", "match", "fit", "put", "concept", "item",
                        "items", "range", "lies", "major", "minor", "pull", "sign", "tab",
                        "exception", "exceptions"})

#: identifier-like words a sentence says as words: a vCPU, pCPU0, a domU
ALLOWED_IDENTIFIER = re.compile(r"[vp]CPUs?\d*|dom[UN]s?|[kMGT]Wh|[kMG]W"  # and units
                                r"|" + "|".join(map(re.escape, PROPER_NAMES)))
#: the application's name
ALLOWED_PHRASES = ("Hypervisor Lab",)

#: key names, English words the catalog need not hold (a shortcut's key in a title)
KEYS = frozenset({"space", "home", "end", "enter", "escape", "shift", "backspace"})

#: key names written in words in a <kbd> (the keys' symbols and letters are not words)
KEY_NAMES = frozenset({"Space", "Home", "End", "Enter", "Escape", "Shift", "Tab"})

#: elements whose text cannot hold a code element: their identifiers are not counted
PLAIN_TEXT = frozenset({"option", "textarea", "title"})
SKIPPED = frozenset({"code", "kbd", "samp", "script", "style", "template", "svg:desc"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "aria-roledescription")

IDENTIFIER = re.compile(
    r"(?<![\w.-])(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+"        # snake_case, SNAKE_CASE
    r"|[a-z][a-z0-9]*(?:\.[a-z_][a-z0-9_]*)+(?=[^\w.]|\.?$|\.\s)"   # dotted: crash.panic
    r"|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*"      # camelCase, XenbusState
    r"|[A-Za-z_]\w*\(\))")                                         # a call: schedule()
URL = re.compile(r"https?://\S+")
#: a file's path (tools/libs/guest/xg_dom_boot.c, xen/arch/x86/boot/head.S, a script's
#: tools/hotplug/Linux/block: three parts or more): code, whatever words it holds
PATH = re.compile(r"(?<![\w/])(?:[\w.-]+(?:/[\w.-]+)+\.[A-Za-z]{1,3}|[\w.-]+(?:/[\w.-]+){2,}"
                  r"|/[\w.-]+(?:/[\w.-]+)+)(?![\w/])")
WORD = re.compile(r"(?<![\w'])[A-Za-zÀ-ÿœŒ]+(?:'[A-Za-z]+)?(?!\w)")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^{}]*\}")


# -- the English side ----------------------------------------------------------------------------

@cache
def catalog() -> dict[str, str]:
    """English msgid → French of the page catalog."""
    with PO.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and isinstance(m.id, str)}


def _model_pairs() -> Iterator[tuple[str, str]]:
    """(English, French) of the model's narration, marker labels and vocabularies."""
    from webapp.model.guide.labels import FAMILIES, LABELS
    from webapp.model.narration import TEMPLATES
    from webapp.model.narration.vocabulary import ACTIONS, REASONS, RUNSTATES, STATES
    for table in (TEMPLATES, LABELS, FAMILIES, STATES, RUNSTATES, ACTIONS, REASONS):
        for texts in table.values():
            yield texts["en"], texts["fr"]


def _french_corpus() -> Iterator[str]:
    """Every French text of the project: what a French page may say."""
    yield from catalog().values()
    yield from (fr for _, fr in _model_pairs())
    glossary = yaml.safe_load((ROOT / "webapp/model/narration/glossary.yaml").read_text("utf-8"))
    for term in glossary["terms"]:
        note = term.get("note") or ""
        yield f"{term['fr']} {note.get('fr', '') if isinstance(note, dict) else note}"
    for path in sorted((ROOT / "webapp/model/scenarios").glob("*.yaml")):
        yield from _french_values(yaml.safe_load(path.read_text("utf-8")))


def _french_values(node: object) -> Iterator[str]:
    """The ``fr:`` texts of a scenario file (titles, descriptions, chapters)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "fr" and isinstance(value, str):
                yield value
            else:
                yield from _french_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _french_values(item)


def _fragments(english: str) -> Iterator[str]:
    for part in PLACEHOLDER.split(english):
        part = part.strip(" :;,.()—-–·\n")
        if len(WORD.findall(part)) >= 3:
            yield part


@cache
def english_fragments() -> tuple[str, ...]:
    """The fixed parts of the English catalog and narration that French changes."""
    found: set[str] = set()
    for english, french in [*catalog().items(), *_model_pairs()]:
        if english != french:
            found.update(f for f in _fragments(english) if f not in french)
    return tuple(sorted(found, key=len, reverse=True))


@cache
def _fragment_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, english_fragments())) + r")(?!\w)")


def _words(texts: Iterable[str]) -> set[str]:
    return {word.lower() for text in texts for word in WORD.findall(text)}


@cache
def english_only_words() -> frozenset[str]:
    """Words of the English catalog and narration that no French text of the project uses."""
    english = _words(PLACEHOLDER.sub(" ", IDENTIFIER.sub(" ", text)) for text in
                     [*catalog(), *(en for en, _ in _model_pairs())])
    french = _words(PLACEHOLDER.sub(" ", IDENTIFIER.sub(" ", text)) for text in _french_corpus())
    kept = french | ALLOWED | FRENCH_TOO | scenario_names()
    return frozenset(w for w in (english | KEYS) - kept if len(w) > 2)


@cache
def scenario_names() -> frozenset[str]:
    """The names the scenarios give their hosts and domains (``web``, ``student``, ``kept``)."""
    texts = [p.read_text("utf-8") for p in (ROOT / "webapp/model/scenarios").glob("*.yaml")]
    return frozenset(n.lower() for t in texts for n in re.findall(r"name:\s*([\w-]+)", t))


# -- the French page ----------------------------------------------------------------------------

def problems_in_text(text: str, attribute: bool = False) -> list[str]:
    """What is English in one visible French text (an attribute cannot hold a code element:
    its code names are not counted)."""
    text = URL.sub(" ", " ".join(text.split()))
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, "")
    found = [f"English sentence “{m.group()}”" for m in _fragment_pattern().finditer(text)]
    found += [f"identifier “{m.group()}” outside <code>" for m in IDENTIFIER.finditer(text)
              if not attribute and not ALLOWED_IDENTIFIER.fullmatch(m.group())]
    found += [f"path “{m.group()}” outside <code>" for m in PATH.finditer(text) if not attribute]
    bare = IDENTIFIER.sub(" ", PATH.sub(" ", text))
    found += [f"English word “{w}”" for w in WORD.findall(bare)
              if w.lower() in english_only_words()]
    return [f"{problem} in: {text[:160]}" for problem in found]


def problems(texts: Iterable[str], attributes: Iterable[str] = ()) -> list[str]:
    """What is English in a page's visible French texts and attributes (each reported once)."""
    found = [p for text in texts for p in problems_in_text(text)]
    found += [p for text in attributes for p in problems_in_text(text, attribute=True)]
    return list(dict.fromkeys(found))


class _Visible(HTMLParser):
    """The visible texts of an HTML page or partial, outside code elements and English ones."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped from here down)
        self.texts: list[str] = []
        self.attributes: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skip = (self.skipping or tag in SKIPPED or values.get("lang") == "en"
                or "data-code" in values)  # a code name in SVG, where <code> cannot go
        if not skip:
            self.attributes += [str(values[name]) for name in ATTRIBUTES if values.get(name)]
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip() and self.stack and self.stack[-1][0] in PLAIN_TEXT:
            self.attributes.append(data)  # holds no element: read like an attribute
        elif not self.skipping and data.strip():
            self.texts.append(data)
        elif self.stack and self.stack[-1][0] == "kbd" and data.strip() in KEY_NAMES:
            self.texts.append(data)  # a key's name in words is the reader's word


def html_problems(html: str) -> list[str]:
    """What is English in a rendered French page or partial."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return problems(parser.texts, parser.attributes)
