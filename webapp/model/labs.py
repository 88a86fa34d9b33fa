"""Importing this module registers every lab's recipes, commands and narration."""

from __future__ import annotations

from webapp.model import lifecycle

REGISTERED = (lifecycle,)
