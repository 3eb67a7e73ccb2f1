"""The person tables of one year, ready for disclosure control as one release.

Every table counts the same persons (those registered, identified for the first time, or
assisted in the year), so they share the grand total and are protected together by
``henvis.stats.disclosure.protect_release``. Tables by exploitation form and by
organisation kind do not add up (one person can have several); the disclosure package
then treats each cell only as "at most the total".

>>> import pandas as pd
>>> from henvis.stats.persons.statistics import unique_persons, validate_extract
>>> e = validate_extract(pd.DataFrame({"record_id": list("abc"), "source": ["x", "y", "y"],
...                                    "year": ["2020"] * 3, "sex": ["F", "F", "M"]}))
>>> c = pd.DataFrame({"record_id": list("abc"), "source": ["x", "y", "y"],
...                   "person_id": ["1", "1", "2"], "match_probability": [1, 1, 1]})
>>> person_tables(unique_persons(e, c, samples=0), 2020)["sex-child"].loc["Total", "Total"]
np.int64(2)
"""

from __future__ import annotations

import pandas as pd

from henvis.stats.persons.statistics import PersonStatistics

TOTAL = "Total"
ONE_WAY = ("region", "citizenship", "exploitation_form", "organisation_kind")


def person_tables(stats: PersonStatistics, year: int, measure: str = "registered") -> dict[str, pd.DataFrame]:
    """name -> table (categories, totals last) of the point figures for ``year``."""
    b = stats.breakdown
    b = b[(b.year == year) & (b.measure == measure)]
    total = int(b.loc[b.dimension == "total", "point"].sum())
    tables: dict[str, pd.DataFrame] = {}
    sc = b[b.dimension == "sex_child"]
    split = sc["category"].str.split("|", n=1, expand=True) if len(sc) else pd.DataFrame(columns=[0, 1])
    grid = pd.DataFrame({"sex": split[0], "child": split[1], "n": sc["point"]}) if len(sc) else None
    if grid is not None:
        wide = grid.pivot_table(index="sex", columns="child", values="n", aggfunc="sum", fill_value=0)
        wide[TOTAL] = wide.sum(axis=1)
        wide.loc[TOTAL] = wide.sum(axis=0)
        wide.index.name, wide.columns.name = "sex", "child"
        tables["sex-child"] = wide.astype("int64")
    for dim in ONE_WAY:
        part = b[b.dimension == dim].set_index("category")["point"].sort_index()
        if part.empty:
            continue
        frame = part.to_frame("persons")
        frame.loc[TOTAL] = total
        frame.index.name = dim
        tables[dim] = frame.astype("int64")
    o = stats.overlap
    o = o[o.year == year].set_index("organisations")["point"].reindex(["1", "2", "3+"], fill_value=0)
    frame = o.to_frame("persons")
    frame.loc[TOTAL] = int(frame["persons"].sum())
    frame.index.name = "organisations"
    if measure == "registered":
        tables["organisations-per-person"] = frame.astype("int64")
    return tables
