"""``henvis linkage``: encode records at an organisation, link encoded files at the
statistics unit. Pure core: no Django."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import click
import pandas as pd

from henvis.atomic_files import write_atomic
from henvis.cli.errors import Refused
from henvis.linkage.errors import LinkageError


def _fail(error: Exception) -> NoReturn:
    raise Refused(f"feil / error: {error}")


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write atomically so that a failure leaves no half-written file."""
    write_atomic(path, lambda tmp: frame.to_csv(tmp, index=False))


@click.group()
def linkage() -> None:
    """Personvernvennlig kobling / privacy-preserving record linkage."""


@linkage.command("new-key")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def new_key(out: Path) -> None:
    """Lag en ny hemmelig nøkkel / write a new secret key to the file OUT (share it
    between organisations, never with the statistics unit)."""
    from henvis.linkage.encode import new_secret

    if out.exists():
        _fail(LinkageError(f"{out} finnes allerede", f"{out} already exists"))
    out.write_text(new_secret() + "\n")
    out.chmod(0o600)


@linkage.command()
@click.option("--secret-file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Den delte hemmelige nøkkelen fra `henvis linkage new-key` / the shared secret key from "
                   "`henvis linkage new-key`.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Den kodede filen som skrives (CSV uten navn) / the encoded file to write (CSV without names).")
@click.option("--keep", default="", help="Ikke-identifiserende kolonner som føres videre / non-identifying columns to pass through, e.g. year,organisation_kind")
@click.option(
    "--salt-birth-year/--no-salt-birth-year", default=True, show_default=True,
    help="Salt navnene med fødselsåret (standard: holder frekvensangrep nærmest tilfeldig gjetning; "
    "--no-salt-birth-year gir kodingen som lekker navnefrekvenser; alle organisasjoner må velge det "
    "samme) / salt the names with the birth year (the default: keeps frequency attacks nearest to "
    "chance; --no-salt-birth-year gives the encoding that leaks name frequencies; every organisation "
    "must choose the same), see docs/linkage.md",
)
@click.argument("input_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def encode(secret_file: Path, out: Path, keep: str, salt_birth_year: bool, input_csv: Path) -> None:
    """Kod INPUT_CSV med nøkkelen / encode INPUT_CSV with the shared key.

    INPUT_CSV is the organisation's own registrations (names, birth dates); the encoded
    file holds no readable name or identity number and can go to the statistics unit."""
    from henvis.linkage.encode import encode_frame, load_secret, schema_of
    from henvis.linkage.schema import EncodingParams, write_encoded

    try:
        secret = load_secret(secret_file)
        try:
            frame = pd.read_csv(input_csv, dtype=str, keep_default_na=False, na_values=[""])
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise LinkageError(f"{input_csv}: kan ikke leses som CSV ({exc})", f"{input_csv}: not readable as CSV ({exc})") from exc
        columns = [c.strip() for c in keep.split(",") if c.strip()]
        click.echo(f"linkage: koder {len(frame)} poster / encoding {len(frame)} records", err=True)
        encoded = encode_frame(frame, secret, keep=columns, params=EncodingParams(year_salt=salt_birth_year))
        write_encoded(encoded, schema_of(encoded), out)
    except LinkageError as exc:
        _fail(exc)
    click.echo(f"linkage: skrev / wrote {out}", err=True)


@linkage.command()
@click.argument("encoded", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Fil for personene: én rad per post med person-id (clusters.csv) / file for the persons: one "
              "row per record with its person id (clusters.csv).")
@click.option("--pairs-out", type=click.Path(dir_okay=False, path_type=Path), help="Parvise koblinger / pairwise links with probabilities")
@click.option("--model-out", type=click.Path(dir_okay=False, path_type=Path), help="Den trente modellen (JSON) / the trained model")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="Regnemotor / computing engine: duckdb (one machine) or spark (a cluster, for very large files).")
@click.option("--threshold", type=float, default=0.5, show_default=True, help="Sannsynlighet for å slå sammen / probability to join")
def link(encoded: tuple[Path, ...], out: Path, pairs_out: Path | None, model_out: Path | None, engine: str, threshold: float) -> None:
    """Koble kodede filer til personer / link encoded files into persons.

    ENCODED are the files from `henvis linkage encode`, one per organisation."""
    from henvis.linkage.link import link_frames
    from henvis.linkage.schema import read_encoded

    try:
        frames = []
        for path in encoded:
            frame, schema = read_encoded(path)
            frame.attrs["henvis-linkage"] = schema.to_json()
            frames.append(frame)
        result = link_frames(frames, engine=engine, threshold=threshold)
    except LinkageError as exc:
        _fail(exc)
    _write_csv(result.clusters, out)
    if pairs_out is not None:
        _write_csv(result.pairs, pairs_out)
    if model_out is not None:
        model_out.write_text(json.dumps({**result.model, "henvis_within_source_prior": result.within_source_prior}, indent=1))
    persons = result.clusters["person_id"].nunique()
    click.echo(f"linkage: {len(result.clusters)} poster, {persons} personer / records, persons", err=True)
