"""Capture-history tables: reading, checking and tidying the input of the estimator.

A capture-history table has one 0/1 column per list (organisation) and a count column:
how many persons were recorded by exactly that combination of lists. Combinations with no
persons may be left out. :class:`CaptureTable` holds the complete table (every non-empty
combination, zeros included), which is what the log-linear model is fitted to.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from henvis.stats.mse.refusal import MSERefusal, RefusalReason

COUNT_COLUMN = "count"


def _invalid(nb: str, en: str) -> MSERefusal:
    return MSERefusal(RefusalReason.INVALID_TABLE, nb, en)


@cache
def all_histories(n_lists: int) -> np.ndarray:
    """Every capture history except the unobservable all-zero one, as a read-only
    (2**n - 1) x n array of 0/1, ordered by number of lists and then lexicographically."""
    rows = [h for h in itertools.product((0, 1), repeat=n_lists) if any(h)]
    rows.sort(key=lambda h: (sum(h), [-v for v in h]))
    arr = np.array(rows, dtype=np.int8).reshape(len(rows), n_lists)
    arr.setflags(write=False)
    return arr


def _history_codes(histories: np.ndarray) -> np.ndarray:
    weights = 1 << np.arange(histories.shape[1], dtype=np.int64)
    return histories.astype(np.int64) @ weights


@dataclass(frozen=True)
class CaptureTable:
    """The complete capture-history table of ``lists``: ``counts[c]`` persons were
    recorded by exactly the lists where ``all_histories(len(lists))[c]`` is 1.

    >>> t = CaptureTable.from_frame(pd.DataFrame(
    ...     {"A": [1, 0, 1], "B": [0, 1, 1], "C": [0, 0, 1], "count": [5, 7, 2]}))
    >>> t.observed, t.lists
    (14, ('A', 'B', 'C'))
    """

    lists: tuple[str, ...]
    counts: np.ndarray = field(repr=False)

    def __post_init__(self) -> None:
        if self.counts.shape != (2 ** len(self.lists) - 1,):
            raise ValueError("counts must have one entry per non-empty capture history")

    @property
    def histories(self) -> np.ndarray:
        return all_histories(len(self.lists))

    @property
    def observed(self) -> int:
        return int(self.counts.sum())

    @property
    def list_totals(self) -> dict[str, int]:
        totals = self.histories.T.astype(np.int64) @ self.counts
        return {name: int(n) for name, n in zip(self.lists, totals, strict=True)}

    def overlap(self, i: int, j: int) -> int:
        """Persons recorded by both list ``i`` and list ``j`` (whatever else recorded them)."""
        h = self.histories
        return int(self.counts[(h[:, i] * h[:, j]).astype(bool)].sum())

    def with_counts(self, counts: np.ndarray) -> CaptureTable:
        return CaptureTable(self.lists, np.asarray(counts, dtype=np.int64))

    def to_frame(self, *, include_zero: bool = False) -> pd.DataFrame:
        """The table in the CSV layout (list columns, then ``count``)."""
        frame = pd.DataFrame(self.histories.astype(int), columns=list(self.lists))
        frame[COUNT_COLUMN] = self.counts.astype(int)
        if not include_zero:
            frame = frame[frame[COUNT_COLUMN] > 0].reset_index(drop=True)
        return frame

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, count_column: str = COUNT_COLUMN) -> CaptureTable:
        """Check and complete a table in the CSV layout. Rows with the same history are
        added up; histories not given count zero. Errors name the row (1 = first data
        row) and the column, in Norwegian and English."""
        if count_column not in frame.columns:
            raise _invalid(
                f"Tabellen mangler tellekolonnen «{count_column}»",
                f"The table has no count column '{count_column}'",
            )
        lists = tuple(str(c).strip() for c in frame.columns if c != count_column)
        if len(lists) == 0:
            raise _invalid("Tabellen har ingen listekolonner", "The table has no list columns")
        if len(lists) > 15:
            raise _invalid(
                f"For mange lister ({len(lists)}); høyst 15 støttes",
                f"Too many lists ({len(lists)}); at most 15 are supported",
            )
        if any(name == "" for name in lists) or len(set(lists)) != len(lists):
            raise _invalid(
                "Listenavnene må være unike og ikke tomme",
                "List names must be unique and not empty",
            )
        values = {}
        for column in [*frame.columns]:
            values[column] = _integer_column(frame[column], str(column))
        histories = np.column_stack(
            [values[c] for c in frame.columns if c != count_column]
        ) if len(frame) else np.zeros((0, len(lists)), dtype=np.int64)
        counts = values[count_column]
        for position, column in enumerate(lists):
            bad = np.flatnonzero((histories[:, position] != 0) & (histories[:, position] != 1))
            if bad.size:
                raise _invalid(
                    f"Rad {bad[0] + 1}, kolonne «{column}»: må være 0 eller 1",
                    f"Row {bad[0] + 1}, column '{column}': must be 0 or 1",
                )
        negative = np.flatnonzero(counts < 0)
        if negative.size:
            raise _invalid(
                f"Rad {negative[0] + 1}, kolonne «{count_column}»: antallet kan ikke være negativt",
                f"Row {negative[0] + 1}, column '{count_column}': the count cannot be negative",
            )
        nobody = np.flatnonzero((histories.sum(axis=1) == 0) & (counts > 0))
        if nobody.size:
            raise _invalid(
                f"Rad {nobody[0] + 1}: personer som ingen liste har registrert, kan ikke telles",
                f"Row {nobody[0] + 1}: persons recorded by no list cannot be counted",
            )
        full = np.zeros(2 ** len(lists) - 1, dtype=np.int64)
        index = {int(code): pos for pos, code in enumerate(_history_codes(all_histories(len(lists))))}
        for code, n in zip(_history_codes(histories), counts, strict=True):
            if code:
                full[index[int(code)]] += int(n)
        return cls(lists, full)

    @classmethod
    def from_csv(cls, path: str | Path, *, count_column: str = COUNT_COLUMN) -> CaptureTable:
        """Read a CSV file in the layout of ``henvis/stats/mse/data/*.csv``."""
        try:
            frame = pd.read_csv(path, dtype=str, skipinitialspace=True)
        except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise _invalid(
                f"Kan ikke lese tabellen {path}: {exc}", f"Cannot read the table {path}: {exc}"
            ) from exc
        return cls.from_frame(frame, count_column=count_column)


def _integer_column(series: pd.Series, name: str) -> np.ndarray:
    out = np.empty(len(series), dtype=np.int64)
    for row, value in enumerate(series.tolist()):
        text = str(value).strip() if value is not None else ""
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if not np.isfinite(number) or number != int(number) or abs(number) > 2**53:
            raise _invalid(
                f"Rad {row + 1}, kolonne «{name}»: «{text}» er ikke et heltall",
                f"Row {row + 1}, column '{name}': '{text}' is not a whole number",
            )
        out[row] = int(number)
    return out


def capture_histories_from_memberships(
    memberships: pd.DataFrame,
    *,
    person: str = "person_id",
    list_column: str = "list",
    lists: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Turn (person, list) memberships into a capture-history table.

    Each row says that a (linked, pseudonymous) person was recorded by a list; repeated
    rows count once. ``lists`` fixes the columns and their order (lists nobody is on get a
    column of zeros, so that a year-to-year comparison keeps its layout).

    >>> m = pd.DataFrame({"person_id": [1, 1, 2, 3, 3, 3],
    ...                   "list": ["A", "B", "A", "A", "B", "C"]})
    >>> capture_histories_from_memberships(m).to_dict("list")
    {'A': [1, 1, 1], 'B': [0, 1, 1], 'C': [0, 0, 1], 'count': [1, 1, 1]}
    """
    for column in (person, list_column):
        if column not in memberships.columns:
            raise _invalid(f"Kolonnen «{column}» mangler", f"The column '{column}' is missing")
    pairs = memberships[[person, list_column]].dropna().drop_duplicates()
    names = list(lists) if lists is not None else sorted(pairs[list_column].astype(str).unique())
    unknown = set(pairs[list_column].astype(str)) - set(names)
    if unknown:
        raise _invalid(
            f"Ukjente lister: {', '.join(sorted(unknown))}",
            f"Unknown lists: {', '.join(sorted(unknown))}",
        )
    wide = pd.crosstab(pairs[person], pairs[list_column].astype(str)).reindex(
        columns=names, fill_value=0
    )
    wide = (wide > 0).astype(int)
    table = wide.groupby(names, sort=True).size().reset_index(name=COUNT_COLUMN)
    order = np.lexsort([-table[c].to_numpy() for c in reversed(names)] + [table[names].sum(axis=1).to_numpy()])
    return table.iloc[order].reset_index(drop=True)


@dataclass(frozen=True)
class RemovedList:
    """A list left out because it carries no information about the dark figure."""

    name: str
    reason: str  # "empty", "contains_all" or "duplicate"
    duplicate_of: str | None = None


def remove_noninformative_lists(table: CaptureTable) -> tuple[CaptureTable, list[RemovedList]]:
    """Leave out lists that hold nobody, lists that hold everybody observed, and lists
    whose column repeats an earlier list's (SparseMSE ``removenoninformativelists``).

    An empty list would need a main effect of minus infinity; leaving it out gives the
    same (extended maximum-likelihood) fit. A duplicate list adds only aliased terms.
    Unlike SparseMSE this repeats until nothing changes: leaving out a list that holds
    everybody drops the persons only it recorded, which can leave another list holding
    everybody who remains.
    """
    removed: list[RemovedList] = []
    while True:
        table, newly = _remove_once(table)
        if not newly:
            return table, removed
        removed += newly


def _remove_once(table: CaptureTable) -> tuple[CaptureTable, list[RemovedList]]:
    h = table.histories
    observed_rows = table.counts > 0
    removed: list[RemovedList] = []
    keep: list[int] = []
    seen: dict[bytes, int] = {}
    for i, name in enumerate(table.lists):
        key = h[observed_rows, i].tobytes()
        if key in seen:
            removed.append(RemovedList(name, "duplicate", table.lists[seen[key]]))
            continue
        seen[key] = i
        keep.append(i)
    totals = h.T.astype(np.int64) @ table.counts
    kept: list[int] = []
    for i in keep:
        if totals[i] == 0:
            removed.append(RemovedList(table.lists[i], "empty"))
        elif totals[i] == table.observed:
            removed.append(RemovedList(table.lists[i], "contains_all"))
        else:
            kept.append(i)
    if len(kept) == len(table.lists):
        return table, removed
    if not kept:
        return CaptureTable((), np.zeros(0, dtype=np.int64)), removed
    return project(table, kept), removed


def project(table: CaptureTable, keep: Sequence[int]) -> CaptureTable:
    """The table of the lists ``keep`` only (persons on none of them drop out)."""
    sub = table.histories[:, list(keep)]
    codes = _history_codes(sub)
    target = {int(c): pos for pos, c in enumerate(_history_codes(all_histories(len(keep))))}
    full = np.zeros(2 ** len(keep) - 1, dtype=np.int64)
    for code, n in zip(codes, table.counts, strict=True):
        if code and n:
            full[target[int(code)]] += int(n)
    return CaptureTable(tuple(table.lists[i] for i in keep), full)
