"""Keyed encodings of linkage records, made at each organisation.

* Exact identifiers (fødselsnummer, D-nummer, DUF number), sex, citizenship and the
  birth-date parts become HMAC-SHA256 keyed hashes (64-bit integers).
* Given name, family name and the whole name become keyed Bloom filters of padded
  bigrams: each bigram sets ``bits_per_qgram`` positions drawn from
  HMAC(key, field salt || bigram) (random hashing, not double hashing), then every bit
  is flipped with a small probability (BLIP randomised response) so that two records
  with the same name almost never carry the same filter.
* Keyed min-hashes of the name bigrams give blocking keys.
* Record-level salt (``EncodingParams.year_salt``, on by default): the given-
  and family-name filters and min-hashes are keyed with the birth year too, and the
  unsalted whole-name filter gets min-hashes of its own (``mhn1..``) for records whose
  years differ or are missing.

See ``docs/linkage.md`` for the threat model and the measured attacks.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from henvis.linkage.errors import LinkageError, row_error
from henvis.linkage.normalise import PartialDate, name_tokens, parse_birth_date
from henvis.linkage.schema import (
    IDENTIFYING_COLUMNS,
    INPUT_COLUMNS,
    SCHEMA_VERSION,
    EncodedSchema,
    EncodingParams,
    filter_columns,
)

MIN_SECRET_BYTES = 16
NAME_FILTERS = {"g": "given_name", "f": "family_name", "n": "full_name"}
CHUNK = 100_000


def load_secret(path: str | Path) -> bytes:
    """Read the shared secret key from a file (surrounding whitespace ignored)."""
    secret = Path(path).read_bytes().strip()
    if len(secret) < MIN_SECRET_BYTES:
        raise LinkageError(
            f"nøkkelfilen {path} må inneholde minst {MIN_SECRET_BYTES} byte",
            f"the key file {path} must hold at least {MIN_SECRET_BYTES} bytes",
        )
    return secret


def new_secret() -> str:
    """A fresh random key to share between organisations (never with statistics)."""
    return secrets.token_urlsafe(32)


class Keys:
    """Sub-keys derived from the secret, one per purpose, so that a hash made for one
    field says nothing about another (per-field salting with secret salts)."""

    def __init__(self, secret: bytes, params: EncodingParams) -> None:
        if len(secret) < MIN_SECRET_BYTES:
            raise LinkageError(
                f"nøkkelen må være minst {MIN_SECRET_BYTES} byte",
                f"the key must be at least {MIN_SECRET_BYTES} bytes",
            )
        self.params = params
        self._secret = secret
        self.fingerprint = self.derive("fingerprint").hex()[:16]

    def derive(self, purpose: str) -> bytes:
        return hmac.new(self._secret, f"{SCHEMA_VERSION}|{purpose}".encode(), hashlib.sha256).digest()


def _hash64(key: bytes, text: str) -> int:
    digest = hmac.new(key, text.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "little", signed=True)


def qgrams(tokens: Iterable[str], q: int) -> set[str]:
    """Padded q-grams of each token and q-grams of the tokens joined.

    >>> sorted(qgrams(("anna",), 2))
    ['_a', 'a_', 'an', 'na', 'nn']
    """
    grams: set[str] = set()
    for token in tokens:
        padded = f"_{token}_"
        grams.update(padded[i : i + q] for i in range(len(padded) - q + 1))
    # Also the q-grams across token boundaries, so that a name split by a stray space
    # ("satte rley") still looks like the whole name.
    joined = "".join(tokens)
    grams.update(joined[i : i + q] for i in range(len(joined) - q + 1))
    return grams


class NameEncoder:
    """Bloom filter and min-hashes of one name field, cached per distinct value.

    ``salt`` is the record-level salt (the birth year, or "" when there is none): it
    goes into every keyed hash, so the same name with another salt sets unrelated bits
    and gets unrelated min-hashes."""

    def __init__(self, keys: Keys, field: str, minhash_key: str = "minhash|name") -> None:
        self.params = keys.params
        self._bloom_key = keys.derive(f"bloom|{field}")
        # Given and family name share one min-hash key, so a swapped given/family name
        # still shares a blocking key; the whole name has its own.
        self._minhash_key = keys.derive(minhash_key)
        self._positions: Callable[[str], np.ndarray] = lru_cache(maxsize=None)(self._qgram_positions)
        self._minhash: Callable[[str], np.ndarray] = lru_cache(maxsize=None)(self._qgram_minhash)

    def _qgram_positions(self, salted_gram: str) -> np.ndarray:
        # Random hashing: k independent positions from a keyed PRF of the q-gram.
        p = self.params
        out: list[int] = []
        counter = 0
        while len(out) < p.bits_per_qgram:
            digest = hmac.new(self._bloom_key, f"{counter}|{salted_gram}".encode(), hashlib.sha256).digest()
            words = np.frombuffer(digest, dtype="<u2")
            out.extend(int(w) % p.bloom_bits for w in words)
            counter += 1
        return np.asarray(out[: p.bits_per_qgram], dtype=np.int64)

    def _qgram_minhash(self, salted_gram: str) -> np.ndarray:
        p = self.params
        digest = b""
        counter = 0
        while len(digest) < 8 * p.minhashes:
            digest += hmac.new(self._minhash_key, f"{counter}|{salted_gram}".encode(), hashlib.sha256).digest()
            counter += 1
        return np.frombuffer(digest[: 8 * p.minhashes], dtype="<i8")

    @staticmethod
    def _salted(gram: str, salt: str) -> str:
        # Unsalted values hash as in schema version 1; a salt is a prefix that a q-gram
        # (letters and "_" only) can never produce.
        return f"{salt}#{gram}" if salt else gram

    def bits(self, tokens: Sequence[str], salt: str = "") -> np.ndarray:
        row = np.zeros(self.params.bloom_bits, dtype=bool)
        for gram in qgrams(tokens, self.params.qgram):
            row[self._positions(self._salted(gram, salt))] = True
        return row

    def minhash(self, tokens: Sequence[str], salt: str = "") -> np.ndarray:
        grams = qgrams(tokens, self.params.qgram)
        return np.min(np.stack([self._minhash(self._salted(g, salt)) for g in grams]), axis=0)


def _pack(bits: np.ndarray) -> np.ndarray:
    """(n, L) booleans -> (n, L/64) little-endian int64 words."""
    packed = np.packbits(bits, axis=1, bitorder="little")
    return packed.view("<i8")


def _encode_names(
    tokens: pd.Series, salts: pd.Series, encoder: NameEncoder, prefix: str,
    rng: np.random.Generator, with_minhash: bool,
) -> dict[str, pd.Series | np.ndarray]:
    """Filter words, bit count and (optionally) min-hashes for one name field; each
    distinct (name, salt) is hashed once."""
    p = encoder.params
    token_codes, token_uniques = pd.factorize(tokens)
    salt_codes, salt_uniques = pd.factorize(salts)
    pair_codes = token_codes.astype(np.int64) * len(salt_uniques) + salt_codes
    codes, pair_uniques = pd.factorize(pair_codes)
    uniques = [
        (token_uniques[c // len(salt_uniques)], salt_uniques[c % len(salt_uniques)]) for c in pair_uniques
    ]
    n = len(tokens)
    distinct_bits = np.zeros((len(uniques) + 1, p.bloom_bits), dtype=bool)  # last row: empty
    empty = np.zeros(len(uniques) + 1, dtype=bool)
    empty[-1] = True
    minhashes = np.zeros((len(uniques) + 1, p.minhashes), dtype=np.int64)
    for i, (toks, salt) in enumerate(uniques):
        if not toks:
            empty[i] = True
            continue
        distinct_bits[i] = encoder.bits(toks, salt)
        if with_minhash:
            minhashes[i] = encoder.minhash(toks, salt)
    codes = np.where(codes < 0, len(uniques), codes)
    words = np.empty((n, p.words), dtype=np.int64)
    counts = np.empty(n, dtype=np.int64)
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        bits = distinct_bits[codes[start:stop]]
        noise = rng.random(bits.shape, dtype=np.float32) < p.flip_probability
        bits ^= noise
        words[start:stop] = _pack(bits)
        counts[start:stop] = bits.sum(axis=1)
    is_empty = empty[codes]
    out: dict[str, pd.Series | np.ndarray] = {}
    for j, col in enumerate(filter_columns(prefix, p)):
        out[col] = pd.array(np.where(is_empty, 0, words[:, j]), dtype="Int64")
        out[col][is_empty] = pd.NA
    out[f"{prefix}c"] = pd.array(counts, dtype="Int64")
    out[f"{prefix}c"][is_empty] = pd.NA
    if with_minhash:
        for j in range(p.minhashes):
            col = pd.array(minhashes[codes, j], dtype="Int64")
            col[is_empty] = pd.NA
            out[f"mh{prefix}{j + 1}"] = col
    return out


def _name_salt(date: PartialDate, params: EncodingParams) -> str:
    """The record-level salt of the given- and family-name filters ("" = none)."""
    if not params.year_salt or not date.year:
        return ""
    if params.name_salt == "year":
        return f"y{date.year}"
    if params.name_salt == "date":
        return f"y{date.year}|m{date.month or ''}|d{date.day or ''}"
    raise LinkageError(f"ukjent navnesalt: {params.name_salt}", f"unknown name salt: {params.name_salt}")


def _whole_name_salts(dates: Sequence[PartialDate], year_salt: pd.Series, params: EncodingParams) -> pd.Series:
    """The record-level salt of the whole-name filter (``EncodingParams.whole_name_salt``)."""
    if not params.year_salt or params.whole_name_salt == "none":
        return pd.Series([""] * len(dates), dtype=object)
    if params.whole_name_salt == "year":
        return year_salt
    if params.whole_name_salt != "month-day":
        raise LinkageError(
            f"ukjent salt for hele navnet: {params.whole_name_salt}",
            f"unknown whole-name salt: {params.whole_name_salt}",
        )
    return pd.Series(
        [
            f"md{min(d.month, d.day)}-{max(d.month, d.day)}" if d.month and d.day
            else (f"y{d.year}" if d.year else "")
            for d in dates
        ],
        dtype=object,
    )


def _keyed_column(values: pd.Series, key: bytes, salt: str) -> pd.Series:
    """Keyed 64-bit hash of each non-empty value (computed once per distinct value)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    hashed = np.array([_hash64(key, f"{salt}|{u}") for u in uniques] + [0], dtype=np.int64)
    out = pd.array(hashed[np.where(codes < 0, len(uniques), codes)], dtype="Int64")
    out[codes < 0] = pd.NA
    return pd.Series(out, index=values.index)


