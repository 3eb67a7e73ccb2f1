"""The encoded-record schema: its version, columns and the file that carries it.

An encoded file is a Parquet file (uncompressed, so that a byte search for plaintext is
meaningful) whose key-value metadata holds the schema under ``henvis-linkage``: the
version, the Bloom-filter parameters and a fingerprint of the key. The linker refuses
files of another version and files made with different keys.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from henvis.atomic_files import write_atomic
from henvis.linkage.errors import LinkageError

SCHEMA_VERSION = "henvis-linkage/2"
METADATA_KEY = b"henvis-linkage"

INPUT_COLUMNS: tuple[str, ...] = (
    "record_id", "source", "given_name", "family_name", "birth_date", "sex",
    "citizenship", "national_id", "duf_number",
)
# Columns that identify a person and may never be passed through with --keep.
IDENTIFYING_COLUMNS: frozenset[str] = frozenset(
    {"given_name", "family_name", "birth_date", "national_id", "duf_number"}
)


@dataclass(frozen=True)
class EncodingParams:
    """Parameters of the encoding; they must be equal for files to be linked."""

    bloom_bits: int = 256        # bits per name filter (a multiple of 64)
    bits_per_qgram: int = 6      # positions set per q-gram (random hashing)
    qgram: int = 2
    flip_probability: float = 0.01  # BLIP randomised response per bit
    minhashes: int = 4           # keyed min-hash values per name, for blocking
    # Record-level salt, on by default (issue #14: privacy first): the given- and
    # family-name filters and their min-hashes are keyed with the birth year as well
    # (records without a year share one salt), so that clusters of similar filters are
    # (name, birth year) groups, not name groups. The whole-name filter stays unsalted
    # and gets min-hashes mhn1.. (blocking of records whose years differ or are
    # missing). Of the encodings built here it keeps the measured frequency attacks
    # nearest to chance (docs/linkage.md, Threat model); the model can then no longer
    # weigh a name by how rare it is across birth years.
    year_salt: bool = True
    # What the record-level salt of the given- and family-name filters is (with
    # year_salt): "year" = the birth year; "date" = the birth date as given (year,
    # month, day; a part unknown stays unknown), so that two records share a salt only
    # when their dates agree in every part.
    name_salt: str = "year"
    # Records without a birth year (with the salt): "shared" = they all share one salt,
    # so their given- and family-name filters form one large group that a frequency list
    # can be aligned with (2.4 x chance on that group at 3,000 records); "record" = each
    # such record gets a salt of its own and meets others through the whole name only.
    yearless_salt: str = "shared"
    # Record-level salt of the whole-name filter and its min-hashes (with the year salt):
    # "none" = unsalted, comparable across every birth year (the chained attack joins a
    # given name's year groups through it); "year" = the birth year (no cross-year
    # comparison at all); "month-day" = the birth month and day as an unordered pair
    # (a transposition keeps it), the year when they are unknown, "" without a date:
    # a birth year written wrong still meets its partner, two different persons with
    # one full name rarely share a month and day.
    whole_name_salt: str = "none"

    @property
    def words(self) -> int:
        return self.bloom_bits // 64


LEGACY_PARAMS: dict[str, object] = {"name_salt": "year", "yearless_salt": "shared", "whole_name_salt": "none"}


@dataclass(frozen=True)
class EncodedSchema:
    version: str
    params: EncodingParams
    key_fingerprint: str
    kept_columns: tuple[str, ...]

    def to_json(self) -> str:
        data = asdict(self)
        data["kept_columns"] = list(self.kept_columns)
        return json.dumps(data, sort_keys=True)

    @staticmethod
    def from_json(text: str) -> EncodedSchema:
        data = json.loads(text)
        # Files written before a parameter existed were made as its legacy value, not
        # as today's default: otherwise such a file would pass for a new one and be
        # linked with files encoded differently.
        params = {**LEGACY_PARAMS, **data["params"]}
        return EncodedSchema(
            version=data["version"],
            params=EncodingParams(**params),
            key_fingerprint=data["key_fingerprint"],
            kept_columns=tuple(data["kept_columns"]),
        )


def filter_columns(prefix: str, params: EncodingParams) -> list[str]:
    """Names of the int64 words holding one Bloom filter, e.g. ``g0 .. g3``."""
    return [f"{prefix}{i}" for i in range(params.words)]


def write_encoded(frame: pd.DataFrame, schema: EncodedSchema, path: str | Path) -> None:
    """Write atomically: a failed write leaves no half file behind."""
    path = Path(path)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = dict(table.schema.metadata or {})
    metadata.pop(b"pandas", None)  # pandas metadata would repeat column statistics
    metadata[METADATA_KEY] = schema.to_json().encode()
    table = table.replace_schema_metadata(metadata)
    write_atomic(path, lambda tmp: pq.write_table(table, tmp, compression="none", use_dictionary=False))


def read_encoded(path: str | Path) -> tuple[pd.DataFrame, EncodedSchema]:
    """Read an encoded file and its schema; clear error if it is not one."""
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise LinkageError(
            f"{path}: ikke en kodet fil ({exc.__class__.__name__})",
            f"{path}: not an encoded file ({exc.__class__.__name__})",
        ) from exc
    raw = (table.schema.metadata or {}).get(METADATA_KEY)
    if raw is None:
        raise LinkageError(f"{path}: mangler kodeskjema", f"{path}: no encoding schema")
    schema = EncodedSchema.from_json(raw.decode())
    if schema.version != SCHEMA_VERSION:
        raise LinkageError(
            f"{path}: skjemaversjon {schema.version} støttes ikke (forventet {SCHEMA_VERSION})",
            f"{path}: schema version {schema.version} not supported (expected {SCHEMA_VERSION})",
        )
    # int64 with nulls must come back as Int64, not float64: a float holds only 53 bits,
    # which would silently corrupt the keyed hashes and filter words.
    return table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get), schema
