from __future__ import annotations

import click

from henvis.cli.django_setup import setup_django
from henvis.cli.errors import EXIT_FAILED, Stop


@click.group()
def audit() -> None:
    """The tamper-evident audit log."""


@audit.command()
def verify() -> None:
    """Check the hash chain; exit 1 and name each entry that was changed, deleted or moved."""
    setup_django()
    from henvis.apps.audit.log import verify as verify_chain

    result = verify_chain()
    if result.ok:
        click.echo(f"audit log intact: {result.checked} entries verified")
        return
    click.echo(f"audit log BROKEN: {len(result.problems)} problem(s) in {result.checked} entries", err=False)
    for problem in result.problems:
        click.echo(f"  - {problem}")
    raise Stop(EXIT_FAILED)