def _clean_identifier(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = "".join(ch for ch in str(value).upper() if ch.isalnum())
    return text or None


def _clean_code(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip().lower()
    return text or None


def _parse_dates(values: pd.Series) -> tuple[list[PartialDate], int]:
    parsed: list[PartialDate] = []
    implausible = 0
    cache: dict[str, PartialDate] = {}
    for row, value in enumerate(values, start=1):
        text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
        date = cache.get(text)
        if date is None:
            try:
                date = parse_birth_date(text)
            except ValueError as exc:
                raise row_error(
                    row,
                    "birth_date er ikke ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ",
                    str(exc),
                ) from exc
            cache[text] = date
        implausible += not date.is_plausible
        parsed.append(date)
    return parsed, implausible


def check_input(frame: pd.DataFrame, keep: Sequence[str] = ()) -> None:
    """Raise a bilingual error naming the first bad row or column."""
    missing = [c for c in INPUT_COLUMNS if c not in frame.columns]
    if missing:
        raise LinkageError(
            f"mangler kolonne(r): {', '.join(missing)}", f"missing column(s): {', '.join(missing)}"
        )
    for col in keep:
        if col in IDENTIFYING_COLUMNS:
            raise LinkageError(
                f"kolonnen {col} identifiserer en person og kan ikke beholdes",
                f"the column {col} identifies a person and cannot be kept",
            )
        if col not in frame.columns:
            raise LinkageError(f"--keep: kolonnen {col} finnes ikke", f"--keep: no column {col}")
    for col in ("record_id", "source"):
        blank = frame[col].isna() | (frame[col].astype(str).str.strip() == "")
        if blank.any():
            row = int(np.argmax(blank.to_numpy())) + 1
            raise row_error(row, f"{col} mangler", f"{col} is missing")
    dup = frame.duplicated(["source", "record_id"]).to_numpy()
    if dup.any():
        row = int(np.argmax(dup)) + 1
        raise row_error(
            row, "record_id finnes allerede i samme kilde", "record_id repeats within its source"
        )


def encode_frame(
    frame: pd.DataFrame,
    secret: bytes,
    *,
    keep: Sequence[str] = (),
    params: EncodingParams | None = None,
    rng: np.random.Generator | None = None,
) -> pd.DataFrame:
    """Encode linkage records; the result holds no name, birth date or identity number.

    The schema travels in ``result.attrs["henvis-linkage"]`` (and in the file written by
    :func:`henvis.linkage.schema.write_encoded`). ``rng`` is only for reproducible
    tests: by default the BLIP noise comes from the operating system's randomness.

    >>> import pandas as pd
    >>> df = pd.DataFrame([{"record_id": "1", "source": "rosa", "given_name": "Ana",
    ...     "family_name": "Popescu", "birth_date": "1990-04", "sex": "F",
    ...     "citizenship": "RO", "national_id": "", "duf_number": ""}])
    >>> enc = encode_frame(df, b"a shared secret key of 32 bytes!")
    >>> "Ana" in enc.to_csv()
    False
    """
    params = params or EncodingParams()
    check_input(frame, keep)
    keys = Keys(secret, params)
    rng = rng or np.random.default_rng(secrets.randbits(128))
    frame = frame.reset_index(drop=True)

    dates, implausible = _parse_dates(frame["birth_date"])
    if implausible:
        print(
            f"advarsel: {implausible} fødselsdato(er) med måned/dag utenfor kalenderen / "
            f"warning: {implausible} birth date(s) with month/day outside the calendar",
            file=sys.stderr,
        )
    given = frame["given_name"].map(name_tokens)
    family = frame["family_name"].map(name_tokens)
    full = pd.Series(
        [tuple(sorted(set(g) | set(f))) for g, f in zip(given, family, strict=True)]
    )

    out: dict[str, object] = {
        "record_id": frame["record_id"].astype(str).to_numpy(),
        "source": frame["source"].astype(str).to_numpy(),
    }
    # Record-level salt of the given and family names: the birth year ("" if none).
    year_salt = pd.Series([_name_salt(d, params) for d in dates], dtype=object)
    if params.year_salt and params.yearless_salt == "record":
        # A salt of its own for each record without a year (source and record_id are
        # unique together, checked above); the keyed hashes make it unguessable.
        own = "r" + frame["source"].astype(str) + "|" + frame["record_id"].astype(str)
        year_salt = year_salt.where(year_salt != "", own)
    for prefix, series in (("g", given), ("f", family), ("n", full)):
        if prefix == "n":
            encoder = NameEncoder(keys, NAME_FILTERS[prefix], minhash_key="minhash|whole")
            salts = _whole_name_salts(dates, year_salt, params)
        else:
            encoder = NameEncoder(keys, NAME_FILTERS[prefix])
            salts = year_salt
        out.update(
            _encode_names(series, salts, encoder, prefix, rng, with_minhash=prefix != "n" or params.year_salt)
        )

    date_key = keys.derive("birth_date")
    years = pd.Series([d.year for d in dates], dtype=object)
    prev_years = pd.Series([str(int(d.year) - 1) if d.year else None for d in dates], dtype=object)
    out["dy"] = _keyed_column(years, date_key, "year")
    out["dyp"] = _keyed_column(prev_years, date_key, "year")
    # Month and day share one salt so that a day/month transposition is visible.
    out["dm"] = _keyed_column(pd.Series([d.month for d in dates], dtype=object), date_key, "md")
    out["dd"] = _keyed_column(pd.Series([d.day for d in dates], dtype=object), date_key, "md")
    out["sx"] = _keyed_column(frame["sex"].map(_clean_code), keys.derive("sex"), "sex")
    out["ct"] = _keyed_column(frame["citizenship"].map(_clean_code), keys.derive("citizenship"), "ct")
    out["nid"] = _keyed_column(frame["national_id"].map(_clean_identifier), keys.derive("national_id"), "nid")
    out["duf"] = _keyed_column(frame["duf_number"].map(_clean_identifier), keys.derive("duf_number"), "duf")
    for col in keep:
        out[col] = frame[col].to_numpy()

    result = pd.DataFrame({k: (v.array if isinstance(v, pd.Series) else v) for k, v in out.items()})
    schema = EncodedSchema(SCHEMA_VERSION, params, keys.fingerprint, tuple(keep))
    result.attrs["henvis-linkage"] = schema.to_json()
    return result


def schema_of(encoded: pd.DataFrame) -> EncodedSchema:
    """The schema an :func:`encode_frame` result carries."""
    raw = encoded.attrs.get("henvis-linkage")
    if raw is None:
        raise LinkageError("rammen mangler kodeskjema", "the frame carries no encoding schema")
    return EncodedSchema.from_json(raw)
