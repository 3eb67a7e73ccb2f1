"""The ``henvis`` command line. Each area adds a command group in its own module
(``henvis/cli/<area>.py`` exposing ``cli``); pure-core commands never import Django,
application commands set it up through ``henvis.cli.django_setup``."""

from __future__ import annotations

from importlib import import_module

import click

from henvis.cli.language import say, use_command_language

use_command_language()

# Command name -> module under henvis.cli. Loaded lazily so that `henvis mse ...`
# does not pay for importing Django or Spark.
COMMANDS: dict[str, str] = {
    "generate": "generate",
    "catalogue": "catalogue",
    "linkage": "linkage",
    "mse": "mse",
    "report": "report",
    "stats": "stats",
    "audit": "audit",
    "backup": "backup",
    "demo": "app",
    "serve": "app",
    "setup": "app",
    "manage": "app",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = import_module(f"henvis.cli.{module_name}")
        command: click.Command = getattr(module, cmd_name.replace("-", "_"))
        return command


@click.group(cls=LazyGroup, help=say(
    "Henvis: henvisningsmekanisme og statistikk mot menneskehandel. Språket velges med "
    "HENVIS_LANGUAGE=nb|en (ellers LANG; standard bokmål).",
    "Henvis: referral mechanism and statistics against human trafficking. Choose the language "
    "with HENVIS_LANGUAGE=nb|en (else LANG; default Bokmål)."))
@click.version_option(package_name="henvis")
def main() -> None:
    pass


if __name__ == "__main__":
    main()
