"""How a ``henvis`` command fails: one way, one exit-code convention.

- exit 0: done.
- exit 1 (``EXIT_FAILED``): the command could not finish or found a problem (a file it
  cannot read, a year without data, a broken audit chain). Raise ``failed(nb, en)``, or
  ``failed(text)`` with a text already in the command's language.
- exit 2 (``EXIT_REFUSED``): the input was refused as invalid by the command's rules
  (as click answers a wrong option: also 2). Raise ``Refused(message)``.

The message goes to standard error in the command's language (``henvis.cli.language``:
HENVIS_LANGUAGE or LANG, default Bokmål), without a traceback. A file with a bad row, an
extract that holds names, microdata asked for without an agreement: all refused, exit 2,
in every command (``stats`` answered 1 until 2026-12-08)."""

from __future__ import annotations

from typing import IO, Any

import click

from henvis.cli.language import say

EXIT_FAILED = 1
EXIT_REFUSED = 2


def failed(nb: str, en: str | None = None) -> click.ClickException:
    """Exit 1 with the message in the command's language (``nb`` alone: already in it)."""
    return click.ClickException(nb if en is None else say(nb, en))


class Refused(click.ClickException):
    """Exit 2 with the message as given (already in the command's language)."""

    exit_code = EXIT_REFUSED

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), err=True)


class Stop(click.exceptions.Exit):
    """Exit with ``code`` after the command has printed what it found (no further message)."""

    def __init__(self, code: int = EXIT_FAILED) -> None:
        super().__init__(code)
