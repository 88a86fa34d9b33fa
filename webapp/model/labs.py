"""Importing this module registers every lab's recipes, commands and narration."""

from __future__ import annotations

from webapp.model import categories, cloud, devices, guide, lifecycle, memlab
from webapp.model.boot import lab as boot

REGISTERED = (lifecycle, memlab, boot, devices, categories, cloud, guide)
