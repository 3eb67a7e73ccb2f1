"""Counts per year released with the same disclosure control as the other tables (issue 18:
anonymous contacts, screenings in immigration and return, assistance without a criminal
case). Pure: the apps count, this module shapes and protects.

>>> t = protect_yearly({2024: 5, 2025: 2, 2026: 9}, "contacts")
>>> t.display()["contacts"].tolist()
[':', ':', '9', '16']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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


def protect_nested(levels: Sequence[tuple[str, Mapping[int, int]]],
                   rule: DisclosureRule | None = None) -> dict[str, list[tuple[str, str]]]:
    """Counts that lie within one another (persons screened ⊇ with indicators ⊇ referred),
    each shown per year, protected together.

    Protected one by one, two such tables give away their difference: screened 10 and
    with indicators 9 tell that one person was screened without indicators. So the
    protected table is the disjoint one (screened without indicators, with indicators but
    not referred, referred; the screened total as its total column), and each level is
    shown only where every part it sums is published (otherwise ":"): what is shown is a
    sum of published cells and reveals nothing the table does not.

    >>> shown = protect_nested([("screened", {2025: 10, 2026: 12}), ("indicators", {2025: 9, 2026: 6})])
    >>> shown["screened"], shown["indicators"]
    ([('2025', '10'), ('2026', '12'), ('I alt', '22')], [('2025', ':'), ('2026', ':'), ('I alt', '15')])

    (One person screened in 2025 without indicators: 10 and 9 are not both shown.)
    """
    names = [name for name, _counts in levels]
    if not levels or not levels[0][1]:
        return {name: [] for name in names}
    years = sorted(levels[0][1])
    full = [[int(counts.get(y, 0)) for y in years] for _name, counts in levels]
    parts = [[a - b for a, b in zip(outer, inner, strict=True)] for outer, inner in zip(full, full[1:], strict=False)]
    parts.append(full[-1])
    if any(v < 0 for part in parts for v in part):
        raise ValueError("the levels are not nested: a level holds more than the one before it")
    columns = [f"part_{name}" for name in names]
    frame = pd.DataFrame(
        {**{c: [*p, sum(p)] for c, p in zip(columns, parts, strict=True)}, TOTAL: [*full[0], sum(full[0])]},
        index=pd.Index([*(str(y) for y in years), TOTAL], name="year"),
    )
    frame.columns.name = "level"
    table = protect(frame, rule or DisclosureRule(), name="nested")
    hidden = table.suppressed
    shown = table.display()
    out: dict[str, list[tuple[str, str]]] = {}
    for k, name in enumerate(names):
        rows = []
        for label in frame.index:
            if k == 0:
                value = shown.at[label, TOTAL]
            elif any(bool(hidden.at[label, c]) for c in columns[k:]):
                value = ":"
            else:
                value = str(int(frame.loc[label, columns[k:]].sum()))
            rows.append((str(label), str(value)))
        out[name] = rows
    return out
