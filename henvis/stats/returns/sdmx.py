"""The returns' person tables as one long, SDMX-style CSV in the receivers' codes.

One row per cell: ``GEO, TIME_PERIOD, SEX, AGE, CITIZEN, EXPLOIT, UNIT, OBS_VALUE,
OBS_FLAG, CONF_STATUS``. ``OBS_VALUE`` is a number, or empty where the value is withheld
or not available. Flags as Eurostat defines them (docs/returns.md cites the sources):

* a cell withheld by disclosure control: ``OBS_FLAG`` "c" (confidential) and
  ``CONF_STATUS`` "C" (Eurostat's confidentiality status list since 27 January 2025);
* ":" is Eurostat's sign for "not available" and is never used for a withheld cell;
  0 is a real zero.

By default a withheld cell has no value. ``confidential_values=True`` (never the
default) writes its true value beside the flags, for a receiver that takes confidential
cells under an agreement and does not publish them.

Code lists (Eurostat's SEX, AGE and CITIZEN codes; EXPLOIT is Henvis's naming of
Eurostat's three groups, see docs/returns.md): SEX F, M, UNK, T; AGE Y_LT18, Y_GE18, UNK,
TOTAL; CITIZEN NAT (the reporting country), EU27_2020_FOR (other EU countries),
NEU27_2020_FOR (non-EU countries), UNK, TOTAL; EXPLOIT SEX_EXP (sexual), LAB_EXP (forced
labour), OTH_EXP (other forms), MULTI (forms in more than one group), UNK (no form given),
TOTAL: one per person (``groups.form_group``).

>>> import pandas as pd
>>> from henvis.stats.disclosure import protect
>>> t = pd.DataFrame({"adult": [5, 2, 7], "child": [4, 3, 7], "Total": [9, 5, 14]},
...                  index=pd.Index(["F", "M", "Total"], name="sex"))
>>> rows = sdmx_rows({"eurostat-victims-sex-age": protect(t)}, 2020, "NO")
>>> m = rows[(rows.SEX == "M") & (rows.AGE == "Y_GE18")]
>>> m["OBS_FLAG"].tolist(), m["CONF_STATUS"].tolist(), bool(m["OBS_VALUE"].isna().all())
(['c'], ['C'], True)
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from henvis.stats.disclosure import ProtectedTable
from henvis.stats.receivers.victim_tables import TOTAL

COLUMNS = ("GEO", "TIME_PERIOD", "SEX", "AGE", "CITIZEN", "EXPLOIT", "UNIT", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS")
CONFIDENTIAL_FLAG = "c"
NOT_AVAILABLE = ":"  # Eurostat's "not available"; never a withheld cell
CONFIDENTIAL_STATUS = "C"
SEX_CODES = {"F": "F", "M": "M", "unknown": "UNK", TOTAL: "T"}
AGE_CODES = {"child": "Y_LT18", "adult": "Y_GE18", "unknown": "UNK", TOTAL: "TOTAL"}
CITIZEN_CODES = {"reporting_country": "NAT", "other_eu": "EU27_2020_FOR", "non_eu": "NEU27_2020_FOR",
                 "stateless": "STLS", "unknown": "UNK", TOTAL: "TOTAL"}
# the one-way table by country: its rows are Eurostat's codes already, its column persons
_COUNTRY_COLUMN = {"persons": "T"}
EXPLOIT_CODES = {"sexual": "SEX_EXP", "forced_labour": "LAB_EXP", "other": "OTH_EXP", "multiple": "MULTI",
                 "unknown": "UNK", TOTAL: "TOTAL"}

# table -> (row dimension, column dimension, codes of each)
_LAYOUT: Mapping[str, tuple[tuple[str, Mapping[str, str]], tuple[str, Mapping[str, str]]]] = {
    "eurostat-victims-sex-age": (("SEX", SEX_CODES), ("AGE", AGE_CODES)),
    "eurostat-victims-citizenship": (("CITIZEN", CITIZEN_CODES), ("SEX", SEX_CODES)),
    "eurostat-victims-form": (("EXPLOIT", EXPLOIT_CODES), ("SEX", SEX_CODES)),
}
_KEY = ("SEX", "AGE", "CITIZEN", "EXPLOIT")


def sdmx_rows(tables: Mapping[str, ProtectedTable], year: int, geo: str, *,
              raw: Mapping[str, pd.DataFrame] | None = None, confidential_values: bool = False) -> pd.DataFrame:
    """Long rows of the Eurostat tables in ``tables`` (others are left out). A cell that
    two tables share (a sex margin, the grand total) is written once; it is withheld
    only if every table withholds it. ``confidential_values`` needs ``raw`` (the
    unprotected tables)."""
    if confidential_values and raw is None:
        raise ValueError("confidential_values needs the unprotected tables (raw)")
    cells: dict[tuple[str, ...], tuple[int | None, int | None]] = {}
    for name, ((row_dim, row_codes), (col_dim, col_codes)) in _LAYOUT.items():
        if name not in tables:
            continue
        table = tables[name]
        _add(cells, table, raw[name] if raw is not None else None, row_dim, row_codes, col_dim, col_codes)
    if "eurostat-victims-country" in tables:
        table = tables["eurostat-victims-country"]
        countries = {str(r): ("TOTAL" if str(r) == TOTAL else str(r)) for r in table.values.index}
        _add(cells, table, raw["eurostat-victims-country"] if raw is not None else None,
             "CITIZEN", countries, "SEX", _COUNTRY_COLUMN)
    rows = []
    for (sex, age, citizen, exploit), (shown, true) in cells.items():
        withheld = shown is None
        value = (true if confidential_values else None) if withheld else shown
        rows.append({"GEO": geo, "TIME_PERIOD": year, "SEX": sex, "AGE": age, "CITIZEN": citizen,
                     "EXPLOIT": exploit, "UNIT": "NR", "OBS_VALUE": value,
                     "OBS_FLAG": CONFIDENTIAL_FLAG if withheld else "",
                     "CONF_STATUS": CONFIDENTIAL_STATUS if withheld else ""})
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["OBS_VALUE"] = pd.to_numeric(frame["OBS_VALUE"]).astype("Int64")
    return frame


def _add(cells: dict[tuple[str, ...], tuple[int | None, int | None]], table: ProtectedTable,
         raw: pd.DataFrame | None, row_dim: str, row_codes: Mapping[str, str],
         col_dim: str, col_codes: Mapping[str, str]) -> None:
    for r in table.values.index:
        for c in table.values.columns:
            key = dict.fromkeys(_KEY, "TOTAL") | {"SEX": "T"} | {row_dim: row_codes[str(r)], col_dim: col_codes[str(c)]}
            value = table.values.at[r, c]
            shown = None if pd.isna(value) else int(value)
            true = int(raw.at[r, c]) if raw is not None else None
            k = tuple(key[d] for d in _KEY)
            before = cells.get(k)
            # a cell two tables share is published if either publishes it
            cells[k] = (shown if shown is not None else (before[0] if before else None), true)
