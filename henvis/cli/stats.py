"""``henvis stats``: unique-person statistics, international returns, HTCDS export and
disclosure control of tables, from files. Pure core: no Django."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from henvis.cli.errors import Refused, failed
from henvis.cli.language import language, say, text_of

F = TypeVar("F", bound=Callable[..., Any])


def _friendly_errors(func: F) -> F:
    """Input problems become a message in the command's language and exit status 2 (the
    input was refused: ``errors.Refused``), with no traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from henvis.stats.disclosure import DisclosureError
        from henvis.stats.persons import InputError
        from henvis.stats.registry import RegistryValidationError

        try:
            return func(*args, **kwargs)
        except (InputError, DisclosureError, RegistryValidationError, ValueError) as exc:
            raise Refused(text_of(exc)) from exc

    return wrapper  # type: ignore[return-value]


def _rule(threshold: int, rounding: int | None) -> Any:
    from henvis.stats.disclosure import DisclosureRule

    if rounding:
        return DisclosureRule.rounding(rounding)
    return DisclosureRule(threshold=threshold)


disclosure_options = [
    click.option("--threshold", type=click.IntRange(0, 100), default=3, show_default=True,
                 help=say("Prikk antall under denne verdien (0: av).", "Suppress counts below this (0: off).")),
    click.option("--rounding", type=click.Choice(["3", "5"]), default=None,
                 help=say("Kontrollert avrunding til basis 3 eller 5 i stedet for prikking.",
                          "Controlled rounding to base 3 or 5 instead of suppression.")),
]


out_folder = click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
                          help=say("Mappe for filene som skrives.", "Folder for the files written."))
out_file = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                        help=say("Filen som skrives.", "The file to write."))


def _with_disclosure(func: F) -> F:
    for option in reversed(disclosure_options):
        func = option(func)
    return func


def _load_persons(extract: Path, clusters: Path, pairs: Path | None, samples: int, seed: int,
                  error_model: Path | None = None) -> Any:
    from henvis.stats.persons import read_clusters, read_extract, read_pairs, unique_persons
    from henvis.stats.persons.calibration import ErrorModel

    frame = read_extract(extract, name=str(extract))
    cl = read_clusters(clusters, name=str(clusters))
    pr = read_pairs(pairs, name=str(pairs)) if pairs else None
    model = ErrorModel.from_json(error_model) if error_model else None
    return unique_persons(frame, cl, pr, samples=samples, seed=seed, progress=True, error_model=model)


@click.group(help=say("Statistikk over unike personer og internasjonal rapportering.",
                      "Unique-person statistics and international returns."))
def stats() -> None:
    pass


persons_inputs = [
    click.option("--extract", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
                 help=say("Pseudonymisert uttrekk (CSV).", "Pseudonymised extract (CSV).")),
    click.option("--clusters", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
                 help=say("clusters.csv fra `henvis linkage link`.", "clusters.csv from `henvis linkage link`.")),
    click.option("--pairs", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
                 help=say("pairs.csv (valgfri): koblingsusikkerhet.", "pairs.csv (optional): linkage uncertainty.")),
    click.option("--samples", type=click.IntRange(0, 10_000), default=100, show_default=True,
                 help=say("Antall koblingsutvalg.", "Number of linkage samples.")),
    click.option("--seed", type=int, default=0, show_default=True,
                 help=say("Frø for koblingsutvalgene.", "Random seed of the linkage samples.")),
    click.option("--error-model", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
                 help=say("Feilmodell fra `henvis stats calibrate`.", "Error model from `henvis stats calibrate`.")),
]


def _with_persons_inputs(func: F) -> F:
    for option in reversed(persons_inputs):
        func = option(func)
    return func


