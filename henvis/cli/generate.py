"""``henvis generate``: write synthetic registrations, ground truth and persons.

Pure core only: no Django is imported.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from henvis.cli.language import say


def _years(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", value)
    if not match:
        raise click.BadParameter(
            say(f"skriv år som FRA-TIL, f.eks. 2016-2025: {value!r}", f"write years as FROM-TO, e.g. 2016-2025: {value!r}")
        )
    return int(match.group(1)), int(match.group(2))


@click.command(help=say("Lag syntetiske antatte ofre og registreringene deres (bare syntetiske data).",
                        "Generate synthetic presumed victims and their registrations (synthetic data only)."))
@click.option("--persons", type=click.IntRange(min=0), required=True,
              help=say("Antall sanne personer.", "Number of true persons."))
@click.option("--seed", type=click.IntRange(min=0), required=True,
              help=say("Frø for tilfeldighetene; samme frø gir de samme filene.",
                       "Random seed; the same seed gives the same files."))
@click.option("--years", default="2016-2025", show_default=True,
              help=say("Registreringsår FRA-TIL (begge med).", "Registration years FROM-TO (inclusive)."))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=say("Mappe for registrations.csv, truth.csv og persons.csv. Uten den skrives "
                       "registrations.csv til standard ut (uten fasit).",
                       "Directory for registrations.csv, truth.csv and persons.csv. "
                       "Without it, registrations.csv is written to stdout (no ground truth)."))
@click.option("--profile", type=click.Choice(["default", "realistic"]), default="default",
              show_default=True,
              help=say("Populasjonsprofil: 'default' = generatorens standardpopulasjon; 'realistic' = vanlige navn "
                       "som går mye igjen, eksakt fødselsdato i omtrent halvparten av registreringene, få "
                       "identitetsnumre, 12 organisasjoner (docs/synthetic-data.md).",
                       "Population profile: 'default' = the generator's standard population; 'realistic' = common "
                       "names repeating heavily, birth dates exact in about half of the registrations, few identity "
                       "numbers, 12 organisations (docs/synthetic-data.md)."))
def generate(persons: int, seed: int, years: str, out: Path | None, profile: str) -> None:
    from henvis.synthetic import generate as make

    span = _years(years)
    try:
        dataset = make(persons=persons, seed=seed, years=span, progress=sys.stderr.isatty(),
                       profile=profile)
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    if out is None:
        dataset.registrations.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    written = dataset.write(out)
    click.echo(
        say(f"Skrev {len(dataset.registrations)} registreringer for {len(dataset.persons)} personer:",
            f"Wrote {len(dataset.registrations)} registrations for {len(dataset.persons)} persons:"),
        err=True,
    )
    for path in written.values():
        click.echo(f"  {path}", err=True)
