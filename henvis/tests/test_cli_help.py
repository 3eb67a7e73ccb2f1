"""`henvis --help` and the help of every command say in words what it does and what
each option means: no command, option or argument without an explanation, and every
choice an option offers (a code such as ``kom-seed`` or ``nb``) explained in its help."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from henvis.cli.main import main


def _commands() -> Iterator[tuple[list[str], click.Command]]:
    def walk(command: click.Command, path: list[str], parent: click.Context | None) -> Iterator[
            tuple[list[str], click.Command]]:
        yield path, command
        if isinstance(command, click.Group):
            ctx = click.Context(command, info_name=path[-1] if path else "henvis", parent=parent)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                yield from walk(sub, [*path, name], ctx)

    yield from walk(main, [], None)


COMMANDS = list(_commands())


def test_every_command_is_walked() -> None:
    names = {" ".join(path) for path, _command in COMMANDS}
    assert {"", "report", "stats returns", "audit verify", "linkage link", "catalogue screen"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "henvis" for p, _c in COMMANDS])
def test_help_explains_the_command_and_every_option(path: list[str], command: click.Command) -> None:
    result = CliRunner().invoke(main, [*path, "--help"], env={"HENVIS_TESTING": "1"})
    assert result.exit_code == 0, result.output
    text = (command.help or "").strip()
    assert text, f"henvis {' '.join(path)}: no help text"
    assert text.split()[0] in result.output  # the help shown is the command's own
    for param in command.params:
        if isinstance(param, click.Argument):
            # an argument has no help of its own: the command's help must say what it is
            assert param.human_readable_name in (command.help or ""), (path, param.name)
            continue
        assert isinstance(param, click.Option)
        if param.name in ("help", "version"):
            continue
        help_text = (param.help or "").strip()
        assert help_text, f"henvis {' '.join(path)} {param.opts[0]}: no help text"
        if isinstance(param.type, click.Choice):
            for choice in param.type.choices:
                assert str(choice) in help_text, f"{' '.join(path)} {param.opts[0]}: '{choice}' not explained"


# One language at a time (issue 15 item 2): the help of every command, and click's own
# words around it, in the language HENVIS_LANGUAGE (or LANG) chooses, Bokmål by default.
# The help texts are chosen when the command modules are imported, so each language is
# walked in a fresh process.
_WALK = """
import json, sys
from click.testing import CliRunner
from henvis.tests.test_cli_help import COMMANDS
from henvis.cli.main import main
out = {" ".join(p): CliRunner().invoke(main, [*p, "--help"]).output for p, _c in COMMANDS}
json.dump(out, sys.stdout)
"""


def _helps(**env: str) -> dict[str, str]:
    import json
    import os
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if k not in ("HENVIS_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run([sys.executable, "-c", _WALK], env={**base, "HENVIS_TESTING": "1", **env},
                          capture_output=True, text=True, timeout=300, check=True)
    helps: dict[str, str] = json.loads(done.stdout)
    return helps


def _prose(help_text: str) -> str:
    """The help without option names, metavars, code in backquotes and file names."""
    text = re.sub(r"`[^`]*`|--?[\w-]+|\b[A-Z_]{2,}\b|\S+\.(csv|json|html|pdf|md)\b|\[[^\]]*\]", " ", help_text)
    return text


@pytest.mark.parametrize(("env", "language"), [({}, "nb"), ({"HENVIS_LANGUAGE": "nb"}, "nb"),
                                               ({"HENVIS_LANGUAGE": "en"}, "en"), ({"LANG": "en_GB.UTF-8"}, "en"),
                                               ({"LANG": "nb_NO.UTF-8"}, "nb"), ({"LANG": "C.UTF-8"}, "nb")])
def test_every_help_is_in_one_language(env: dict[str, str], language: str) -> None:
    from henvis.tests.test_translations import looks_bokmal, looks_english

    helps = _helps(**env)
    assert set(helps) == {" ".join(p) for p, _c in COMMANDS}
    problems = []
    for path, output in helps.items():
        usage, options = ("Bruk:", "Valg:") if language == "nb" else ("Usage:", "Options:")
        if not output.startswith(usage) or options not in output:
            problems.append(f"henvis {path}: click's words not in {language}: {output[:40]!r}")
        for paragraph in re.split(r"\n\s*\n|\n  (?=-)", output):
            prose = _prose(paragraph)
            wrong = looks_english(prose) if language == "nb" else looks_bokmal(prose)
            if wrong or re.search(r"\w / \w", paragraph):
                problems.append(f"henvis {path} ({language}): {' '.join(paragraph.split())[:160]!r}")
    assert not problems, "\n".join(problems)


def test_errors_are_in_one_language() -> None:
    import subprocess
    import sys

    for language, expected, other in (("nb", "Feil: ingen inndata", "no input"), ("en", "Error: no input", "ingen inndata")):
        done = subprocess.run([sys.executable, "-m", "henvis.cli.main", "stats", "returns", "--year", "2020", "--out", "x"],
                              env={"PATH": "/usr/bin:/bin", "HENVIS_TESTING": "1", "HENVIS_LANGUAGE": language},
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and expected in done.stderr and other not in done.stderr, done.stderr
