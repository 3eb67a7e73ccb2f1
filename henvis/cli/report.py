"""``henvis report``: write the yearly statistics report.

    henvis report --year 2020 --source kom-seed --out rapport/
    henvis report --year 2020 --source database --out rapport/

writes ``rapport/report.html``, ``rapport/report.pdf`` and ``rapport/tables/*.csv`` (one
per table: header row, one row per category, totals last). Only ``--source database``
sets Django up; the other sources use the pure core alone.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from henvis.cli.errors import EXIT_REFUSED, Stop, failed
from henvis.cli.language import say, text_of

if TYPE_CHECKING:
    from henvis.stats.report.inputs import ReportInputs

SOURCES = ("kom-seed", "database", "synthetic")
# the years registry figures and registrations can be about (henvis.stats.registry.parse,
# henvis.stats.persons.extract): outside them no source has figures
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _registry_files(folder: Path) -> dict[str, str]:
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.csv"))}
    if not files:
        raise failed(f"ingen CSV-filer i {folder}", f"no CSV files in {folder}")
    return files


def _database_source(year: int) -> ReportInputs:
    """ReportInputs from the application's database (registrations and registry
    imports), as the statistics app's own download reads them."""
    from henvis.cli.django_setup import setup_django

    try:
        setup_django()
    except Exception as exc:  # settings raise RuntimeError/ImproperlyConfigured with a reason
        raise failed(f"kunne ikke starte Django: {exc}", f"could not set Django up: {exc}") from None
    from henvis.apps.statistics.sources import load_database_source

    return load_database_source(year)


def _synthetic_source(year: int, persons: int, seed: int, linkage: str) -> ReportInputs:
    from henvis.stats.report.synthetic import synthetic_inputs

    return synthetic_inputs(year, persons=persons, seed=seed, linkage=linkage)


@click.command(help=say("Skriv årsrapporten (HTML, PDF, tabeller som CSV).",
                        "Write the yearly report (HTML, PDF, tables as CSV)."))
@click.option("--year", type=int, required=True, help=say("Rapportåret (1990-2100).", "The report year (1990-2100)."))
@click.option("--source", "source", type=click.Choice(SOURCES), default="kom-seed", show_default=True,
              help=say("kom-seed: tallene transkribert fra KOMs rapport for 2020; database: appens "
                       "registreringer og registerimporter; synthetic: syntetiske data.",
                       "kom-seed: the figures transcribed from KOM's report for 2020; database: the app's "
                       "registrations and registry imports; synthetic: synthetic data."))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=say("Mappe for report.html, report.pdf og tables/ (standard: ./rapport-ÅR).",
                       "Folder for report.html, report.pdf and tables/ (default: ./rapport-YEAR)."))
@click.option("--registry", "registry", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help=say("Mappe med registerfiler (CSV) som importeres oppå kilden; valideres først.",
                       "Folder of registry files (CSV) imported on top of the source; validated first."))
@click.option("--disclosure/--no-disclosure", default=True, show_default=True,
              help=say("Konfidensialitetsbehandling av personstabeller (av: bare for kontroll mot publiserte tall).",
                       "Disclosure control of the person tables (off: only to check against published figures)."))
@click.option("--threshold", type=click.IntRange(2, 100), default=3, show_default=True,
              help=say("Tall under terskelen prikkes (SSB: færre enn 3).",
                       "Counts below the threshold are suppressed (Statistics Norway: fewer than 3)."))
@click.option("--rounding", type=click.Choice(["3", "5"]), default=None,
              help=say("Kontrollert avrunding til basis 3 eller 5 i stedet for prikking.",
                       "Controlled rounding to base 3 or 5 instead of suppression."))
@click.option("--persons", type=click.IntRange(1, 10_000_000), default=2000, show_default=True,
              help=say("Antall syntetiske personer (kun --source synthetic).",
                       "Number of synthetic persons (--source synthetic only)."))
