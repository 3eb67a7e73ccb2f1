"""Tabell 2, 3 and 4 of KOM's report for 2020, rebuilt from the transcribed police-report
records, equal the tables printed in seed 001 (§ 8.3) cell by cell, character by
character (including "-" against empty cells, and "hvorav ... grov(e)")."""

from __future__ import annotations

import pytest

from henvis.stats.registry import load_kom_seed
from henvis.stats.tables import KOM_2020, ReportTable
from henvis.stats.tables.police import tabell_2, tabell_3, tabell_4
from henvis.stats.tables.tests.published import normalise_header, tab_table

YEARS = [2016, 2017, 2018, 2019, 2020]


def _compare(ours: ReportTable, number: int, *, skip_our_last_row: bool = False) -> None:
    header, rows = tab_table(number)
    assert [normalise_header(h) for h in header] == [
        normalise_header(h) for h in [ours.row_header, *ours.column_labels]
    ]
    our_rows = ours.csv_rows()[1:]
    if skip_our_last_row:
        our_rows = our_rows[:-1]
    assert len(our_rows) == len(rows)
    for published, mine in zip(rows, our_rows, strict=True):
        published = published + [""] * (len(mine) - len(published))
        assert mine == published, f"Tabell {number}, row {published[0]}"


def test_tabell_2_reports_2020_by_district_and_form() -> None:
    table = tabell_2(load_kom_seed(), 2020, KOM_2020)
    _compare(table, 2)
    assert table.cell("Totalsum", "Total") == 39
    assert table.subtotals is not None and table.subtotals[-1][-1] == 3


def test_tabell_3_reports_by_form_2016_2020() -> None:
    table = tabell_3(load_kom_seed(), YEARS, KOM_2020)
    # KOM prints no totals row in Tabell 3; ours (the CSV contract) is the column sums.
    _compare(table, 3, skip_our_last_row=True)
    body = table.values[:-1]
    assert table.values[-1] == tuple(sum(r[j] or 0 for r in body) for j in range(len(body[0])))


def test_tabell_4_reports_by_district_2016_2020() -> None:
    _compare(tabell_4(load_kom_seed(), YEARS, KOM_2020), 4)


@pytest.mark.parametrize("number", [2, 3, 4])
def test_reproduction_fails_when_a_record_changes(number: int) -> None:
    """The comparison is not vacuous: moving one 2020 report to another district or form
    breaks the reproduction of every table that shows it."""
    from dataclasses import replace

    ds = load_kom_seed()
    i = next(i for i, r in enumerate(ds.police_reports) if r.year == 2020 and r.police_district == "troms")
    moved = list(ds.police_reports)
    moved[i] = replace(moved[i], police_district="nordland", exploitation_form="tilrettelegging")
    ds = replace(ds, police_reports=tuple(moved))
    builders = {2: lambda: tabell_2(ds, 2020, KOM_2020), 3: lambda: tabell_3(ds, YEARS, KOM_2020),
                4: lambda: tabell_4(ds, YEARS, KOM_2020)}
    with pytest.raises(AssertionError):
        _compare(builders[number](), number, skip_our_last_row=number == 3)
