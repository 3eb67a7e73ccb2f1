"""Small helpers to build count tables (categories, totals last) from person facts."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

TOTAL = "Total"


def crosstab(facts: pd.DataFrame, rows: str, cols: str, row_order: Sequence[str],
             col_order: Sequence[str], *, total: int | None = None) -> pd.DataFrame:
    """Persons by ``rows`` x ``cols``; ``facts`` may hold several rows per person when a
    dimension is multi-valued, then pass ``total`` (the persons) for the grand total and
    the margins are counted as distinct persons."""
    wide = pd.crosstab(facts[rows], facts[cols]).reindex(index=list(row_order), columns=list(col_order), fill_value=0)
    wide[TOTAL] = facts.drop_duplicates(["person", rows]).groupby(rows).size().reindex(list(row_order), fill_value=0)
    bottom = facts.drop_duplicates(["person", cols]).groupby(cols).size().reindex(list(col_order), fill_value=0)
    grand = int(facts["person"].nunique()) if total is None else total
    wide.loc[TOTAL] = [*bottom.tolist(), grand]
    wide.index.name, wide.columns.name = rows, cols
    return wide.astype("int64")


def one_way(facts: pd.DataFrame, column: str, order: Sequence[str], name: str = "persons") -> pd.DataFrame:
    counts = facts.drop_duplicates(["person", column]).groupby(column).size().reindex(list(order), fill_value=0)
    frame = counts.to_frame(name)
    frame.loc[TOTAL] = int(facts["person"].nunique())
    frame.index.name = column
    return frame.astype("int64")
