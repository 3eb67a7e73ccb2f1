"""Yearly counts as the "more figures" pages show them (assistance without a criminal
case, screening in asylum and return procedures): one table per measure, each under
disclosure control (``henvis.stats.yearly.protect_yearly``), rendered by the template
``statistics/yearly_tables.html`` that those pages extend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.functional import Promise

from henvis.stats.yearly import protect_nested, protect_yearly


def yearly_tables(figures: Mapping[str, Mapping[int, int]],
                  measures: Iterable[tuple[str, str | Promise]],
                  nested: Sequence[str] = ()) -> list[dict[str, Any]]:
    """``[{"key", "title", "rows": [(year, shown value), ...]}]`` for each measure, in
    order; a measure with no counts has no rows. ``nested``: measures that lie within one
    another, outermost first (screened ⊇ with indicators ⊇ referred), protected together
    so that no difference between them reveals a small count
    (``henvis.stats.yearly.protect_nested``)."""
    tables = []
    nested_rows = protect_nested([(key, figures[key]) for key in nested]) if nested else {}
    for key, title in measures:
        if key in nested_rows:
            tables.append({"key": key, "title": title, "rows": nested_rows[key]})
            continue
        table = protect_yearly(figures[key], key)
        tables.append({"key": key, "title": title, "rows": list(table.display()[key].items()) if table else []})
    return tables
