"""Cells kept out of secondary suppression (the headline totals, issue #21)."""

from __future__ import annotations

import pandas as pd
import pytest

from henvis.stats.disclosure import Cell, DisclosureError, protect_release


def _sex_age(unknown_child: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"adult": [40, 30, 4, 74], "child": [6, 5, unknown_child, 11 + unknown_child]},
        index=pd.Index(["F", "M", "unknown", "Total"], name="sex"),
    ).assign(Total=lambda f: f.sum(axis=1)).rename_axis(columns="age")


def test_kept_totals_are_not_chosen_and_the_interior_pays_instead() -> None:
    table = _sex_age(1)
    free = protect_release({"t": table})["t"]
    keep = {Cell("t", r, "Total") for r in table.index} | {Cell("t", "Total", c) for c in table.columns}
    kept = protect_release({"t": table}, keep=keep)["t"]
    assert kept.suppressed.at["unknown", "child"]
    assert not kept.suppressed["Total"].any() and not kept.suppressed.loc["Total"].any()
    assert kept.suppressed_count >= free.suppressed_count


def test_a_small_cell_that_only_a_kept_total_could_protect_is_refused() -> None:
    # one-way: F + M + unknown = Total; with F, M and Total kept the 1 is derivable
    table = pd.DataFrame({"persons": [40, 30, 1, 71]}, index=pd.Index(["F", "M", "unknown", "Total"], name="sex"))
    keep = {Cell("t", r, "persons") for r in ("F", "M", "Total")}
    assert protect_release({"t": table})["t"].suppressed_count == 2
    with pytest.raises(DisclosureError):
        protect_release({"t": table}, keep=keep)
