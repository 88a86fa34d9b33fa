"""Narration of the boot lab (the domain builder, Xen's dom0 builder, the guest kernel's first
steps and the traditional machine), in English and French (glossary.md): one module per
concept, merged here."""

from __future__ import annotations

from webapp.model.narration.boot.dom0 import TEMPLATES as DOM0
from webapp.model.narration.boot.exercises import EXERCISES
from webapp.model.narration.boot.guest import TEMPLATES as GUEST
from webapp.model.narration.boot.refusals import TEMPLATES as REFUSALS
from webapp.model.narration.boot.start_info import TEMPLATES as START_INFO
from webapp.model.narration.boot.toolstack import TEMPLATES as TOOLSTACK
from webapp.model.narration.boot.traditional import TEMPLATES as TRADITIONAL

TEMPLATES: dict[str, dict[str, str]] = {**TOOLSTACK, **START_INFO, **GUEST, **DOM0,
                                        **TRADITIONAL, **REFUSALS}

__all__ = ["EXERCISES", "TEMPLATES"]
