"""The linkage engine's outputs as the statistics side reads them.

``clusters.csv``: ``record_id,source,person_id,match_probability`` (one row per record);
``pairs.csv`` (optional): ``record_id_l,source_l,record_id_r,source_r,match_probability``.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pandas as pd

from henvis.stats.persons.errors import InputError, RowError

CLUSTER_COLUMNS = ("record_id", "source", "person_id", "match_probability")
PAIR_COLUMNS = ("record_id_l", "source_l", "record_id_r", "source_r", "match_probability")


def read_clusters(source: str | Path | IO[str], name: str = "clusters") -> pd.DataFrame:
    """Read and check clusters.csv."""
    frame = _read(source, name, CLUSTER_COLUMNS)
    errors = _probability_errors(frame)
    for col in ("record_id", "source", "person_id"):
        for i in frame.index[frame[col].str.strip() == ""][:20]:
            errors.append(RowError(int(i) + 2, col, "mangler verdi", "value missing"))
    for i in frame.index[frame.duplicated(["source", "record_id"])][:20]:
        errors.append(RowError(int(i) + 2, "record_id", "posten står to ganger", "the record appears twice"))
    if errors:
        raise InputError(name, errors[:50])
    frame["match_probability"] = pd.to_numeric(frame["match_probability"])
    return frame


def read_pairs(source: str | Path | IO[str], name: str = "pairs") -> pd.DataFrame:
    """Read and check pairs.csv."""
    frame = _read(source, name, PAIR_COLUMNS)
    errors = _probability_errors(frame)
    if errors:
        raise InputError(name, errors[:50])
    frame["match_probability"] = pd.to_numeric(frame["match_probability"])
    return frame


def _read(source: str | Path | IO[str], name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(name, [RowError(None, None, f"kan ikke lese CSV ({exc})", f"cannot read CSV ({exc})")]) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        cols = ", ".join(missing)
        raise InputError(name, [RowError(None, None, f"mangler kolonner: {cols}", f"missing columns: {cols}")])
    return frame[list(columns)].reset_index(drop=True)


def _probability_errors(frame: pd.DataFrame) -> list[RowError]:
    p = pd.to_numeric(frame["match_probability"], errors="coerce")
    bad = p.isna() | (p < 0) | (p > 1)
    return [
        RowError(int(i) + 2, "match_probability", f"ugyldig sannsynlighet «{frame.at[i, 'match_probability']}»",
                 f"invalid probability '{frame.at[i, 'match_probability']}'")
        for i in frame.index[bad][:20]
    ]
