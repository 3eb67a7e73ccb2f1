"""Counts per year released with the same disclosure control as the other tables (issue 18:
anonymous contacts, screenings in immigration and return, assistance without a criminal
case). Pure: the apps count, this module shapes and protects.

>>> t = protect_yearly({2024: 5, 2025: 2, 2026: 9}, "contacts")
>>> t.display()["contacts"].tolist()
[':', ':', '9', '16']
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from henvis.stats.disclosure import DisclosureRule, ProtectedTable, protect

TOTAL = "I alt"  # the total row, last, as every released table


def yearly_table(counts: Mapping[int, int], column: str) -> pd.DataFrame:
    """One column of counts, a row per year (oldest first) and the total row last."""
    years = sorted(counts)
    values = [int(counts[y]) for y in years]
    return pd.DataFrame(
        {column: [*values, sum(values)]}, index=pd.Index([*(str(y) for y in years), TOTAL], name="year"),
    )


def protect_yearly(counts: Mapping[int, int], column: str, rule: DisclosureRule | None = None) -> ProtectedTable | None:
    """The protected table, or None when there is nothing to count yet. Each measure is its
    own table: measures such as "screened" and "referred" overlap and do not add up."""
    if not counts:
        return None
    return protect(yearly_table(counts, column), rule or DisclosureRule(), name=column)
