"""Exercises in every lab, generated from a seed and a level, graded by the model.

``kinds(lab)`` lists the kinds; ``generate(kind, seed, level)`` makes a problem (the same for
the same arguments); ``grade(problem, answer, attempt)`` says whether an answer is right, with a
hint when it is not; ``worked(problem)`` gives the worked answer, step by step. Importing this
package registers every kind (see ``engine`` for how a kind is made).
"""

from webapp.model.exercises import (  # noqa: F401  (importing registers the kinds)
    boot,
    boot_fields,
    categories,
    cloud,
    devices,
    devices_ring,
    lifecycle,
    memory,
)
from webapp.model.exercises.engine import (
    REGISTRY,
    AnswerError,
    Kind,
    Problem,
    Verdict,
    generate,
    grade,
    kinds,
    worked,
)

__all__ = ["REGISTRY", "AnswerError", "Kind", "Problem", "Verdict", "generate", "grade",
           "kinds", "worked"]
