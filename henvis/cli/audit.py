from __future__ import annotations

import click

from henvis.cli.django_setup import setup_django
from henvis.cli.errors import EXIT_FAILED, Stop


@click.group()
def audit() -> None:
    """The tamper-evident audit log."""


@audit.command()
def verify() -> None:
    """Seal pending entries, check the HMAC chain against its key(s) and the published
    checkpoints; exit 1 and name each entry that was changed, deleted or moved."""
    setup_django()
    from henvis.apps.audit.chain import verify as verify_chain

    result = verify_chain()
    if result.ok:
        since = f", from the anchor at seal #{result.anchor} (older entries pruned)" if result.anchor else ""
        click.echo(f"audit log intact: {result.checked} entries verified "
                   f"({result.sealed_now} sealed now, {result.checkpoints} checkpoints checked{since})")
        return
    click.echo(f"audit log BROKEN: {len(result.problems)} problem(s) in {result.checked} entries", err=False)
    for problem in result.problems:
        click.echo(f"  - {problem}")
    raise Stop(EXIT_FAILED)


@audit.command()
def seal() -> None:
    """Seal the entries waiting for it (the web requests seal their own; run this after
    commands that append entries, or from cron)."""
    setup_django()
    from henvis.apps.audit.chain import seal as seal_chain

    click.echo(f"audit log: {seal_chain()} entries sealed")


@audit.command()
def checkpoint() -> None:
    """Seal, then publish the chain head now (signed line in HENVIS_AUDIT_CHECKPOINT_DIR and
    the log). Run it daily from cron, and keep copies where the database owner cannot write."""
    setup_django()
    from henvis.apps.audit.chain import checkpoint as write_checkpoint
    from henvis.apps.audit.chain import seal as seal_chain

    seal_chain()
    line = write_checkpoint()
    if line is None:
        click.echo("audit log: nothing sealed yet, no checkpoint")
    else:
        click.echo(f"audit checkpoint: seal #{line['position']} {line['mac']}")