@stats.command(help=say("Unike personer per år med intervall.", "Unique persons per year with intervals."))
@_with_persons_inputs
@click.option("--year", "years", type=int, multiple=True, help=say("År (kan gjentas; standard alle).", "Year (repeatable; default all)."))
@click.option("--lists", type=click.Choice(["organisation_kind", "source"]), default="organisation_kind", show_default=True,
              help=say("Lister i fangsthistorikken: organisation_kind (én liste per type organisasjon) eller "
                       "source (én liste per organisasjon).",
                       "Lists of the capture histories: organisation_kind (one list per kind of organisation) "
                       "or source (one list per organisation)."))
@_with_disclosure
@out_folder
@_friendly_errors
def persons(extract: Path, clusters: Path, pairs: Path | None, samples: int, seed: int, error_model: Path | None,
            years: tuple[int, ...], lists: str, threshold: int, rounding: str | None, out: Path) -> None:
    from henvis.stats.persons.output import write_person_outputs

    result = _load_persons(extract, clusters, pairs, samples, seed, error_model)
    unknown = sorted(set(years) - set(result.years))
    if unknown:
        raise failed(
            f"ingen registreringer i år {unknown}", f"no registrations in year(s) {unknown}"
        )
    paths = write_person_outputs(result, out, years=years or None, rule=_rule(threshold, int(rounding) if rounding else None), lists=lists)
    for p in paths:
        click.echo(str(p))


@stats.command("returns", help=say("Eurostat, UNODC GLOTIP og TIP (CSV og regneark).",
                                   "Eurostat, UNODC GLOTIP and TIP (CSV and spreadsheet)."))
@click.option("--year", type=int, required=True, help=say("Rapportåret.", "The year reported."))
@click.option("--extract", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=say("Pseudonymisert uttrekk (CSV).", "Pseudonymised extract (CSV)."))
@click.option("--clusters", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=say("clusters.csv fra `henvis linkage link`.", "clusters.csv from `henvis linkage link`."))
@click.option("--pairs", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=say("pairs.csv (valgfri): koblingsusikkerhet.", "pairs.csv (optional): linkage uncertainty."))
@click.option("--registry", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help=say("Mappe med registerfiler (CSV).", "Folder of registry CSV files."))
@click.option("--kom-seed", is_flag=True, help=say("Bruk det transkriberte seed-001-datasettet.", "Use the transcribed seed-001 dataset."))
@click.option("--country", default="NO", show_default=True,
              help=say("Rapporterende land, kode på to bokstaver (NO = Norge).", "Reporting country, two-letter code (NO = Norway)."))
@click.option("--justice", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=say("Påtale- og rettsstatistikk (justice.csv).", "Prosecution and court statistics (justice.csv)."))
@click.option("--language", type=click.Choice(["en", "nb"]), default="en", show_default=True,
              help=say("Regnearkets språk: en (engelsk) eller nb (norsk bokmål).",
                       "The workbook's language: en (English) or nb (Norwegian Bokmål)."))
@click.option("--confidential-values", is_flag=True,
              help=say("Skriv prikkede tall, merket konfidensielle, i returns-sdmx.csv for en mottaker etter avtale.",
                       "Write withheld counts, flagged confidential, into returns-sdmx.csv for a receiver under "
                       "agreement."))
@_with_disclosure
@out_folder
@_friendly_errors
def returns_command(year: int, extract: Path | None, clusters: Path | None, pairs: Path | None, registry: Path | None,
                    kom_seed: bool, country: str, justice: Path | None, language: str, confidential_values: bool,
                    threshold: int, rounding: str | None, out: Path) -> None:
    from henvis.stats.registry import load_directory, load_kom_seed
    from henvis.stats.returns import build_returns

    if (extract is None) != (clusters is None):
        raise failed("--extract og --clusters må gis sammen", "--extract and --clusters go together")
    if extract is None and registry is None and not kom_seed:
        raise failed("ingen inndata: --extract/--clusters, --registry eller --kom-seed",
                     "no input: --extract/--clusters, --registry or --kom-seed")
    person_stats = _load_persons(extract, clusters, pairs, 0, 0) if extract and clusters else None
    ds = load_kom_seed() if kom_seed else (load_directory(registry) if registry else None)
    from henvis.stats.returns.justice import load_justice

    result = build_returns(person_stats, ds, year, rule=_rule(threshold, int(rounding) if rounding else None),
                           reporting_country=country, justice=load_justice(justice) if justice else ())
    for p in result.write(out, language="nb" if language == "nb" else "en", confidential_values=confidential_values):
        click.echo(str(p))


