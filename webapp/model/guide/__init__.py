"""Guided learning: each scenario's goal and path of chapters, checked by the model.

A scenario's YAML states its goal, its level and 2–6 chapters (``path.py``); each chapter is
done when a condition written as data holds (``conditions.py``, ``lab_conditions.py``). The
guide's state lives in the world like a lab's (``state.py``), so checkpoints, time travel and
every cursor cover it; ``snapshot()["guide"]`` shows it. Importing this package registers the
start and restore hooks, the per-step observer and the snapshot section.
"""

from webapp.model import extensions
from webapp.model.guide import state
from webapp.model.guide.path import Guide, parse_guide

__all__ = ["Guide", "parse_guide"]

extensions.starter(state.start)
extensions.restorer(state.restored)
extensions.observer(state.observe)
extensions.section(state.KEY, state.section)
