"""`henvis --help` and the help of every command say in words what it does and what
each option means: no command, option or argument without an explanation, and every
choice an option offers (a code such as ``kom-seed`` or ``nb``) explained in its help."""

from __future__ import annotations

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
