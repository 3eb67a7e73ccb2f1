"""``henvis generate``: write synthetic registrations, ground truth and persons.

Pure core only: no Django is imported.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click


def _years(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", value)
    if not match:
        raise click.BadParameter(
            f"skriv år som FRA-TIL, f.eks. 2016-2025 / write years as FROM-TO, e.g. 2016-2025: {value!r}"
        )
    return int(match.group(1)), int(match.group(2))


@click.command()
@click.option("--persons", type=click.IntRange(min=0), required=True,
              help="Number of true persons / antall personer.")
@click.option("--seed", type=click.IntRange(min=0), required=True,
              help="Random seed; the same seed gives the same files.")
@click.option("--years", default="2016-2025", show_default=True,
              help="Registration years FROM-TO (inclusive).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory for registrations.csv, truth.csv and persons.csv. "
                   "Without it, registrations.csv is written to stdout (no ground truth).")
@click.option("--profile", type=click.Choice(["default", "realistic"]), default="default",
              show_default=True,
              help="Population profile: 'default' = the generator's standard population; 'realistic' = common names repeating heavily, birth "
                   "dates exact in about half of the registrations, few identity numbers, "
                   "12 organisations (docs/synthetic-data.md).")
def generate(persons: int, seed: int, years: str, out: Path | None, profile: str) -> None:
    """Generate synthetic presumed victims and their registrations (synthetic data only)."""
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
        f"Skrev / wrote {len(dataset.registrations)} registreringer / registrations for "
        f"{len(dataset.persons)} personer / persons:",
        err=True,
    )
    for path in written.values():
        click.echo(f"  {path}", err=True)
