"""The `henvis` command: lists its groups, and pure-core groups never load Django."""

from __future__ import annotations

import subprocess
import sys
from importlib.util import find_spec

import pytest
from click.testing import CliRunner

from henvis.cli.main import COMMANDS, main

PURE_COMMANDS = ["generate", "catalogue", "linkage", "mse"]


def test_help_lists_every_available_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("command", PURE_COMMANDS)
def test_pure_core_commands_do_not_import_django(command: str) -> None:
    assert find_spec(f"henvis.cli.{COMMANDS[command]}") is not None, f"henvis {command} is missing"
    code = (
        "import sys; from henvis.cli.main import main; "
        f"main.get_command(None, {command!r}); "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))[:5]"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
