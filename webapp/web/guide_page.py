"""What the guide panel and the narration history need on every lab page (their JSON block:
``templates/partials/guide_panel.html``): words for the timeline's markers, the scheduler
kinds that fold into one line, and the panel's sentences in the page's language."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from webapp.model.eventlog import FILLER
from webapp.model.guide.labels import FAMILIES, LABELS, OTHER


def guide_config(lang: str) -> dict[str, Any]:
    """The ``guide-config`` JSON block of a lab page."""
    labels = {kind: texts[lang] for kind, texts in {**FAMILIES, **LABELS}.items()}
    return {"labels": {**labels, "": OTHER[lang]}, "filler": sorted(FILLER), "i18n": sentences()}


def sentences() -> dict[str, str]:
    return {
        "chapter_of": _("Chapter {k} of {n}"),
        "chapter_done": _("Chapter {k} done: {title} ✓"),
        "finished": _("Finished: you reached the scenario's goal."),
        "script_over": _("The scenario's script is over (step {n}): nothing more happens by "
                         "itself. Try next: {next}"),
        "only_owner": _("Only the session's owner can act on it: use “Explore from here” to "
                        "try it yourself."),
        "quiet_act": _("Nothing more happens by itself now: do what the chapter asks (its "
                       "button is beside the picture)."),
        "quiet": _("Nothing more happens by itself now: act on the model."),
        "nothing_notable": _("No notable event in the next {count} steps."),
        "filler_run": _("{count} scheduler events: the vCPUs took turns and nothing else "
                        "happened (press to list them)"),
        "refused": _("Refused, nothing changed:"),
        "past_history": _("Step {step} is past the recorded history, which ends at step "
                          "{length}: here is step {length}."),
        "end_of_history": _("This is the end of the recorded history (step {length})."),
    }
