"""The language of the ``henvis`` command: one at a time, never "norsk / English" side by side.

Chosen from the environment: ``HENVIS_LANGUAGE`` (``nb`` or ``en``), else the usual
locale variables (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``en_GB.UTF-8`` gives English,
``nb_NO.UTF-8``/``no``/``nn`` Bokmål), else Norwegian Bokmål. The texts are given in
both languages where they are written, as the pure core gives its own messages
(``LinkageError``, ``Notice``, ``RowError``: ``nb`` and ``en``); this module imports no
Django, so the pure-core commands stay fast."""

from __future__ import annotations

import os
from typing import Any

LANGUAGES = ("nb", "en")


def language() -> str:
    """``"nb"`` or ``"en"``, from the environment (read at each call)."""
    chosen = os.environ.get("HENVIS_LANGUAGE", "").strip().lower()
    if chosen:
        return "en" if chosen.startswith("en") else "nb"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip().lower()
        if value.startswith("en"):
            return "en"
        if value.startswith(("nb", "no", "nn")):
            return "nb"
    return "nb"


def say(nb: str, en: str) -> str:
    """The text in the command's language."""
    return en if language() == "en" else nb


def _where(item: Any, lang: str) -> str:
    parts = []
    if getattr(item, "file", ""):
        parts.append(item.file)
    if getattr(item, "row", None) is not None:
        parts.append(("Row " if lang == "en" else "Rad ") + str(item.row))
    column = getattr(item, "column", None) or getattr(item, "field", None)
    if column:
        parts.append(f"{'column' if lang == 'en' else 'kolonne'} {column}")
    return (", ".join(parts) + ": ") if parts else ""


def text_of(problem: Any) -> str:
    """A core error or row problem in the command's language: whatever carries ``nb`` and
    ``en`` (``LinkageError``, ``RowError``, an ``MSERefusal``'s notice, a
    ``ScreeningError``), or lists them (``InputError``, ``RegistryValidationError``);
    anything else as it is."""
    lang = language()
    if hasattr(problem, "notice"):
        problem = problem.notice
    if hasattr(problem, "message_nb") and hasattr(problem, "message_en"):
        return str(problem.message_en if lang == "en" else problem.message_nb)
    if isinstance(getattr(problem, "nb", None), str) and isinstance(getattr(problem, "en", None), str):
        return _where(problem, lang) + (problem.en if lang == "en" else problem.nb)
    errors = getattr(problem, "errors", None)
    if errors and all(hasattr(e, "nb") for e in errors):
        lines = "\n".join(f"  {text_of(e)}" for e in errors)
        source = getattr(problem, "source", "")
        if source:
            count = say(f"{len(errors)} feil", f"{len(errors)} error{'s' if len(errors) != 1 else ''}")
            return f"{source}: {count}\n{lines}"
        return lines.lstrip()
    return str(problem)


# click's own words (usage line, headings, its errors) in Bokmål. click asks the stdlib
# ``gettext`` for them, which has no Bokmål catalogue for click; ``use_command_language``
# points click's modules at these.
CLICK_NB: dict[str, str] = {
    "Usage:": "Bruk:",
    "Options": "Valg",
    "Commands": "Kommandoer",
    "Positional arguments": "Argumenter",
    "Show this message and exit.": "Vis denne hjelpen og avslutt.",
    "Show the version and exit.": "Vis versjonen og avslutt.",
    "%(prog)s, version %(version)s": "%(prog)s, versjon %(version)s",
    "Error: {message}": "Feil: {message}",
    "Try '{command} {option}' for help.": "Prøv «{command} {option}» for hjelp.",
    "Missing command.": "Kommando mangler.",
    "Missing option": "Valg mangler",
    "Missing argument": "Argument mangler",
    "Missing parameter": "Parameter mangler",
    "No such command {name!r}.": "Ingen kommando heter {name!r}.",
    "No such option {name!r}.": "Ikke noe valg heter {name!r}.",
    "Invalid value for {param_hint}: {message}": "Ugyldig verdi for {param_hint}: {message}",
    "Invalid value: {message}": "Ugyldig verdi: {message}",
    "Option {name!r} does not take a value.": "Valget {name!r} tar ingen verdi.",
    "Option {name!r} requires an argument.": "Valget {name!r} må ha en verdi.",
    "Option {name!r} requires {nargs} arguments.": "Valget {name!r} må ha {nargs} verdier.",
    "Got unexpected extra argument ({args})": "Uventet ekstra argument ({args})",
    "Got unexpected extra arguments ({args})": "Uventede ekstra argumenter ({args})",
    "Did you mean {possibility}?": "Mente du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mente du en av: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} er ikke {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} er ikke en av {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldig {number_type}.",
    "{value} is not in the range {range}.": "{value} er utenfor intervallet {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finnes ikke.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke leses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives.",
    "Could not open file {filename!r}: {message}": "Kunne ikke åpne filen {filename!r}: {message}",
    "default: {default}": "standard: {default}",
    "required": "påkrevd",
    "file": "fil",
    "directory": "mappe",
    "path": "sti",
    "integer": "heltall",
    "float": "desimaltall",
    "Aborted!": "Avbrutt!",
}

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "utils", "termui")


def use_command_language() -> None:
    """Let click speak the command's language (call before click parses anything)."""
    import importlib

    def gettext(message: str) -> str:
        return CLICK_NB.get(message, message) if language() == "nb" else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
