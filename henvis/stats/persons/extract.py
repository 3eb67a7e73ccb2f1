"""The pseudonymised extract: one row per registration, no names, no identity numbers.

Columns (header row, UTF-8 CSV; only the first three are required):

============================ ==========================================================
record_id, source            the registration's key within its organisation (as in the
                             linkage files)
year                         the year of the registration (1990-2100)
organisation_kind            the kind of registering organisation (police, ngo, udi...)
sex                          as registered (any code; empty = unknown)
birth_year                   four digits, or empty
age_at_identification        whole years, or empty
child                        1/0 (also true/false, ja/nei); empty: derived from age
citizenship, region          country and region of origin codes
exploitation_forms           forms joined with ";"
new_in_year                  1 if the registration is new in the year, 0 if continuing
measures, decisions          codes joined with ";"
============================ ==========================================================

An extract that carries a column that identifies a person (names, birth date, national
identity number, D-number, DUF number) is refused as a whole: the statistics side never
receives them.

>>> import io
>>> text = "record_id,source,year,sex,child\\nr1,politi,2020,F,1\\nr2,rosa,2020,M,0\\n"
>>> read_extract(io.StringIO(text))[["record_id", "year", "child"]].to_dict("list")
{'record_id': ['r1', 'r2'], 'year': [2020, 2020], 'child': [True, False]}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pandas as pd

from henvis.stats.persons.errors import InputError, RowError

REQUIRED = ("record_id", "source", "year")
TEXT = ("organisation_kind", "sex", "citizenship", "region", "exploitation_forms", "measures", "decisions")
FLAGS = ("child", "new_in_year")
NUMBERS = {"birth_year": (1900, 2100), "age_at_identification": (0, 120)}
KNOWN = (*REQUIRED, *TEXT, *FLAGS, *NUMBERS)
IDENTIFYING = frozenset({
    "given_name", "family_name", "name", "names", "first_name", "last_name", "surname",
    "alias", "aliases", "birth_date", "date_of_birth", "dob", "national_id", "fodselsnummer",
    "fnr", "d_number", "dnummer", "duf_number", "duf", "passport", "passport_number", "phone",
    "address", "email",
    # the same in Norwegian, and common variants
    "full_name", "fullname", "middle_name", "nickname", "mobile", "e_mail", "passport_no",
    "navn", "fornavn", "etternavn", "mellomnavn", "fullt_navn", "kallenavn", "alias_navn",
    "fødselsdato", "fodselsdato", "født", "fodt", "fødselsnummer", "fnr_dnr", "personnummer",
    "d_nummer", "duf_nummer", "passnummer", "pass", "telefon", "telefonnummer", "mobil",
    "adresse", "bostedsadresse", "e_post", "epost",
})
MAX_ERRORS = 50
_TRUE = {"1", "true", "ja", "yes", "j", "y"}
_FALSE = {"0", "false", "nei", "no", "n"}


def read_extract(source: str | Path | IO[str], name: str | None = None) -> pd.DataFrame:
    """Read and validate an extract; raises ``InputError`` listing every bad row."""
    label = name or (str(source) if isinstance(source, str | Path) else "extract")
    try:
        raw = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(label, [RowError(None, None, f"kan ikke lese CSV ({exc})", f"cannot read CSV ({exc})")]) from exc
    return validate_extract(raw, label)


def validate_extract(raw: pd.DataFrame, label: str = "extract") -> pd.DataFrame:
    """Check a frame of strings (as read from CSV) and return it typed."""
    columns = [str(c).strip().lower() for c in raw.columns]
    raw = raw.set_axis(columns, axis=1).astype("string").fillna("")
    errors: list[RowError] = []
    identifying = sorted(c for c in columns if _identifier_key(c) in IDENTIFYING)
    if identifying:
        cols = ", ".join(identifying)
        errors.append(RowError(None, None,
                               f"uttrekket inneholder identifiserende kolonner ({cols}) og avvises",
                               f"the extract holds identifying columns ({cols}) and is refused"))
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        cols = ", ".join(missing)
        errors.append(RowError(None, None, f"mangler kolonner: {cols}", f"missing columns: {cols}"))
    if errors:
        raise InputError(label, errors)
    out = pd.DataFrame({"record_id": raw["record_id"].str.strip(), "source": raw["source"].str.strip()})
    line = pd.Series(range(2, len(raw) + 2), index=raw.index)
    for col in ("record_id", "source"):
        _collect(errors, line[out[col] == ""], col, "mangler verdi", "value missing")
    year = pd.to_numeric(raw["year"].str.strip(), errors="coerce")
    bad_year = year.isna() | (year < 1990) | (year > 2100) | (year != year.round())
    _collect(errors, line[bad_year], "year", "ugyldig år", "invalid year", raw["year"][bad_year])
    out["year"] = year.where(~bad_year, 0).astype("int64")
    for col, (lo, hi) in NUMBERS.items():
        if col not in columns:
            out[col] = pd.array([pd.NA] * len(raw), dtype="Int64")
            continue
        text = raw[col].str.strip()
        value = pd.to_numeric(text, errors="coerce")
        bad = (text != "") & (value.isna() | (value < lo) | (value > hi) | (value != value.round()))
        _collect(errors, line[bad], col, "ugyldig tall", "invalid number", text[bad])
        out[col] = value.where(~bad).round().astype("Int64")
    for col in FLAGS:
        text = raw[col].str.strip().str.lower() if col in columns else pd.Series("", index=raw.index)
        bad = (text != "") & ~text.isin(_TRUE | _FALSE)
        _collect(errors, line[bad], col, "må være 1 eller 0", "must be 1 or 0", text[bad])
        out[col] = text.map(lambda v: True if v in _TRUE else (False if v in _FALSE else pd.NA)).astype("boolean")
    for col in TEXT:
        out[col] = raw[col].str.strip() if col in columns else ""
    # Treat as a child while the age is in doubt: an unknown flag follows the age if given.
    derived = out["age_at_identification"].astype("Float64") < 18
    out["child"] = out["child"].fillna(derived)
    dup = out.duplicated(["source", "record_id"], keep="first") & (out["record_id"] != "")
    _collect(errors, line[dup], "record_id", "samme record_id to ganger i samme kilde",
             "the same record_id twice within one source")
    if errors:
        raise InputError(label, errors[:MAX_ERRORS])
    return out.reset_index(drop=True)


def _identifier_key(column: str) -> str:
    """``"D-nummer"`` and ``"d_nummer"``, ``"First name"`` and ``"first_name"`` are the same column."""
    return re.sub(r"[\s\-.]+", "_", column.strip().lower()).strip("_")


def _collect(errors: list[RowError], rows: pd.Series, field: str, nb: str, en: str,
             values: Iterable[str] | None = None) -> None:
    shown = list(values) if values is not None else [None] * len(rows)
    for row, value in zip(rows.tolist(), shown, strict=True):
        if len(errors) >= MAX_ERRORS:
            return
        suffix = f" «{value}»" if value is not None else ""
        errors.append(RowError(int(row), field, nb + suffix, en + (f" '{value}'" if value is not None else "")))


def pseudonymised_extract(registrations: pd.DataFrame) -> pd.DataFrame:
    """The extract an organisation sends from its registrations: identifying columns
    dropped, the birth date reduced to its year. (The linkage keys travel separately, in
    the encoded file.)

    >>> regs = pd.DataFrame({"record_id": ["r1"], "source": ["rosa"], "given_name": ["X"],
    ...                      "birth_date": ["1990-05-01"], "year": [2020]})
    >>> pseudonymised_extract(regs).columns.tolist()
    ['record_id', 'source', 'year', 'birth_year']
    """
    out = registrations.drop(columns=[c for c in registrations.columns if c.lower() in IDENTIFYING])
    if "birth_date" in registrations.columns:
        out["birth_year"] = registrations["birth_date"].astype("string").fillna("").str[:4]
    return out.astype(str).replace({"<NA>": "", "nan": "", "None": ""})