@stats.command(help=say("Saksdata med HTCDS 2.0-feltnavn, k-anonyme, for utveksling etter avtale.",
                       "Case data in HTCDS 2.0 field names, k-anonymous, for exchange under agreement."))
@click.option("--extract", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help=say("Pseudonymisert uttrekk (CSV).", "Pseudonymised extract (CSV)."))
@click.option("--clusters", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help=say("clusters.csv fra `henvis linkage link`.", "clusters.csv from `henvis linkage link`."))
@click.option("--k", "k", type=click.IntRange(1, 1000), default=11, show_default=True,
              help=say("k-anonymitet.", "k-anonymity."))
@click.option("--country", default="NO", show_default=True,
              help=say("Rapporterende land, kode på to bokstaver (NO = Norge).", "Reporting country, two-letter code (NO = Norway)."))
@click.option("--under-agreement", is_flag=True,
              help=say("Radene går til en mottaker etter avtale, ikke til publisering (påkrevd).",
                       "The rows go to a receiver under agreement, not to publication (required)."))
@out_file
@_friendly_errors
def htcds(extract: Path, clusters: Path, k: int, country: str, under_agreement: bool, out: Path) -> None:
    from henvis.atomic_files import write_atomic
    from henvis.stats.returns import htcds_export

    if not under_agreement:
        raise Refused(say("HTCDS-radene er mikrodata for utveksling etter avtale, ikke for publisering",
                          "the HTCDS rows are microdata for exchange under agreement, not for "
                          "publication") + " (--under-agreement)")
    result = htcds_export(_load_persons(extract, clusters, None, 0, 0).person_facts(), k=k, country=country,
                          under_agreement=True)
    write_atomic(out, lambda tmp: result.frame.to_csv(tmp, index=False))
    click.echo(say(f"{out}: {len(result.frame)} rader, k={k}, {result.dropped_rows} utelatt",
                   f"{out}: {len(result.frame)} rows, k={k}, {result.dropped_rows} left out"))


@stats.command("synthetic", help=say(
    "Offentlige syntetiske mikrodata med differensielt personvern (OpenDP), med budsjettet oppgitt i filen.",
    "Public synthetic microdata with differential privacy (OpenDP), the budget stated in the file."))
@click.option("--extract", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help=say("Pseudonymisert uttrekk (CSV).", "Pseudonymised extract (CSV)."))
@click.option("--clusters", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help=say("clusters.csv fra `henvis linkage link`.", "clusters.csv from `henvis linkage link`."))
@click.option("--year", type=int, required=True, help=say("Året filen gjelder.", "The year the file covers."))
@click.option("--epsilon", type=click.FloatRange(0, 10, min_open=True), default=1.0, show_default=True,
              help=say("Personvernbudsjett per år (differensielt personvern).", "Privacy budget per year (differential privacy)."))
@click.option("--country", default="NO", show_default=True,
              help=say("Rapporterende land, kode på to bokstaver (NO = Norge).", "Reporting country, two-letter code (NO = Norway)."))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help=say("Filen som skrives (CSV).", "The file to write (CSV)."))