@click.option("--seed", type=int, default=1, show_default=True,
              help=say("Frø for syntetiske data.", "Random seed of the synthetic data."))
@click.option("--linkage", type=click.Choice(["splink", "truth"]), default="splink", show_default=True,
              help=say("Kobling for syntetiske data: splink (koblingsmotoren) eller truth (fasit, ideell kobling).",
                       "Linkage of the synthetic data: splink (the linkage engine) or truth (the ground truth)."))
@click.option("--bootstrap", type=click.IntRange(0, 10_000), default=200, show_default=True,
              help=say("Bootstrap-replikater for mørketallsintervallet.",
                       "Bootstrap replicates for the dark-figure interval."))
def report(year: int, source: str, out: Path | None, registry: Path | None, disclosure: bool, threshold: int,
           rounding: str | None, persons: int, seed: int, linkage: str, bootstrap: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        # checked here rather than by click.IntRange, whose message is English only
        raise failed(f"ingen tall for {year}: registertall og registreringer gjelder årene {FIRST_YEAR}–{LAST_YEAR}; "
                    "ingen rapport er skrevet",
                    f"no figures for {year}: registry figures and registrations are about the years "
                    f"{FIRST_YEAR}-{LAST_YEAR}; no report was written")
    out = out if out is not None else Path(f"rapport-{year}")
    from henvis.stats.disclosure import DisclosureRule
    from henvis.stats.registry import RegistryValidationError, load_kom_seed
    from henvis.stats.report.inputs import ReportInputs
    from henvis.stats.report.yearly import NoFigures, yearly_report
    from henvis.stats.tables import DEFAULT, KOM_2020

    started = time.perf_counter()
    presentation = DEFAULT
    if source == "kom-seed":
        inputs = ReportInputs(load_kom_seed(), "KOM tilstandsrapport 2020 og TIP-rapporten 2022 (transkribert)")
        presentation = KOM_2020
    elif source == "database":
        inputs = _database_source(year)
    else:
        inputs = _synthetic_source(year, persons, seed, linkage)
    dataset, label = inputs.dataset, inputs.label

    if registry is not None:
        try:
            dataset = dataset.with_files(_registry_files(registry))
        except RegistryValidationError as exc:
            click.echo(say("Registerfilene ble ikke importert; ingenting er endret.",
                           "The registry files were not imported; nothing changed."), err=True)
            for error in exc.errors:
                click.echo(f"  {text_of(error)}", err=True)
            raise Stop(EXIT_REFUSED) from None
        label += f" + registerfiler fra {registry.name}"

    inputs = replace(inputs, dataset=dataset, label=label)
    if not disclosure:
        rule = DisclosureRule.off()
    elif rounding:
        rule = DisclosureRule.rounding(int(rounding))
    else:
        rule = DisclosureRule(threshold=threshold)
    try:
        built = yearly_report(inputs, year, rule=rule, presentation=presentation, bootstrap=bootstrap, seed=seed)
    except NoFigures:
        # the web download's rule too: neither registry figures nor registrations of
        # persons in the year would give a report of empty chapters
        raise failed(f"ingen tall for {year} i kilden «{source}»: verken registertall eller registreringer "
                    "av personer; ingen rapport er skrevet",
                    f"no figures for {year} in source '{source}': neither registry figures nor "
                    "registrations of persons; no report was written") from None
    try:
        files = built.write(out)
    except OSError as exc:  # a full disk or a file size limit: nothing new was left in `out`
        raise failed(f"rapporten ble ikke skrevet ({exc.strerror or exc})",
                     f"the report was not written ({exc.strerror or exc})") from None
    click.echo(f"{files.html}\n{files.pdf}\n{out / 'tables'}/ ("
               + say(f"{len(files.tables)} tabeller, {built.suppressed_cells} prikkede celler",
                     f"{len(files.tables)} tables, {built.suppressed_cells} suppressed cells")
               + f") [{time.perf_counter() - started:.1f} s]")
