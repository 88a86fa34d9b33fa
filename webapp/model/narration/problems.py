"""What was wrong with an argument, in words: the ``problem`` of ``command.bad_arg``,
``memory.invalid`` and ``memory.invalid_document`` in every language.

The model says a problem once, in English (``"an integer 16–1048576"``, ``'va must be a hex
string like "0x1000", not "12"'``); a refusal shown in a French page says it in French (issue
12). Each pattern below matches one of the model's phrasings; its groups (names, values) are
kept as they are. A phrasing no pattern knows stays as it was said.
"""

from __future__ import annotations

import re

Texts = dict[str, str]


def _p(pattern: str, en: str, fr: str) -> tuple[re.Pattern[str], Texts]:
    return re.compile(pattern), {"en": en, "fr": fr}


PROBLEMS: tuple[tuple[re.Pattern[str], Texts], ...] = (
    # lifecycle and boot commands (command.bad_arg: "Invalid argument {field}: {problem}.")
    _p(r"not an argument", "not an argument of this action",
       "ce n'est pas un argument de cette action"),
    _p(r"an integer (\S+)–(\S+)", "expected an integer {0}–{1}",
       "un entier de {0} à {1} est attendu"),
    _p(r"a number (\S+)–(\S+)", "expected a number {0}–{1}", "un nombre de {0} à {1} est attendu"),
    _p(r"(\d+)–(\d+)", "expected {0}–{1}", "une valeur de {0} à {1} est attendue"),
    _p(r"unknown", "unknown", "inconnu"),
    _p(r"text (?:up to|under) (\d+) bytes", "expected a text under {0} bytes",
       "un texte de moins de {0} octets est attendu"),
    _p(r"letters, digits, \. _ -", "expected letters, digits, . _ -",
       "seuls lettres, chiffres, . _ - sont permis"),
    _p(r"larger than the host", "larger than the host's memory",
       "plus grand que la mémoire de l'hôte"),
    _p(r"dom0 does not fit on the host", "dom0 does not fit on the host",
       "dom0 ne tient pas sur l'hôte"),
    _p(r"an absolute path", "expected an absolute path", "un chemin absolu est attendu"),
    _p(r"a simple file name", "expected a simple file name",
       "un simple nom de fichier est attendu"),
    _p(r"BIOS or UEFI", "expected BIOS or UEFI", "BIOS ou UEFI est attendu"),
    _p(r"(\S+(?: \| \S+)+)", "expected one of {0}", "une valeur parmi {0} est attendue"),
    # the memory lab's requests and documents (memory.invalid: "Invalid request: {problem}.")
    _p(r'(\S+) must be a hex string like "0x1000", not (.+)',
       '{0} must be a hex string like "0x1000", not {1}',
       '{0} doit être une chaîne hexadécimale comme "0x1000", pas {1}'),
    _p(r"(\S+) (\S+) is wider than (?:the )?(\d+)[- ]bits?(.*)", "{0} {1} is wider than {2} bits",
       "{0} {1} dépasse {2} bits"),
    _p(r"(\S+) must be an integer, not (.+)", "{0} must be an integer, not {1}",
       "{0} doit être un entier, pas {1}"),
    _p(r"(\S+) is (.+); it must be between (\S+) and (\S+)",
       "{0} is {1}; it must be between {2} and {3}",
       "{0} vaut {1} ; il doit être compris entre {2} et {3}"),
    _p(r"(\S+) must be true or false(?:, not (.+))?", "{0} must be true or false",
       "{0} doit valoir true ou false"),
    _p(r"(\S+) must be one of (.+), not (.+)", "{0} must be one of {1}, not {2}",
       "{0} doit valoir l'une de ces valeurs : {1} ; pas {2}"),
    _p(r"access must be read, write or exec, not (.+)",
       "access must be read, write or exec, not {0}",
       "access doit valoir read, write ou exec, pas {0}"),
    _p(r"(\S+) must be a JSON (object|array)(?:, not (.+))?", "{0} must be a JSON {1}",
       "{0} doit être un {1} JSON"),
    _p(r"(.+) lacks the field '(.+)'", "{0} lacks the field '{1}'",
       "il manque le champ '{1}' ({0})"),
    _p(r"unknown argument\(s\) (.+); expected: (.+)", "unknown argument(s) {0}; expected: {1}",
       "argument(s) inconnu(s) {0} ; attendus : {1}"),
    _p(r"(\S+) has unknown field\(s\) (.+); expected: (.+)",
       "{0} has unknown field(s) {1}; expected: {2}",
       "{0} a des champs inconnus {1} ; attendus : {2}"),
    _p(r"answer must be a hex address \(0x…\) or (.+)",
       "answer must be a hex address (0x…) or {0}",
       "la réponse doit être une adresse hexadécimale (0x…) ou {0}"),
    _p(r"text is not the output of (\S+) \(no '(.+)' line\) nor of (\S+) \(no '(.+)' header\)",
       "text is not the output of {0} (no '{1}' line) nor of {2} (no '{3}' header)",
       "le texte n'est la sortie ni de {0} (pas de ligne '{1}') ni de {2} (pas d'en-tête "
       "'{3}')"),
)

#: words of a phrasing that are words, not names (``the document`` in "the document lacks…")
WORDS: dict[str, Texts] = {"the document": {"en": "the document", "fr": "le document"},
                           "none": {"en": "none", "fr": "aucun"}, "object": {"en": "object",
                           "fr": "objet"}, "array": {"en": "array", "fr": "tableau"}}


def problem(text: str, lang: str) -> str:
    """``text`` (a problem as the model said it) in ``lang``."""
    for pattern, texts in PROBLEMS:
        found = pattern.fullmatch(text)
        if found:
            parts = [_word(group or "", lang) for group in found.groups()]
            return texts.get(lang, texts["en"]).format(*parts)
    return text


def _word(value: str, lang: str) -> str:
    names = WORDS.get(value)
    return names[lang] if names else value