@_friendly_errors
def synthetic(extract: Path, clusters: Path, year: int, epsilon: float, country: str, out: Path) -> None:
    from henvis.atomic_files import write_atomic
    from henvis.stats.returns.synthetic_microdata import synthesise

    persons = _load_persons(extract, clusters, None, 0, 0)
    release = synthesise(persons.person_facts(year), year, epsilon=epsilon, reporting_country=country)
    data = release.to_csv()
    write_atomic(out, lambda tmp: Path(tmp).write_bytes(data))
    click.echo(say(f"{out}: {len(release.rows)} syntetiske rader, epsilon={release.epsilon}",
                   f"{out}: {len(release.rows)} synthetic rows, epsilon={release.epsilon}"))


@stats.command(help=say(
    "Konfidensialitetsbehandle tabeller som én publisering.\n\nTABLES er CSV-filer. Hver CSV: overskriftsrad, én rad "
    "per kategori, totaler sist (siste kolonne er radtotalen i en toveistabell). Tabeller med like første "
    "overskriftsceller deler en dimensjon.",
    "Protect CSV tables as one release.\n\nTABLES are CSV files. Each CSV: header row, one row per category, totals "
    "last (last column the row total for a two-way table). Tables whose first header cells are equal share a "
    "dimension."))
@click.argument("tables", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_with_disclosure
@out_folder
@_friendly_errors
def protect(tables: tuple[Path, ...], threshold: int, rounding: str | None, out: Path) -> None:
    import pandas as pd

    from henvis.stats.disclosure import protect_release

    frames = {}
    for path in tables:
        try:
            frame = pd.read_csv(path, index_col=0, encoding="utf-8")
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise failed(f"{path}: kan ikke lese CSV ({exc})", f"{path}: cannot read CSV ({exc})") from exc
        frames[path.stem] = frame
    rule = _rule(threshold, int(rounding) if rounding else None)
    protected = protect_release(frames, rule)
    out.mkdir(parents=True, exist_ok=True)
    for name, table in protected.items():
        table.to_csv(out / f"{name}.csv")
        click.echo(f"{out / (name + '.csv')}: " + say(f"{table.suppressed_count} prikket",
                                                       f"{table.suppressed_count} suppressed"))
    click.echo(rule.method_note(language()))


@stats.command(help=say("Mål koblingsfeil på syntetiske data (feilmodell som JSON).",
                       "Measure linkage error on synthetic data (error model JSON)."))
@click.option("--persons", type=click.IntRange(50, 1_000_000), default=300, show_default=True,
              help=say("Syntetiske personer per populasjon.", "Synthetic persons per population."))
@click.option("--runs", type=click.IntRange(1, 100), default=8, show_default=True,
              help=say("Syntetiske populasjoner å validere på.", "Synthetic populations to validate on."))
@click.option("--seed", type=int, default=1000, show_default=True,
              help=say("Frø for de syntetiske populasjonene.", "Random seed of the synthetic populations."))
@out_file
@_friendly_errors
def calibrate(persons: int, runs: int, seed: int, out: Path) -> None:
    import secrets

    from henvis.linkage import encode_frame, link_frames
    from henvis.stats.persons.calibration import ErrorModel, validation_counts
    from henvis.synthetic import generate

    def linker(registrations: Any) -> Any:
        key = secrets.token_bytes(32)  # a fresh key per run, as organisations would hold
        return link_frames([encode_frame(registrations, key)], quiet=True).clusters

    data = [(d.registrations, d.truth) for d in (generate(persons=persons, seed=seed + i) for i in range(runs))]
    model = ErrorModel.from_counts(validation_counts(linker, data))
    model.to_json(out)
    rates = model.rates()
    click.echo(f"{out}: " + say(f"{len(model.years)} årstall; per koblet person ", f"{len(model.years)} yearly counts; "
                                "per linked person ")
               + say("oppsplittinger", "splits") + f" {rates['splits'][0]:.4f} (kappa {rates['splits'][1]:.2f}), "
               + say("sammenslåinger", "merges") + f" {rates['merges'][0]:.4f} (kappa {rates['merges'][1]:.2f})")
