"""Domain exceptions: the model refuses with a reason, it never asserts."""

from __future__ import annotations

from typing import Any


class ModelError(Exception):
    """Base of every error the model raises on purpose.

    ``key`` names a narration template (see :mod:`webapp.model.narration`) and ``data`` fills it,
    so the message exists in every language the product speaks.
    """

    code = "model_error"

    def __init__(self, key: str, **data: Any) -> None:
        super().__init__(key)
        self.key = key
        self.data = data

    def message(self, lang: str = "en") -> str:
        """The sentence that explains this error, in ``lang``."""
        from webapp.model.narration import render

        return render(self.key, self.data, lang)

    def messages(self) -> dict[str, str]:
        """The sentence in every supported language."""
        from webapp.model.narration import LANGUAGES

        return {lang: self.message(lang) for lang in LANGUAGES}


class Refused(ModelError):
    """An action that is not allowed in the current state; nothing changed."""

    code = "refused"


class UnknownTarget(ModelError):
    """The action names a domain, image or object that does not exist."""

    code = "unknown_target"


class InvalidCommand(ModelError):
    """The action does not exist or its arguments are invalid."""

    code = "invalid_command"


class ScenarioError(ModelError):
    """A scenario document is malformed."""

    code = "invalid_scenario"
