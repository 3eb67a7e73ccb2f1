"""Every ``henvis`` command fails one way (``henvis/cli/errors.py``, issue #17 item 3):
``failed`` / ``Stop`` for exit 1, ``Refused`` (or click's own usage errors) for exit 2.
A command module that raises ``click.ClickException`` itself or calls ``sys.exit`` with
a status of its own would start a second convention; this check reads the modules."""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).resolve().parents[1] / "cli"
OWN_EXITS = {"ClickException", "SystemExit", "Exit", "exit", "_exit", "abort"}


def own_exits(source: str) -> list[int]:
    """Lines that end a command outside ``henvis.cli.errors``; ``sys.exit(0)`` (done) is allowed."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in OWN_EXITS:
            continue
        if name == "exit" and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) and node.args[0].value == 0:
            continue
        lines.append(node.lineno)
    return lines


def test_commands_fail_only_through_the_errors_module() -> None:
    offenders = {
        path.name: found
        for path in sorted(CLI.glob("*.py"))
        if path.name != "errors.py" and (found := own_exits(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_check_sees_an_exit_of_its_own() -> None:
    assert own_exits("import sys\nsys.exit(1)\n") == [2]
    assert own_exits("import click\nraise click.ClickException('x')\n") == [2]
    assert own_exits("raise SystemExit(3)\n") == [1]
    assert own_exits("import sys\nsys.exit(0)\nraise failed('a', 'b')\n") == []
