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
from henvis.cli.language import say, text_of
from henvis.linkage.errors import LinkageError


def _fail(error: Exception) -> NoReturn:
    raise Refused(say("feil: ", "error: ") + text_of(error))


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write atomically so that a failure leaves no half-written file."""
    write_atomic(path, lambda tmp: frame.to_csv(tmp, index=False))


@click.group(help=say("Personvernvennlig kobling av registreringer.", "Privacy-preserving record linkage."))
def linkage() -> None:
    pass


@linkage.command("new-key", help=say(
    "Skriv en ny hemmelig nøkkel til filen OUT (del den mellom organisasjonene, aldri med statistikkenheten).",
    "Write a new secret key to the file OUT (share it between organisations, never with the statistics unit)."))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def new_key(out: Path) -> None:
    from henvis.linkage.encode import new_secret

    if out.exists():
        _fail(LinkageError(f"{out} finnes allerede", f"{out} already exists"))
    out.write_text(new_secret() + "\n")
    out.chmod(0o600)


@linkage.command(help=say(
    "Kod INPUT_CSV med den delte nøkkelen.\n\nINPUT_CSV er organisasjonens egne registreringer (navn, "
    "fødselsdatoer); den kodede filen har ingen lesbare navn eller identitetsnumre og kan gå til statistikkenheten.",
    "Encode INPUT_CSV with the shared key.\n\nINPUT_CSV is the organisation's own registrations (names, birth "
    "dates); the encoded file holds no readable name or identity number and can go to the statistics unit."))
@click.option("--secret-file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=say("Den delte hemmelige nøkkelen fra `henvis linkage new-key`.",
                       "The shared secret key from `henvis linkage new-key`."))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=say("Den kodede filen som skrives (CSV uten navn).", "The encoded file to write (CSV without names)."))
@click.option("--keep", default="", help=say(
    "Ikke-identifiserende kolonner som føres videre, f.eks. year,organisation_kind.",
    "Non-identifying columns to pass through, e.g. year,organisation_kind."))
@click.option(
    "--salt-birth-year/--no-salt-birth-year", default=True, show_default=True,
    help=say("Salt navnene med fødselsåret (standard: holder frekvensangrep nærmest tilfeldig gjetning; "
             "--no-salt-birth-year gir kodingen som lekker navnefrekvenser; alle organisasjoner må velge det "
             "samme), se docs/linkage.md.",
             "Salt the names with the birth year (the default: keeps frequency attacks nearest to "
             "chance; --no-salt-birth-year gives the encoding that leaks name frequencies; every organisation "
             "must choose the same), see docs/linkage.md."),
)
@click.argument("input_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def encode(secret_file: Path, out: Path, keep: str, salt_birth_year: bool, input_csv: Path) -> None:
    from henvis.linkage.encode import encode_frame, load_secret, schema_of
    from henvis.linkage.schema import EncodingParams, write_encoded

    try:
        secret = load_secret(secret_file)
        try:
            frame = pd.read_csv(input_csv, dtype=str, keep_default_na=False, na_values=[""])
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise LinkageError(f"{input_csv}: kan ikke leses som CSV ({exc})", f"{input_csv}: not readable as CSV ({exc})") from exc
        columns = [c.strip() for c in keep.split(",") if c.strip()]
        click.echo(say(f"linkage: koder {len(frame)} poster", f"linkage: encoding {len(frame)} records"), err=True)
        encoded = encode_frame(frame, secret, keep=columns, params=EncodingParams(year_salt=salt_birth_year))
        write_encoded(encoded, schema_of(encoded), out)
    except LinkageError as exc:
        _fail(exc)
    click.echo(say(f"linkage: skrev {out}", f"linkage: wrote {out}"), err=True)


@linkage.command(help=say(
    "Koble kodede filer til personer.\n\nENCODED er filene fra `henvis linkage encode`, én per organisasjon.",
    "Link encoded files into persons.\n\nENCODED are the files from `henvis linkage encode`, one per organisation."))
@click.argument("encoded", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help=say(
    "Fil for personene: én rad per post med person-id (clusters.csv).",
    "File for the persons: one row per record with its person id (clusters.csv)."))
@click.option("--pairs-out", type=click.Path(dir_okay=False, path_type=Path),
              help=say("Parvise koblinger med sannsynligheter.", "Pairwise links with probabilities."))
@click.option("--model-out", type=click.Path(dir_okay=False, path_type=Path),
              help=say("Den trente modellen (JSON).", "The trained model (JSON)."))
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help=say("Regnemotor: duckdb (én maskin) eller spark (en klynge, for svært store filer).",
                       "Computing engine: duckdb (one machine) or spark (a cluster, for very large files)."))
@click.option("--threshold", type=float, default=0.5, show_default=True,
              help=say("Sannsynlighet for å slå sammen.", "Probability to join."))
def link(encoded: tuple[Path, ...], out: Path, pairs_out: Path | None, model_out: Path | None, engine: str, threshold: float) -> None:
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
    click.echo(say(f"linkage: {len(result.clusters)} poster, {persons} personer",
                   f"linkage: {len(result.clusters)} records, {persons} persons"), err=True)
