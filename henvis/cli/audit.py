from __future__ import annotations

import click

from henvis.cli.django_setup import setup_django
from henvis.cli.errors import EXIT_FAILED, Stop
from henvis.cli.language import say, text_of


@click.group(help=say("Loggen over innsyn og endringer (en kjede som avslører inngrep).", "The tamper-evident audit log."))
def audit() -> None:
    pass


@audit.command(help=say(
    "Forsegl ventende oppføringer og kontroller HMAC-kjeden mot nøkkelen (nøklene) og de publiserte "
    "kontrollpunktene; avslutt med 1 og nevn hver oppføring som er endret, slettet eller flyttet.",
    "Seal pending entries, check the HMAC chain against its key(s) and the published "
    "checkpoints; exit 1 and name each entry that was changed, deleted or moved."))
def verify() -> None:
    setup_django()
    from henvis.apps.audit.chain import verify as verify_chain

    result = verify_chain()
    if result.ok:
        since = say(f", fra ankeret ved forsegling #{result.anchor} (eldre oppføringer slettet)",
                    f", from the anchor at seal #{result.anchor} (older entries pruned)") if result.anchor else ""
        click.echo(say(f"loggen er intakt: {result.checked} oppføringer kontrollert "
                       f"({result.sealed_now} forseglet nå, {result.checkpoints} kontrollpunkter kontrollert{since})",
                       f"audit log intact: {result.checked} entries verified "
                       f"({result.sealed_now} sealed now, {result.checkpoints} checkpoints checked{since})"))
        return
    click.echo(say(f"loggen er BRUTT: {len(result.problems)} problem(er) i {result.checked} oppføringer",
                   f"audit log BROKEN: {len(result.problems)} problem(s) in {result.checked} entries"), err=False)
    for problem in result.problems:
        click.echo(f"  - {text_of(problem)}")
    raise Stop(EXIT_FAILED)


@audit.command(help=say(
    "Forsegl oppføringene som venter (nettforespørslene forsegler sine egne; kjør denne etter kommandoer "
    "som legger til oppføringer, eller fra cron).",
    "Seal the entries waiting for it (the web requests seal their own; run this after "
    "commands that append entries, or from cron)."))
def seal() -> None:
    setup_django()
    from henvis.apps.audit.chain import seal as seal_chain

    count = seal_chain()
    click.echo(say(f"loggen: {count} oppføringer forseglet", f"audit log: {count} entries sealed"))


@audit.command(help=say(
    "Forsegl, og publiser så kjedens hode nå (signert linje i HENVIS_AUDIT_CHECKPOINT_DIR og i loggen). "
    "Kjør den daglig fra cron, og hold kopier der databaseeieren ikke kan skrive.",
    "Seal, then publish the chain head now (signed line in HENVIS_AUDIT_CHECKPOINT_DIR and "
    "the log). Run it daily from cron, and keep copies where the database owner cannot write."))
def checkpoint() -> None:
    setup_django()
    from henvis.apps.audit.chain import checkpoint as write_checkpoint
    from henvis.apps.audit.chain import seal as seal_chain

    seal_chain()
    line = write_checkpoint()
    if line is None:
        click.echo(say("loggen: ingenting er forseglet ennå, ikke noe kontrollpunkt",
                       "audit log: nothing sealed yet, no checkpoint"))
    else:
        click.echo(say("kontrollpunkt for loggen", "audit checkpoint") + f": seal #{line['position']} {line['mac']}")
